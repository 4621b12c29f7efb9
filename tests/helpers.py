"""Shared helpers for the tests: build a site, copy the project, list pages."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROJECT_PARTS = (
    "mkdocs.yml",
    "references.bib",
    "content-rules.yml",
    "urgent-help.yml",
    "docs",
    "evidence",
    "hooks",
    "overrides",
)


def build_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    env.update({"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"})
    env.update(extra)
    return env


def build(
    project: Path, site_dir: Path, *, tool: str = "mkdocs", **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a strict build (never with -q: it hides warnings from --strict)."""
    return subprocess.run(
        [str(BIN / tool), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=build_env(**env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def build_in_process(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The same strict build as `build`, run by mkdocs' own build function inside this
    process, so that many fault builds share one start-up (imports, textstat's
    pronouncing dictionary). The log, as the CLI prints it, is in `stderr`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    saved_level, saved_env = logger.level, os.environ.copy()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    os.environ.clear()
    os.environ.update(build_env(**env))
    returncode = 0
    try:
        with contextlib.chdir(project):
            mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
    except Exception as err:  # the CLI exits 1 on any error, after printing it
        returncode = 1
        stream.write(f"ERROR   -  {type(err).__name__}: {err}\n")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved_level)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], returncode, "", stream.getvalue())


def copy_project(dest: Path) -> Path:
    """A full copy of the site's sources, to break one way at a time."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def html_pages(site: Path) -> list[Path]:
    """Every built page (redirect stubs and the 404 page excluded)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if path.name == "404.html" or 'http-equiv="refresh"' in text[:2000]:
            continue
        pages.append(path)
    return pages


def page_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


FIXTURE_CONDITION = ROOT / "tests" / "fixtures" / "test-fixture-condition.md"
FIXTURE_CONDITION_URL = "/conditions/test-fixture-condition/"


def add_fixture_condition(project: Path) -> None:
    """Put the fixture condition page (tests/fixtures/) into a copy of the project."""
    target = project / "docs" / "conditions" / FIXTURE_CONDITION.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(FIXTURE_CONDITION, target)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    keys = re.findall(r"^([a-z_]+):", text, re.MULTILINE)
    assert keys[-1] == "nav", "mkdocs.yml must end with its nav section for the fixture page to be added"
    text = text.rstrip("\n") + f"\n  - Test fixture: conditions/{FIXTURE_CONDITION.name}\n"
    config.write_text(text, encoding="utf-8")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as GitHub Pages does: under a path prefix (a project
    site lives at /<repository>/), and 404.html with status 404 for a missing page."""

    def __init__(self, *args: object, prefix: str = "/", **kwargs: object) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # linkchecker waits up to 0.6 s between requests to one host unless the
        # server says it welcomes faster checking with this header.
        self.send_header("LinkChecker", "loopback test server")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        inside = clean.startswith(self.prefix)
        return super().translate_path(
            "/" + clean[len(self.prefix) :] if inside else "/__outside_the_prefix__/"
        )

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up early (a link checker reading headers only) is normal.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve_site(
    directory: Path, prefix: str = "/", handler_class: type[SiteHandler] = SiteHandler
) -> Iterator[str]:
    """Serve `directory` on loopback at `prefix`; yields the base URL without the prefix.
    The server starts before the directory is filled, so a build can use its port."""
    handler = functools.partial(handler_class, directory=str(directory), prefix=prefix)
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving its !ENV tags empty."""


_ConfigLoader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)


def mkdocs_nav() -> list[Any]:
    """The nav of mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    nav = config["nav"]
    assert isinstance(nav, list)
    return nav


class LinkTargets(HTMLParser):
    """A page's element ids and its links' href values."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))


def link_targets(page: Path) -> LinkTargets:
    parser = LinkTargets()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser
