"""Hostile and careless input (issue 12): each class of bad content, in a copy of the
site, is refused by the strict build with one line naming the file (and line), never
a traceback, or renders faithfully. Content is untrusted: it comes from pull requests."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faults.test_bad_input import Breaker, _append, _replace
from tests.faults.test_content_rules import FM, _set_key
from tests.helpers import ROOT, build_in_process, copy_project

INDEX = "docs/index.md"
APPENDED = len((ROOT / INDEX).read_text(encoding="utf-8").splitlines()) + 2  # first line of an appended block
ALLOWED = "is not allowed in page content"


def _block(text: str) -> Breaker:
    return _append(INDEX, "\n" + text + "\n")


def _write(path: str, data: bytes | str) -> Breaker:
    def breaker(project: Path) -> None:
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")

    return breaker


def _symlink(path: str, target: str) -> Breaker:
    def breaker(project: Path) -> None:
        (project / path).symlink_to(target)

    return breaker


def _both(*breakers: Breaker) -> Breaker:
    def breaker(project: Path) -> None:
        for one in breakers:
            one(project)

    return breaker


def _latin1(path: str) -> Breaker:
    def breaker(project: Path) -> None:
        target = project / path
        target.write_bytes(target.read_bytes() + "\nSee the caf\u00e9.\n".encode("latin-1"))

    return breaker


SNIPPET = "docs/includes/test-snippet.md"

# Markup in a page (each block appended to the home page, all in one build): the block
# and what the build must say about it (the block's line is put in front).
IN_PAGE: dict[str, tuple[str, str]] = {
    "script element": ("<script>window.pwned = 1</script>", ": a <script> element (scripts in pages would"),
    "style element": ("<style>body { display: none }</style>", ": a <style> element"),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0; url=https://example.org/">',
        ": a <meta> element",
    ),
    "base element": ('<base href="https://example.org/">', ": a <base> element"),
    "iframe": ('<iframe src="https://example.org/"></iframe>', ": an <iframe>"),
    "object": ('<object data="x.swf"></object>', ": an <object> element"),
    "embed": ('<embed src="y.swf">', ": an <embed> element"),
    "form": ('<form action="/x"><button>Go</button></form>', ": a <form>"),
    "event handler": (
        '<img src="images/logo.svg" alt="The logo" onerror="alert(1)">',
        ": inline event handler onerror=",
    ),
    "javascript link": ("[Go](javascript:alert(1))", ": a javascript: URL in href"),
    "javascript hidden behind character references": (
        '<a href="&#106;ava&#x09;script:alert(2)">Go</a>',
        ": a javascript: URL in href",
    ),
    "data: URL": ("![A picture](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", ": a data: URL in src"),
    "remote image": (
        "![A chart](https://example.org/chart.png)",
        ": <img> loading https://example.org/chart.png from another host",
    ),
    "remote stylesheet": ('<link rel="stylesheet" href="https://example.org/x.css">', ": a <link> element"),
    "line starting with a citation and a colon": (
        "[@seffrin2019iastm]: a review found this.",
        ": a line that starts with '[@seffrin2019iastm]:' is read by Markdown as a link definition",
    ),
    "footnote named like a reference": (
        "A claim.[^seffrin2019iastm]",
        ": the footnote '[^seffrin2019iastm]' has the name of a reference",
    ),
    "citation key in another case": (
        "A claim [@Seffrin2019iastm].",
        ": citation key 'Seffrin2019iastm' is written 'seffrin2019iastm'",
    ),
    "snippet leaving the repo": (
        '--8<-- "../../../../etc/hostname"',
        ": the snippet '../../../../etc/hostname' is outside the snippet folders",
    ),
    "missing snippet": (
        '--8<-- "includes/no-such-file.md"',
        ": the snippet 'includes/no-such-file.md' was not found",
    ),
}


@pytest.mark.slow
def test_markup_that_could_run_redirect_leak_or_vanish_is_refused_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    lines = (project / INDEX).read_text(encoding="utf-8").split("\n")
    expected = []
    for block, message in IN_PAGE.values():
        lines += ["", block]
        expected.append(f"docs/index.md:{len(lines)}{message}")
    lines += ["", "[^seffrin2019iastm]: My note.", ""]
    (project / INDEX).write_text("\n".join(lines), encoding="utf-8")
    result = build_in_process(project, tmp_path / "site")
    output = result.stderr
    assert result.returncode != 0, output
    missing = [text for text in expected if text not in output]
    assert not missing, "\n".join(missing) + "\n" + output
    assert "Traceback" not in output
    # A failed build's output is still inert: nothing from the page can run.
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.pwned" not in html and "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert not re.search(r"<(iframe|object|embed|form|base|style)\b", html.split("<article", 1)[1])
    assert 'onerror="' not in html and 'href="javascript:' not in html


# Files and bytes that stop or fail the build: one build each.
REFUSED: dict[str, tuple[Breaker, list[str]]] = {
    "SVG file with a script": (
        _write(
            "docs/images/bad.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>Bad</title>\n'
            "<script>alert(1)</script></svg>\n",
        ),
        ["docs/images/bad.svg:2: the SVG has a <script> element"],
    ),
    "SVG file with a handler and an outside reference": (
        _write(
            "docs/images/bad.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" onload="x()"><title>Bad</title>\n'
            '<image href="https://example.org/a.png"/></svg>\n',
        ),
        [
            "docs/images/bad.svg:1: the SVG has an event handler onload",
            "docs/images/bad.svg:2: the SVG refers to",
        ],
    ),
    "CSS @import and remote url()": (
        _append(
            "docs/stylesheets/extra.css",
            '\n@import "https://example.org/x.css";\n.x { background: url(https://example.org/a.png); }\n',
        ),
        [
            "docs/stylesheets/extra.css:",
            "has an @import",
            "loads https://example.org/a.png from another host",
        ],
    ),
    "symbolic link to a file outside the repo": (
        _symlink("docs/leak.md", "/etc/hostname"),
        ["docs/leak.md:1: is a symbolic link (to /etc/hostname)"],
    ),
    "symbolic link to a folder": (_symlink("docs/etc", "/etc"), ["docs/etc:1: is a symbolic link (to /etc)"]),
    "impossible date": (
        _set_key(INDEX, "last_reviewed", "2026-02-30"),
        [f"docs/index.md:{FM['last_reviewed']}: front matter has a date that is not a real day"],
    ),
    "page saved as Latin-1": (_latin1(INDEX), [f"docs/index.md:{APPENDED}: is not UTF-8 text (byte 0xe9"]),
    "duplicate front matter key": (
        _replace(INDEX, "page_type: home\n", "page_type: home\ntitle: Again\n"),
        ["docs/index.md:", "front matter: the key 'title' is written twice"],
    ),
    "bibliography saved as Latin-1": (_latin1("references.bib"), ["references.bib:", "is not UTF-8 text"]),
    "content rules saved as Latin-1": (
        _write("content-rules.yml", (ROOT / "content-rules.yml").read_bytes() + b"\n# caf\xe9\n"),
        ["content-rules.yml:", "is not UTF-8 text"],
    ),
    "unknown key inside a snippet": (
        _both(
            _write(SNIPPET, "Shared text [@nosuch2020key].\n"), _block('--8<-- "includes/test-snippet.md"')
        ),
        [f"{SNIPPET}:1 (included in docs/index.md): unknown citation key 'nosuch2020key'"],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_input_is_refused_with_one_line(case: str, tmp_path: Path) -> None:
    breaker, expected = REFUSED[case]
    project = copy_project(tmp_path / "project")
    breaker(project)
    result = build_in_process(project, tmp_path / "site")
    output = result.stderr
    assert result.returncode != 0, f"{case}: the build passed\n{output}"
    for text in expected:
        assert text in output, f"{case}: {text!r} not in the build output\n{output}"
    assert "Traceback" not in output


def _built(tmp_path: Path, breaker: Breaker) -> tuple[str, str]:
    """Build a broken copy that must pass; the home page's HTML and the log."""
    project = copy_project(tmp_path / "project")
    breaker(project)
    result = build_in_process(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return (tmp_path / "site" / "index.html").read_text(encoding="utf-8"), result.stderr


FAITHFUL: dict[str, tuple[Breaker, Callable[[str], bool]]] = {
    "citation wrapped over two lines": (
        _block("A claim [@lee2010guasha;\n@artioli2019guasha]."),
        lambda html: 'href="#fn:lee2010guasha"' in html and 'href="#fn:artioli2019guasha"' in html,
    ),
    "citation inside a snippet": (
        _both(
            _write(SNIPPET, "Shared text [@loghmani2009instrument].\n"),
            _block('--8<-- "includes/test-snippet.md"'),
        ),
        lambda html: (
            "Shared text" in html and 'href="#fn:loghmani2009instrument"' in html and "[@" not in html
        ),
    ),
    "< and & in a BibTeX title": (
        _both(
            _replace(
                "references.bib",
                "title   = {Instrument-Assisted Soft Tissue Mobilization: A Systematic",
                "title   = {Pain < 3 \\& Instrument-Assisted Soft Tissue Mobilization: A Systematic",
            ),
            _block("A claim [@seffrin2019iastm]."),
        ),
        lambda html: "Pain &lt; 3 &amp; Instrument" in html and "\\&lt;" not in html and "\\<" not in html,
    ),
}


@pytest.mark.slow
def test_careless_input_renders_faithfully(tmp_path: Path) -> None:
    html, log = _built(tmp_path, _both(*(breaker for breaker, _ in FAITHFUL.values())))
    wrong = [case for case, (_, rendered) in FAITHFUL.items() if not rendered(html)]
    assert not wrong, f"not rendered as written: {wrong}\n{log}"


@pytest.mark.slow
def test_a_front_matter_title_is_text_wherever_it_is_printed(tmp_path: Path) -> None:
    title = 'Neck pain </title><script>window.pwned=1</script> "quoted" & more'
    breaker = _replace("docs/conditions/neck-pain.md", "title: Neck pain\n", f"title: '{title}'\n")
    project = copy_project(tmp_path / "project")
    breaker(project)
    result = build_in_process(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    own = (tmp_path / "site" / "conditions/neck-pain/index.html").read_text(encoding="utf-8")
    escaped = "Neck pain &lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;"
    assert "<script>window.pwned" not in own
    assert re.search(r"<title>" + re.escape(escaped), own), "the <title>"
    assert re.search(r'class="md-ellipsis">\s*' + re.escape(escaped), own), "the header"
    assert '"name": "Neck pain </title><script>' not in own  # JSON-LD: tojson writes < as \u003c
    index = (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>window.pwned" not in index
