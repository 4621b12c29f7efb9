"""Lighthouse (npm, mobile preset) on Debian's chromium, against a loopback static host.

The host serves the built site the way GitHub Pages does: text gzip-compressed (level 6)
and `Cache-Control: max-age=600`. Lighthouse always exits 0, so its JSON is read.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.weight import COMPRESSED_TYPES, GZIP_LEVEL
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.helpers import SiteHandler, serve_site

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
}


class _StaticHost(SiteHandler):
    """The tests' loopback host, plus gzip and GitHub Pages' cache header."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix.lower() not in COMPRESSED_TYPES:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def static_host(site: Path) -> Iterator[str]:
    """Serve `site` on a free loopback port; yields the base URL (no trailing slash)."""
    with serve_site(site, handler_class=_StaticHost) as base:
        yield base


def run_once(url: str, out: Path) -> dict[str, Any]:
    env = dict(os.environ, CHROME_PATH=CHROMIUM, PUPPETEER_SKIP_DOWNLOAD="1")
    flags = " ".join(f'"{a}"' if " " in a else a for a in CHROMIUM_ARGS)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(CATEGORIES),
        ],
        env=env,
        check=False,
        timeout=300,
        capture_output=True,
    )
    if not out.is_file():
        raise RuntimeError(f"lighthouse wrote no report for {url}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse failed on {url}: {report['runtimeError']}")
    result: dict[str, Any] = {c: report["categories"][c]["score"] for c in CATEGORIES}
    for name, audit in METRICS.items():
        result[name] = report["audits"][audit]["numericValue"]
    result["failed_audits"] = sorted(
        key
        for key, audit in report["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "metricSavings")
        and report["audits"][key].get("details", {}).get("type") != "debugdata"
    )
    return result


def median_of_runs(url: str, runs: int, work: Path) -> dict[str, Any]:
    samples = [run_once(url, work / f"lighthouse-{n}.json") for n in range(runs)]
    result: dict[str, Any] = {"url_path": url.split("/", 3)[-1] or "/", "runs": runs}
    for key in (*CATEGORIES, *METRICS):
        result[key] = round(statistics.median(s[key] for s in samples), 3)
    result["failed_audits"] = sorted({a for s in samples for a in s["failed_audits"]})
    return result
