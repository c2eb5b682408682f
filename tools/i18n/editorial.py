"""Strings visitors read from the editorial tools (the glossary, old Zendesk links), as
(nl, fa, lv, zh_Hans) per English text."""

TRANSLATIONS = {
    "Glossary": ("Woordenlijst", "واژه‌نامه", "Glosārijs", "术语表"),
    "Glossary by letter": (
        "Woordenlijst per letter",
        "واژه‌نامه بر پایهٔ حروف",
        "Glosārijs pēc burtiem",
        "按字母浏览术语表",
    ),
    "Glossary · %(help_center)s": (
        "Woordenlijst · %(help_center)s",
        "واژه‌نامه · %(help_center)s",
        "Glosārijs · %(help_center)s",
        "术语表 · %(help_center)s",
    ),
    "What the words used in %(help_center)s mean, from A to Z.": (
        "Wat de woorden in %(help_center)s betekenen, van A tot Z.",
        "معنای واژه‌هایی که در %(help_center)s به کار می‌روند، از الف تا ی.",
        "Ko nozīmē %(help_center)s lietotie vārdi, no A līdz Z.",
        "%(help_center)s 中所用词语的含义，从 A 到 Z。",
    ),
    "In the glossary": ("In de woordenlijst", "در واژه‌نامه", "Glosārijā", "术语表中"),
    "Glossary: the words we use, from A to Z": (
        "Woordenlijst: de woorden die we gebruiken, van A tot Z",
        "واژه‌نامه: واژه‌هایی که به کار می‌بریم، از الف تا ی",
        "Glosārijs: mūsu lietotie vārdi no A līdz Z",
        "术语表：我们使用的词语，从 A 到 Z",
    ),
    "No help center page has this old Zendesk address.": (
        "Geen pagina van het helpcentrum heeft dit oude Zendesk-adres.",
        "هیچ صفحه‌ای از مرکز راهنما این نشانی قدیمی Zendesk را ندارد.",
        "Nevienai palīdzības centra lapai nav šīs vecās Zendesk adreses.",
        "帮助中心没有页面使用这个旧的 Zendesk 地址。",
    ),
}  # fmt: skip
