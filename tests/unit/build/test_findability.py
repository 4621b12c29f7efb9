"""The findability steps of the build: security.txt after the build, with one note when
the site lives under a path, where robots.txt and security.txt are never looked for."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from iastm_guide.build import findability
from tests.unit.build.conftest import MakeBuild


def _fields(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines() if line and not line.startswith("#"))


def _post_build(
    site_url: str, make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> tuple[str, list[str]]:
    """The end-of-build step with the real mkdocs.yml: (security.txt, INFO messages)."""
    build = make_build(site_url=site_url)
    with caplog.at_level(logging.INFO):
        findability.write_security_txt(build)
    # The plugin logger prefixes its name ("build: " in a build).
    records = [r for r in caplog.records if r.name.endswith(".build")]
    messages = [r.getMessage().split(": ", 1)[1] for r in records]
    assert all(r.levelno == logging.INFO for r in records)
    text = (Path(build.config.site_dir) / ".well-known" / "security.txt").read_text(encoding="utf-8")
    return text, messages


def test_the_local_preview_leaves_canonical_out_and_says_so(
    make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> None:
    text, messages = _post_build("http://127.0.0.1:8000/", make_build, caplog)
    assert "Canonical" not in _fields(text)
    assert len(messages) == 1
    assert messages[0].startswith("security.txt: no Canonical line, as site_url 'http://127.0.0.1:8000/'")


def test_a_project_site_under_a_path_is_told_once_what_to_do(
    make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> None:
    text, messages = _post_build("https://user.github.io/iastm-guide/", make_build, caplog)
    assert _fields(text)["Canonical"] == "https://user.github.io/iastm-guide/.well-known/security.txt"
    assert len(messages) == 1
    assert messages[0].startswith("site_url https://user.github.io/iastm-guide/ is under a path")


def test_a_site_at_the_root_of_an_https_host_says_nothing(
    make_build: MakeBuild, caplog: pytest.LogCaptureFixture
) -> None:
    text, messages = _post_build("https://iastm.example.org/", make_build, caplog)
    assert _fields(text)["Canonical"] == "https://iastm.example.org/.well-known/security.txt"
    assert messages == []
