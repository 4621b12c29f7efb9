"""iastm_guide/weight/icons.py: the logo inlined as decorative SVG, the favicon as a data URI."""

from __future__ import annotations

from pathlib import Path

import pytest

from iastm_guide.weight import icons as inline_icons

SVG = (
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" role="img" '
    'aria-labelledby="t">\n  <title id="t">Logo</title>\n'
    '  <rect width="8" height="8" fill="#00796b"/>\n</svg>\n'
)


def test_logo_becomes_decorative_inline_svg_and_favicon_a_data_uri(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(SVG, encoding="utf-8")
    text = inline_icons.read_svg(tmp_path, "logo", "logo.svg")
    assert text == SVG
    logo = inline_icons.decorative_svg(text)
    assert logo.startswith('<svg aria-hidden="true" focusable="false" xmlns=')
    assert "<title" not in logo and "id=" not in logo and "aria-labelledby" not in logo
    assert "<rect" in logo
    favicon = inline_icons.svg_data_uri(text)
    assert favicon.startswith("data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'")
    assert '"' not in favicon and "<" not in favicon and "#" not in favicon
    assert " " not in favicon  # the Nu HTML Checker rejects spaces in a data: URL
    assert "%2300796b" in favicon


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gone.svg", None, "file not found"),
        ("logo.png", "\x89PNG", "not an SVG file"),
        ("big.svg", "<svg>" + "x" * 5000 + "</svg>", "over 4096"),
    ],
)
def test_unusable_icon_stops_the_build_naming_the_file(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(inline_icons.IconError, match=message) as caught:
        inline_icons.read_svg(tmp_path, "logo", name)
    assert "theme.logo" in str(caught.value) and name in str(caught.value)


def test_no_icon_or_one_already_inlined_is_left_alone(tmp_path: Path) -> None:
    assert inline_icons.read_svg(tmp_path, "logo", None) is None
    assert inline_icons.read_svg(tmp_path, "favicon", "data:image/svg+xml,x") is None
