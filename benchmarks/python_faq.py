"""The Python FAQ from Debian's ``python3-doc`` package, as help center content.

``python3-doc`` depends on ``python3.X-doc``, which holds the HTML; both are fetched with
``apt-get download`` (no root needed) into ``~/.cache/wagtail-helpcenter/python3-doc/``
and unpacked with ``dpkg-deb -x``. The FAQ is ``usr/share/doc/python3.X-doc/html/faq/``
(``usr/share/doc/python3/html`` is a link to it).

Each FAQ file becomes a category and each question an article: its title is the
question, its body the answer converted by the importers' HTML converter (the code
that turns a Zendesk article into blocks), sub-headings and code blocks kept.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

CACHE = Path.home() / ".cache" / "wagtail-helpcenter" / "python3-doc"
FAQ_FILES = [
    "general",
    "programming",
    "design",
    "library",
    "extending",
    "windows",
    "gui",
    "installed",
]


class FAQUnavailable(RuntimeError):
    """The FAQ could not be fetched; the message says what to do."""


@dataclass
class Question:
    file: str  # "programming"
    title: str  # the question, as the FAQ words it
    answer_html: str

    @property
    def words(self):
        text = BeautifulSoup(self.answer_html, "html.parser").get_text(" ")
        return len(self.title.split()) + len(text.split())


def _run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise FAQUnavailable(f"`{' '.join(command)}` failed: {result.stderr.strip()[-500:]}")
    return result.stdout


def _doc_package(cache):
    """The versioned package python3-doc depends on (python3.11-doc on bookworm)."""
    if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
        raise FAQUnavailable(
            "apt-get and dpkg-deb are needed to fetch Debian's python3-doc. Elsewhere, unpack "
            "python3.X-doc by hand and pass --faq-dir .../html/faq"
        )
    debs = sorted(cache.glob("python3-doc_*.deb"))
    if not debs:
        _run(["apt-get", "download", "python3-doc"], cache)
        debs = sorted(cache.glob("python3-doc_*.deb"))
    depends = _run(["dpkg-deb", "--field", str(debs[-1]), "Depends"], cache)
    match = re.search(r"python3\.\d+-doc", depends)
    if not match:
        raise FAQUnavailable(f"python3-doc names no python3.X-doc package: {depends!r}")
    return match.group(0)


def fetch_faq(cache=CACHE):
    """The directory of the FAQ's HTML files, downloaded and unpacked on first use."""
    cache.mkdir(parents=True, exist_ok=True)
    unpacked = cache / "unpacked"
    found = sorted(unpacked.glob("usr/share/doc/python3.*-doc/html/faq"))
    if found:
        return found[-1]
    package = _doc_package(cache)
    debs = sorted(cache.glob(f"{package}_*.deb"))
    if not debs:
        _run(["apt-get", "download", package], cache)
        debs = sorted(cache.glob(f"{package}_*.deb"))
    _run(["dpkg-deb", "-x", str(debs[-1]), str(unpacked)], cache)
    found = sorted(unpacked.glob("usr/share/doc/python3.*-doc/html/faq"))
    if not found:
        raise FAQUnavailable(f"{debs[-1].name} holds no html/faq directory")
    return found[-1]


def package_version(cache=CACHE):
    debs = sorted(cache.glob("python3.*-doc_*.deb"))
    return debs[-1].name.removesuffix("_all.deb") if debs else "unpacked by hand"


def _text(tag):
    return " ".join(tag.get_text(" ", strip=True).replace("¶", "").split())


def read_file(path, site):
    """``(category title, [Question])`` of one FAQ file. A question is a section without
    sections inside (the others group questions, like "Threads" in library.html)."""
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = document.find("div", attrs={"role": "main"})
    top = main.find("section")
    category = _text(top.find("h1"))
    questions = []
    for section in top.find_all("section"):
        if section.find("section"):
            continue
        heading = section.find(re.compile(r"^h[1-6]$"))
        title = _text(heading)
        heading.decompose()
        for link in section.find_all("a", class_="headerlink"):
            link.decompose()
        for link in section.find_all("a", href=True):  # ../library/os.html: to the docs' site
            link["href"] = urljoin(site, link["href"])
        answer = section.decode_contents().strip()
        if not BeautifulSoup(answer, "html.parser").get_text(strip=True):
            continue  # "General GUI Questions": a heading with nothing under it
        questions.append(Question(file=path.stem, title=title, answer_html=answer))
    return category, questions


def read_faq(directory):
    """``{file stem: (category title, [Question])}`` in FAQ_FILES order. Links point to
    the same pages on docs.python.org."""
    version = re.search(r"python(3\.\d+)-doc", str(directory))
    site = f"https://docs.python.org/{version.group(1) if version else '3'}/faq/"
    return {name: read_file(directory / f"{name}.html", site) for name in FAQ_FILES}
