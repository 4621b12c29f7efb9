"""The site's own CSS is minified without changing its meaning."""

from __future__ import annotations

from iastm_guide.weight import minify as css_minify


def test_comments_and_white_space_go_strings_stay() -> None:
    css = (
        '/* note */\n.a  >  .b {\n  content: "a  ;  b";\n  color: red;\n}\n'
        "\n@media print {\n  .c { margin: 0 }\n}\n"
    )
    assert css_minify.minify(css) == '.a>.b{content:"a  ;  b";color:red}@media print{.c{margin:0}}'


def test_a_quote_inside_a_comment_does_not_keep_the_comment() -> None:
    assert css_minify.minify('/* the "custom" palette */\n.a { color: red }') == ".a{color:red}"


def test_quoted_urls_are_untouched() -> None:
    css = ".x { mask: url('data:image/svg+xml,<svg  viewBox=\"0 0 24 24\">  </svg>') ; }"
    assert css_minify.minify(css) == ".x{mask:url('data:image/svg+xml,<svg  viewBox=\"0 0 24 24\">  </svg>')}"


def test_only_a_scripts_header_comment_is_dropped() -> None:
    js = '/* header\n   more */\n(function () {\n  var a = "/* kept */";\n})();\n'
    assert css_minify.strip_header_comment(js) == '(function () {\n  var a = "/* kept */";\n})();\n'
