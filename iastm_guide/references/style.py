"""What stays the site's own in a reference: its one link, and how it is written out.

The text of each reference comes from a published style (csl.py: NLM/Vancouver, by
citeproc-py); this module adds the reference's one link, the DOI, else the PubMed
record, else the web address (each link is marked as leaving the site, and every byte
counts against the page-weight budget), and writes the parts as Markdown (for the
per-page footnotes, which mkdocs-bibtex places) or HTML (for the References page):

    Braun M, Schwickert M, Nielsen A, et al. Effectiveness of ... . Pain Medicine.
    2011;12(3):362-9. doi:10.1111/...

It also reads BibTeX's LaTeX markup (`latex_to_text`) and names a person the way the
list is sorted (`format_person`). Hand-written, and small: no library writes one
link per reference, and escaping for Python-Markdown is this site's concern. No MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from pybtex.database import Entry, Person
from pybtex.richtext import Text


@dataclass(frozen=True)
class Part:
    text: str
    url: str | None = None


LATEX_MARKUP = re.compile(r"[{}\\$~%&^_]|--|``|''")


def latex_to_text(value: str) -> str:
    """Decode BibTeX/LaTeX markup (braces, accents) to plain Unicode text."""
    if not LATEX_MARKUP.search(value):
        return " ".join(value.split())  # plain text: skip the (slow) LaTeX parser
    return " ".join(str(Text.from_latex(value)).split())


def _initials(names: list[str]) -> str:
    letters = []
    for name in names:
        for piece in re.split(r"[\s-]+", latex_to_text(name)):
            piece = piece.strip(".")
            if piece:
                letters.append(piece[0].upper())
    return "".join(letters)


def format_person(person: Person) -> str:
    last = " ".join(latex_to_text(p) for p in person.prelast_names + person.last_names)
    if not person.first_names and not person.middle_names:
        return last  # a corporate author such as {NHS England}
    suffix = " ".join(latex_to_text(p) for p in person.lineage_names).replace(".", "")
    name = f"{last} {_initials(person.first_names + person.middle_names)}"
    return f"{name} {suffix}".strip()


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;.-_")


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def link(entry: Entry) -> Part | None:
    """The reference's one link: the DOI, else the PubMed record, else the web address."""
    doi, pmid, url = entry.fields.get("doi"), entry.fields.get("pmid"), entry.fields.get("url")
    if doi:
        return Part(f"doi:{doi}", doi_url(doi))
    if pmid:
        return Part(f"PubMed {pmid}", pubmed_url(pmid))
    if url:
        return Part(url, url)
    return None


def reference(text: str, entry: Entry) -> list[Part]:
    """A reference as parts: the style's text, then its one link."""
    found = link(entry)
    return [Part(text), found] if found else [Part(text)]


# Characters Python-Markdown reads as markup: escaped with a backslash where it has
# an escape for them, written as character references where it has none (a
# backslash before "<", "&" or "|" would be printed as it stands).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}


def markdown_text(text: str) -> str:
    """Plain text made safe to put in Markdown: it renders as exactly this text."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "".join(_ENTITIES.get(char, char) for char in text)


def to_markdown(parts: list[Part]) -> str:
    out = []
    for part in parts:
        text = markdown_text(part.text)
        out.append(f"[{text}](<{part.url}>)" if part.url else text)
    return " ".join(out)


def to_html(parts: list[Part]) -> str:
    out = []
    for part in parts:
        text = html.escape(part.text)
        out.append(f'<a href="{html.escape(part.url)}">{text}</a>' if part.url else text)
    return " ".join(out)
