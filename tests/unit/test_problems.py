"""iastm_guide/problems.py: how a problem is printed, the same in the build and `make check`."""

from __future__ import annotations

from iastm_guide.problems import Problem, ProblemsError


def test_a_problem_names_its_file_and_line() -> None:
    assert str(Problem("docs/index.md", 12, "fix it")) == "docs/index.md:12: fix it"


def test_line_zero_means_the_whole_file() -> None:
    assert str(Problem("docs/index.md", 0, "readability: fine")) == "docs/index.md: readability: fine"


def test_a_problem_in_an_included_file_says_which_page_includes_it() -> None:
    found = Problem("docs/includes/risks.md", 3, "fix it", " (included in docs/index.md)")
    assert str(found) == "docs/includes/risks.md:3 (included in docs/index.md): fix it"


def test_problems_sort_by_file_then_line_and_an_error_lists_them_one_a_line() -> None:
    error = ProblemsError(
        [Problem("b.yml", 1, "two"), Problem("a.yml", 9, "one"), Problem("a.yml", 2, "zero")]
    )
    assert str(error) == "a.yml:2: zero\na.yml:9: one\nb.yml:1: two"
