"""The built site's security parts: the policy in every page, `_headers`, security.txt
and external links. Hashes are recomputed here independently of iastm_guide/security/policy.py."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from tests.helpers import html_pages

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = re.compile(r"""type=["']?(application/(ld\+)?json|text/template)""", re.IGNORECASE)


def _all_html(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert files
    return files


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def _page_policy(site: Path) -> str:
    found = META.search((site / "index.html").read_text(encoding="utf-8"))
    assert found, "index.html has no Content-Security-Policy meta"
    return found.group(1)


def test_every_html_file_carries_one_and_the_same_policy_first_in_head(site: Path) -> None:
    policy = _page_policy(site)
    for path in _all_html(site):
        html = path.read_text(encoding="utf-8")
        assert META.findall(html) == [policy], f"{path}: one policy, the site-wide one"
        head = html[html.index("<head") : META.search(html).start()]  # type: ignore[union-attr]
        before = re.findall(r"<(?!head|meta charset)[a-z]+", head, re.IGNORECASE)
        assert before == [], f"{path}: the policy must come first in <head> (after charset): {before}"


def test_the_policy_is_strict(site: Path) -> None:
    policy = _directives(_page_policy(site))
    assert policy["default-src"] == ["'self'"]
    script = policy["script-src"]
    assert script[0] == "'self'" and len(script) > 1
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source) for source in script[1:]), script
    assert not any("unsafe" in source for sources in policy.values() for source in sources)
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    for name in ("connect-src", "worker-src", "font-src"):
        assert policy[name] == ["'self'"], name
    assert "frame-ancestors" not in policy, "frame-ancestors is ignored in <meta>; it belongs in _headers"


def test_the_policy_lists_exactly_the_inline_scripts_of_the_site(site: Path) -> None:
    listed = set(_directives(_page_policy(site))["script-src"][1:])
    needed = set()
    for path in _all_html(site):
        for script in SCRIPT.finditer(path.read_text(encoding="utf-8")):
            if "src=" in script.group("attrs") or DATA_TYPES.search(script.group("attrs")):
                continue
            digest = hashlib.sha256(script.group("body").encode("utf-8")).digest()
            needed.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    assert needed, "Material's pages have inline scripts: the test found none"
    assert listed == needed


def test_headers_file_is_well_formed_and_carries_the_same_policy(site: Path) -> None:
    text = (site / "_headers").read_text(encoding="utf-8")
    rules: dict[str, dict[str, str]] = {}
    path = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            assert " " not in line, f"_headers:{number}: a path line is the path alone"
            path = line
            rules[path] = {}
            continue
        match = re.fullmatch(r"  ([A-Za-z-]+): (\S.*)", line)
        assert match and path, f"_headers:{number}: header lines are '  Name: value' under a path"
        rules[path][match.group(1)] = match.group(2)
    headers = rules["/*"]
    assert headers["Content-Security-Policy"] == _page_policy(site) + "; frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert re.fullmatch(r"max-age=\d{8,}.*", headers["Strict-Transport-Security"])
    features = dict(item.split("=") for item in headers["Permissions-Policy"].split(", "))
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(features)
    assert set(features.values()) == {"()"}, "every listed feature is switched off"


def test_security_txt_follows_rfc_9116(site: Path) -> None:
    text = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in text.splitlines() if line and not line.startswith("#"))
    assert fields["Contact"].startswith("https://github.com/")
    assert fields["Contact"].endswith("/security/advisories/new")
    assert fields["Preferred-Languages"] == "en"
    # Test builds use the local preview's http address: RFC 9116 wants an https
    # Canonical, so there is none (tests/test_hosting.py builds with https and has one).
    assert "Canonical" not in fields
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now < expires <= now + timedelta(days=365), "Expires: in the future, at most a year ahead"


def test_external_links_open_safely_and_say_they_leave_the_site(site: Path) -> None:
    own = "127.0.0.1:8000"  # the default site_url of test builds
    marked = 0
    for path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        article = re.search(r"<article\b.*</article>", html, re.DOTALL)
        assert article, path
        for link in re.finditer(r"<a ([^>]*)>(.*?)</a>", article.group(0), re.DOTALL):
            href = re.search(r'href="([^"]*)"', link.group(1))
            host = urlsplit(href.group(1)).netloc if href else ""
            external = bool(host) and host != own
            rel = re.search(r'rel="([^"]*)"', link.group(1))
            if external:
                marked += 1
                assert rel and {"noopener", "noreferrer"} <= set(rel.group(1).split()), link.group(0)
                assert "external-link" in link.group(1), link.group(0)
                assert link.group(2).endswith(
                    '<span class="external-link__note"> (opens another website)</span>'
                )
            else:
                assert "external-link" not in link.group(0), link.group(0)
    assert marked >= 2, "the reference lists link to doi.org and PubMed: the test saw no external link"


class _StandardLibraryReading(HTMLParser):
    """An independent reading of a page by the standard library's parser: inline scripts
    and styles, and the attributes a Content Security Policy blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.blocked: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on") or name == "style":
                self.blocked.append(f"{name} on <{tag}>")
            elif name in ("href", "src", "action", "formaction") and value.strip().lower().startswith(
                "javascript:"
            ):
                self.blocked.append(f"javascript: in {name} on <{tag}>")
        runs = values.get("type", "").strip().lower() in ("", "module", "text/javascript")
        if tag == "style" or (tag == "script" and "src" not in values and runs):
            self._open = tag
            (self.styles if tag == "style" else self.scripts).append("")

    def handle_data(self, data: str) -> None:
        if self._open:
            (self.styles if self._open == "style" else self.scripts)[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None


def test_the_one_html_parser_reads_every_page_as_the_standard_library_does(site: Path) -> None:
    """iastm_guide/security/policy.py reads pages with selectolax (an HTML5 parser); on
    the real pages it must find exactly what an independent reading finds."""
    from iastm_guide.security import policy

    checked = policy.Seen()  # shared by all pages, as the pass after the build shares it
    for path in _all_html(site):
        html = policy.META_TAG.sub("", path.read_text(encoding="utf-8"))
        found = policy.find_inline(html, checked)
        reading = _StandardLibraryReading()
        reading.feed(html)
        assert found.scripts == reading.scripts, path
        assert found.styles == reading.styles, path
        assert len(found.blocked) == len(reading.blocked) == 0, (path, reading.blocked)
