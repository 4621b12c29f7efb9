"""Write /.well-known/security.txt (RFC 9116) into the built site.

Concern: how to report a security problem, and where the host serves the files
that only work at the root of a host.
- Contact is the repository's private vulnerability report form (extra.repository
  in mkdocs.yml); Expires is 180 days after the build, so a site deployed at least
  every few months never advertises an expired file (RFC 9116 advises less than a
  year ahead).
- Canonical only when site_url is https: RFC 9116 requires https URIs there. A local
  preview (http://127.0.0.1:8000/) leaves it out and says so at INFO level.
- security.txt and robots.txt (findability/sitemap.py) are only looked for at the root of
  a host (/.well-known/security.txt, /robots.txt). When site_url has a path (a
  GitHub Pages project site, https://user.github.io/iastm-guide/), nobody will find
  them there: the build says so once, at INFO level, with what to do.
Hand-written: RFC 9116 is five lines of text. No MkDocs here (the build writes the
file after the build, as MkDocs skips dot-folders in docs/: build/findability.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

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
