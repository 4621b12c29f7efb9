"""References in a published medical style: NLM/Vancouver (Citing Medicine), by citeproc-py.

The Citation Style Language (CSL) describes how a style writes a reference; citeproc-py
(a maintained CSL processor) applies it. The style is vendored in styles/ with its
licence (CC BY-SA 3.0): `nlm-citation-sequence.csl`, the National Library of Medicine's
Citing Medicine, which the ICMJE's Vancouver recommendations follow (six authors, then
"et al.", minimal page ranges, abbreviated names).

What stays the site's own (style.py): each reference ends with one link, the DOI, else
the PubMed record, else the web address, because each link is marked as leaving the
site and every byte counts against the page-weight budget. So the identifiers are not
given to citeproc-py; it writes everything before them.

Cost, measured on this machine (2 cores): formatting the 115 entries of
references.bib takes about 0.4 s of CPU, a fifth of a plain Material build of the
site. The result is kept by a hash of references.bib, the style and citeproc-py's
version: in memory across `mkdocs serve` rebuilds, and on disk (IASTM_GUIDE_CACHE,
iastm_guide/cache.py) across builds, so it is paid once per change of the
bibliography, not once per build. No MkDocs here.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pybtex.database import BibliographyData, Entry, Person

from iastm_guide.cache import cache_dir, code_key, write_atomically
from iastm_guide.references.style import latex_to_text

STYLE = Path(__file__).with_name("styles") / "nlm-citation-sequence.csl"
TYPES = {"article": "article-journal", "book": "book", "techreport": "report", "misc": "webpage"}
FIELDS = {  # BibTeX field -> CSL variable
    "title": "title",
    "journal": "container-title",
    "volume": "volume",
    "number": "issue",
    "pages": "page",
    "publisher": "publisher",
    "address": "publisher-place",
    "edition": "edition",
    "howpublished": "medium",
}
NUMBER = re.compile(r"^\d+\.\s*")  # the style's citation number: footnotes number references


def _name(person: Person) -> dict[str, str]:
    given = " ".join(latex_to_text(p) for p in person.first_names + person.middle_names)
    family = " ".join(latex_to_text(p) for p in person.prelast_names + person.last_names)
    if not given:
        return {"literal": family}  # a corporate author such as {NHS England}
    name = {"family": family, "given": given}
    if person.lineage_names:
        name["suffix"] = " ".join(latex_to_text(p) for p in person.lineage_names)
    return name


def item(key: str, entry: Entry) -> dict[str, Any]:
    """One entry as CSL-JSON, without DOI, PMID or URL (the site adds one link itself)."""
    kind = entry.type.lower()
    found: dict[str, Any] = {"id": key.lower(), "type": TYPES.get(kind, "document")}
    people = [p for p in entry.persons.get("author", []) if str(p) != "others"]
    if people:
        found["author"] = [_name(p) for p in people]
    editors = entry.persons.get("editor", [])
    if editors:
        found["editor"] = [_name(p) for p in editors]
    for field, variable in FIELDS.items():
        value = latex_to_text(entry.fields.get(field, ""))
        if value:
            found[variable] = value
    if kind == "techreport":
        found["publisher"] = latex_to_text(entry.fields.get("institution", ""))
        genre = " ".join(x for x in (entry.fields.get("type", ""), entry.fields.get("number", "")) if x)
        if genre:
            found["genre"] = latex_to_text(genre)
    year = entry.fields.get("year", "").strip()
    if year.isdigit():
        found["issued"] = {"date-parts": [[int(year)]]}
    return found


def _format(items: list[dict[str, Any]]) -> list[str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle(str(STYLE), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for each in items:
        bibliography.register(Citation([CitationItem(each["id"])]))
    return [NUMBER.sub("", " ".join(str(text).split())) for text in bibliography.bibliography()]


_memory: dict[str, dict[str, str]] = {}


def format_all(data: BibliographyData, digest: str) -> dict[str, str]:
    """Every entry's reference text (before its link), by lower-case key.

    `digest`: a hash of the bibliography file; with the style's and citeproc-py's it
    names the cached result."""
    source = code_key(STYLE, __file__)[:12]
    key = f"{digest[:16]}-{source}-{version('citeproc-py')}"
    if key in _memory:
        return _memory[key]
    path = cache_dir("references") / f"{key}.json"
    try:
        found: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        items = [item(k, entry) for k, entry in data.entries.items()]
        found = dict(zip((i["id"] for i in items), _format(items), strict=True))
        write_atomically(path, json.dumps(found, ensure_ascii=False).encode("utf-8"))
    _memory[key] = found
    return found
