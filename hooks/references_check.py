"""Check the integrity of `references.bib` (already parsed once by bibliography.py).

Concern: the content of the bibliography.
- Every entry has the fields its type needs (`references.required_fields` in
  content-rules.yml) and a DOI, a PMID or a stable http(s) URL.
- DOIs are well formed (a bare `10.NNNN/...`, not a URL); PMIDs are numbers.
- No DOI appears in two entries (a key repeated in another case is already refused
  by bibliography.py, which parses the file strictly).
- Entries that no page cites are reported at the end of the build at INFO level:
  listed, not a failure (a reference may be added before the page that cites it);
  the References page (the full bibliography) lists only the entries pages cite, as
  it promises, so a reference added early does not weigh on every reader.
Unknown citation keys and text mkdocs-bibtex would mangle are citations.py's concern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import content_rules
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pybtex.database import BibliographyData, Entry

log = get_plugin_logger(__name__)

DOI = re.compile(r"10\.\d{4,9}/\S+")
PMID = re.compile(r"[1-9]\d{0,8}")
STABLE_URL = re.compile(r"https?://[^\s/.]+(?:\.[^\s/.]+)+(?:[/?#]\S*)?")
ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*\{[ \t]*(?P<key>[^,\s]+)[ \t]*,", re.MULTILINE)
FOOTNOTE_ID = re.compile(r'<li id="fn:([^"]+)"')
PERSON_FIELDS = ("author", "editor")

_bib_name = ""  # as written in mkdocs.yml, e.g. references.bib
_lines: dict[str, int] = {}
_cited: set[str] = set()


def entry_lines(text: str) -> dict[str, int]:
    """Line of each entry's `@type{key,` by lower-case key (the last one if repeated)."""
    return {m.group("key").lower(): text.count("\n", 0, m.start()) + 1 for m in ENTRY_START.finditer(text)}


def _has(entry: Entry, name: str) -> bool:
    if name in PERSON_FIELDS:
        return bool(entry.persons.get(name))
    return bool(str(entry.fields.get(name, "")).strip())


def entry_problems(entry: Entry, required: dict[str, tuple[str, ...]]) -> Iterator[str]:
    """What one entry lacks or gets wrong, each with what to do."""
    kind = entry.type.lower()
    if kind not in required:
        yield (
            f"is an @{kind}, a type the site does not check; use one of "
            f"{', '.join('@' + t for t in required)} (or add the type to content-rules.yml)"
        )
    else:
        for spec in required[kind]:
            options = spec.split("|")
            if not any(_has(entry, name) for name in options):
                yield f"has no {' or '.join(options)} field (an @{kind} needs one); copy it from the record"
    doi = str(entry.fields.get("doi", "")).strip()
    pmid = str(entry.fields.get("pmid", "")).strip()
    url = str(entry.fields.get("url", "")).strip()
    if not (doi or pmid or url):
        yield "has no doi, pmid or url; add the DOI or PubMed ID from the record you checked, or a stable URL"
    if doi and not DOI.fullmatch(doi):
        yield f"doi '{doi}' is not a well-formed DOI; write the bare DOI, e.g. 10.4085/1062-6050-481-17"
    if pmid and not PMID.fullmatch(pmid):
        yield f"pmid '{pmid}' is not a PubMed ID; write only its digits, e.g. 31322903"
    if url and not STABLE_URL.fullmatch(url):
        yield f"url '{url}' is not a full web address; write it with https://, as the browser shows it"


def duplicate_dois(data: BibliographyData) -> Iterator[tuple[str, str]]:
    """(key, message) for each entry whose DOI an earlier entry already has."""
    first: dict[str, str] = {}
    for key, entry in data.entries.items():
        doi = str(entry.fields.get("doi", "")).strip().lower()
        if not doi:
            continue
        if doi in first:
            yield key, f"has the same DOI as '{first[doi]}' ({doi}); keep one entry and cite it by one key"
        else:
            first[doi] = key


def problems(
    data: BibliographyData, lines: dict[str, int], required: dict[str, tuple[str, ...]]
) -> Iterator[tuple[int, str]]:
    """(line, message) for every entry problem and repeated DOI."""
    for key, entry in data.entries.items():
        for message in entry_problems(entry, required):
            yield lines.get(key.lower(), 1), f"entry '{key}' {message}"
    for key, message in duplicate_dois(data):
        yield lines.get(key.lower(), 1), f"entry '{key}' {message}"


@event_priority(50)  # after bibliography.py (100) has parsed the file
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bib_name, _lines
    rules = content_rules.for_config(config)
    plugin = config.plugins["bibtex"]
    _bib_name = str(plugin.config.bib_file)
    path = Path(config.config_file_path).parent / _bib_name
    if str(path) not in config.watch:
        config.watch.append(str(path))  # `make serve` rebuilds when the bibliography changes
    _lines = entry_lines(path.read_text(encoding="utf-8"))
    data = plugin.registry.bib_data  # type: ignore[attr-defined]
    for line, message in problems(data, _lines, rules.bib_required_fields):
        log.warning(f"{_bib_name}:{line}: {message}")
    _cited.clear()
    return config


_full_lists: set[str] = set()  # built pages (dest_uri) that hold the full bibliography
FULL_ITEM = re.compile(r'\n?<li id="ref-(?P<key>[^"]+)">.*?</li>', re.S)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Collect the keys each page really cites (its footnotes, after mkdocs-bibtex)."""
    _cited.update(key.lower() for key in FOOTNOTE_ID.findall(html))
    if '<ol class="bibliography">' in html:
        _full_lists.add(page.file.dest_uri)
    return html


def cited_only(html: str, cited: set[str]) -> str:
    """The full bibliography with only the entries some page cites (keys compared in lower case)."""
    return FULL_ITEM.sub(lambda m: m.group(0) if m.group("key").lower() in cited else "", html)


def on_post_build(config: MkDocsConfig) -> None:
    for dest in sorted(_full_lists):
        path = Path(config.site_dir) / dest
        if path.is_file():
            path.write_text(cited_only(path.read_text(encoding="utf-8"), _cited), encoding="utf-8")
    _full_lists.clear()
    data = config.plugins["bibtex"].registry.bib_data  # type: ignore[attr-defined]
    for key in data.entries:
        if key.lower() not in _cited:
            log.info(
                f"{_bib_name}:{_lines.get(key.lower(), 1)}: entry '{key}' is not cited on any page "
                "(reported, not a failure); cite it where it supports a claim, or remove it"
            )
