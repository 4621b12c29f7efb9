"""Check the content of `references.bib` (parsed once by bibliography.py).

The rules (each problem at the entry's line, with what to do):
- every entry has the fields its type needs (`references.required_fields` in
  content-rules.yml) and a DOI, a PMID or a stable http(s) URL;
- DOIs are well formed (a bare `10.NNNN/...`, not a URL); PMIDs are numbers;
- no DOI appears in two entries (a key repeated in another case is already refused
  by bibliography.py, which parses the file strictly).
Entries that no page cites are reported at the end of the build (INFO): listed, not a
failure (a reference may be added before the page that cites it). Hand-written: these
are the site's own rules over pybtex's parsed entries. No MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from pybtex.database import BibliographyData, Entry

from iastm_guide.problems import Problem
from iastm_guide.references.bibliography import Bibliography

DOI = re.compile(r"10\.\d{4,9}/\S+")
PMID = re.compile(r"[1-9]\d{0,8}")
STABLE_URL = re.compile(r"https?://[^\s/.]+(?:\.[^\s/.]+)+(?:[/?#]\S*)?")
PERSON_FIELDS = ("author", "editor")


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


def check(bib: Bibliography, required: dict[str, tuple[str, ...]]) -> Iterator[Problem]:
    """Every problem of the bibliography, each at its entry's line."""
    for line, message in problems(bib.data, bib.lines, required):
        yield Problem(bib.name, line, message)


def uncited(bib: Bibliography, cited: Collection[str]) -> Iterator[Problem]:
    """An entry no page cites (keys compared in lower case): reported, not a failure."""
    for key in bib.data.entries:
        if key.lower() not in cited:
            yield Problem(
                bib.name,
                bib.line(key),
                f"entry '{key}' is not cited on any page (reported, not a failure); cite it where it "
                "supports a claim, or remove it",
            )
