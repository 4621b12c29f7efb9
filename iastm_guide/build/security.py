"""The build as gatekeeper: content is untrusted input (it comes from pull requests).

The rules live in iastm_guide/security/ (no MkDocs there); these steps apply them:
- files: a symbolic link anywhere under docs/ (or a snippet folder) stops the build
  before anything is copied, naming the path; so does a page or text file that is not
  UTF-8, or front matter MkDocs itself cannot read (an impossible date such as
  2026-02-30), each as one line with the file and line instead of a traceback. SVG
  files may not hold scripts, handlers or outside references; stylesheets may not
  load anything from another host; an HTML file is held to the same rules as pages;
  a refused SVG or HTML file is not published even by a failed build.
- page_markdown (after the page-as-written checks): snippets are expanded
  (content/snippets.py), so included text is cited, checked and numbered like the
  rest; a missing snippet or one outside the snippet folders is a problem with file
  and line.
- page_content: the rendered content may not hold scripts, styles, handlers, frames,
  forms, <meta>, <base>, javascript:/data: URLs or remote resources (markup.py); each
  fails the build with file, line and the fix, and is shown as inert text, so even a
  failed build's output runs nothing. Every text value of the page's front matter is
  HTML-escaped (as Markup), so templates print it as text wherever they print it.
- post_page: links that leave the site are marked (links.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.build.state import Build, checks, log, warn
from iastm_guide.content import front_matter
from iastm_guide.content.snippets import Expander
from iastm_guide.problems import Problem
from iastm_guide.security import files as file_rules
from iastm_guide.security import links, markup


def snippet_settings(config_settings: dict[str, Any], root: Path) -> dict[str, Any]:
    """pymdownx.snippets' settings from mkdocs.yml, with base paths from the project root."""
    settings = dict(config_settings)
    bases = settings.get("base_path", ["."])
    # Snippet paths are relative to where mkdocs runs; the project root is that place.
    settings["base_path"] = [str(root / base) for base in ([bases] if isinstance(bases, str) else bases)]
    return settings


def prepare_snippets(build: Build) -> None:
    settings = snippet_settings(build.config.mdx_configs.get("pymdownx.snippets", {}), build.root)
    build.expander = Expander(settings, build.root)
    build.snippet_folders = [Path(base) for base in settings["base_path"]]


def gate_files(build: Build, files: Files) -> Files:
    """Stop on links, non-UTF-8 text and unreadable front matter; refuse unsafe SVG and HTML."""
    root = build.root
    docs = Path(build.config.docs_dir)
    folders = dict.fromkeys([docs, *build.snippet_folders])
    fatal = [
        problem for folder in folders if folder.is_dir() for problem in file_rules.symlinks(folder, root)
    ]
    paths = sorted(path for path in docs.rglob("*") if path.is_file() and not path.is_symlink())
    refused: set[str] = set()  # files that fail the build are not published either
    fatal += list(file_rules.not_utf8(paths, root))
    for path in paths:
        name = os.path.relpath(path, root)
        suffix = path.suffix.lower()
        if suffix not in (".md", ".svg", ".css", ".html", ".htm") or any(p[0] == name for p in fatal):
            continue
        text = path.read_text(encoding="utf-8-sig")
        if suffix == ".md":
            problem = front_matter.as_written_problem(text)
            if problem and problem[2]:
                fatal.append((name, problem[0], problem[1]))
        elif suffix == ".svg":
            for _, line, message in file_rules.svg_problems(text, name):
                log.warning(f"{name}:{line}: the SVG {message}")
                refused.add(str(path))
        elif suffix == ".css":
            for _, line, message in file_rules.css_problems(text, name):
                log.warning(f"{name}:{line}: the stylesheet {message}")
        else:  # an HTML file is published as it stands: the same rules as page content
            for finding in markup.find(text):
                line = text.count("\n", 0, max(text.find(finding.tag), 0)) + 1
                log.warning(f"{name}:{line}: {finding.message()}")
                refused.add(str(path))
    if fatal:
        for name, line, message in fatal:
            log.error(f"{name}:{line}: {message}")
        raise PluginError(
            f"the build stopped before reading the pages: {len(fatal)} file problem(s), listed above"
        )
    for file in [f for f in files if f.abs_src_path and str(Path(f.abs_src_path)) in refused]:
        files.remove(file)
    return files


def expand_snippets(build: Build, markdown: str, page: Page) -> str:
    """Snippets expanded before citations are read; each line remembers where it came from."""
    expanded = build.expander.expand(markdown)
    build.expansions[page.file.src_uri] = expanded
    offset = build.source(page).offset
    warn(Problem(build.source_path(page), line + offset, message) for line, message in expanded.problems)
    return str(expanded.text)


def _where(build: Build, page: Page, finding: markup.Finding) -> str:
    """file:line of the finding in the page's Markdown (or an included file)."""
    source = page.file.content_string
    expanded = build.expansions.get(page.file.src_uri)
    names = [(build.source_path(page), source)]
    names += [
        (name, (build.root / name).read_text(encoding="utf-8")) for name in getattr(expanded, "included", [])
    ]
    for needle in finding.needles:
        pattern = re.compile(needle, re.IGNORECASE)
        for name, text in names:
            found = pattern.search(text)
            if found:
                return f"{name}:{text.count(chr(10), 0, found.start()) + 1}"
    return f"{build.source_path(page)} (written with character references or made by an extension)"


def check_content(build: Build, html: str, page: Page) -> str:
    """Front matter escaped for templates; forbidden markup refused and made inert."""
    page.meta = markup.escape_meta(page.meta)
    findings = markup.find(html)
    for finding in findings:
        log.warning(f"{_where(build, page, finding)}: {finding.message()}")
    return markup.neutralise(html, findings) if findings else html


def mark_external_links(build: Build, output: str, page: Page) -> str:
    """rel="noopener noreferrer", an icon and hidden text on links that leave the site."""
    marked = links.mark_article(output, urlsplit(build.config.site_url or "").netloc)
    if marked is None:
        log.warning(
            f"{page.file.src_uri}: the page has no <article>, so its external links cannot be "
            "marked; overrides/main.html must keep Material's content block"
        )
        return output
    return marked


__all__ = ["checks"]
