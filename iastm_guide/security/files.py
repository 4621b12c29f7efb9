"""What may be published from the docs folder: checks on files, not pages.

Everything under docs/ comes from pull requests and is copied to the public site, so:
- no symbolic links: one pointing outside the repository (to /etc/passwd, or the build
  machine's environment) would be followed by MkDocs and published;
- text files (pages, stylesheets, SVG, includes) must be UTF-8: MkDocs stops with a
  Python traceback otherwise;
- an SVG is a document a browser runs when opened directly: no scripts, event
  handlers, <foreignObject>, or references to anything outside the file;
- a stylesheet may not load anything from another host (@import, url()).

Each problem is (path relative to the project, line, message). Plain functions over
files and text: no MkDocs, so `make check` and any site generator can use them.
Why hand-written: these are the site's own rules; the parsing is the standard
library's (os.walk, xml.etree, re over CSS tokens that matter here).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from iastm_guide.security.markup import BAD_SCHEMES, url_scheme

Problem = tuple[str, int, str]  # (path as an editor names it, line, message)

TEXT_SUFFIXES = (".md", ".markdown", ".css", ".svg", ".html", ".htm", ".js", ".json", ".yml", ".yaml", ".txt")
SVG_EVENT = re.compile(r"^on", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import\b", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]*)(?P=q)\s*\)""", re.IGNORECASE)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _name(path: Path, root: Path) -> str:
    return os.path.relpath(path, root)


def symlinks(folder: Path, root: Path) -> Iterator[Problem]:
    """Every symbolic link under `folder` (files and folders, never followed)."""
    for directory, dirs, files in os.walk(folder, followlinks=False):
        for entry in sorted([*dirs, *files]):
            path = Path(directory) / entry
            if path.is_symlink():
                target = path.readlink()
                yield (
                    _name(path, root),
                    1,
                    f"is a symbolic link (to {target}); links could publish files from outside the "
                    "repository, so they are refused: put a real copy of the file here instead",
                )


def decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a byte-order mark allowed), or where the first undecodable byte is."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return None, (
            name,
            line,
            f"is not UTF-8 text (byte 0x{data[err.start]:02x} at column {column}); save the file as "
            "UTF-8 (in most editors: File > Save with encoding > UTF-8)",
        )


class NotTextError(ValueError):
    """A file that should be UTF-8 text is not; str() is the one-line message."""


def read_text(path: Path, name: str) -> str:
    """The file's text, or NotTextError('name:line: is not UTF-8 text ...; save the file as UTF-8')."""
    text, problem = decode(path.read_bytes(), name)
    if problem is not None:
        raise NotTextError(f"{problem[0]}:{problem[1]}: {problem[2]}")
    assert text is not None
    return text


def not_utf8(paths: Iterable[Path], root: Path) -> Iterator[Problem]:
    for path in paths:
        if path.suffix.lower() in TEXT_SUFFIXES and path.is_file() and not path.is_symlink():
            _, problem = decode(path.read_bytes(), _name(path, root))
            if problem:
                yield problem


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def svg_problems(text: str, name: str) -> Iterator[Problem]:
    """Scripts, handlers, foreign content and outside references in an SVG file."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        yield name, err.position[0], f"is not well-formed XML ({err}); fix it so browsers can draw it"
        return
    for element in root.iter():
        tag = _local(str(element.tag))
        if tag in ("script", "foreignobject", "iframe", "embed", "object"):
            yield (
                name,
                _line_of(text, f"<{tag}") if tag != "foreignobject" else _line_of(text, "foreignObject"),
                f"has a <{tag}> element; SVG figures are drawings only: remove it",
            )
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if SVG_EVENT.match(key):
                yield name, _line_of(text, key), f'has an event handler {key}="..."; remove it'
            elif key in ("href", "src") and not value.strip().startswith("#"):
                yield (
                    name,
                    _line_of(text, value),
                    f"refers to '{value}' outside the file; an SVG figure may only point inside "
                    'itself (href="#id"): draw or embed the shape instead',
                )
            elif url_scheme(value) in BAD_SCHEMES:
                yield name, _line_of(text, value), f"has a {url_scheme(value)} URL in {key}; remove it"
        if tag == "style" and element.text:
            start = _line_of(text, "<style") - 1
            yield from ((name, start + line, message) for line, message in _css_findings(element.text))


def _css_findings(css: str) -> Iterator[tuple[int, str]]:
    """(line, message) for each @import and remote url() (comments ignored)."""
    css = CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), css)

    def line(match: re.Match[str]) -> int:
        return css.count("\n", 0, match.start()) + 1

    for match in CSS_IMPORT.finditer(css):
        yield (
            line(match),
            "has an @import; list stylesheets in mkdocs.yml (extra_css) instead, so the site loads "
            "nothing it does not know about",
        )
    for match in CSS_URL.finditer(css):
        url = match.group("url").strip()
        if url.startswith("#") or not url:
            continue
        scheme = url_scheme(url)
        if scheme == "data:":
            continue  # an inline image is local (Material's own icons use them)
        if scheme in BAD_SCHEMES:
            yield line(match), f"has a {scheme} URL; remove it"
        elif scheme or url.startswith("//"):
            yield (
                line(match),
                f"loads {url} from another host; save the file in docs/ and use a relative url(...)",
            )


def css_problems(text: str, name: str) -> Iterator[Problem]:
    """@import and remote url(...) in a stylesheet."""
    for line, message in _css_findings(text):
        yield name, line, message
