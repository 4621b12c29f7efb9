"""iastm_guide/references/style.py: each reference's one link, and how parts are written out."""

from __future__ import annotations

from pybtex.database import Entry, Person

from iastm_guide.references import style


def test_one_link_a_reference_the_doi_first_then_pubmed_then_the_web_address() -> None:
    entry = Entry("article", fields={"doi": "10.1000/xyz(1)", "pmid": "123456", "url": "https://a.org/x"})
    assert style.link(entry) == style.Part("doi:10.1000/xyz(1)", "https://doi.org/10.1000/xyz%281%29")
    del entry.fields["doi"]
    assert style.link(entry) == style.Part("PubMed 123456", "https://pubmed.ncbi.nlm.nih.gov/123456/")
    del entry.fields["pmid"]
    assert style.link(entry) == style.Part("https://a.org/x", "https://a.org/x")
    del entry.fields["url"]
    assert style.link(entry) is None
    assert style.reference("A text.", entry) == [style.Part("A text.")]


def test_markdown_rendering_escapes_what_markdown_would_read() -> None:
    parts = style.reference("A *b* [c] & <d> | e.", Entry("misc", fields={"url": "https://a.org/(x)"}))
    md = style.to_markdown(parts)
    assert md == r"A \*b\* \[c\] &amp; &lt;d&gt; &#124; e. [https://a.org/(x)](<https://a.org/(x)>)"


def test_html_rendering_escapes_text() -> None:
    html = style.to_html([style.Part("a <b> & c"), style.Part("doi:1", "https://doi.org/1")])
    assert html == 'a &lt;b&gt; &amp; c <a href="https://doi.org/1">doi:1</a>'


def test_latex_markup_is_read_and_people_are_named_for_sorting() -> None:
    assert style.latex_to_text('L{\\"u}dtke and  {NHS}   England') == "Lüdtke and NHS England"
    assert style.format_person(Person('L{\\"u}dtke, Rainer')) == "Lüdtke R"
    assert style.format_person(Person("Koc, Jr., Thomas A.")) == "Koc TA Jr"
    assert style.format_person(Person("{The British Museum}")) == "The British Museum"
