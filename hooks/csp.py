"""A Content Security Policy on every page, and `_headers` carrying the same policy.

Concern: the Content Security Policy (rules and rendering in content_policy.py).
- The policy allows exactly the inline scripts and styles that the THEME produces
  (Material's templates with overrides/), never what is found in the built pages:
  once the site is built, the page template is rendered again for each address depth
  the site uses (the scripts mention the path to the site root), with no page and no
  content, and only those renders' inline scripts and styles are hashed. A script
  that came from content can therefore never be allowed, even if a check missed it.
- mkdocs-redirects' stubs each carry a script naming their target; it is replaced by
  one fixed script that reads the target from the stub's own canonical link, so one
  hash serves every redirect and the policy does not grow as pages move.
- Every built HTML file is then read once: an inline script or style the theme did
  not produce, an inline event handler, a style="..." attribute or a javascript: URL
  fails the build, naming the page's source file and line (content is checked earlier
  by hooks/content_security.py; this is the backstop for templates and HTML files).
- One site-wide policy goes into a <meta> first in every page's <head>, and (plus
  `frame-ancestors 'none'`) into `_headers` with the other security headers; a
  `_headers` line longer than hosts accept fails the build.
- `mkdocs serve` injects a live-reload script that changes with every request, so
  while serving the policy allows inline scripts instead of listing hashes (logged).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

import content_policy
import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_state: dict[str, Any] = {"serving": False}
_sources: dict[str, Path] = {}  # built file (relative to site_dir, posix) -> its Markdown source
_base_urls: set[str] = set()  # every base_url a template was rendered with

# The one script in every redirect stub: go to the stub's canonical address, keeping
# the #fragment (mkdocs-redirects' own script wrote the target into the script).
REDIRECT_SCRIPT = (
    'var l=document.querySelector("link[rel=canonical]"),a=location.hash;l&&location.replace(l.href+a)'
)
STUB_SCRIPT = re.compile(
    r"<script>var anchor=window\.location\.hash\.substr\(1\);location\.href=.*?</script>"
)


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    _sources.clear()
    _base_urls.clear()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    _state["env"], _state["files"] = env, files
    return env


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state["nav"] = nav
    return nav


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    _base_urls.add(str(context.get("base_url", "")))
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    _base_urls.add(str(context.get("base_url", "")))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.abs_src_path:
        _sources[page.file.dest_uri] = Path(page.file.abs_src_path)
    return output


def theme_inline(config: MkDocsConfig, *, redirects: bool) -> tuple[set[str], set[str]]:
    """Hashes of the inline scripts and styles the page template renders, for every
    base_url the site was rendered with, with no page (as for the 404 page); and the
    redirect stubs' one script when the site has redirects."""
    env: jinja2.Environment = _state["env"]
    template = env.get_template("main.html")
    scripts = {content_policy.sha256_source(REDIRECT_SCRIPT)} if redirects else set()
    styles: set[str] = set()
    for base_url in sorted(_base_urls):
        context = get_context(_state["nav"], _state["files"], config, base_url=base_url)
        found = content_policy.find_inline(template.render(context), quick=False)
        scripts.update(content_policy.sha256_source(text) for text in found.scripts)
        styles.update(content_policy.sha256_source(text) for text in found.styles)
    return scripts, styles


def _redirect_stubs(config: MkDocsConfig, site_dir: Path) -> set[Path]:
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return set()
    from mkdocs_redirects.plugin import get_html_path

    maps = plugin.config.get("redirect_maps", {}) or {}
    return {site_dir / get_html_path(old, config.use_directory_urls) for old in maps}


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


def _check(
    path: Path, site_dir: Path, root: Path, allowed: tuple[set[str], set[str]], seen: set[str]
) -> None:
    """Warn about everything in one built file that the policy would block."""
    built = path.relative_to(site_dir).as_posix()
    found = content_policy.find_inline(path.read_text(encoding="utf-8"), seen)
    for kind, texts, hashes in (("script", found.scripts, allowed[0]), ("style", found.styles, allowed[1])):
        for text in texts:
            if content_policy.sha256_source(text) not in hashes:
                log.warning(
                    f"{_sources.get(built, built)}: an inline <{kind}> the theme does not produce "
                    f"({text[:60]!r}...) would be blocked by the Content Security Policy; scripts and "
                    "styles come from the theme and docs/stylesheets/extra.css only: remove it"
                )
    counts: dict[str, int] = {}
    for blocked in found.blocked:
        nth = counts[blocked.needle] = counts.get(blocked.needle, -1) + 1
        log.warning(
            f"{_where(built, blocked, nth, root)}: {blocked.what} would be blocked by the "
            "Content Security Policy (readers would silently lose it). Put looks in "
            "docs/stylesheets/extra.css behind a class ({ .class-name } after the element) "
            "and behaviour in a script file; see hooks/csp.py"
        )


@event_priority(-100)  # last: after every other plugin has written its HTML
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    root = Path(config.config_file_path).parent
    stubs = _redirect_stubs(config, site_dir)
    for stub in stubs:
        if stub.is_file():
            text = stub.read_text(encoding="utf-8")
            stub.write_text(STUB_SCRIPT.sub(f"<script>{REDIRECT_SCRIPT}</script>", text), encoding="utf-8")
    allowed = theme_inline(config, redirects=bool(stubs))
    documents = sorted(site_dir.rglob("*.html"))
    seen: set[str] = set()  # the navigation's tags, checked once for every page
    for path in documents:  # one file in memory at a time
        _check(path, site_dir, root, allowed, seen)
    serving = _state["serving"]
    if serving:
        log.info("mkdocs serve: the Content Security Policy allows inline scripts (live reload)")
    policy = content_policy.compose(*allowed, inline_scripts=serving)
    for path in documents:
        updated = content_policy.insert_meta(path.read_text(encoding="utf-8"), policy)
        if updated is None:
            log.warning(
                f"{path.relative_to(site_dir).as_posix()}: no <head>, so no Content Security "
                "Policy can be set; give the file a <head> or do not ship it"
            )
            continue
        path.write_text(updated, encoding="utf-8")
    headers = content_policy.headers_file(policy)
    for number, problem in content_policy.headers_problems(headers):
        log.warning(f"_headers:{number}: {problem}")
    (site_dir / "_headers").write_text(headers, encoding="utf-8")
