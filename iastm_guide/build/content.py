"""The content rules in the build: iastm_guide/content/ applied to MkDocs' pages.

The same checkers as `make check` (iastm_guide/check.py), on the page as its editor
wrote it, before anything rewrites it; their problems go to the `check` logger.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.build.state import Build, checks, log, warn
from iastm_guide.content import checks as content_checks
from iastm_guide.content import front_matter, glossary, images, review_dates
from iastm_guide.content import rules as content_rules
from iastm_guide.security.files import NotTextError, read_text


def load_rules(build: Build) -> None:
    """content-rules.yml, read once (again only when it changes; serve watches it)."""
    path = build.root / content_rules.FILE_NAME
    build.watch(path)
    try:
        build.rules = content_rules.load(path)
    except content_rules.RulesError as err:
        raise PluginError(str(err)) from None


def load_glossary(build: Build) -> None:
    """The glossary, given to the `abbr` extension once a build (see content/glossary.py)."""
    config: MkDocsConfig = build.config
    path = Path(config.docs_dir) / glossary.GLOSSARY
    name = build.name(path)
    if "abbr" not in config.markdown_extensions:
        log.warning(f"{name}: the glossary needs the `abbr` Markdown extension; add it to mkdocs.yml")
        return
    if not path.is_file():
        checks.warning(f"{name}: the glossary file is missing; restore it (see CONTRIBUTING.md)")
        return
    try:
        text = read_text(path, name)
    except NotTextError as err:
        raise PluginError(str(err)) from None
    terms, problems = glossary.read_glossary(text, name)
    warn(problems)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = terms


def check_svgs(build: Build, files: Files) -> Files:
    """Every SVG under docs/ has a title (content/images.py)."""
    docs = Path(build.config.docs_dir).resolve()
    for file in files:
        path = file.abs_src_path
        if path and path.lower().endswith(".svg") and Path(path).resolve().is_relative_to(docs):
            warn(images.check_svg(Path(path).read_text(encoding="utf-8"), build.name(path)))
    return files


def check_page(build: Build, markdown: str, page: Page) -> str:
    """Every content rule on the page as written; readability figures and the review
    date kept for the templates and the end-of-build summary."""
    source = build.source(page)
    report = content_checks.check_page(source, build.rules, build.today)
    warn(report.problems)
    if report.readability.figures is not None:
        limits = report.readability.limits
        page.meta["readability"] = {
            **asdict(report.readability.figures),
            **(asdict(limits) if limits else {}),
        }
    checks.info(str(report.readability.note))
    if report.due is not None:
        line = front_matter.due_line(source.meta, source.key_lines, report.due)
        build.due[page.file.src_uri] = (source.name, line, report.due)
    return markdown


def glossary_tooltips(build: Build, html: str, page: Page) -> str:
    """Each term's tooltip on its first use only; none on the glossary page."""
    if page.meta.get("page_type") == "glossary":
        return glossary.unwrap_abbreviations(html)
    return glossary.first_use_only(html)


def review_notice(build: Build, context: dict[str, Any], page: Page) -> dict[str, Any]:
    """`review_notice` for the template: the day an overdue page was due for review."""
    found = build.due.get(page.file.src_uri)
    if found is not None and found[2].overdue:
        day = found[2].on
        context["review_notice"] = {"date": day.isoformat(), "text": review_dates.long_date(day)}
    return context


def review_summary(build: Build) -> None:
    """One INFO message listing the pages due for review (never a failure)."""
    if build.due:
        log.info(front_matter.summary(list(build.due.values()), build.rules.warn_days))
