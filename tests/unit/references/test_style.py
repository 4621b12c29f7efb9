"""The medical reference style, fed small entries."""

from __future__ import annotations

from pybtex.database import Entry, Person

from iastm_guide.references import style


def test_article_in_vancouver_order_with_doi_and_pubmed_links() -> None:
    entry = Entry(
        "article",
        fields={
            "title": "A {Trial} of Things",
            "journal": "Journal of Tests",
            "year": "2020",
            "volume": "12",
            "number": "3",
            "pages": "100--110",
            "doi": "10.1000/xyz(1)",
            "pmid": "123456",
        },
    )
    for name in ('L{\\"u}dtke, Rainer', "Smith, John Paul", "Koc, Jr., Thomas A."):
        entry.add_person(Person(name), "author")
    parts = style.format_entry(entry)
    assert parts[0].text == (
        "Lüdtke R, Smith JP, Koc TA Jr. A Trial of Things. Journal of Tests. 2020;12(3):100-110."
    )
    assert parts[1] == style.Part("doi:10.1000/xyz(1)", "https://doi.org/10.1000/xyz%281%29")
    assert len(parts) == 2, "one link a reference: the DOI wins over PubMed"
    del entry.fields["doi"]
    assert style.format_entry(entry)[1] == style.Part(
        "PubMed 123456", "https://pubmed.ncbi.nlm.nih.gov/123456/"
    )
    md = style.to_markdown(parts)
    assert "[doi:10.1000/xyz(1)](<https://doi.org/10.1000/xyz%281%29>)" in md


def test_more_than_six_authors_become_et_al() -> None:
    entry = Entry("article", fields={"title": "T", "journal": "J", "year": "2001"})
    for i in range(8):
        entry.add_person(Person(f"Author{i}, Ann"), "author")
    text = style.format_entry(entry)[0].text
    assert text.startswith("Author0 A, Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, et al. T.")


def test_web_page_links_its_url_and_corporate_author_is_kept_whole() -> None:
    entry = Entry(
        "misc",
        fields={"title": "Strigil", "howpublished": "Museum record", "url": "https://example.org/x"},
    )
    entry.add_person(Person("{The British Museum}"), "author")
    parts = style.format_entry(entry)
    assert parts[0].text == "The British Museum. Strigil. Museum record."
    assert parts[1] == style.Part("https://example.org/x", "https://example.org/x")


def test_html_rendering_escapes_text() -> None:
    html = style.to_html([style.Part("a <b> & c"), style.Part("doi:1", "https://doi.org/1")])
    assert html == 'a &lt;b&gt; &amp; c <a href="https://doi.org/1">doi:1</a>'
