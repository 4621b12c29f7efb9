"""Shared helpers for the tests: build a site, copy the project, list pages."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROJECT_PARTS = ("mkdocs.yml", "references.bib", "content-rules.yml", "docs", "hooks", "overrides")


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
