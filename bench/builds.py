"""Build time and peak memory of `mkdocs build`, and how fast `mkdocs serve` shows an edit."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from tests.helpers import BIN, ROOT, build_env


def timed_build(project: Path, config: str, site_dir: Path) -> dict[str, float]:
    """One strict build in its own process: wall seconds and that process's peak RSS."""
    log = site_dir.with_suffix(".log")
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "build", "--strict", "-f", config, "--site-dir", str(site_dir)],
            cwd=project,
            env=build_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"build of {project} with {config} failed; see {log}")
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,  # steadier than wall time on a busy machine
        "peak_mb": usage.ru_maxrss / 1024,  # ru_maxrss is KiB on Linux
    }


def compare_builds(project: Path, pages: int, runs: int, work: Path) -> dict[str, Any]:
    """Full configuration and plain Material + mkdocs-bibtex, alternating, `runs` times each."""
    results: dict[str, list[dict[str, float]]] = {"full": [], "plain": []}
    for run in range(runs):
        order = ("full", "plain") if run % 2 == 0 else ("plain", "full")
        for name in order:
            config = "mkdocs.yml" if name == "full" else "mkdocs-plain.yml"
            results[name].append(timed_build(project, config, work / f"{name}-{pages}-{run}"))
    summary: dict[str, Any] = {"pages": pages, "runs": runs}
    for name, samples in results.items():
        seconds = statistics.median(s["seconds"] for s in samples)
        summary[name] = {
            "seconds": round(seconds, 3),
            "ms_per_page": round(1000 * seconds / pages, 2),
            "cpu_seconds": round(statistics.median(s["cpu_seconds"] for s in samples), 3),
            "peak_mb": round(statistics.median(s["peak_mb"] for s in samples), 1),
            "samples_seconds": [round(s["seconds"], 3) for s in samples],
        }
    summary["ratio"] = round(summary["full"]["seconds"] / summary["plain"]["seconds"], 3)
    summary["ratio_cpu"] = round(summary["full"]["cpu_seconds"] / summary["plain"]["cpu_seconds"], 3)
    return summary


def check_time(project: Path, runs: int) -> dict[str, Any]:
    """`make check` (python -m iastm_guide.check) over the whole project: wall and CPU time."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN / "python"), "-m", "iastm_guide.check", "--root", str(project)],
            cwd=project,
            env=build_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        samples.append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise RuntimeError(f"make check failed to run in {project}")
    return {
        "seconds": round(statistics.median(s for s, _ in samples), 2),
        "cpu_seconds": round(statistics.median(c for _, c in samples), 2),
        "samples": [round(s, 2) for s, _ in samples],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout} s")


def serve_options(makefile: Path = ROOT / "Makefile") -> list[str]:
    """`make serve`'s own `mkdocs serve` options, read from the Makefile's serve target
    (its address left out: the bench picks a free port), so the two cannot drift."""
    for line in makefile.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if len(words) > 1 and words[0].endswith("/mkdocs") and words[1] == "serve":
            options = words[2:]
            if "--dev-addr" in options:
                at = options.index("--dev-addr")
                del options[at : at + 2]
            return options
    raise RuntimeError(f"{makefile} has no `mkdocs serve` line")


def serve_latency(project: Path, edits: int, page: str = "index.md") -> dict[str, Any]:
    """Start `mkdocs serve` (as `make serve` does), edit one page, time until it is served."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (project / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", *serve_options(), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        startup = _wait_for(url, "</html>", 120)
        source = project / "docs" / page
        original = source.read_text(encoding="utf-8")
        samples = []
        for n in range(edits):
            marker = f"Benchmark edit number {n} {time.time_ns()}."
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            source.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            samples.append(_wait_for(url, marker, 120))
        source.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    return {
        "startup_seconds": round(startup, 2),
        "edit_to_served_seconds": round(statistics.median(samples), 2),
        "samples": [round(s, 2) for s in samples],
    }
