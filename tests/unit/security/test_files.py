"""iastm_guide/security/files.py: links, encodings, SVG and CSS rules for files in docs/."""

from __future__ import annotations

from pathlib import Path

import pytest

from iastm_guide.security import files


def test_symbolic_links_are_found_and_never_followed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "page.md").write_text("x", encoding="utf-8")
    (docs / "leak.md").symlink_to("/etc/hostname")
    (docs / "sub" / "etc").symlink_to("/etc")
    found = sorted(files.symlinks(docs, tmp_path))
    assert [(name, line) for name, line, _ in found] == [("docs/leak.md", 1), ("docs/sub/etc", 1)]
    assert "(to /etc/hostname)" in found[0][2] and "put a real copy" in found[0][2]


def test_a_file_that_is_not_utf8_names_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes("line one\nthe caf\u00e9\n".encode("latin-1"))
    ((name, line, message),) = files.not_utf8([path], tmp_path)
    assert (name, line) == ("page.md", 2)
    assert "byte 0xe9 at column 8" in message and "save the file as UTF-8" in message
    with pytest.raises(files.NotTextError, match=r"^page.md:2: is not UTF-8"):
        files.read_text(path, "page.md")
    path.write_bytes("\ufeffa BOM is fine".encode())
    assert files.read_text(path, "page.md") == "a BOM is fine"
    assert list(files.not_utf8([path], tmp_path)) == []


GOOD_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2" role="img"><title>A square</title>'
    '<defs><path id="p" d="M0 0h1v1z"/></defs><use href="#p"/></svg>'
)


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (GOOD_SVG.replace("</svg>", "<script>x()</script></svg>"), "has a <script> element"),
        (GOOD_SVG.replace('role="img"', 'role="img" onload="x()"'), "has an event handler onload"),
        (
            GOOD_SVG.replace('href="#p"', 'href="https://example.org/p.svg#p"'),
            "refers to 'https://example.org",
        ),
        (GOOD_SVG.replace("</svg>", "<foreignObject><p>x</p></foreignObject></svg>"), "<foreignobject>"),
        (GOOD_SVG.replace("</svg>", '<a href="javascript:x()">a</a></svg>'), "refers to 'javascript:x()'"),
        (
            GOOD_SVG.replace("</svg>", "<style>@import url(https://example.org/x.css);</style></svg>"),
            "@import",
        ),
        (GOOD_SVG.replace("</svg>", ""), "is not well-formed XML"),
    ],
)
def test_an_svg_may_hold_no_script_handler_or_outside_reference(svg: str, message: str) -> None:
    problems = list(files.svg_problems(svg, "docs/images/x.svg"))
    assert problems and message in problems[0][2]


def test_a_plain_svg_drawing_passes() -> None:
    assert list(files.svg_problems(GOOD_SVG, "docs/images/x.svg")) == []


def test_stylesheets_may_not_load_from_other_hosts() -> None:
    css = (
        "/* @import in a comment is fine */\n"
        ".a { mask: url('data:image/svg+xml;utf8,<svg/>') }\n"
        ".b { background: url(../images/x.svg) }\n"
        '@import "https://example.org/x.css";\n'
        '.c { background: url( "//cdn.example.org/a.png" ) }\n'
        ".d { background: url(https://example.org/a.png) }\n"
    )
    found = list(files.css_problems(css, "docs/stylesheets/x.css"))
    assert [line for _, line, _ in found] == [4, 5, 6]
    assert "has an @import" in found[0][2]
    assert "loads //cdn.example.org/a.png from another host" in found[1][2]
