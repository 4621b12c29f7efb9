"""iastm_guide/security/security_txt.py: Canonical only over https (RFC 9116), and one note when the
site lives under a path, where robots.txt and security.txt are never looked for."""

from __future__ import annotations

from datetime import UTC, datetime

from iastm_guide.security import security_txt

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
