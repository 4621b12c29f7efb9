"""Reference lists in HTML: the References page's full list, and what pages cite.

- `full_list`: every entry (or one part: `\\full_bibliography{articles}` lists journal
  articles, `\\full_bibliography{other}` everything else, so a long list can be split
  over two pages that each stay light), sorted by first author, year and title, each with a stable
  anchor (`#ref-KEY`) and no back-links to footnotes that do not exist on that page
  (mkdocs-bibtex's own `\\full_bibliography` has both faults). Material's search leaves
  it out of the index (`data-search-exclude`).
- `cited_in`: the reference keys a rendered page lists in its footnotes.
- `cited_only`: the full list with only the entries some page cites, as the
  References page promises (known once every page is built; the one pass after the
  build applies it).
The per-page lists are footnotes that mkdocs-bibtex writes from the same references
(references/mkdocs_bibtex.py). No MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pybtex.database import Entry

from iastm_guide.references import style
from iastm_guide.references.bibliography import Bibliography

FULL_LIST_COMMAND = "\\full_bibliography"
FULL_LIST = re.compile(r"\\full_bibliography(?:\{(?P<part>articles|other)\})?")
FULL_LIST_OPEN = '<ol class="bibliography"'
FULL_ITEM = re.compile(r'\n?<li id="ref-(?P<key>[^"]+)">.*?</li>', re.S)
FOOTNOTE_ID = re.compile(r'<li id="fn:([^"]+)"')


def _sort_key(entry: Entry) -> tuple[str, str, str]:
    people = entry.persons.get("author", [])
    first = style.format_person(people[0]) if people else ""
    title = style.latex_to_text(entry.fields.get("title", ""))
    return (first.lower(), entry.fields.get("year", ""), title.lower())


def in_part(entry: Entry, part: str | None) -> bool:
    """Whether an entry belongs to a part of the list: all, "articles" or "other"."""
    if part is None:
        return True
    return (str(entry.type).lower() == "article") == (part == "articles")


def full_list(bib: Bibliography, part: str | None = None) -> str:
    """The whole bibliography (or one part) as one HTML list, in the site's style."""
    items = []
    chosen = [(key, entry) for key, entry in bib.data.entries.items() if in_part(entry, part)]
    for key, _ in sorted(chosen, key=lambda item: _sort_key(item[1])):
        body = style.to_html(bib.reference(key))
        items.append(f'<li id="ref-{key}">{body}</li>')
    return f'{FULL_LIST_OPEN} data-search-exclude="reference-list">\n' + "\n".join(items) + "\n</ol>"


def expand_full_list(markdown: str, bib: Bibliography) -> str:
    """A page's `\\full_bibliography` (or `{articles}`, `{other}`) replaced by the list."""
    if FULL_LIST_COMMAND not in markdown:
        return markdown
    return FULL_LIST.sub(lambda m: full_list(bib, m.group("part")), markdown)


def cited_in(html: str) -> set[str]:
    """Lower-case keys of the references a rendered page lists in its footnotes."""
    return {key.lower() for key in FOOTNOTE_ID.findall(html)}


def cited_only(html: str, cited: Collection[str]) -> str:
    """The full bibliography with only the entries some page cites (keys compared in lower case)."""
    return FULL_ITEM.sub(lambda m: m.group(0) if m.group("key").lower() in cited else "", html)
