"""scripts/linkrot.py against a loopback server: each kind of answer is classified right."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.linkrot.conftest import TIMEOUT, load_script

linkrot = load_script("linkrot")


def _check(url: str, retries: int = 0) -> tuple[str, str]:
    result = linkrot.check(url, timeout=TIMEOUT, retries=retries, backoff=0)
    return result.kind, result.detail


@pytest.mark.parametrize(
    ("path", "kind", "detail"),
    [
        ("/ok", "ok", "200"),
        ("/moved", "moved", "200 at {web}/ok; moved permanently to {web}/ok"),
        ("/gone", "broken", "HTTP 404"),
        ("/slow", "broken", "timed out after 0.5 s"),
        ("/no-head", "ok", "200"),  # HEAD refused (405): GET answers
        ("/forbidden", "refused", "HTTP 403"),
        ("/down", "broken", "HTTP 503"),
    ],
)
def test_each_answer_is_classified(web: str, path: str, kind: str, detail: str) -> None:
    assert _check(web + path) == (kind, detail.format(web=web))


def test_a_timeout_is_retried_and_said_so(web: str) -> None:
    assert _check(web + "/slow", retries=1) == ("broken", "timed out after 0.5 s (2 tries)")


def test_a_server_error_is_retried_before_it_counts(web: str) -> None:
    assert _check(web + "/flaky", retries=1) == ("ok", "200")
    assert _check(web + "/down", retries=2) == ("broken", "HTTP 503 (3 tries)")


def test_a_redirect_loop_is_broken(web: str) -> None:
    kind, detail = _check(web + "/loop")
    assert kind == "broken" and "redirects" in detail


def test_nothing_answering_is_broken() -> None:
    with __import__("socket").socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    kind, detail = _check(f"http://127.0.0.1:{port}/")
    assert kind == "broken" and detail.startswith("no answer")


def test_links_are_collected_from_markdown_with_their_lines(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        "# Page\n"
        "See [the trial](https://example.org/trial) and <https://example.org/auto>.\n"
        "`[code](https://example.org/in-code)`\n"
        "```\n[also code](https://example.org/in-block)\n```\n"
        '<a href="https://example.org/raw">raw</a> [wiki](https://en.wikipedia.org/wiki/Gua_sha_(x))\n'
        "[ref]: https://example.org/ref\n"
        "[inside](../safety.md) [anchor](#top)\n",
        encoding="utf-8",
    )
    found = list(linkrot.markdown_links(docs / "page.md", tmp_path))
    assert found == [
        ("https://example.org/trial", "docs/page.md:2"),
        ("https://example.org/auto", "docs/page.md:2"),
        ("https://example.org/raw", "docs/page.md:7"),
        ("https://en.wikipedia.org/wiki/Gua_sha_(x)", "docs/page.md:7"),
        ("https://example.org/ref", "docs/page.md:8"),
    ]


def test_the_whole_run_reports_what_broke_and_where(
    web: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text(
        "@article{seffrin2019iastm,\n  title = {T},\n  year = {2019},\n"
        "  doi = {10.4085/1062-6050-481-17},\n  pmid = {31322903},\n"
        f"  url = {{{web}/gone}}\n}}\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# Home\n\n[fine]({web}/ok)\n[old]({web}/moved)\n[slow]({web}/slow)\n")
    output = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    report = tmp_path / "report.md"
    args = ["--bib", str(bib), "--docs", str(docs), "--report", str(report), "--doi-base", web + "/doi"]
    args += ["--pubmed-base", web + "/pubmed", "--timeout", str(TIMEOUT), "--retries", "0", "--backoff", "0"]
    assert linkrot.main(args) == 0
    assert linkrot.main([*args, "--strict"]) == 1
    text = report.read_text(encoding="utf-8")
    assert "Checked 6 addresses" in text
    assert f"| <{web}/gone> | HTTP 404 | references.bib: seffrin2019iastm (url) |" in text
    assert f"| <{web}/slow> | timed out after 0.5 s | docs/index.md:5 |" in text
    assert "## Broken: fix or replace these (2)" in text
    assert f"| <{web}/moved> |" in text and "## Moved permanently" in text
    assert "/doi/" not in text and "/pubmed/" not in text, "the DOI and PubMed links resolved"
    assert output.read_text(encoding="utf-8") == "broken=2\nbroken=2\n"
