"""iastm_guide/references/render.py: the References page's list, and what pages cite."""

from __future__ import annotations

from iastm_guide.references import bibliography, render
from iastm_guide.references.bibliography import Bibliography

BIB = "".join(
    f"@article{{{key},\n  author = {{{author}}},\n  title = {{T}},\n  journal = {{J}},\n"
    f"  year = {{{year}}},\n  doi = {{10.1/{key}}}\n}}\n"
    for key, author, year in (("b2020", "Brown, Ann", "2020"), ("a2019", "Adams, Bob", "2019"))
)


def _bib() -> Bibliography:
    return bibliography.parse(BIB, "refs.bib")


def test_the_full_list_is_sorted_anchored_and_left_out_of_search() -> None:
    html = render.full_list(_bib())
    assert html.startswith(
        '<ol class="bibliography" data-search-exclude="reference-list">\n<li id="ref-a2019">'
    )
    assert html.index("ref-a2019") < html.index("ref-b2020")
    assert 'href="https://doi.org/10.1/b2020"' in html and html.endswith("</li>\n</ol>")
    assert '<li id="ref-a2019">Adams B. T. J. 2019. <a href=' in html


def test_the_command_is_replaced_only_where_it_is_written() -> None:
    assert render.expand_full_list("No list here.", _bib()) == "No list here."
    assert "ref-b2020" in render.expand_full_list("# References\n\n\\full_bibliography\n", _bib())


def test_cited_keys_come_from_the_footnotes_in_lower_case() -> None:
    assert render.cited_in('<li id="fn:Smith2019">..</li><li id="fn:x">..</li><li id="ref-y">') == {
        "smith2019",
        "x",
    }


def test_the_full_bibliography_keeps_only_cited_entries() -> None:
    html = (
        '<ol class="bibliography">\n<li id="ref-a2020x">A. <a href="https://doi.org/1">doi</a></li>\n'
        '<li id="ref-B2021y">B.</li>\n<li id="ref-c2022z">C.</li>\n</ol>'
    )
    kept = render.cited_only(html, {"a2020x", "b2021y"})
    assert 'id="ref-a2020x"' in kept and 'id="ref-B2021y"' in kept and "ref-c2022z" not in kept
    assert kept.endswith("</li>\n</ol>")
