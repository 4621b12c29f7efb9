"""Write /.well-known/security.txt (RFC 9116) into the built site.

Concern: how to report a security problem. MkDocs skips dot-folders in docs/, so the
file is written after the build. Contact is the repository's private vulnerability
report form (extra.repository in mkdocs.yml); Expires is 180 days after the build,
so a site deployed at least every few months never advertises an expired file
(RFC 9116 advises less than a year ahead).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

VALID_FOR = timedelta(days=180)
PATH = ".well-known/security.txt"


def security_txt(repository: str, site_url: str, now: datetime) -> str:
    expires = (now.astimezone(UTC) + VALID_FOR).replace(microsecond=0)
    lines = [
        "# How to report a security problem with The IASTM Guide (RFC 9116).",
        f"Contact: {repository.rstrip('/')}/security/advisories/new",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: en",
        f"Canonical: {site_url.rstrip('/')}/{PATH}",
    ]
    return "\n".join(lines) + "\n"


def on_post_build(config: MkDocsConfig) -> None:
    repository = str(config.extra.get("repository") or "")
    if not repository.startswith("https://"):
        log.warning(
            "mkdocs.yml: extra.repository must be the repository's https:// address "
            f"(got {repository!r}); security.txt needs it for its Contact line"
        )
        return
    if not config.site_url:
        log.warning("mkdocs.yml: site_url is not set; security.txt needs it for its Canonical line")
        return
    target = Path(config.site_dir) / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(security_txt(repository, config.site_url, datetime.now(UTC)), encoding="utf-8")
