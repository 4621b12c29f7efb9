"""`make check` (iastm_guide/check.py) reports exactly what the build's checks report.

A copy of the site is broken in a dozen ways, one for each checker the two share
(front matter, sections, readability, claims, images, the glossary, an SVG's title,
references.bib's entries, citations in a page and in an included file, a missing
snippet, urgent advice typed by hand). The strict build must fail; the problems it
logs through the `check` logger and the lines `make check` prints must be the same
set, and each break must be among them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.faults.test_bad_input import _append, _replace
from tests.helpers import ROOT, build_env, build_in_process, copy_project

INDEX = "docs/index.md"
CONDITION = "docs/conditions/achilles-tendinopathy.md"

BREAKS = [
    _replace(INDEX, "page_type:", "colour: teal\npage_type:"),  # front matter: an unknown key
    _replace(CONDITION, "## What helps first", "## What can help"),  # sections
    _append(INDEX, "\nIt cures every kind of pain.\n\nOf those treated, 78% got better.\n"),  # claims
    _append(INDEX, "\n![](images/logo.svg)\n"),  # images: no alt text
    _append(INDEX, "\nA claim [@seffrin2091iastm] and [editors@example.org](mailto:editors@example.org).\n"),
    _append(INDEX, '\n--8<-- "includes/missing.md"\n'),  # a snippet that is not there
    _append(INDEX, '\n--8<-- "includes/extra.md"\n'),  # an included file with a bad citation
    _append(INDEX, "\nIf your calf is swollen, warm and red, call 999.\n"),  # urgent advice by hand
    _append("docs/includes/abbreviations.md", "IASTM means scraping\n"),  # the glossary
    _append("references.bib", "\n@article{nodoi2020x,\n  author = {Lee, Ann},\n  title = {T},\n"
            "  journal = {J},\n  year = {2020}\n}\n"),  # an entry with no doi, pmid or url
]  # fmt: skip


def _break(project: Path) -> None:
    for breaker in BREAKS:
        breaker(project)
    (project / "docs/includes/extra.md").write_text("Shared text [@nosuchkey2020].\n", encoding="utf-8")
    (project / "docs/images/untitled.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>\n',
        encoding="utf-8",
    )
    rules = project / "content-rules.yml"
    data = yaml.safe_load(rules.read_text(encoding="utf-8"))
    data["page_types"]["about"]["readability"] = {"max_grade": 1, "min_ease": 99}  # readability
    rules.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


EXPECTED = [
    "docs/index.md:4: unknown front matter key 'colour'",
    f"{CONDITION}:",
    "needs the section '## What helps first'",
    "is above the limit of 1 for about pages",
    "'cures' is a claim this site does not make",
    "'78%' has no source",
    "image images/logo.svg has empty alt text",
    "unknown citation key 'seffrin2091iastm'",
    "'[editors@example.org]' has an '@' but is not a citation",
    "the snippet 'includes/missing.md' was not found",
    "docs/includes/extra.md:1 (included in docs/index.md): unknown citation key 'nosuchkey2020'",
    "words the warning sign 'calf-clot'",
    "docs/includes/abbreviations.md:85: not a glossary line",
    "docs/images/untitled.svg:1: the SVG has no <title>",
    "references.bib:",
    "entry 'nodoi2020x' has no doi, pmid or url",
]

CHECK_LINE = re.compile(r"^WARNING +- +check: (?P<problem>.*)$", re.MULTILINE)


@pytest.mark.slow
def test_make_check_reports_what_the_build_reports(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _break(project)
    built = build_in_process(project, tmp_path / "site")
    assert built.returncode != 0, built.stderr
    from_build = {m.group("problem") for m in CHECK_LINE.finditer(built.stderr)}
    checked = subprocess.run(
        [sys.executable, "-m", "iastm_guide.check", "--root", str(project)],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 1, checked.stderr
    from_check = set(checked.stdout.splitlines())
    only_check, only_build = sorted(from_check - from_build), sorted(from_build - from_check)
    assert from_check == from_build, f"only make check: {only_check}\nonly the build: {only_build}"
    everything = "\n".join(sorted(from_check))
    for text in EXPECTED:
        assert text in everything, f"{text!r} not reported:\n{everything}"
    assert len(from_check) >= len(BREAKS) + 3, "a problem for every break (the new files and rules too)"


def test_make_check_passes_the_real_site_and_says_how_long_it_took() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "iastm_guide.check"],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""
    assert re.fullmatch(r"make check: 0 problem\(s\), \d+ page\(s\) checked in [\d.]+ s\n", checked.stderr)
