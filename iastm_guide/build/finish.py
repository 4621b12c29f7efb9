"""The one pass after the build: every built page read once and written once.

After MkDocs and every plugin have written the site (redirect stubs included):
1. the theme's stylesheets are trimmed to what the pages use (weight/css_trim.py) and
   the site's own CSS and scripts lose their comments (weight/minify.py);
2. the Content Security Policy allows exactly the inline scripts and styles that the
   THEME produces (Material's templates with overrides/), never what is found in the
   built pages: the page template is rendered again for each address depth the site
   uses, with no page and no content, and only those renders' inline code is hashed
   (security/policy.py). A script that came from content can never be allowed;
3. then each HTML file is read once, and in memory: a redirect stub gets the one fixed
   script (so one hash serves every redirect), the References page keeps only the
   cited entries, the stylesheet links point at the trimmed copies, anything the policy
   would block fails the build naming its source file and line, and the policy goes
   first in <head>; the file is written once;
4. `_headers` carries the same policy for hosts that send headers (security/headers.py).
`mkdocs serve` injects a live-reload script that changes with every request, so while
serving the policy allows inline scripts instead of listing hashes (logged).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.commands.build import get_context

from iastm_guide.build.state import Build, log
from iastm_guide.references import render
from iastm_guide.security import headers, policy
from iastm_guide.weight import css_trim, minify

# The one script in every redirect stub: go to the stub's canonical address, keeping
# the #fragment (mkdocs-redirects' own script wrote the target into the script).
REDIRECT_SCRIPT = (
    'var l=document.querySelector("link[rel=canonical]"),a=location.hash;l&&location.replace(l.href+a)'
)
STUB_SCRIPT = re.compile(
    r"<script>var anchor=window\.location\.hash\.substr\(1\);location\.href=.*?</script>"
)
FIX_BLOCKED = (
    "would be blocked by the Content Security Policy (readers would silently lose it). Put looks in "
    "docs/stylesheets/extra.css behind a class ({ .class-name } after the element) "
    "and behaviour in a script file; see iastm_guide/build/finish.py"
)


def theme_inline(build: Build, *, redirects: bool) -> tuple[set[str], set[str]]:
    """Hashes of the inline scripts and styles the page template renders, for every
    base_url the site was rendered with, with no page (as for the 404 page); and the
    redirect stubs' one script when the site has redirects."""
    assert build.env is not None and build.nav is not None and build.files is not None
    template = build.env.get_template("main.html")
    scripts = {policy.sha256_source(REDIRECT_SCRIPT)} if redirects else set()
    styles: set[str] = set()
    for base_url in sorted(build.base_urls):
        context = get_context(build.nav, build.files, build.config, base_url=base_url)
        found = policy.find_inline(template.render(context))
        scripts.update(policy.sha256_source(text) for text in found.scripts)
        styles.update(policy.sha256_source(text) for text in found.styles)
    return scripts, styles


def _redirect_stubs(build: Build, site_dir: Path) -> set[Path]:
    plugin = build.config.plugins.get("redirects")
    if plugin is None:
        return set()
    from mkdocs_redirects.plugin import get_html_path

    maps = plugin.config.get("redirect_maps", {}) or {}
    return {site_dir / get_html_path(old, build.config.use_directory_urls) for old in maps}


def _where(build: Build, built: str, blocked: policy.Blocked, nth: int) -> str:
    """The source file and line of the `nth` (0-based) such markup in a built file."""
    source = build.built_from.get(built)
    if source is not None and source.is_file():
        lines = source.read_text(encoding="utf-8").splitlines()
        pattern = re.compile(blocked.needle, re.IGNORECASE)
        found = [n for n, line in enumerate(lines, 1) for _ in pattern.finditer(line)]
        name = build.name(source)
        return f"{name}:{found[nth]}" if nth < len(found) else f"{name} (built as {built}:{blocked.line})"
    return (
        f"{built}:{blocked.line} (not from a Markdown page: a template in overrides/, a hook or an HTML file)"
    )


def _check(
    build: Build, built: str, html: str, allowed: tuple[set[str], set[str]], seen: policy.Seen
) -> None:
    """Warn about everything in one built file that the policy would block."""
    found = policy.find_inline(html, seen)
    for kind, texts, hashes in (("script", found.scripts, allowed[0]), ("style", found.styles, allowed[1])):
        for text in texts:
            if policy.sha256_source(text) not in hashes:
                log.warning(
                    f"{build.built_from.get(built, built)}: an inline <{kind}> the theme does not produce "
                    f"({text[:60]!r}...) would be blocked by the Content Security Policy; scripts and "
                    "styles come from the theme and docs/stylesheets/extra.css only: remove it"
                )
    counts: dict[str, int] = {}
    for blocked in found.blocked:
        nth = counts[blocked.needle] = counts.get(blocked.needle, -1) + 1
        log.warning(f"{_where(build, built, blocked, nth)}: {blocked.what} {FIX_BLOCKED}")


def _minify_own_files(build: Build, site_dir: Path) -> None:
    for script in build.config.extra_javascript:
        path = site_dir / str(script)
        if path.suffix == ".js" and path.is_file():
            path.write_text(minify.strip_header_comment(path.read_text(encoding="utf-8")), encoding="utf-8")
    for name in build.config.extra_css:
        path = site_dir / str(name)
        if path.suffix == ".css" and path.is_file():
            path.write_text(minify.minify(path.read_text(encoding="utf-8")), encoding="utf-8")


def finish_site(build: Build) -> None:
    site_dir = Path(build.config.site_dir)
    _minify_own_files(build, site_dir)
    trim = css_trim.plan(site_dir, build.used)
    if trim.problem:
        log.warning(f"iastm_guide/weight/css_trim.py: {trim.problem}")
    for path, css in trim.sheets.items():
        path.write_text(css, encoding="utf-8")
    stubs = _redirect_stubs(build, site_dir)
    allowed = theme_inline(build, redirects=bool(stubs))
    if build.serving:
        log.info("mkdocs serve: the Content Security Policy allows inline scripts (live reload)")
    site_policy = policy.compose(*allowed, inline_scripts=build.serving)
    seen = policy.Seen()  # the navigation's elements and lines, read once for every page
    for path in sorted(site_dir.rglob("*.html")):  # one file in memory at a time
        built = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        if path in stubs:
            html = STUB_SCRIPT.sub(f"<script>{REDIRECT_SCRIPT}</script>", html)
        if built in build.full_lists:
            html = render.cited_only(html, build.cited)
        html = trim.repoint(html)
        _check(build, built, html, allowed, seen)
        updated = policy.insert_meta(html, site_policy)
        if updated is None:
            log.warning(
                f"{built}: no <head>, so no Content Security Policy can be set; give the file a <head> "
                "or do not ship it"
            )
            updated = html
        path.write_text(updated, encoding="utf-8")
    text = headers.headers_file(site_policy)
    for number, problem in headers.headers_problems(text):
        log.warning(f"_headers:{number}: {problem}")
    (site_dir / "_headers").write_text(text, encoding="utf-8")
