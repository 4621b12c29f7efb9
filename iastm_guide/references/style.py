"""Format a BibTeX entry as a reference in a numbered medical (Vancouver-like) style.

A helper module for the hooks (not a hook itself). It turns a pybtex entry into a
list of parts: plain text, or text with a link. Two small renderers turn the parts
into Markdown (for the per-page reference list) or HTML (for the References page).

    Braun M, Schwickert M, Nielsen A, et al. Effectiveness of ... . Pain Med.
    2011;12(3):362-9.  doi:10.1111/...  PubMed: 21276190
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from pybtex.database import Entry, Person
from pybtex.richtext import Text

MAX_AUTHORS = 6  # Vancouver: list six, then "et al."


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


def format_authors(entry: Entry) -> str:
    people = entry.persons.get("author", [])
    names = [format_person(p) for p in people if str(p) != "others"]
    truncated = len(names) > MAX_AUTHORS or any(str(p) == "others" for p in people)
    names = names[:MAX_AUTHORS]
    if not names:
        return ""
    text = ", ".join(names)
    return f"{text}, et al." if truncated else f"{text}."


def _field(entry: Entry, name: str) -> str:
    return latex_to_text(entry.fields.get(name, ""))


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _pages(pages: str) -> str:
    return pages.replace("--", "-").replace("\u2013", "-")


def _ordinal(number: str) -> str:
    suffix = {"1": "st", "2": "nd", "3": "rd"}.get(number[-1], "th")
    return f"{number}th" if number[-2:] in ("11", "12", "13") else f"{number}{suffix}"


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;.-_")


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def format_entry(entry: Entry) -> list[Part]:
    """The reference as parts, in a fixed order, ending with its links."""
    kind = entry.type.lower()
    head = " ".join(
        s
        for s in (
            format_authors(entry),
            _sentence(_field(entry, "title")),
        )
        if s
    )
    year = _field(entry, "year")
    source = ""
    if kind == "article":
        source = _field(entry, "journal")
        volume, number, pages = (
            _field(entry, "volume"),
            _field(entry, "number"),
            _pages(_field(entry, "pages")),
        )
        detail = year
        if volume:
            detail += f";{volume}"
        if number:
            detail += f"({number})"
        if pages:
            detail += f":{pages}"
        source = f"{_sentence(source)} {_sentence(detail)}".strip()
    elif kind == "book":
        edition = _field(entry, "edition")
        bits = [f"{_ordinal(edition)} ed." if edition.isdigit() and edition != "1" else ""]
        publisher = _field(entry, "publisher")
        bits.append(_sentence("; ".join(x for x in (publisher, year) if x)))
        source = " ".join(b for b in bits if b)
    elif kind == "techreport":
        kind_name = " ".join(x for x in (_field(entry, "type"), _field(entry, "number")) if x)
        place = ": ".join(x for x in (_field(entry, "address"), _field(entry, "institution")) if x)
        source = " ".join(
            s for s in (_sentence(kind_name), _sentence("; ".join(x for x in (place, year) if x))) if s
        )
    else:
        source = " ".join(s for s in (_sentence(_field(entry, "howpublished")), _sentence(year)) if s)
    parts = [Part(" ".join(s for s in (head, source) if s))]
    doi, pmid, url = entry.fields.get("doi"), entry.fields.get("pmid"), entry.fields.get("url")
    # One link a reference: the DOI, else the PubMed record, else the URL (each link is
    # marked as leaving the site, and every byte counts against the page-weight budget).
    if doi:
        parts.append(Part(f"doi:{doi}", doi_url(doi)))
    elif pmid:
        parts.append(Part(f"PubMed {pmid}", pubmed_url(pmid)))
    elif url:
        parts.append(Part(url, url))
    return parts


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
