"""Render the study data into pages: labels, tables of studies, the evidence map, the search flow.

Concern: the evidence data (`evidence/studies.yml`, `evidence/search-log.yml`) and
the label rule (`content-rules.yml`, `evidence_labels`). A thin adapter: the logic is
in `iastm_guide.evidence`, which imports nothing from MkDocs.
- on_config: read the rule; `make serve` watches evidence/ too.
- on_files: the condition pages (slug and title); the data is loaded and checked
  against references.bib and those pages. Any bad record stops the build, one line
  per problem with the file and line.
- on_page_markdown, priority 120: `[[markers]]` are expanded after the content checks
  (150), which read the page as written, and before hooks/citations.py (100) and
  mkdocs-bibtex (0), which must see the `[@key]` citations the tables make. This is
  a hook, not a Markdown extension, for that reason; iastm_guide/evidence/markers.py
  says how it becomes one. A condition page must show its own label and studies.
"""

from __future__ import annotations

from pathlib import Path

import markdown_source as md
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.evidence import EvidenceError, data, markers, rule
from iastm_guide.evidence.render import Condition

log = get_plugin_logger(__name__)
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_rule: rule.Rule | None = None
_site: markers.Site | None = None


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _fail(err: EvidenceError) -> PluginError:
    return PluginError("\n".join(err.problems))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _rule
    root = _root(config)
    try:
        _rule = rule.load_rule(root / "content-rules.yml")
    except EvidenceError as err:
        raise _fail(err) from err
    if (root / "evidence").is_dir() and str(root / "evidence") not in config.watch:
        config.watch.append(str(root / "evidence"))
    return config


def _title(text: str, src: str) -> str:
    match = md.FRONT_MATTER.match(text)
    meta = yaml.load(match.group("yaml"), Loader=SAFE_LOADER) if match else None
    title = meta.get("title") if isinstance(meta, dict) else None
    return str(title) if title else Path(src).stem.replace("-", " ").capitalize()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _site
    _site = None
    root = _root(config)
    studies = root / "evidence" / "studies.yml"
    if not studies.is_file():
        return files  # no data: a page with a marker says so (markers.expand)
    conditions = tuple(
        Condition(Path(f.src_uri).stem, _title(f.content_string, f.src_uri))
        for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri)
        if f.src_uri.startswith("conditions/") and f.src_uri.count("/") == 1 and f.name != "index"
    )
    entries = config.plugins["bibtex"].registry.bib_data.entries  # type: ignore[attr-defined]
    assert _rule is not None, "on_config has not run"
    try:
        evidence = data.load_studies(studies, set(entries), {c.slug for c in conditions})
        evidence = data.load_search_log(root / "evidence" / "search-log.yml", evidence)
    except EvidenceError as err:
        raise _fail(err) from err
    years = {key: str(entry.fields.get("year", "")) for key, entry in entries.items()}
    _site = markers.Site(_rule, evidence, conditions, years)
    log.debug("Loaded %d study records", len(evidence.studies))
    return files


def _required(page: Page, markdown: str) -> list[str]:
    """A condition page shows its own label and its own table of studies."""
    if page.meta.get("page_type") != "condition" or not page.file.src_uri.startswith("conditions/"):
        return []
    slug = Path(page.file.src_uri).stem
    found = set(markers.markers_in(markdown))
    return [
        f"a condition page shows {what} from the study data: add [[{name}: {slug}]] to "
        "'## What the research says and how sure we are'"
        for name, what in (("label", "its evidence label"), ("studies", "every study we found"))
        if (name, slug) not in found
    ]


@event_priority(
    115
)  # after snippets (130), content checks (150); before citations.py (100), mkdocs-bibtex (0)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = md.source_path(page, config)
    if _site is None:
        if markers.markers_in(markdown):
            raise PluginError(f"{src}: the page has evidence markers but there is no evidence/studies.yml")
        return markdown
    missing = _required(page, markdown)
    if missing:
        raise PluginError("\n".join(f"{src}:1: {problem}" for problem in missing))
    try:
        offset = md.page_offset(page)
        return markers.expand(
            markdown, _site, page.file.src_uri, src, locate=lambda line: md.where(page, config, line, offset)
        )
    except EvidenceError as err:
        raise _fail(err) from err
