"""iastm_guide/security/links.py: which links are marked, and how."""

from __future__ import annotations

from iastm_guide.security.links import NOTE, is_external, mark_external_links

OWN = "iastm.example.org"


def test_only_links_to_other_hosts_are_external() -> None:
    assert is_external("https://doi.org/10.1/x", OWN)
    assert is_external("http://pubmed.ncbi.nlm.nih.gov/1/", OWN)
    assert is_external("//cdn.example.com/x", OWN)
    assert not is_external("https://iastm.example.org/safety/", OWN)
    assert not is_external("../safety/", OWN)
    assert not is_external("#references", OWN)
    assert not is_external("mailto:editors@example.org", OWN)


def test_an_external_link_gets_rel_class_and_the_hidden_note() -> None:
    html = '<p>See <a href="https://doi.org/10.1/x" title="A &amp; B">doi:10.1/x</a>.</p>'
    assert mark_external_links(html, OWN) == (
        '<p>See <a href="https://doi.org/10.1/x" title="A &amp; B" rel="noopener noreferrer" '
        f'class="external-link">doi:10.1/x{NOTE}</a>.</p>'
    )


def test_existing_rel_and_class_values_are_kept() -> None:
    html = '<a class="button" rel="nofollow" href="https://example.com/">Go</a>'
    out = mark_external_links(html, OWN)
    assert 'class="button external-link"' in out
    assert 'rel="nofollow noopener noreferrer"' in out
    assert out.count("opens another website") == 1


def test_internal_links_and_escaped_code_are_left_alone() -> None:
    html = (
        '<a href="../safety/">Safety</a> <a href="https://iastm.example.org/faq/">FAQ</a> '
        '<code>&lt;a href="https://example.com/"&gt;</code>'
    )
    assert mark_external_links(html, OWN) == html


def test_marking_twice_changes_nothing() -> None:
    once = mark_external_links('<a href="https://example.com/">x</a>', OWN)
    assert mark_external_links(once, OWN) == once
