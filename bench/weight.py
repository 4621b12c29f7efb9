"""Page weight: what a first-time reader downloads for one built page.

Shared by `make bench` (bench/run.py) and the budget test (tests/site/test_page_weight.py),
so the figure in the README and the figure the tests enforce are computed the same way.

Two ways to count, which a browser test holds to each other:
- `static_weight`: read the built HTML and follow what it loads: stylesheets, scripts,
  images, icons and, inside the stylesheets, `url()` fonts and images and `@import`s.
  Deterministic: this is what the budget test checks.
- `browser_weight`: load the page in chromium (a fresh context, so an empty cache) and
  record every response.

Bytes are the gzip-compressed size (level 6, as a static host serves text) of each file
on disk; files a host would not compress (fonts, raster images) count as they are.
Material's search worker and search index are counted apart from the render path.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

GZIP_LEVEL = 6
KIB = 1024
RENDER_BUDGET_BYTES = 70 * KIB  # "70 KB" read as 70 KiB, as Lighthouse budgets do
RENDER_BUDGET_REQUESTS = 6
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ico")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@lru_cache(maxsize=4096)
def _wire_size(path: Path, mtime_ns: int, size: int) -> int:
    data = path.read_bytes()
    if path.suffix.lower() in COMPRESSED_TYPES:
        return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
    return len(data)


def wire_size(path: Path) -> int:
    """Bytes on the wire: gzip level 6 for text, raw for fonts and raster images."""
    stat = path.stat()
    return _wire_size(path, stat.st_mtime_ns, stat.st_size)


def kind_of(path: str) -> str:
    suffix = Path(urlsplit(path).path).suffix.lower()
    kinds = {
        ".css": "css",
        ".js": "js",
        ".json": "json",
        ".woff2": "font",
        ".woff": "font",
        ".ttf": "font",
        ".otf": "font",
    }
    if suffix in kinds:
        return kinds[suffix]
    if suffix in (".svg", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".ico"):
        return "image"
    return "html" if suffix in ("", ".html") else "other"


@dataclass(frozen=True)
class Asset:
    url: str  # site-relative path, e.g. /assets/stylesheets/main.css
    kind: str
    raw: int
    wire: int


@dataclass
class PageWeight:
    page: str
    render: list[Asset] = field(default_factory=list)
    search: list[Asset] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # other hosts: never fetched offline
    missing: list[str] = field(default_factory=list)  # referenced, not in the built site

    @property
    def render_bytes(self) -> int:
        return sum(a.wire for a in self.render)

    @property
    def render_requests(self) -> int:
        return len(self.render)

    @property
    def search_bytes(self) -> int:
        return sum(a.wire for a in self.search)

    @property
    def total_bytes(self) -> int:
        return self.render_bytes + self.search_bytes

    def problems(
        self, max_bytes: int = RENDER_BUDGET_BYTES, max_requests: int = RENDER_BUDGET_REQUESTS
    ) -> list[str]:
        """Budget breaches, each saying what to do; empty when the page is within budget."""
        found = []
        listing = ", ".join(f"{a.url} {a.wire / KIB:.1f} KiB" for a in self.render)
        if self.render_bytes > max_bytes:
            found.append(
                f"{self.page}: render path is {self.render_bytes / KIB:.1f} KiB gzip-compressed, over "
                f"the budget of {max_bytes / KIB:.0f} KiB ({listing}); shorten or split the page, "
                "use SVG or smaller images, or drop a stylesheet or script"
            )
        if self.render_requests > max_requests:
            found.append(
                f"{self.page}: render path makes {self.render_requests} requests, over the budget of "
                f"{max_requests} ({listing}); inline small SVGs or merge stylesheets"
            )
        found += [f"{self.page}: loads {url}, which is not in the built site" for url in self.missing]
        return found

    def as_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "render_bytes": self.render_bytes,
            "render_requests": self.render_requests,
            "search_bytes": self.search_bytes,
            "search_requests": len(self.search),
            "total_bytes": self.total_bytes,
            "render": [a.__dict__ for a in self.render],
            "search": [a.__dict__ for a in self.search],
            "external": self.external,
            "missing": self.missing,
        }


class _Loads(HTMLParser):
    """What a page's HTML makes the browser fetch (before any script runs)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.config_json = ""
        self.has_search_form = False
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if (
            tag == "link"
            and a.get("href")
            and ("stylesheet" in rel or "icon" in rel or "preload" in rel or "modulepreload" in rel)
        ):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag in ("img", "input", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            if tag != "input" or a.get("type") == "image":
                self.urls.append(a["src"])
        elif tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        if tag == "video" and a.get("poster"):
            self.urls.append(a["poster"])
        if tag == "script" and a.get("id") == "__config":
            self._in_config = True
        if tag == "form" and a.get("name") == "search":
            self.has_search_form = True

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config_json += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


def page_path(site: Path, page: Path) -> str:
    """The URL path of a built page: /, /conditions/neck-pain/, /404.html."""
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def file_for(site: Path, url_path: str) -> Path | None:
    """The built file a same-site URL path is served from (as a static host resolves it)."""
    rel = unquote(url_path).lstrip("/")
    candidate = site / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _css_refs(css: str) -> list[str]:
    css = CSS_COMMENT.sub("", css)
    refs = []
    for match in CSS_URL.finditer(css):
        ref = match.group(2) or match.group(4)
        if ref and not ref.startswith(("data:", "#")):
            refs.append(ref.strip())
    return refs


def search_paths(site: Path, page: Path) -> list[str]:
    """URL paths of Material's search worker and index, as the bundle derives them."""
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    if not parser.config_json or not parser.has_search_form:
        return []
    config = json.loads(parser.config_json)
    base = urljoin(page_path(site, page), config.get("base", "."))
    base = base if base.endswith("/") else base + "/"
    found = []
    if config.get("search"):
        found.append(urlsplit(urljoin(page_path(site, page), config["search"])).path)
    found.append(urlsplit(urljoin(base, "search/search_index.json")).path)
    return found


def static_weight(site: Path, page: Path) -> PageWeight:
    """Follow what the page's HTML (and its stylesheets) load; count search apart."""
    site = site.resolve()
    page = page.resolve()
    here = page_path(site, page)
    result = PageWeight(page=here)
    html_file = page
    result.render.append(Asset(here, "html", html_file.stat().st_size, wire_size(html_file)))
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    queue = [(here, url) for url in parser.urls]
    seen = {here}
    while queue:
        referrer, ref = queue.pop(0)
        if ref.startswith("data:"):
            continue
        absolute = urljoin(referrer, ref)
        parts = urlsplit(absolute)
        if parts.scheme or parts.netloc:
            result.external.append(absolute)
            continue
        if parts.path in seen:
            continue
        seen.add(parts.path)
        path = file_for(site, parts.path)
        if path is None:
            result.missing.append(parts.path)
            continue
        kind = kind_of(parts.path)
        result.render.append(Asset(parts.path, kind, path.stat().st_size, wire_size(path)))
        if kind == "css":
            queue += [(parts.path, r) for r in _css_refs(path.read_text(encoding="utf-8"))]
    for url in search_paths(site, page):
        path = file_for(site, url)
        if path is None:
            result.missing.append(url)
        else:
            result.search.append(Asset(url, kind_of(url), path.stat().st_size, wire_size(path)))
    return result


def browser_weight(context_factory: Any, base_url: str, site: Path, page: Path) -> PageWeight:
    """Load the page in a fresh browser context and count every response it received.

    `context_factory()` returns a new Playwright BrowserContext (empty cache). The bytes
    are the gzip sizes of the files on disk, so the figure matches `static_weight`.
    """
    site = site.resolve()
    here = page_path(site, page.resolve())
    searched = set(search_paths(site, page.resolve()))
    result = PageWeight(page=here)
    own = urlsplit(base_url).netloc
    context = context_factory()
    tab = context.new_page()
    seen: list[str] = []
    failed: list[str] = []
    tab.on("response", lambda response: seen.append(response.url))
    tab.on("requestfailed", lambda request: failed.append(request.url))
    tab.goto(base_url + here, wait_until="networkidle")
    tab.wait_for_timeout(300)  # late low-priority fetches (icons)
    context.close()
    for url in seen + failed:
        parts = urlsplit(url)
        if parts.scheme == "data":
            continue
        if parts.netloc != own:
            result.external.append(url)
            continue
        path = file_for(site, parts.path)
        if path is None or url in failed:
            result.missing.append(parts.path)
            continue
        asset = Asset(parts.path, kind_of(parts.path), path.stat().st_size, wire_size(path))
        (result.search if parts.path in searched else result.render).append(asset)
    return result
