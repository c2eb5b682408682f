"""Correctly spelt sentences of help articles, per language, for ``benchmarks.spelling``:
what the spelling check should leave alone, and the words it makes typos of."""

SAMPLES = {
    "en": [
        "To change your password, open Settings and choose Security.",
        "You can download your invoices as PDF files from the Billing page.",
        "If the payment fails, check that your card has not expired and try again.",
        "Invite your colleagues from the Team page; each of them gets an email with a link.",
        "Cancelling your subscription takes effect at the end of the billing period.",
        "Export your data before you delete the account: deleted accounts cannot be restored.",
        "Turn on two-factor authentication to protect your account.",
        "Your order ships within two working days, and the tracking number is sent by email.",
        "Write to support@acme.example or open acme.example/help for more.",
    ],
    "nl": [
        "Om je wachtwoord te wijzigen, open je Instellingen en kies je Beveiliging.",
        "Je kunt je facturen als PDF downloaden op de pagina Facturering.",
        "Als de betaling mislukt, controleer dan of je creditcard niet verlopen is en "
        "probeer het opnieuw.",
        "Nodig je collega's uit via de teampagina; ieder van hen krijgt een e-mail met een link.",
        "Het opzeggen van je abonnement gaat in aan het einde van de factureringsperiode.",
        "Exporteer je gegevens voordat je het account verwijdert.",
        "Zet tweestapsverificatie aan om je account te beschermen.",
        "Je bestelling wordt binnen twee werkdagen verzonden en je ontvangt het "
        "trackingnummer per e-mail.",
        "Schrijf naar support@acme.example of open acme.example/help voor meer.",
    ],
    "lv": [
        "Lai mainītu paroli, atveriet iestatījumus un izvēlieties sadaļu Drošība.",
        "Rēķinus varat lejupielādēt PDF formātā lapā Norēķini.",
        "Ja maksājums neizdodas, pārbaudiet, vai jūsu kredītkartei nav beidzies derīguma "
        "termiņš, un mēģiniet vēlreiz.",
        "Uzaiciniet kolēģus lapā Komanda; katrs no viņiem saņems e-pastu ar saiti.",
        "Abonementa atcelšana stājas spēkā norēķinu perioda beigās.",
        "Pirms konta dzēšanas eksportējiet savus datus.",
        "Ieslēdziet divpakāpju autentifikāciju, lai aizsargātu savu kontu.",
        "Jūsu pasūtījums tiek nosūtīts divu darba dienu laikā, un izsekošanas numurs tiek "
        "nosūtīts pa e-pastu.",
        "Rakstiet uz support@acme.example vai atveriet acme.example/help.",
    ],
    "fa": [
        "برای تغییر رمز عبور، تنظیمات را باز کنید و امنیت را انتخاب کنید.",
        "می‌توانید فاکتورهای خود را به صورت PDF از صفحه صورت‌حساب دانلود کنید.",
        "اگر پرداخت انجام نشد، بررسی کنید که کارت شما منقضی نشده باشد و دوباره تلاش کنید.",
        "همکاران خود را از صفحه تیم دعوت کنید؛ هر کدام یک ایمیل با پیوند دریافت می‌کنند.",
        "لغو اشتراک در پایان دوره صورت‌حساب اعمال می‌شود.",
        "پیش از حذف حساب، داده‌های خود را صادر کنید.",
        "برای محافظت از حساب خود، تأیید دو مرحله‌ای را فعال کنید.",
        "سفارش شما ظرف دو روز کاری ارسال می‌شود و شماره پیگیری از طریق ایمیل فرستاده می‌شود.",
        "به support@acme.example بنویسید یا acme.example/help را باز کنید.",
    ],
}
