"""Pictures under docs/images/: every SVG is well-formed, names itself to screen readers,
and holds nothing that runs, loads or embeds anything; the site's own drawings are also
small, readable on a phone, and draw their labels in the page's text colour.

Why: drawings are inlined into the page HTML (so a script or an event handler in one
would run on the site, and ids must not clash between two drawings on one page), and the
site's content security policy blocks inline styles (so a <style> element or a style=""
attribute silently does nothing). Inlined, a drawing's labels and lines use currentColor,
which follows the light, the dark and the print palette; the few fig-* classes are for
the print rules at the end of extra.css, and each one must have a rule there.

This reads the files with the standard library's XML parser and is independent of
iastm_guide/content/images.py (which checks titles at build time). No maintained library checks SVG
for these rules: the checker is a few small functions, and each rule is seen to fail below.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import ROOT

IMAGES = ROOT / "docs" / "images"
EXTRA_CSS = ROOT / "docs" / "stylesheets" / "extra.css"
# The site's own drawings (the "figures" block at the end of extra.css is theirs).
DRAWINGS = ("tool-shapes.svg", "how-a-stroke-is-given.svg", "marks-scale.svg")
# Icons, not figures: the logo is inlined with its title removed and aria-hidden
# (iastm_guide/weight/icons.py), the favicon becomes a data URI, the app icon a home-screen
# tile. Each one's title (the site's name) is its whole text alternative: no <desc>.
ICONS = ("favicon.svg", "logo.svg", "app-icon.svg")
MAX_DRAWING_BYTES = 6 * 1024  # inlined into every page that shows it (page-weight budget)
# Drawings are at most the content column wide: on a 390px phone that is 358px (the
# viewport less Material's 16px margins, measured in chromium). Labels must render at 14px or more.
PHONE_COLUMN_PX = 358
MIN_LABEL_PX = 14.0
DEFAULT_FONT_PX = 16.0

FORBIDDEN_ELEMENTS = {
    "script": "a <script> element (code would run on the page)",
    "foreignObject": "a <foreignObject> element (HTML inside the picture)",
    "image": "an <image> element (an embedded or linked picture: draw it as SVG)",
    "style": "a <style> element (the site's content security policy blocks it; use classes)",
}
EXTERNAL = re.compile(r"(?i)\b(?:https?|ftp|file|data|javascript):|//")
URL_REF = re.compile(r"url\(\s*['\"]?([^'\")\s]*)")
SVG_FILES = sorted(IMAGES.rglob("*.svg"))


def _local(name: str) -> str:
    """A tag or attribute name without its {namespace}."""
    return name.rsplit("}", 1)[-1]


def svg_problems(text: str, *, needs_desc: bool = True) -> list[str]:
    """What is wrong with one SVG file's text: a list of plain sentences, empty if nothing."""
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        return ["has a DOCTYPE or ENTITY declaration: remove it (an SVG needs neither)"]
    problems = []
    if "<?xml-stylesheet" in text:
        problems.append("links a stylesheet (<?xml-stylesheet?>), an external reference: remove it")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        return [*problems, f"is not well-formed XML ({err})"]
    if _local(root.tag) != "svg":
        return [*problems, "does not start with an <svg> element"]
    if root.get("role") != "img":
        problems.append('has no role="img" on <svg>')
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) != 4 or not all(re.fullmatch(r"-?[\d.]+", n) for n in box) or float(box[2]) <= 0:
        problems.append('has no usable viewBox="x y width height" on <svg>')
    children = [child for child in root if isinstance(child.tag, str)]
    title = children[0] if children and _local(children[0].tag) == "title" else None
    if title is None:
        problems.append("has no <title> as the first element inside <svg>")
    elif not "".join(title.itertext()).strip():
        problems.append("has an empty <title>")
    desc = next((c for c in children if _local(c.tag) == "desc"), None)
    if needs_desc and (desc is None or not "".join(desc.itertext()).strip()):
        problems.append("has no <desc> saying what it shows, for someone who cannot see it")
    ids: dict[str, int] = {}
    for element in root.iter():
        if element.get("id"):
            ids[element.get("id", "")] = ids.get(element.get("id", ""), 0) + 1
    problems += [f'uses id="{i}" {n} times: ids must be unique' for i, n in ids.items() if n > 1]
    labelledby = (root.get("aria-labelledby") or "").split()
    if not labelledby:
        problems.append("has no aria-labelledby on <svg> pointing at its <title>")
    elif title is not None and title.get("id") not in labelledby:
        problems.append("has an aria-labelledby that does not name the <title>'s id")
    for attribute in ("aria-labelledby", "aria-describedby"):
        for ref in (root.get(attribute) or "").split():
            if ref not in ids:
                problems.append(f'has {attribute} "{ref}", but no element has that id')
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"has {FORBIDDEN_ELEMENTS[tag]}")
        for name, value in element.attrib.items():
            attr = _local(name)
            if attr.lower().startswith("on"):
                problems.append(f"has an event handler ({attr}=) on <{tag}>")
            elif attr == "style":
                problems.append(f"has a style attribute on <{tag}> (blocked by the content security policy)")
            elif attr == "href" and not value.startswith("#"):
                problems.append(f'has an external reference href="{value}" on <{tag}>')
            elif any(not ref.startswith("#") for ref in URL_REF.findall(value)) or (
                attr != "href" and EXTERNAL.search(value)
            ):
                problems.append(f'has an external reference {attr}="{value}" on <{tag}>')
    return problems


def _inherited(element: ET.Element, parents: dict[ET.Element, ET.Element], attribute: str) -> str | None:
    """An attribute's value on the element or on its nearest ancestor that has it."""
    node: ET.Element | None = element
    while node is not None:
        if node.get(attribute) is not None:
            return node.get(attribute)
        node = parents.get(node)
    return None


def _font_px(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> float:
    """The font-size (user units) an element's text is drawn at: its own or inherited."""
    size = _inherited(element, parents, "font-size") or ""
    return float(size.removesuffix("px")) if re.fullmatch(r"[\d.]+(?:px)?", size) else DEFAULT_FONT_PX


def drawing_problems(text: str, css_classes: set[str]) -> list[str]:
    """The extra rules for the site's own drawings (on top of svg_problems)."""
    problems = []
    size = len(text.encode("utf-8"))
    if size > MAX_DRAWING_BYTES:
        problems.append(f"is {size} bytes; a drawing may have at most {MAX_DRAWING_BYTES}")
    root = ET.fromstring(text)
    if "fig" not in (root.get("class") or "").split():
        problems.append('has no class="fig" on <svg>: extra.css colours only drawings that have it')
    width = float((root.get("viewBox") or "0 0 0 0").replace(",", " ").split()[2])
    parents = {child: parent for parent in root.iter() for child in parent}
    texts = [e for e in root.iter() if isinstance(e.tag, str) and _local(e.tag) in ("text", "tspan")]
    if not texts:
        problems.append("has no <text>: labels must be real text, not drawn outlines")
    for element in texts:
        words = "".join(element.itertext()).strip()[:30]
        px = _font_px(element, parents) * PHONE_COLUMN_PX / width
        if px < MIN_LABEL_PX:
            problems.append(f"draws '{words}' at {px:.1f}px on a phone; labels need {MIN_LABEL_PX:.0f}px")
        fill = _inherited(element, parents, "fill")
        if (fill or "").casefold() != "currentcolor":
            problems.append(
                f"fills '{words}' with {fill or 'the default black'}: use fill=\"currentColor\", "
                "so that labels take the page's text colour in the dark and the print palette"
            )
    for element in root.iter():
        for name in (element.get("class") or "").split():
            if name.startswith("fig-") and name not in css_classes:
                problems.append(f'uses class "{name}", which extra.css does not colour')
    return problems


def css_figure_classes(css: str) -> set[str]:
    """The fig-* classes that extra.css has rules for."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return set(re.findall(r"\.(fig-[\w-]+)", css))


# ------------------------------------------------------------ the real files


def test_the_images_folder_has_svgs_and_the_named_ones_exist() -> None:
    names = {path.name for path in SVG_FILES}
    assert len(SVG_FILES) >= len(DRAWINGS) + len(ICONS)
    assert set(DRAWINGS) <= names, f"missing drawings: {set(DRAWINGS) - names}"
    assert set(ICONS) <= names, f"ICONS lists files that are gone: {set(ICONS) - names}"


@pytest.mark.parametrize("path", SVG_FILES, ids=lambda p: p.relative_to(IMAGES).as_posix())
def test_every_svg_is_well_formed_named_and_self_contained(path: Path) -> None:
    problems = svg_problems(path.read_text(encoding="utf-8"), needs_desc=path.name not in ICONS)
    assert problems == [], "\n".join(f"docs/images/{path.name}: {p}" for p in problems)


def test_ids_are_unique_across_figures() -> None:
    """Two figures inlined into one page must not share an id (aria-labelledby would
    name the wrong picture). Icons are not inlined with their ids."""
    seen: dict[str, str] = {}
    clashes = []
    for path in SVG_FILES:
        if path.name in ICONS:
            continue
        for element in ET.fromstring(path.read_text(encoding="utf-8")).iter():
            if (i := element.get("id")) is not None:
                if i in seen:
                    clashes.append(f'id="{i}" is in both {seen[i]} and {path.name}')
                seen[i] = path.name
    assert clashes == []


@pytest.mark.parametrize("name", DRAWINGS)
def test_the_sites_drawings_are_small_readable_and_styled(name: str) -> None:
    classes = css_figure_classes(EXTRA_CSS.read_text(encoding="utf-8"))
    problems = drawing_problems((IMAGES / name).read_text(encoding="utf-8"), classes)
    assert problems == [], "\n".join(f"docs/images/{name}: {p}" for p in problems)


def test_every_figure_class_in_extra_css_is_used_by_a_drawing() -> None:
    used = {
        name
        for drawing in DRAWINGS
        for element in ET.fromstring((IMAGES / drawing).read_text(encoding="utf-8")).iter()
        for name in (element.get("class") or "").split()
    }
    unused = css_figure_classes(EXTRA_CSS.read_text(encoding="utf-8")) - used
    assert unused == set(), f"extra.css styles fig-* classes no drawing uses: {sorted(unused)}"


# ------------------------------------------------------------ each rule fails and passes

GOOD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 400 100" role="img" aria-labelledby="x-title x-desc" class="fig">'
    '<title id="x-title">Two tools</title><desc id="x-desc">A bar and a board.</desc>'
    '<defs><path id="x-bar" d="M0 0h10"/></defs><use href="#x-bar"/><use xlink:href="#x-bar"/>'
    '<path class="fig-line" d="M0 0h10" fill="url(#x-bar)" stroke="#1b1b1b"/>'
    '<text x="0" y="20" font-size="17" fill="currentColor">a <tspan>label</tspan></text></svg>'
)


def test_a_good_svg_passes() -> None:
    assert svg_problems(GOOD) == []
    assert drawing_problems(GOOD, {"fig-line"}) == []


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("</svg>", "", "not well-formed XML"),
        ("<svg ", '<!DOCTYPE svg [<!ENTITY a "b">]><svg ', "DOCTYPE"),
        ("<svg ", '<?xml-stylesheet href="x.css"?><svg ', "links a stylesheet"),
        (' role="img"', "", 'no role="img"'),
        (' viewBox="0 0 400 100"', "", "viewBox"),
        (
            '<title id="x-title">Two tools</title><desc id="x-desc">A bar and a board.</desc>',
            '<desc id="x-desc">A bar and a board.</desc><title id="x-title">Two tools</title>',
            "no <title> as the first element",
        ),
        (">Two tools<", "> <", "empty <title>"),
        ('<desc id="x-desc">A bar and a board.</desc>', "", "no <desc>"),
        ('aria-labelledby="x-title x-desc"', "", "no aria-labelledby"),
        ('aria-labelledby="x-title x-desc"', 'aria-labelledby="x-desc"', "does not name the <title>"),
        ('aria-labelledby="x-title x-desc"', 'aria-labelledby="x-title x-gone"', '"x-gone", but no element'),
        ('role="img"', 'role="img" aria-describedby="x-nowhere"', '"x-nowhere", but no element'),
        ('<use href="#x-bar"/>', '<use href="#x-bar" id="x-title"/>', 'id="x-title" 2 times'),
        ("</svg>", "<script>alert(1)</script></svg>", "<script>"),
        ('<use href="#x-bar"/>', '<use href="#x-bar" onclick="go()"/>', "event handler (onclick=)"),
        ("</svg>", "<foreignObject><p>hi</p></foreignObject></svg>", "<foreignObject>"),
        ("</svg>", '<image href="#x-bar"/></svg>', "<image>"),
        ("</svg>", "<style>@import url(x.css);</style></svg>", "<style>"),
        ('<use href="#x-bar"/>', '<use href="#x-bar" style="fill:red"/>', "style attribute"),
        ('<use href="#x-bar"/>', '<use href="tools.svg#bar"/>', 'external reference href="tools.svg#bar"'),
        ('xlink:href="#x-bar"', 'xlink:href="https://example.org/a.svg#b"', "external reference href="),
        ('fill="url(#x-bar)"', 'fill="url(https://example.org/a.svg#g)"', "external reference fill="),
        ('fill="url(#x-bar)"', "fill=\"url('data:image/png;base64,AAAA')\"", "external reference fill="),
        ('stroke="#1b1b1b"', 'stroke="#1b1b1b" mask="url(other.svg#m)"', "external reference mask="),
    ],
)
def test_each_svg_rule_fails(old: str, new: str, words: str) -> None:
    assert old in GOOD
    problems = svg_problems(GOOD.replace(old, new, 1))
    assert any(words in p for p in problems), problems


def test_an_icon_needs_no_desc() -> None:
    icon = GOOD.replace('<desc id="x-desc">A bar and a board.</desc>', "").replace(" x-desc", "")
    assert svg_problems(icon, needs_desc=False) == []
    assert any("no <desc>" in p for p in svg_problems(icon))


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("</svg>", f"<desc>{'x' * MAX_DRAWING_BYTES}</desc></svg>", "bytes; a drawing may have at most"),
        (' class="fig"', "", 'no class="fig"'),
        ('font-size="17"', 'font-size="15"', "'a label' at 13.4px on a phone"),
        ('viewBox="0 0 400 100"', 'viewBox="0 0 480 100"', "'a label' at 12.7px on a phone"),
        (
            '<text x="0" y="20" font-size="17" fill="currentColor">a <tspan>label</tspan></text>',
            "",
            "has no <text>",
        ),
        (
            'fill="currentColor">a',
            'fill="#1b1b1b">a',
            "fills 'a label' with #1b1b1b: use fill=\"currentColor\"",
        ),
        (' fill="currentColor">a', ">a", "fills 'a label' with the default black"),
        (
            'class="fig-line"',
            'class="fig-line fig-lnie"',
            'class "fig-lnie", which extra.css does not colour',
        ),
    ],
)
def test_each_drawing_rule_fails(old: str, new: str, words: str) -> None:
    assert old in GOOD
    problems = drawing_problems(GOOD.replace(old, new, 1), {"fig-line"})
    assert any(words in p for p in problems), problems


def test_text_without_a_font_size_counts_at_the_default_size() -> None:
    small = GOOD.replace(' font-size="17"', "").replace('viewBox="0 0 400 100"', 'viewBox="0 0 420 100"')
    assert any("at 13.6px" in p for p in drawing_problems(small, {"fig-line"}))
    assert drawing_problems(GOOD.replace(' font-size="17"', ""), {"fig-line"}) == []


def test_css_classes_are_read_from_selectors_not_comments() -> None:
    css = "/* .fig-old was here */\n.fig .fig-line { stroke: red; }\n"
    css += "@media print { .fig .fig-dot { stroke: #000; } }"
    assert css_figure_classes(css) == {"fig-line", "fig-dot"}
