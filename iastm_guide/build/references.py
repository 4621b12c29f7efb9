"""References in the build: iastm_guide/references/ applied to MkDocs' pages.

references.bib is parsed once (bibliography.py) and handed to mkdocs-bibtex through
its one adapter (references/mkdocs_bibtex.py); citations are checked on the page with
its snippets expanded (the text `make check` checks) and prepared for the plugin
after the generated blocks are in; the full list is written on the References page
and cut to the cited entries by the one pass after the build.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from iastm_guide.build.state import Build, log, warn
from iastm_guide.references import bibliography, citations, mkdocs_bibtex, render
from iastm_guide.references import checks as bib_checks


def load(build: Build) -> None:
    """Parse references.bib strictly and give it to mkdocs-bibtex (before its on_config)."""
    name = mkdocs_bibtex.bib_file(build.config)
    path = build.root / name
    build.watch(path)
    try:
        build.bib = bibliography.load(path, name)
    except bibliography.BibliographyError as err:
        raise PluginError(str(err)) from None
    mkdocs_bibtex.install(build.config, build.bib)


def check_bibliography(build: Build) -> None:
    """Fields, identifiers and duplicate DOIs of every entry (references/checks.py)."""
    warn(bib_checks.check(build.bib, build.rules.bib_required_fields))


def check_citations(build: Build, markdown: str, page: Page) -> str:
    """Every `[@key]` on the page (included text too) against references.bib."""
    for line, message in citations.check(markdown, build.bib.data.entries.keys()):
        warn([build.problem(page, line, message)])
    return markdown


def prepare_citations(build: Build, markdown: str, page: Page) -> str:
    """Code shielded, wrapped citations joined, a References heading: ready for mkdocs-bibtex."""
    return citations.prepare(markdown)


def full_list(build: Build, markdown: str, page: Page) -> str:
    """`\\full_bibliography` written by the site, not by mkdocs-bibtex (see render.py)."""
    return render.expand_full_list(markdown, build.bib)


def unshield(build: Build, html: str, page: Page) -> str:
    return citations.unshield(html)


def collect_cited(build: Build, html: str, page: Page) -> str:
    """The keys each page really cites (its footnotes, after mkdocs-bibtex)."""
    build.cited.update(render.cited_in(html))
    if render.FULL_LIST_OPEN in html:
        build.full_lists.add(page.file.dest_uri)
    return html


def report_uncited(build: Build) -> None:
    """Entries no page cites, at INFO (reported, not a failure)."""
    for problem in bib_checks.uncited(build.bib, build.cited):
        log.info(str(problem))
