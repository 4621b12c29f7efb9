"""A Content Security Policy on every page, and `_headers` carrying the same policy.

Concern: the Content Security Policy (rules and rendering in content_policy.py).
- When the whole site is built (last, after mkdocs-redirects writes its stubs), every
  HTML file is read and every executable inline <script> and <style> element hashed.
  JSON data blocks (`application/json`, `application/ld+json`) are not scripts: skipped.
- One site-wide policy, with the union of all hashes, goes into a <meta> first in every
  page's <head>, and (plus `frame-ancestors 'none'`) into `_headers` with the other
  security headers, so the two cannot drift apart.
- Markup the policy would block (inline event handlers, style="..." attributes,
  javascript: URLs) fails the build, naming the page's source file and line.
- `mkdocs serve` injects a live-reload script that changes with every request, so
  while serving the policy allows inline scripts instead of listing hashes (logged).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

import content_policy
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_state: dict[str, bool] = {"serving": False}
_sources: dict[str, Path] = {}  # built file (relative to site_dir, posix) -> its Markdown source


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    _sources.clear()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.abs_src_path:
        _sources[page.file.dest_uri] = Path(page.file.abs_src_path)
    return output


def _where(built: str, blocked: content_policy.Blocked, nth: int, root: Path) -> str:
    """The source file and line of the `nth` (0-based) such markup in a built file."""
    source = _sources.get(built)
    if source is not None and source.is_file():
        lines = source.read_text(encoding="utf-8").splitlines()
        pattern = re.compile(blocked.needle, re.IGNORECASE)
        found = [n for n, line in enumerate(lines, 1) for _ in pattern.finditer(line)]
        name = os.path.relpath(source, root)
        return f"{name}:{found[nth]}" if nth < len(found) else f"{name} (built as {built}:{blocked.line})"
    return (
        f"{built}:{blocked.line} (not from a Markdown page: a template in overrides/, a hook or an HTML file)"
    )


@event_priority(-100)  # last: after every other plugin has written its HTML
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    root = Path(config.config_file_path).parent
    # Two passes, one file in memory at a time (a large site's pages do not fit twice over).
    documents = sorted(site_dir.rglob("*.html"))
    script_hashes: set[str] = set()
    style_hashes: set[str] = set()
    harmless_tags: set[str] = set()  # the navigation's tags, checked once for every page
    for path in documents:
        found = content_policy.find_inline(path.read_text(encoding="utf-8"), harmless_tags)
        script_hashes.update(content_policy.sha256_source(text) for text in found.scripts)
        style_hashes.update(content_policy.sha256_source(text) for text in found.styles)
        built = path.relative_to(site_dir).as_posix()
        seen: dict[str, int] = {}
        for blocked in found.blocked:
            nth = seen[blocked.needle] = seen.get(blocked.needle, -1) + 1
            log.warning(
                f"{_where(built, blocked, nth, root)}: {blocked.what} would be blocked by the "
                "Content Security Policy (readers would silently lose it). Put looks in "
                "docs/stylesheets/extra.css behind a class ({ .class-name } after the element) "
                "and behaviour in a script file; see hooks/csp.py"
            )
    serving = _state["serving"]
    if serving:
        log.info("mkdocs serve: the Content Security Policy allows inline scripts (live reload)")
    policy = content_policy.compose(script_hashes, style_hashes, inline_scripts=serving)
    for path in documents:
        updated = content_policy.insert_meta(path.read_text(encoding="utf-8"), policy)
        if updated is None:
            log.warning(
                f"{path.relative_to(site_dir).as_posix()}: no <head>, so no Content Security "
                "Policy can be set; give the file a <head> or do not ship it"
            )
            continue
        path.write_text(updated, encoding="utf-8")
    (site_dir / "_headers").write_text(content_policy.headers_file(policy), encoding="utf-8")
