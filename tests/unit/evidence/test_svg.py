"""iastm_guide/evidence/svg.py: a matplotlib SVG restyled for the site's CSS and finished for inlining."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from iastm_guide.evidence.svg import SVG_NS, finish, restyle

COLOURS = {
    "#000001": "currentColor",
    "#abcdef": "currentColor",
    "#000003": ".em-dot",
    "#000004": ".em-on-dot",
}
HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="100pt" height="50pt" viewBox="0 0 100 50" version="1.1">'
)


def one(body: str) -> ET.Element:
    """The only element that `body` (one element inside <svg>) becomes."""
    root = restyle(HEAD + body + "</svg>", COLOURS, prefix="map")
    (element,) = list(root)
    return element


def tag(element: ET.Element) -> str:
    return element.tag.removeprefix(f"{{{SVG_NS}}}")


# ---------------------------------------------------------------- restyle: colours and styles


def test_a_sentinel_fill_becomes_a_class_and_no_style_is_left() -> None:
    circle = one('<path d="M 0 0" style="fill: #000003"/>')
    assert circle.attrib == {"d": "M 0 0", "class": "em-dot"}


def test_a_sentinel_colour_becomes_current_color_in_any_case() -> None:
    line = one('<path d="M 0 0" style="stroke: #ABCDEF; stroke-opacity: 0.35"/>')
    assert line.attrib == {"d": "M 0 0", "stroke": "currentColor", "fill": "none", "stroke-opacity": "0.35"}


def test_a_stroked_element_with_a_fill_keeps_its_fill() -> None:
    path = one('<path d="M 0 0" style="fill: #123456; stroke: #000001"/>')
    assert path.get("fill") == "#123456" and path.get("stroke") == "currentColor"


def test_two_sentinels_for_one_class_give_the_class_once() -> None:
    path = one('<path d="M 0 0" style="fill: #000003; stroke: #000003"/>')
    assert path.get("class") == "em-dot"


def test_other_declarations_become_presentation_attributes_or_are_dropped() -> None:
    path = one(
        '<path d="M 0 0" style="fill: #123456; stroke-linecap: butt; clip-path: url(#c); '
        'font-family: serif; opacity:0.5;; nonsense"/>'
    )
    assert path.attrib == {"d": "M 0 0", "fill": "#123456", "stroke-linecap": "butt", "opacity": "0.5"}


def test_the_font_shorthand_gives_size_and_weight_but_not_the_family() -> None:
    bold = one("<text style=\"font: bold 10.56px 'DejaVu Sans'; text-anchor: middle\">2</text>")
    assert bold.attrib == {"font-weight": "bold", "font-size": "10.6", "text-anchor": "middle"}
    plain = one("<text style=\"font: 11px 'DejaVu Sans'\">x</text>")
    assert plain.attrib == {"font-size": "11"}


# ---------------------------------------------------------------- restyle: structure, ids, numbers


def test_metadata_style_blocks_comments_and_empty_defs_are_dropped() -> None:
    root = restyle(
        HEAD + "<metadata><x/></metadata><defs><style>*{stroke: red}</style></defs><!-- c -->"
        '<path d="M 0 0"/></svg>',
        COLOURS,
        prefix="map",
    )
    assert [tag(e) for e in root.iter()] == ["svg", "path"]


def test_bare_groups_are_lifted_and_groups_with_attributes_kept() -> None:
    root = restyle(
        HEAD + '<g id="figure_1"><g id="patch_1"><path d="M 0 0"/></g>'
        '<g clip-path="url(#c)"><path d="M 1 1"/></g></g></svg>',
        COLOURS,
        prefix="map",
    )
    assert [tag(e) for e in root] == ["path", "g"]
    assert root[1].attrib == {"clip-path": "url(#c)"}


def test_ids_something_uses_are_renamed_with_the_prefix_and_the_others_dropped() -> None:
    root = restyle(
        HEAD + '<defs><path id="m1a2" d="M 0 0"/><path id="m9" d="M 1 1"/></defs>'
        '<path id="unused" d="M 2 2"/>'
        '<use xlink:href="#m9"/><use xlink:href="#m1a2"/><use xlink:href="#m9"/></svg>',
        COLOURS,
        prefix="evidence-map",
    )
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids == ["evidence-map-2", "evidence-map-1"]  # numbered in order of first use
    uses = [e for e in root if tag(e) == "use"]
    assert [u.attrib for u in uses] == [
        {"href": "#evidence-map-1"},
        {"href": "#evidence-map-2"},
        {"href": "#evidence-map-1"},
    ]


def test_a_link_to_something_outside_the_svg_is_left_alone_not_a_crash() -> None:
    # matplotlib writes raster content as <image xlink:href="data:...">: not an id to rename
    # (the site's content checks refuse such an image wherever it would be published).
    element = one('<image xlink:href="data:image/png;base64,AAAA" width="1" height="1"/>')
    assert element.get("{http://www.w3.org/1999/xlink}href") == "data:image/png;base64,AAAA"
    assert element.get("href") is None


def test_coordinates_are_rounded_to_one_decimal_and_spaces_collapsed() -> None:
    path = one('<path d="M 0.123456  1.98765 L 10.04 -2.00001 z" stroke-width="0.8000001"/>')
    assert path.attrib == {"d": "M 0.1 2 L 10 -2 z", "stroke-width": "0.8"}
    text = one('<text x="3.14159" y="7.0" transform="rotate(-90 1.26 2.333)">x</text>')
    assert text.attrib == {"x": "3.1", "y": "7", "transform": "rotate(-90 1.3 2.3)"}


def test_a_rotation_by_nothing_is_dropped() -> None:
    assert "transform" not in one('<text transform="rotate(-0 3.14 2.5)">x</text>').attrib
    assert "transform" not in one('<text transform="rotate(0.0 3 2)">x</text>').attrib


def test_svg_that_is_not_xml_is_refused() -> None:
    with pytest.raises(ET.ParseError):
        restyle(HEAD + "<path d='M 0 0'></svg>", COLOURS, prefix="map")


# ---------------------------------------------------------------- finish


def _finished(title: str = "Evidence map", desc: str = "Rows are problems.") -> str:
    root = restyle(HEAD + '\n <path d="M 0 0" style="fill: #000003"/>\n</svg>', COLOURS, prefix="map")
    return finish(root, ident="evidence-map", title=title, desc=desc, css_class="evidence-map")


def test_finish_gives_one_line_of_accessible_inline_svg_scaled_by_its_viewbox() -> None:
    assert _finished() == (
        '<svg viewBox="0 0 100 50" class="evidence-map" role="img" aria-labelledby="evidence-map-title" '
        'aria-describedby="evidence-map-desc"><title id="evidence-map-title">Evidence map</title>'
        '<desc id="evidence-map-desc">Rows are problems.</desc><path d="M 0 0" class="em-dot"/></svg>'
    )


def test_finish_escapes_the_title_and_description_and_keeps_them_on_one_line() -> None:
    text = _finished(title="A & B <map>", desc="Rows are problems,\ncolumns kinds of study.")
    assert '<title id="evidence-map-title">A &amp; B &lt;map&gt;</title>' in text
    assert '<desc id="evidence-map-desc">Rows are problems, columns kinds of study.</desc>' in text
    assert "\n" not in text
    root = ET.fromstring(text.replace("<svg ", f'<svg xmlns="{SVG_NS}" ', 1))  # still well-formed
    assert root.findtext(f"{{{SVG_NS}}}title") == "A & B <map>"
