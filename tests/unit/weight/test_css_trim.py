"""iastm_guide/weight/css_trim.py fed small stylesheets: what it keeps and what it drops."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material

from iastm_guide.weight import css_trim

KNOWN = {"md-header", "md-typeset", "admonition", "note"}


def test_drops_rules_whose_every_selector_needs_an_unused_class() -> None:
    css = ".md-header{a:1}.md-blog{b:2}.md-blog,.md-typeset p{c:3}h1{d:4}"
    assert css_trim.trim_rules(css, KNOWN) == ".md-header{a:1}.md-typeset p{c:3}h1{d:4}"


def test_recurses_into_media_and_drops_empty_groups() -> None:
    css = "@media print{.md-blog{a:1}}@media screen{.md-blog{a:1}.note{b:2}}"
    assert css_trim.trim_rules(css, KNOWN) == "@media screen{.note{b:2}}"


def test_keeps_other_at_rules_statements_and_strings_with_braces() -> None:
    css = (
        '@charset "UTF-8";@font-face{font-family:x;src:url(x.woff2)}'
        '@keyframes spin{0%{a:1}to{a:2}}.note:after{content:"}{ /* ;"}.gone:after{content:"{"}'
    )
    out = css_trim.trim_rules(css, KNOWN)
    assert out == (
        '@charset "UTF-8";@font-face{font-family:x;src:url(x.woff2)}'
        '@keyframes spin{0%{a:1}to{a:2}}.note:after{content:"}{ /* ;"}'
    )


def test_classes_inside_functional_pseudo_classes_are_not_required() -> None:
    css = ".note:not(.md-blog){a:1}.md-typeset :is(.md-blog,.note){b:2}.md-blog:hover{c:3}"
    assert css_trim.trim_rules(css, KNOWN) == ".note:not(.md-blog){a:1}.md-typeset :is(.md-blog,.note){b:2}"


def test_classes_scripts_build_from_pieces_are_kept() -> None:
    css = ".tabbed-control--next{a:1}.md-source__fact--stars{b:2}.md-unused{c:3}"
    assert css_trim.trim_rules(css, set()) == ".tabbed-control--next{a:1}.md-source__fact--stars{b:2}"


def test_unread_custom_properties_are_dropped_in_chains() -> None:
    css = (
        ':root{--a:url("data:image/svg+xml;charset=utf-8,<svg/>");--b:var(--a);--c:1px;--d:2px}'
        ".note{margin:var(--c)}"
    )
    assert css_trim.trim_custom_properties(css, {"--d"}) == ":root{--c:1px;--d:2px}.note{margin:var(--c)}"
    assert css_trim.trim_custom_properties(css + ".x{y:var(--b)}", set()).startswith(
        ':root{--a:url("data:image/svg+xml;charset=utf-8,<svg/>");--b:var(--a);--c:1px}'
    )


def test_every_class_name_material_builds_from_pieces_is_listed() -> None:
    """If a Material update builds a new class name from pieces, this test names it."""
    package = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    maps = sorted(package.glob("bundle.*.min.js.map"))
    assert maps, "Material's bundle source map not found"
    sources = json.loads(maps[0].read_text(encoding="utf-8"))["sourcesContent"]
    built = set()
    for source in sources:
        for literal in re.findall(r"`([^`]*)`", source or ""):
            built.update(re.findall(r"([\w-]+?)-*\$\{", literal))
    built = {b for b in built if b.startswith(("md-", "tabbed-"))}
    assert built, "no template literals found: the check saw nothing"
    unlisted = {b for b in built if not b.startswith(css_trim.DYNAMIC_CLASS_PREFIXES)}
    assert unlisted == set()


def test_trimming_material_keeps_what_a_page_uses() -> None:
    sheet = next(
        (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    )
    css = sheet.read_text(encoding="utf-8")
    known = {"md-header", "md-typeset", "admonition", "note", "md-nav"}
    out = css_trim.trim_stylesheet(css, known, set())
    assert len(out) < len(css) * 0.8
    assert ".md-typeset .admonition" in out and ".md-header{" in out
    assert ".md-post" not in out  # the blog's styles
    assert len(css_trim.rules(out)) > 100


def test_classes_are_collected_from_every_way_of_quoting_the_attribute() -> None:
    used = css_trim.Used()
    used.collect("""<div class="a b"><p class='c'><i class=d>x</i></p></div><b style="--md-x:1">""")
    assert {"a", "b", "c", "d"} <= used.classes
    assert "--md-x" in used.words
