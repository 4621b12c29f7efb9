"""citations.py's pure functions: code is shielded, citations found, brackets with '@' caught."""

from __future__ import annotations

from iastm_guide.references import citations


def test_citations_inside_code_are_shielded_and_not_found() -> None:
    text = "Cite [@a] like `[@b]`.\n\n```md\n[@c]\n```\n\n~~~\n[@d; @e]\n~~~\n"
    shielded = citations.shield_code(text)
    assert [key for _, key in citations.cited_keys(shielded)] == ["a"]
    assert shielded.replace(citations.SHIELD, "@") == text  # restored exactly after rendering
    assert "`[\ue000b]`" in shielded and "[\ue000c]" in shielded and "[\ue000d; \ue000e]" in shielded


def test_cited_keys_have_lines() -> None:
    text = "One [@a].\n\nTwo [@b; @c-d] and [@e]."
    assert list(citations.cited_keys(text)) == [(1, "a"), (3, "b"), (3, "c-d"), (3, "e")]


def test_an_email_address_in_link_text_is_a_problem_but_not_in_code() -> None:
    text = "Write to [editors@example.org](mailto:editors@example.org).\n\nOr `[a@b.org]`."
    found = list(citations.bracket_problems(citations.shield_code(text)))
    assert found == [(1, "[editors@example.org]")]
    assert list(citations.bracket_problems("Write to <editors@example.org>.")) == []
