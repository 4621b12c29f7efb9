"""The build as gatekeeper: content is untrusted input (it comes from pull requests).

Concern: what content may carry into the published site. The rules live in
iastm_guide/security/ (no MkDocs there); this hook applies them at each phase:
- on_files: a symbolic link anywhere under docs/ (or a snippet folder) stops the
  build before anything is copied, naming the path; so does a page or text file that
  is not UTF-8, or front matter MkDocs itself cannot read (an impossible date such as
  2026-02-30), each as one line with the file and line instead of a traceback. SVG
  files may not hold scripts, handlers or outside references; stylesheets may not
  load anything from another host; an HTML file is held to the same rules as pages;
  a refused SVG or HTML file is not published even by a failed build.
- on_page_markdown (after the page-as-written checks, before citations): snippets
  are expanded (iastm_guide/content/snippets.py), so included text is cited, checked
  and numbered like the rest; a missing snippet or one outside the snippet folders is
  a problem with file and line.
- on_page_content: the rendered content may not hold scripts, styles, handlers,
  frames, forms, <meta>, <base>, javascript:/data: URLs or remote resources
  (iastm_guide/security/markup.py); each fails the build with file, line and the fix,
  and is shown as inert text, so even a failed build's output runs nothing. Every
  text value of the page's front matter is HTML-escaped (as Markup), so templates
  print a title like "</title><script>" as text wherever they print it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import markdown_source as md
import yaml
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.content.snippets import Expander
from iastm_guide.security import files as file_rules
from iastm_guide.security import markup

log = get_plugin_logger(__name__)

_state: dict[str, Any] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _snippet_settings(config: MkDocsConfig) -> dict[str, Any]:
    settings = dict(config.mdx_configs.get("pymdownx.snippets", {}))
    bases = settings.get("base_path", ["."])
    settings["base_path"] = [bases] if isinstance(bases, str) else list(bases)
    return settings


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = _root(config)
    settings = _snippet_settings(config)
    # Snippet paths are relative to where mkdocs runs; the project root is that place.
    settings["base_path"] = [str(root / base) for base in settings["base_path"]]
    _state["expander"] = Expander(settings, root)
    _state["snippet_folders"] = [Path(base) for base in settings["base_path"]]
    return config


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key written twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key '{key}' is written twice (lines {seen[key]} and {key_node.start_mark.line + 2}); "
                "keep one: YAML would silently drop the other value",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 2  # file line: the opening --- is line 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def front_matter_problem(source: str) -> tuple[int, str, bool] | None:
    """(line, message, fatal) when a page's front matter cannot be read as written.
    Fatal problems (a date that is no real day) would make MkDocs drop the whole front
    matter silently, or crash; a repeated key loses one of its values."""
    match = md.FRONT_MATTER.match(source)
    if not match:
        return None
    try:
        yaml.load(match.group("yaml"), Loader=_UniqueKeyLoader)
    except yaml.constructor.ConstructorError as err:
        line = err.problem_mark.line + 2 if err.problem_mark else 1
        return line, f"front matter: {err.problem}", False
    except yaml.YAMLError:
        return None  # hooks/frontmatter.py explains YAML syntax errors with the file and line
    except ValueError as err:  # a date such as 2026-02-30: day is out of range for month
        lines = match.group("yaml").split("\n")
        bad = next((n + 2 for n, line in enumerate(lines) if _impossible_date(line)), 1)
        return (
            bad,
            (
                f"front matter has a date that is not a real day ({err}); write a real date as "
                "YYYY-MM-DD, for example 2026-02-28"
            ),
            True,
        )
    return None


def _impossible_date(line: str) -> bool:
    found = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", line)
    if not found:
        return False
    try:
        dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return True
    return False


@event_priority(100)  # before any hook reads a file
def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = _root(config)
    docs = Path(config.docs_dir)
    folders = dict.fromkeys([docs, *_state["snippet_folders"]])
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
            problem = front_matter_problem(text)
            if problem and problem[2]:
                fatal.append((name, problem[0], problem[1]))
            elif problem:
                log.warning(f"{name}:{problem[0]}: {problem[1]}")
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


@event_priority(130)  # after the page-as-written checks (150); before generated blocks and citations
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    expanded = _state["expander"].expand(markdown)
    md.remember_expansion(page, expanded)
    src, offset = md.source_path(page, config), md.page_offset(page)
    for line, message in expanded.problems:
        log.warning(f"{src}:{line + offset}: {message}")
    return str(expanded.text)


def escape_meta(value: Any) -> Any:
    """Text values (nested too) as escaped Markup; dates, numbers and flags unchanged."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escape_meta(item) for item in value]
    if isinstance(value, dict):
        return {key: escape_meta(item) for key, item in value.items()}
    return value


def _where(page: Page, config: MkDocsConfig, finding: markup.Finding) -> str:
    """file:line of the finding in the page's Markdown (or an included file)."""
    source = page.file.content_string
    expanded = md.expansion(page)
    names = [(md.source_path(page, config), source)]
    names += [(name, (_root(config) / name).read_text(encoding="utf-8")) for name in expanded.included]
    for needle in finding.needles:
        pattern = re.compile(needle, re.IGNORECASE)
        for name, text in names:
            found = pattern.search(text)
            if found:
                return f"{name}:{text.count(chr(10), 0, found.start()) + 1}"
    return f"{md.source_path(page, config)} (written with character references or made by an extension)"


@event_priority(100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta = escape_meta(page.meta)
    findings = markup.find(html)
    for finding in findings:
        log.warning(f"{_where(page, config, finding)}: {finding.message()}")
    return markup.neutralise(html, findings) if findings else html
