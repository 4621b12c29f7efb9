"""iastm_guide/check.py: `make check` over a small project, clean and broken one way at a time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from iastm_guide import check
from iastm_guide.problems import Problem
from tests.helpers import ROOT
from tests.unit.urgent.test_data import LEVELS_YAML

TODAY = "2026-12-01"
MKDOCS_YML = """\
site_name: A test project
site_url: !ENV [SITE_URL, "https://example.org/"]
docs_dir: docs
exclude_docs: |
  /includes/
markdown_extensions:
  - abbr
  - pymdownx.snippets:
      base_path: [docs]
      check_paths: true
plugins:
  - search
  - bibtex:
      bib_file: references.bib
"""
BIB = """\
@article{lee2020knee,
  author = {Lee, Ann},
  title = {A trial of knee pain},
  journal = {Journal of Tests},
  year = {2020},
  doi = {10.1000/test.1}
}
"""
GLOSSARY = "*[IASTM]: Instrument-assisted soft tissue mobilisation: treatment with a smooth tool\n"
FRONT_MATTER = """\
---
title: About this test
description: A short page for the tests of make check.
page_type: about
last_reviewed: 2026-11-30
next_review: 2027-11-30
review_status: awaiting clinical review
---
"""
BODY = """\
# About this test

Some people find IASTM helps [@lee2020knee].

--8<-- "includes/shared.md"

The end of the page.
"""
PAGE = FRONT_MATTER + BODY
SHARED = "Shared text that every page may use.\n"
URGENT = (
    LEVELS_YAML
    + """signs:
  - id: calf-clot
    says: your calf is swollen and warm
    level: same-day
    conditions: [after-treatment]
    sources: [lee2020knee]
    detect: [calf + swol*]
"""
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of one page that passes every check (the real content rules), on a fixed day."""
    monkeypatch.setenv("IASTM_TODAY", TODAY)
    root = tmp_path / "project"
    write(root / "mkdocs.yml", MKDOCS_YML)
    shutil.copy2(ROOT / "content-rules.yml", root / "content-rules.yml")
    write(root / "references.bib", BIB)
    write(root / "urgent-help.yml", URGENT)
    write(root / "docs" / "includes" / "abbreviations.md", GLOSSARY)
    write(root / "docs" / "includes" / "shared.md", SHARED)
    write(root / "docs" / "about.md", PAGE)
    return root


def problems(root: Path) -> list[str]:
    return [str(found) for kind, found in check.check_site(root) if kind == "problem"]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def run(root: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    code = check.main(["--root", str(root), *options])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- main: the command


def test_a_clean_project_exits_0_and_says_0_problems(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(project, capsys)
    assert code == 0, out + err
    assert out == ""
    assert re.fullmatch(r"make check: 0 problem\(s\), 1 page\(s\) checked in [\d.]+ s\n", err), err


def test_a_page_with_a_problem_exits_1_with_one_file_line_message(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write(project / "docs" / "about.md", PAGE + "\nIt cures every kind of pain.\n")
    code, out, err = run(project, capsys)
    assert code == 1
    line = line_of(page.read_text(encoding="utf-8"), "It cures")
    (printed,) = out.splitlines()
    assert printed.startswith(f"docs/about.md:{line}: 'cures' is a claim this site does not make"), printed
    assert err.startswith("make check: 1 problem(s), 1 page(s) checked in ")


def test_a_malformed_iastm_today_is_one_line_of_error(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IASTM_TODAY", "next tuesday")
    code, out, err = run(project, capsys)
    assert code == 1
    assert out == ""
    assert err == (
        "make check: IASTM_TODAY='next tuesday' is not a date; write it as YYYY-MM-DD or unset it\n"
    )


def test_verbose_also_prints_each_page_readability_as_a_note(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "docs" / "faq.md", PAGE.replace("About this test", "Questions"))
    quiet = run(project, capsys)
    code, out, err = run(project, capsys, "--verbose")
    assert quiet[0] == code == 0 and quiet[1] == ""
    notes = out.splitlines()
    assert [n.split(":")[1].strip() for n in notes] == ["docs/about.md", "docs/faq.md"], notes
    assert all(n.startswith("note: ") for n in notes)
    assert "2 page(s) checked" in err


# ---------------------------------------------------------------- Settings: mkdocs.yml


def test_settings_read_the_four_settings_from_mkdocs_yml_ignoring_its_tags(project: Path) -> None:
    settings = check.Settings.read(project)
    assert settings.docs == project / "docs"
    assert settings.bib_file == "references.bib"
    assert settings.snippets == {"base_path": [str(project / "docs")], "check_paths": True}
    assert settings.name(project / "docs" / "about.md") == "docs/about.md"


def test_settings_list_the_pages_mkdocs_would_build_and_leave_out_the_rest(project: Path) -> None:
    for name in ("b.md", "a/c.md", ".hidden.md", "templates/t.md", "includes/more.md"):
        write(project / "docs" / name, "x\n")
    pages = check.Settings.read(project).pages()
    assert [p.relative_to(project / "docs").as_posix() for p in pages] == ["a/c.md", "about.md", "b.md"]


def test_settings_default_to_docs_with_no_snippets_nor_bibliography(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: bare\n")
    settings = check.Settings.read(tmp_path)
    assert settings.docs == tmp_path / "docs"
    assert settings.bib_file is None
    assert settings.snippets == {"base_path": [str(tmp_path / ".")]}
    assert settings.exclude.match_file(".git/x.md") and not settings.exclude.match_file("index.md")


# ---------------------------------------------------------------- check_site: each source of problems


def test_check_site_gives_one_note_a_page_and_no_problem_for_a_clean_project(project: Path) -> None:
    found = list(check.check_site(project))
    assert [kind for kind, _ in found] == ["note"]
    assert found[0][1].file == "docs/about.md"


def test_unusable_content_rules_are_one_problem_and_nothing_else_is_checked(project: Path) -> None:
    rules = project / "content-rules.yml"
    rules.write_text("front_matter: [unclosed\n", encoding="utf-8")
    found = list(check.check_site(project))
    assert len(found) == 1, found
    kind, problem = found[0]
    assert kind == "problem" and problem.file == "content-rules.yml"
    assert "not valid YAML" in problem.message


def test_a_bibliography_that_cannot_be_parsed_names_the_file_and_line(project: Path) -> None:
    bib = write(project / "references.bib", BIB + "\n@article{broken2021x,\n  title = {T,\n")
    end = len(bib.read_text(encoding="utf-8").splitlines())
    found = problems(project)
    assert found[0].startswith(f"references.bib:{end}: BibTeX syntax error"), found


def test_a_bibliography_entry_without_a_link_is_reported(project: Path) -> None:
    write(project / "references.bib", BIB.replace("  doi = {10.1000/test.1}\n", ""))
    (found,) = problems(project)
    assert found.startswith("references.bib:1: ") and "has no doi, pmid or url" in found, found


def test_a_missing_glossary_is_reported(project: Path) -> None:
    (project / "docs" / "includes" / "abbreviations.md").unlink()
    assert problems(project) == [
        "docs/includes/abbreviations.md: the glossary file is missing; restore it (see CONTRIBUTING.md)"
    ]


def test_a_bad_glossary_line_is_reported_at_its_line(project: Path) -> None:
    write(project / "docs" / "includes" / "abbreviations.md", GLOSSARY + "IASTM means scraping\n")
    (found,) = problems(project)
    assert found.startswith("docs/includes/abbreviations.md:2: not a glossary line"), found


def test_a_glossary_that_is_not_text_is_reported(project: Path) -> None:
    (project / "docs" / "includes" / "abbreviations.md").write_bytes(b"*[IASTM]: \xff\xfe\n")
    (found,) = problems(project)
    assert found.startswith("docs/includes/abbreviations.md:1: is not UTF-8 text"), found


def test_an_svg_without_a_title_is_reported_unless_excluded(project: Path) -> None:
    untitled = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4"/></svg>\n'
    write(project / "docs" / "images" / "untitled.svg", untitled)
    write(project / "docs" / "includes" / "excluded.svg", untitled)
    (found,) = problems(project)
    assert found.startswith("docs/images/untitled.svg:1: the SVG has no <title>; "), found


def test_a_page_that_is_not_text_is_one_problem_and_not_checked_further(project: Path) -> None:
    (project / "docs" / "about.md").write_bytes(PAGE.encode("utf-8") + b"\xff It cures.\n")
    found = list(check.check_site(project))
    assert len(found) == 1, found
    kind, problem = found[0]
    bad_line = len(PAGE.splitlines()) + 1
    assert kind == "problem" and str(problem).startswith(f"docs/about.md:{bad_line}: is not UTF-8 text")


def test_a_missing_snippet_is_reported_at_its_line_in_the_page(project: Path) -> None:
    page = write(project / "docs" / "about.md", PAGE + '\n--8<-- "includes/missing.md"\n')
    (found,) = problems(project)
    line = line_of(page.read_text(encoding="utf-8"), "includes/missing.md")
    assert found.startswith(f"docs/about.md:{line}: the snippet 'includes/missing.md' was not found"), found


def test_an_unknown_citation_is_reported_in_the_page_or_the_included_file(project: Path) -> None:
    page = write(project / "docs" / "about.md", PAGE + "\nA claim [@nosuchkey2020].\n")
    write(project / "docs" / "includes" / "shared.md", SHARED + "More [@otherkey2021].\n")
    line = line_of(page.read_text(encoding="utf-8"), "nosuchkey2020")
    assert [f.split("; ")[0] for f in problems(project)] == [
        "docs/includes/shared.md:2 (included in docs/about.md): unknown citation key 'otherkey2021'",
        f"docs/about.md:{line}: unknown citation key 'nosuchkey2020'",
    ]


def test_urgent_advice_typed_by_hand_is_reported_at_its_line(project: Path) -> None:
    page = write(project / "docs" / "about.md", PAGE + "\nIf your calf is swollen, see a doctor.\n")
    (found,) = problems(project)
    line = line_of(page.read_text(encoding="utf-8"), "calf is swollen")
    assert found.startswith(f"docs/about.md:{line}: ") and "calf-clot" in found, found


def test_urgent_help_data_that_cannot_be_used_is_reported(project: Path) -> None:
    data = write(project / "urgent-help.yml", URGENT.replace("    level: same-day\n", ""))
    line = line_of(data.read_text(encoding="utf-8"), "id: calf-clot")
    assert problems(project) == [
        f"urgent-help.yml:{line}: sign 'calf-clot' has no 'level'; add it "
        + "(the fields are described at the top of the file)"
    ]


def test_urgent_help_naming_a_missing_source_or_condition_is_reported(project: Path) -> None:
    write(
        project / "urgent-help.yml",
        URGENT.replace("[lee2020knee]", "[nosuch2020]").replace("[after-treatment]", "[heel-pain]"),
    )
    found = problems(project)
    assert len(found) == 2, found
    assert "cites 'nosuch2020', which is not in references.bib" in found[0]
    assert "names the condition 'heel-pain', but there is no page docs/conditions/heel-pain.md" in found[1]


def test_a_page_under_conditions_is_a_condition_urgent_help_may_name_but_not_its_index(
    project: Path,
) -> None:
    write(project / "urgent-help.yml", URGENT.replace("[after-treatment]", "[heel-pain, index]"))
    before = problems(project)
    assert [f.split("'")[3] for f in before] == ["heel-pain", "index"], before
    page = FRONT_MATTER.replace("page_type: about", "page_type: topic") + "# A title\n\nA short page.\n"
    write(project / "docs" / "conditions" / "heel-pain.md", page)
    write(project / "docs" / "conditions" / "index.md", page)
    after = problems(project)
    assert len(after) == 1 and "names the condition 'index'" in after[0], after


# ---------------------------------------------------------------- one-line errors as problems


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("references.bib:12: BibTeX error", Problem("references.bib", 12, "BibTeX error")),
        ("references.bib: not found; create it", Problem("references.bib", 0, "not found; create it")),
        ("another.bib:3: odd", Problem("references.bib", 0, "another.bib:3: odd")),
        ("no place at all", Problem("references.bib", 0, "no place at all")),
    ],
)
def test_a_one_line_error_becomes_a_problem_at_its_file_and_line(message: str, expected: Problem) -> None:
    assert check._parsed(message, "references.bib") == expected
