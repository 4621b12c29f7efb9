"""Link rot watch: do the references and external links still resolve?

Collects every DOI, PubMed ID and url in references.bib (as the site links them:
https://doi.org/... and https://pubmed.ncbi.nlm.nih.gov/.../) and every external link in
docs/**/*.md, asks each address once (HEAD, falling back to GET when a server refuses
HEAD), follows redirects, retries timeouts and server errors, and writes a Markdown
report. A 2xx answer, directly or after redirects, is fine; 4xx and 5xx answers,
timeouts and connection errors are reported as broken; 401/403/429 (servers that refuse
automated checks, common at publishers) are listed separately.

    .venv/bin/python scripts/linkrot.py --report linkrot-report.md   (make linkrot)

Run weekly by .github/workflows/linkrot.yml, which files the report as an issue.
Exit status 0 when the check ran, whatever it found (--strict: 1 when something broke).
With GITHUB_OUTPUT set, it also writes `broken=<count>` there.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

from pybtex.database import parse_file

from iastm_guide.references import style as reference_style  # the site's own link forms

ROOT = Path(__file__).resolve().parent.parent

DOI_BASE = "https://doi.org"
PUBMED_BASE = "https://pubmed.ncbi.nlm.nih.gov"
USER_AGENT = "IASTM-Guide-linkrot/1.0 (weekly reference link check)"
MAX_REDIRECTS = 10
REFUSED = (401, 403, 429)
CODE = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
URL = r"https?://(?:[^\s()<>\"'\]]|\([^\s()<>\"']*\))+"
LINKS = re.compile(
    rf"\]\(\s*<?(?P<inline>{URL})>?"  # [text](https://...)
    rf"|<(?P<auto>{URL})>"  # <https://...>
    rf"|^\s{{0,3}}\[[^\]]+\]:\s*<?(?P<ref>{URL})>?"  # [label]: https://...
    rf"|(?:href|src)=[\"'](?P<html>https?://[^\"']+)[\"']",  # raw HTML
    re.MULTILINE,
)


@dataclass(frozen=True)
class Result:
    url: str
    kind: str  # ok, moved, refused, broken
    detail: str


def bib_links(bib: Path, doi_base: str, pubmed_base: str) -> Iterator[tuple[str, str]]:
    """(address, where) for the DOI, PMID and url of every entry, as the site links them."""
    for key, entry in parse_file(str(bib), bib_format="bibtex").entries.items():
        fields = {name.lower(): value.strip() for name, value in entry.fields.items()}
        if fields.get("doi"):
            url = reference_style.doi_url(fields["doi"])
            yield doi_base.rstrip("/") + url[len(DOI_BASE) :], f"{bib.name}: {key} (doi)"
        if fields.get("pmid"):
            url = reference_style.pubmed_url(fields["pmid"])
            yield pubmed_base.rstrip("/") + url[len(PUBMED_BASE) :], f"{bib.name}: {key} (pmid)"
        if fields.get("url"):
            yield fields["url"], f"{bib.name}: {key} (url)"


def markdown_links(path: Path, root: Path) -> Iterator[tuple[str, str]]:
    """(address, file:line) for every external link in a Markdown file, code excluded."""
    text = path.read_text(encoding="utf-8")
    text = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    for match in LINKS.finditer(text):
        url = next(group for group in match.groups() if group)
        yield url, f"{name}:{text.count(chr(10), 0, match.start()) + 1}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx surfaces as HTTPError; redirects are followed by hand


_OPENER = urllib.request.build_opener(_NoRedirect)


def _ask(url: str, method: str, timeout: float) -> tuple[int, str, list[str]]:
    """(final status, final address, permanent moves) after following redirects."""
    moves: list[str] = []
    for _ in range(MAX_REDIRECTS):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return response.status, url, moves
        except urllib.error.HTTPError as error:
            error.close()
            location = error.headers.get("Location")
            if error.code in (301, 302, 303, 307, 308) and location:
                if error.code in (301, 308):
                    moves.append(urljoin(url, location))
                url = urljoin(url, location)
                continue
            return error.code, url, moves
    raise urllib.error.URLError(f"more than {MAX_REDIRECTS} redirects")


def _is_timeout(error: BaseException) -> bool:
    return isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError)


def check(url: str, *, timeout: float, retries: int, backoff: float) -> Result:
    """Ask one address; retry timeouts, connection errors, 5xx and 429."""
    detail = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            try:
                status, final, moves = _ask(url, "HEAD", timeout)
            except OSError as error:
                if _is_timeout(error):
                    raise
                status = 0  # the server dropped a HEAD request: try GET
            if not 200 <= status < 300:
                status, final, moves = _ask(url, "GET", timeout)
        except OSError as error:
            reason = getattr(error, "reason", error)
            detail = f"timed out after {timeout:g} s" if _is_timeout(error) else f"no answer: {reason}"
            continue
        where = f" at {final}" if final != url else ""
        if 200 <= status < 300:
            if moves:
                return Result(url, "moved", f"{status}{where}; moved permanently to {moves[-1]}")
            return Result(url, "ok", f"{status}{where}")
        detail = f"HTTP {status}{where}"
        if status in REFUSED and status != 429:
            return Result(url, "refused", detail)
        if status < 500 and status != 429:
            return Result(url, "broken", detail)
    tries = f" ({retries + 1} tries)" if retries else ""
    kind = "refused" if detail.startswith("HTTP 429") else "broken"
    return Result(url, kind, detail + tries)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: no pipes, no line breaks, no HTML."""
    return text.replace("|", "%7C").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def report(results: list[Result], where: dict[str, list[str]], sources: str) -> str:
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    by_kind = {kind: [r for r in results if r.kind == kind] for kind in ("broken", "refused", "moved")}
    lines = [
        "# Link rot report",
        "",
        f"Checked {len(results)} addresses from {sources} on {today}.",
        "",
    ]
    titles = {
        "broken": "Broken: fix or replace these",
        "refused": "Refused an automated check: open these in a browser",
        "moved": "Moved permanently: update these addresses",
    }
    for kind, title in titles.items():
        found = by_kind[kind]
        if not found:
            continue
        lines += [f"## {title} ({len(found)})", "", "| Address | Answer | Where |", "|---|---|---|"]
        for result in found:
            places = "<br>".join(_cell(place) for place in sorted(set(where[result.url])))
            address = result.url.replace("|", "%7C").replace(">", "%3E")
            lines.append(f"| <{address}> | {_cell(result.detail)} | {places} |")
        lines.append("")
    if not by_kind["broken"]:
        lines += ["Nothing is broken: every address answered.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--bib", type=Path, default=ROOT / "references.bib")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--report", type=Path, help="write the Markdown report here (default: stdout)")
    parser.add_argument("--doi-base", default=DOI_BASE, help=f"DOI resolver (default {DOI_BASE})")
    parser.add_argument("--pubmed-base", default=PUBMED_BASE, help=f"PubMed (default {PUBMED_BASE})")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    parser.add_argument("--retries", type=int, default=2, help="extra tries after a timeout or 5xx")
    parser.add_argument("--backoff", type=float, default=5.0, help="seconds before the first retry")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--strict", action="store_true", help="exit 1 when something is broken")
    args = parser.parse_args(argv)

    where: dict[str, list[str]] = {}
    found = list(bib_links(args.bib, args.doi_base, args.pubmed_base))
    for page in sorted(args.docs.rglob("*.md")):
        found += markdown_links(page, args.docs.parent)
    for url, place in found:
        where.setdefault(url, []).append(place)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(
            pool.map(
                lambda url: check(url, timeout=args.timeout, retries=args.retries, backoff=args.backoff),
                sorted(where),
            )
        )
    text = report(results, where, f"{args.bib.name} and {args.docs.name}/**/*.md")
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    else:
        print(text)
    broken = sum(result.kind == "broken" for result in results)
    print(f"linkrot: {len(results)} addresses checked, {broken} broken", file=sys.stderr)
    if os.environ.get("GITHUB_OUTPUT"):
        with Path(os.environ["GITHUB_OUTPUT"]).open("a", encoding="utf-8") as output:
            output.write(f"broken={broken}\n")
    return 1 if args.strict and broken else 0


if __name__ == "__main__":
    sys.exit(main())
