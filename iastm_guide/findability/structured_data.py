"""schema.org MedicalWebPage JSON-LD for every page, built from its front matter.

Concern: structured data for search engines. The template prints the result in a
`<script type="application/ld+json">` data block (never executed, so a
Content-Security-Policy does not apply to it).
- name, description, url.
- reviewedBy only when a real reviewer is named in front matter `reviewed_by`
  (a name, or a mapping with `name` and optional `url`, `job_title`); anything else
  fails --strict with the file and what to write.
- lastReviewed (front matter `last_reviewed`) only on a page a clinician has
  reviewed (`review_status: clinically reviewed` with a reviewer). On a MedicalWebPage
  lastReviewed says the content was checked for accuracy, and search engines read it
  beside reviewedBy as a medical review: an editors' check is not that, so a page
  awaiting clinical review leaves it out. It gets no dateModified instead either:
  last_reviewed is the day of the last whole-page check, and a partial change
  afterwards leaves it as it is (CONTRIBUTING.md), so it is not the day the page was
  last modified. The sitemap's lastmod still carries last_reviewed (sitemap.py).
- about: the condition (condition pages) and IASTM itself.
- citation: the references listed on the page, in their order, with DOI/PubMed links.
Hand-written: no maintained library writes schema.org's medical types from front
matter, and the rules above are the site's own. No MkDocs here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pybtex.database import BibliographyData, Entry

from iastm_guide.findability.sitemap import meta_date
from iastm_guide.references import style

# The treatment every page is about.
IASTM = {
    "@type": "MedicalTherapy",
    "name": "Instrument-assisted soft tissue mobilisation",
    "alternateName": ["IASTM", "instrument-assisted soft tissue manipulation", "scraping therapy"],
}
# The review status that means a named clinician has reviewed the whole page.
CLINICALLY_REVIEWED = "clinically reviewed"
# Reference list items on a page: footnotes (fn:KEY) and the full bibliography (ref-KEY).
LISTED_KEY = re.compile(r'<li id="(?:fn:|ref-)([\w-]+)"')


def cited_entries(html: str, bib: BibliographyData) -> list[tuple[str, Entry]]:
    """(key, entry) for each reference listed in the page's HTML, in order, once."""
    seen: dict[str, Entry] = {}
    for key in LISTED_KEY.findall(html):
        if key in bib.entries and key not in seen:
            seen[key] = bib.entries[key]
    return list(seen.items())


def citation(entry: Entry) -> str | None:
    """One cited work as the link a machine can follow (DOI, else PubMed, else URL).
    A plain URL (schema.org allows Text) keeps the JSON-LD small: it is in every
    page's HTML, inside the page-weight budget; the titles are in the page itself."""
    fields = entry.fields
    if fields.get("doi"):
        return style.doi_url(fields["doi"])
    if fields.get("pmid"):
        return style.pubmed_url(fields["pmid"])
    return fields.get("url") or None


def reviewer(value: object) -> tuple[dict[str, Any] | None, str | None]:
    """front matter `reviewed_by` -> (schema.org Person, None) or (None, problem)."""
    if isinstance(value, str) and value.strip():
        return {"@type": "Person", "name": html.unescape(value.strip())}, None
    if isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip():
        person: dict[str, Any] = {"@type": "Person", "name": html.unescape(value["name"].strip())}
        if value.get("job_title"):
            person["jobTitle"] = html.unescape(str(value["job_title"]))
        if value.get("url"):
            person["url"] = html.unescape(str(value["url"]))
        unknown = set(value) - {"name", "job_title", "url"}
        if unknown:
            return None, f"'reviewed_by' has unknown keys {sorted(unknown)}; use name, job_title and url"
        return person, None
    return None, (
        "'reviewed_by' must name the reviewer: 'reviewed_by: Jane Doe' or a mapping with "
        "name (and optional job_title, url); leave it out until a real reviewer has checked the page"
    )


@dataclass(frozen=True)
class Site:
    """What every page's data says about the site."""

    name: str
    url: str
    description: str
    author: str
    language: str


def medical_web_page(
    meta: Mapping[str, Any], title: str, url: str | None, html_content: str, site: Site, bib: BibliographyData
) -> tuple[dict[str, Any], str | None]:
    """The page's schema.org data, and a problem with its reviewer (or None).

    Front matter text arrives HTML-escaped (security/markup.py); JSON wants it plain
    (the template's tojson makes it safe inside <script>)."""
    title = html.unescape(str(meta.get("title") or title or site.name))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": html.unescape(str(meta.get("description") or site.description or "")),
        "url": url,
        "inLanguage": site.language,
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
        "author": {"@type": "Organization", "name": site.author or site.name},
    }
    person, problem = None, None
    if "reviewed_by" in meta:
        person, problem = reviewer(meta["reviewed_by"])
        if person:
            data["reviewedBy"] = person
    reviewed, _ = meta_date(meta, "last_reviewed")  # the sitemap step reports a bad date
    if reviewed and person and meta.get("review_status") == CLINICALLY_REVIEWED:
        data["lastReviewed"] = reviewed
    about: list[dict[str, Any]] = [IASTM]
    if meta.get("page_type") == "condition":
        about.insert(0, {"@type": "MedicalCondition", "name": title})
    data["about"] = about
    # The References page lists works; it does not cite them (and it lists only the cited
    # ones, which are known only once every page is built).
    listed = [] if meta.get("page_type") == "references" else cited_entries(html_content, bib)
    works = [link for _, entry in listed if (link := citation(entry))]
    if works:
        data["citation"] = works
    return data, problem
