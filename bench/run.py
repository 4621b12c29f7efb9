"""`make bench`: page weight, Lighthouse, build time and memory, against plain Material;
and, side by side, what an editor waits for: the real site's build, an edit shown by
`make serve`, the 1000-page ratio and `make check`.

    python -m bench.run            # the full bench (several minutes)
    python -m bench.run --quick    # 100 generated pages, 1 run, 1 Lighthouse run
    python -m bench.run --parts weight --project DIR --output x.json --no-readme
    python -m bench.run --report-only   # README table again from bench/results.json

Writes bench/results.json and the Performance table in README.md. It reports; it does
not assert timings. Budgets that are deterministic (page weight) are kept by the tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

from bench import builds, lighthouse, report, sites
from bench.weight import RENDER_BUDGET_BYTES, RENDER_BUDGET_REQUESTS, browser_weight, static_weight
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.helpers import ROOT, copy_project, html_pages

RESULTS = ROOT / "bench" / "results.json"


def page_weights(full_site: Path, plain_site: Path) -> dict[str, Any]:
    """Every page of the real site, counted from its HTML and loaded in chromium."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with (
            lighthouse.static_host(full_site) as full_url,
            lighthouse.static_host(plain_site) as plain_url,
        ):
            for page in html_pages(full_site):
                rel = page.relative_to(full_site)
                ours = static_weight(full_site, page)
                seen = browser_weight(chromium.new_context, full_url, full_site, page)
                row: dict[str, Any] = {"site": ours.as_dict(), "browser": seen.as_dict()}
                plain_page = plain_site / rel
                if plain_page.is_file():
                    plain = static_weight(plain_site, plain_page)
                    plain_seen = browser_weight(chromium.new_context, plain_url, plain_site, plain_page)
                    row["plain"] = plain.as_dict()
                    row["plain_browser"] = plain_seen.as_dict()
                    row["ratio_total"] = round(ours.total_bytes / plain.total_bytes, 3)
                    row["ratio_render"] = round(ours.render_bytes / plain.render_bytes, 3)
                rows.append(row)
        chromium.close()
    compared = [r for r in rows if "plain" in r]

    def med(key: str, side: str = "site") -> float:
        return statistics.median(r[side][key] for r in (compared if side.startswith("plain") else rows))

    index = full_site / "search" / "search_index.json"
    plain_index = plain_site / "search" / "search_index.json"
    return {
        "pages": rows,
        "median": {
            "render_bytes": med("render_bytes"),
            "render_requests": med("render_requests"),
            "search_bytes": med("search_bytes"),
            "total_bytes": med("total_bytes"),
            "plain_render_bytes": med("render_bytes", "plain"),
            "plain_render_requests": med("render_requests", "plain"),
            "plain_total_bytes": med("total_bytes", "plain"),
            "ratio_total": statistics.median(r["ratio_total"] for r in compared) if compared else None,
            "ratio_render": statistics.median(r["ratio_render"] for r in compared) if compared else None,
        },
        "max_render_bytes": max(r["site"]["render_bytes"] for r in rows),
        "max_render_requests": max(r["site"]["render_requests"] for r in rows),
        "max_ratio_total": max((r["ratio_total"] for r in compared), default=None),
        "search_index_bytes": {
            "site": index.stat().st_size,
            "site_gzip": next(a["wire"] for a in rows[0]["site"]["search"] if a["url"].endswith(".json")),
            "plain": plain_index.stat().st_size,
        },
        "plain_external_requests": sorted({u for r in compared for u in r["plain_browser"]["external"]}),
        "budget": {"render_bytes": RENDER_BUDGET_BYTES, "render_requests": RENDER_BUDGET_REQUESTS},
    }


def lighthouse_pages(site: Path, runs: int, work: Path) -> list[dict[str, Any]]:
    if not lighthouse.LIGHTHOUSE.exists():
        raise SystemExit("bench/node_modules is missing: run `make bench` (it runs npm ci in bench/)")
    pages = [page for page in html_pages(site) if page != site / "index.html"]
    condition = next((p for p in pages if "conditions" in p.relative_to(site).parts), None)
    chosen = ["/", "/" + (condition or pages[0]).parent.relative_to(site).as_posix() + "/"]
    out = []
    with lighthouse.static_host(site) as base:
        for path in chosen:
            result = lighthouse.median_of_runs(base + path, runs, work)
            result["url_path"] = path
            out.append(result)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100 generated pages, 1 run each")
    parser.add_argument("--project", type=Path, default=ROOT, help="project to measure (default: this one)")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite README.md")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--parts", default="weight,lighthouse,build", help="what to measure (default: all three)"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite the README table from the existing results"
    )
    args = parser.parse_args()
    if args.report_only:
        report.update_readme(ROOT / "README.md", report.markdown(json.loads(RESULTS.read_text("utf-8"))))
        return
    parts = set(args.parts.split(","))
    runs = 1 if args.quick else 3
    sizes = [100] if args.quick else [100, 300, 1000]
    work = Path(tempfile.mkdtemp(prefix="iastm-bench-"))
    try:
        project = work / "real"
        if args.project.resolve() == ROOT:
            copy_project(project)
        else:
            shutil.copytree(args.project, project, ignore=shutil.ignore_patterns("site", ".venv", ".git"))
        sites.plain_config(project, full_markdown=True)
        print("page weight: building the real site, full and plain ...", flush=True)
        full_site, plain_site = work / "site-full", work / "site-plain"
        builds.timed_build(project, "mkdocs.yml", full_site)
        builds.timed_build(project, "mkdocs-plain.yml", plain_site)
        weight = page_weights(full_site, plain_site) if "weight" in parts else None
        lh = None
        if "lighthouse" in parts:
            print("lighthouse ...", flush=True)
            lh = lighthouse_pages(full_site, runs, work)
        build, serve, check = [], None, None
        if "build" in parts:
            print("build time: the real site ...", flush=True)
            real_pages = len(html_pages(full_site))
            build = [{"site": "real", **builds.compare_builds(project, real_pages, max(runs, 3), work)}]
            for size in sizes:
                print(f"build time: {size} generated pages ...", flush=True)
                generated = sites.generated_project(work / f"gen-{size}", size)
                build.append({"site": "generated", **builds.compare_builds(generated, size, runs, work)})
                shutil.rmtree(generated)
            print("mkdocs serve: time to show an edit ...", flush=True)
            serve = builds.serve_latency(project, edits=max(runs, 3))
            print("make check: the content checks without a build ...", flush=True)
            check = builds.check_time(project, max(runs, 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = {
        "date": datetime.date.today().isoformat(),
        "mode": "quick" if args.quick else "full",
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.system(),
        },
        "page_weight": weight,
        "lighthouse": lh,
        "build": build,
        "serve": serve,
        "check": check,
    }
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(report.markdown(results))
    if not args.no_readme and parts == {"weight", "lighthouse", "build"}:
        report.update_readme(ROOT / "README.md", report.markdown(results))
    print(f"wrote {args.output}", flush=True)


if __name__ == "__main__":
    main()
