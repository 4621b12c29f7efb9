"""hooks/security_txt.py: Canonical only over https (RFC 9116), and one note when the
site lives under a path, where robots.txt and security.txt are never looked for."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
import security_txt
from mkdocs.config import load_config

from tests.helpers import ROOT

REPO = "https://github.com/iastm-guide/iastm-guide"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _fields(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines() if line and not line.startswith("#"))


def test_canonical_only_for_an_https_site() -> None:
    fields = _fields(security_txt.security_txt(REPO, "https://iastm.example.org/", NOW))
    assert fields["Canonical"] == "https://iastm.example.org/.well-known/security.txt"
    assert fields["Contact"] == REPO + "/security/advisories/new"
    assert fields["Expires"] == "2027-05-23T12:00:00Z"
    for site_url in ("http://127.0.0.1:8000/", "http://iastm.example.org/", ""):
        fields = _fields(security_txt.security_txt(REPO, site_url, NOW))
        assert "Canonical" not in fields and "Contact" in fields and "Expires" in fields, site_url


def test_a_site_under_a_path_gets_a_note_about_root_files() -> None:
    for site_url in ("https://iastm.example.org/", "https://iastm.example.org", "http://127.0.0.1:8000/"):
        assert security_txt.root_files_note(site_url) is None, site_url
    note = security_txt.root_files_note("https://user.github.io/iastm-guide/")
    assert note is not None
    assert "https://user.github.io/robots.txt" in note
    assert "https://user.github.io/.well-known/security.txt" in note
    assert "custom domain" in note and "user or organisation site" in note


def _post_build(site_url: str, site_dir: Path, caplog: pytest.LogCaptureFixture) -> tuple[str, list[str]]:
    """The hook's end-of-build step with the real mkdocs.yml: (security.txt, INFO messages)."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_url=site_url, site_dir=str(site_dir))
    with caplog.at_level(logging.INFO):
        security_txt.on_post_build(config)
    # The plugin logger prefixes its name ("hooks/security_txt: " in a build).
    messages = [r.getMessage().split(": ", 1)[1] for r in caplog.records if r.name.endswith("security_txt")]
    assert all(r.levelno == logging.INFO for r in caplog.records if r.name.endswith("security_txt"))
    return (site_dir / ".well-known" / "security.txt").read_text(encoding="utf-8"), messages


def test_the_local_preview_leaves_canonical_out_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text, messages = _post_build("http://127.0.0.1:8000/", tmp_path, caplog)
    assert "Canonical" not in _fields(text)
    assert len(messages) == 1
    assert messages[0].startswith("security.txt: no Canonical line, as site_url 'http://127.0.0.1:8000/'")


def test_a_project_site_under_a_path_is_told_once_what_to_do(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text, messages = _post_build("https://user.github.io/iastm-guide/", tmp_path, caplog)
    assert _fields(text)["Canonical"] == "https://user.github.io/iastm-guide/.well-known/security.txt"
    assert len(messages) == 1
    assert messages[0].startswith("site_url https://user.github.io/iastm-guide/ is under a path")


def test_a_site_at_the_root_of_an_https_host_says_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text, messages = _post_build("https://iastm.example.org/", tmp_path, caplog)
    assert _fields(text)["Canonical"] == "https://iastm.example.org/.well-known/security.txt"
    assert messages == []
