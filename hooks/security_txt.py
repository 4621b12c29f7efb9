"""Write /.well-known/security.txt (RFC 9116) into the built site.

Concern: how to report a security problem, and where the host serves the files
that only work at the root of a host.
- Contact is the repository's private vulnerability report form (extra.repository
  in mkdocs.yml); Expires is 180 days after the build, so a site deployed at least
  every few months never advertises an expired file (RFC 9116 advises less than a
  year ahead). MkDocs skips dot-folders in docs/, so the file is written after the build.
- Canonical only when site_url is https: RFC 9116 requires https URIs there. A local
  preview (http://127.0.0.1:8000/) leaves it out and says so at INFO level.
- security.txt and robots.txt (hooks/sitemap.py) are only looked for at the root of
  a host (/.well-known/security.txt, /robots.txt). When site_url has a path (a
  GitHub Pages project site, https://user.github.io/iastm-guide/), nobody will find
  them there: the build says so once, at INFO level, with what to do.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

VALID_FOR = timedelta(days=180)
PATH = ".well-known/security.txt"


def canonical(site_url: str) -> str | None:
    """The file's Canonical URI, or None when site_url is not https."""
    if urlsplit(site_url).scheme != "https":
        return None
    return f"{site_url.rstrip('/')}/{PATH}"


def security_txt(repository: str, site_url: str, now: datetime) -> str:
    expires = (now.astimezone(UTC) + VALID_FOR).replace(microsecond=0)
    lines = [
        "# How to report a security problem with The IASTM Guide (RFC 9116).",
        f"Contact: {repository.rstrip('/')}/security/advisories/new",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: en",
    ]
    uri = canonical(site_url)
    if uri:
        lines.append(f"Canonical: {uri}")
    return "\n".join(lines) + "\n"


def root_files_note(site_url: str) -> str | None:
    """What to do when the site lives under a path, where hosts' root files are not found."""
    parts = urlsplit(site_url)
    if parts.path.strip("/") == "":
        return None
    root = f"{parts.scheme}://{parts.netloc}"
    return (
        f"site_url {site_url} is under a path: robots.txt and .well-known/security.txt are built, but "
        f"crawlers and security researchers only look for them at the root of the host ({root}/robots.txt, "
        f"{root}/.well-known/security.txt). Give the site its own domain (a custom domain in the GitHub "
        "Pages settings), or copy both files into the user or organisation site that serves "
        f"{root}/ (README.md, Deployment). Not a failure."
    )


def on_post_build(config: MkDocsConfig) -> None:
    repository = str(config.extra.get("repository") or "")
    if not repository.startswith("https://"):
        log.warning(
            "mkdocs.yml: extra.repository must be the repository's https:// address "
            f"(got {repository!r}); security.txt needs it for its Contact line"
        )
        return
    site_url = config.site_url or ""  # hooks/sitemap.py reports an empty one
    target = Path(config.site_dir) / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(security_txt(repository, site_url, datetime.now(UTC)), encoding="utf-8")
    if canonical(site_url) is None:
        log.info(
            f"security.txt: no Canonical line, as site_url {site_url!r} is not https "
            "(RFC 9116 requires https there); the deploy's https address adds it. Not a failure."
        )
    note = root_files_note(site_url)
    if note:
        log.info(note)
