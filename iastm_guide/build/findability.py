"""Findability in the build: robots.txt, sitemap dates, structured data, the handout's
QR code and security.txt (iastm_guide/findability/ and security/security_txt.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from iastm_guide.build.state import Build, log
from iastm_guide.findability import handout, sitemap, structured_data
from iastm_guide.security import security_txt


def robots(build: Build, files: Files) -> Files:
    """robots.txt generated from site_url; one written by hand in docs/ is refused."""
    handwritten = files.get_file_from_path(sitemap.ROBOTS)
    if handwritten is not None:
        log.warning(
            f"{build.name(Path(build.config.docs_dir) / sitemap.ROBOTS)}: robots.txt is generated from "
            "site_url by the build (iastm_guide/findability/sitemap.py); delete this file"
        )
        files.remove(handwritten)
    if not build.config.site_url:
        log.warning("mkdocs.yml: site_url is empty; robots.txt and sitemap.xml need the site's full address")
        return files
    files.append(
        File.generated(build.config, sitemap.ROBOTS, content=sitemap.robots_txt(build.config.site_url))
    )
    return files


def sitemap_date(build: Build, markdown: str, page: Page) -> str:
    """sitemap.xml's lastmod: the page's last_reviewed date."""
    date, problem = sitemap.meta_date(page.meta, "last_reviewed")
    if problem:
        log.warning(f"{build.source_path(page)}: {problem} (sitemap.xml's lastmod comes from it)")
    elif date:
        page.update_date = date
    return markdown


def structured(build: Build, context: dict[str, Any], page: Page) -> dict[str, Any]:
    """schema.org MedicalWebPage JSON-LD from the front matter (printed by overrides/main.html)."""
    config = build.config
    site = structured_data.Site(
        config.site_name,
        config.site_url or "",
        config.site_description or "",
        config.site_author or "",
        config.theme.get("language", "en"),
    )
    data, problem = structured_data.medical_web_page(
        page.meta, page.title or "", page.canonical_url, page.content or "", site, build.bib.data
    )
    if problem:
        log.warning(f"{build.source_path(page)}: {problem}")
    context["structured_data"] = data
    return context


def handout_qr(build: Build, context: dict[str, Any], page: Page) -> dict[str, Any]:
    """The printed handout's full URL and a QR code of it (overrides/partials/handout.html)."""
    url = page.canonical_url
    if not url:
        log.warning(
            f"{build.source_path(page)}: no full URL for the printed handout; "
            "set site_url in mkdocs.yml (or the SITE_URL variable)"
        )
        return context
    context["handout"] = {"url": url, "qr_svg": handout.qr_svg(url)}
    return context


def write_security_txt(build: Build) -> None:
    """/.well-known/security.txt (RFC 9116), expiring 180 days after the build."""
    repository = str(build.extra("repository") or "")
    if not repository.startswith("https://"):
        log.warning(
            "mkdocs.yml: extra.repository must be the repository's https:// address "
            f"(got {repository!r}); security.txt needs it for its Contact line"
        )
        return
    site_url = build.config.site_url or ""  # robots() reports an empty one
    target = Path(build.config.site_dir) / security_txt.PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(security_txt.security_txt(repository, site_url, datetime.now(UTC)), encoding="utf-8")
    if security_txt.canonical(site_url) is None:
        log.info(
            f"security.txt: no Canonical line, as site_url {site_url!r} is not https "
            "(RFC 9116 requires https there); the deploy's https address adds it. Not a failure."
        )
    note = security_txt.root_files_note(site_url)
    if note:
        log.info(note)
