"""The build's pipeline: the order of the steps in each MkDocs phase, named in one place.

hooks/ holds one thin file per phase; each calls the function of the same name here,
which runs that phase's steps in the order below. Data flows one way: the page as its
editor wrote it is checked first; then snippets are expanded, citations checked, the
generated blocks (urgent help, evidence) written in, citations prepared for
mkdocs-bibtex; Material renders; the finished pages are marked and collected; one
pass over the built site finishes it.

Where a phase must run before or after another plugin, the hook's priority says so
(PRIORITY below): the config steps before mkdocs-bibtex reads references.bib; the
page_markdown steps before mkdocs-bibtex turns citations into footnotes; page_context
after Material's search has indexed the page; post_page and post_build last.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from iastm_guide import cache
from iastm_guide.build import content, evidence, findability, finish, references, security, urgent, weight
from iastm_guide.build.state import Build
from iastm_guide.content import review_dates

CONFIG: tuple[Callable[[Build], None], ...] = (
    content.load_rules,  # content-rules.yml: every checker's limits and lists
    references.load,  # references.bib parsed once, handed to mkdocs-bibtex
    references.check_bibliography,
    content.load_glossary,  # the glossary, given to the abbr extension
    security.prepare_snippets,
    evidence.load_rule,
    urgent.load,
    weight.inline_icons,
)
FILES: tuple[Callable[[Build, Files], Files], ...] = (
    security.gate_files,  # before anything reads a file: links, encodings, unsafe SVG/HTML
    content.check_svgs,
    findability.robots,
    evidence.load_data,
    urgent.check_data,
)
PAGE_MARKDOWN: tuple[Callable[[Build, str, Page], str], ...] = (
    content.check_page,  # the page as written: front matter, sections, readability, claims, images
    security.expand_snippets,
    references.check_citations,  # on the text `make check` checks: the page with its snippets
    urgent.expand,
    evidence.expand,
    references.prepare_citations,  # after the generated blocks, which cite too
    references.full_list,
    findability.sitemap_date,
)
PAGE_CONTENT: tuple[Callable[[Build, str, Page], str], ...] = (
    security.check_content,
    references.unshield,
    references.collect_cited,
    content.glossary_tooltips,
)
PAGE_CONTEXT: tuple[Callable[[Build, dict[str, Any], Page], dict[str, Any]], ...] = (
    findability.structured,
    findability.handout_qr,
    content.review_notice,
)
POST_PAGE: tuple[Callable[[Build, str, Page], str], ...] = (
    security.mark_external_links,
    weight.collect_used,  # after every other change to the page
)
POST_BUILD: tuple[Callable[[Build], None], ...] = (
    references.report_uncited,
    findability.write_security_txt,
    finish.finish_site,  # the one pass over the built pages
    content.review_summary,  # the last thing said
)
PRIORITY = {
    "config": 100,  # before mkdocs-bibtex's on_config (0)
    "files": 100,
    "page_markdown": 100,  # before mkdocs-bibtex (0)
    "page_content": 100,
    "page_context": -50,  # after Material's search (0) has indexed and cleaned the page
    "post_page": -100,
    "post_build": -100,  # after mkdocs-redirects and the search index are written
}

_serving = False
_build: Build | None = None


def current() -> Build:
    if _build is None:
        raise PluginError("the build's state is missing: hooks/config.py must run first (mkdocs.yml, hooks)")
    return _build


def startup(command: Literal["build", "gh-deploy", "serve"]) -> None:
    global _serving
    _serving = command == "serve"


def config(mkdocs_config: MkDocsConfig) -> MkDocsConfig:
    global _build
    try:
        today = review_dates.today()
    except ValueError as err:  # a malformed IASTM_TODAY stops the build here, once
        raise PluginError(str(err)) from err
    _build = Build(mkdocs_config, Path(mkdocs_config.config_file_path).parent, _serving, today)
    for step in CONFIG:
        step(_build)
    return mkdocs_config


def files(found: Files) -> Files:
    build = current()
    build.files = found
    for step in FILES:
        found = step(build, found)
    return found


def nav(navigation: Navigation) -> Navigation:
    current().nav = navigation
    return navigation


def env(environment: jinja2.Environment, found: Files) -> jinja2.Environment:
    build = current()
    build.env, build.files = environment, found
    # The theme's templates compiled once, not on every build: `make serve` loads the
    # configuration, and so a new Jinja environment, on every rebuild.
    if environment.bytecode_cache is None:
        environment.bytecode_cache = cache.jinja_bytecode_cache()
    return environment


def page_markdown(markdown: str, page: Page) -> str:
    build = current()
    for step in PAGE_MARKDOWN:
        markdown = step(build, markdown, page)
    return markdown


def page_content(html: str, page: Page) -> str:
    build = current()
    for step in PAGE_CONTENT:
        html = step(build, html, page)
    return html


def page_context(context: dict[str, Any], page: Page) -> dict[str, Any]:
    build = current()
    build.base_urls.add(str(context.get("base_url", "")))
    for step in PAGE_CONTEXT:
        context = step(build, context, page)
    return context


def template_context(context: dict[str, Any]) -> dict[str, Any]:
    current().base_urls.add(str(context.get("base_url", "")))  # 404.html and other templates
    return context


def post_template(output: str) -> str:
    current().used.collect(output)  # 404.html
    return output


def post_page(output: str, page: Page) -> str:
    build = current()
    if page.file.abs_src_path:
        build.built_from[page.file.dest_uri] = Path(page.file.abs_src_path)
    for step in POST_PAGE:
        output = step(build, output, page)
    return output


def post_build() -> None:
    build = current()
    for step in POST_BUILD:
        step(build)
