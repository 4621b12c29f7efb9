"""The study data in the build: labels, tables of studies, the evidence map and the
search flow rendered into pages from `[[markers]]` (iastm_guide/evidence/).

- config: the label rule (content-rules.yml, `evidence_labels`); serve watches evidence/.
- files: the condition pages (slug and title); the data is loaded and checked against
  references.bib and those pages. Any bad record stops the build, one line a problem.
- page_markdown: markers are expanded after the content checks (which read the page
  as written) and before the citations are prepared for mkdocs-bibtex, which must see
  the `[@key]` citations the tables make (evidence/markers.py says how this becomes a
  Markdown extension). A condition page must show its own label and studies.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.build.state import Build, log
from iastm_guide.content.page import Source
from iastm_guide.evidence import EvidenceError, data, markers, rule
from iastm_guide.evidence.render import Condition


def _fail(err: EvidenceError) -> PluginError:
    return PluginError("\n".join(err.problems))


def load_rule(build: Build) -> None:
    try:
        build.evidence_rule = rule.load_rule(build.root / "content-rules.yml")
    except EvidenceError as err:
        raise _fail(err) from err
    if (build.root / "evidence").is_dir():
        build.watch(build.root / "evidence")


def _title(text: str, src: str) -> str:
    title = Source.read(src, text).meta.get("title")
    return str(title) if title else Path(src).stem.replace("-", " ").capitalize()


def load_data(build: Build, files: Files) -> Files:
    build.evidence = None
    studies = build.root / "evidence" / "studies.yml"
    if not studies.is_file():
        return files  # no data: a page with a marker says so (markers.expand)
    conditions = tuple(
        Condition(Path(f.src_uri).stem, _title(f.content_string, f.src_uri))
        for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri)
        if f.src_uri.startswith("conditions/") and f.src_uri.count("/") == 1 and f.name != "index"
    )
    entries = build.bib.data.entries
    try:
        evidence = data.load_studies(studies, set(entries), {c.slug for c in conditions})
        evidence = data.load_search_log(build.root / "evidence" / "search-log.yml", evidence)
    except EvidenceError as err:
        raise _fail(err) from err
    years = {key: str(entry.fields.get("year", "")) for key, entry in entries.items()}
    build.evidence = markers.Site(build.evidence_rule, evidence, conditions, years)
    log.debug("Loaded %d study records", len(evidence.studies))
    return files


def expand(build: Build, markdown: str, page: Page) -> str:
    src = build.source_path(page)
    if build.evidence is None:
        if markers.markers_in(markdown):
            raise PluginError(f"{src}: the page has evidence markers but there is no evidence/studies.yml")
        return markdown
    missing = markers.required(build.source(page).page_type, page.file.src_uri, markdown)
    if missing:
        raise PluginError("\n".join(f"{src}:1: {problem}" for problem in missing))
    try:
        return markers.expand(
            markdown,
            build.evidence,
            page.file.src_uri,
            src,
            locate=lambda line: build.problem(page, line, "").where(),
        )
    except EvidenceError as err:
        raise _fail(err) from err
