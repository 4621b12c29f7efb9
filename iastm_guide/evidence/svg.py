"""Make an SVG fit to be inlined in a page: accessible, styled by the site's CSS, small.

Matplotlib writes `style="fill: #1f77b4; ..."` on every element and a `<style>`
block: the site's Content Security Policy forbids both (no inline styles), and fixed
colours could not follow Material's light and dark palettes. `restyle` turns each
sentinel colour the chart was drawn with into `currentColor` (the page's text
colour, in either palette and on paper) or a class (extra.css colours it from
Material's CSS variables), the other declarations into presentation attributes,
drops ids nothing refers to, metadata and comments, and rounds coordinates. `finish`
adds role="img", a <title> that names it and a <desc> that describes it. No library
does this (svgo is JavaScript; scour keeps styles and would need our rules anyway).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# CSS properties that SVG also accepts as attributes (the rest are dropped).
PRESENTATION = {
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-opacity", "stroke-dasharray", "opacity", "font-size", "font-weight", "text-anchor",
    "dominant-baseline",
}  # fmt: skip
NUMBER = re.compile(r"-?\d+\.\d+")


def _round(value: str) -> str:
    return NUMBER.sub(lambda m: f"{float(m.group(0)):.1f}".rstrip("0").rstrip("."), value)


def _declarations(style: str) -> dict[str, str]:
    found = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        if name.strip() and value.strip():
            found[name.strip()] = value.strip()
    return found


def _prune(parent: ET.Element) -> None:
    """Drop metadata, style blocks and empty defs; lift the children of bare groups."""
    children: list[ET.Element] = []
    for child in parent:
        _prune(child)
        tag = child.tag.removeprefix(f"{{{SVG_NS}}}")
        if tag in ("metadata", "style") or (tag == "defs" and len(child) == 0):
            continue
        if tag == "g" and set(child.attrib) <= {"id"}:
            children.extend(child)
            continue
        children.append(child)
    parent[:] = children


def restyle(svg: str, colours: Mapping[str, str], prefix: str) -> ET.Element:
    """Parse a matplotlib SVG; each sentinel colour (lower-case #rrggbb) becomes what
    `colours` says: a class (".name", coloured by extra.css) or a colour ("currentColor",
    the text colour around the figure, which follows the palette and print).
    Ids that something refers to (a marker drawn by <use>) are kept, renamed
    `prefix-N` so that they are unique in the page; the others are dropped."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    _prune(root)
    href = f"{{{XLINK_NS}}}href"
    used = [e.attrib[href][1:] for e in root.iter() if e.attrib.get(href, "").startswith("#")]
    renamed = {old: f"{prefix}-{n}" for n, old in enumerate(dict.fromkeys(used), 1)}
    for element in root.iter():
        ident = element.attrib.pop("id", None)
        if ident in renamed:
            element.set("id", renamed[ident])
        if element.attrib.get(href, "").startswith("#"):  # SVG 2 and browsers take plain href
            element.set("href", "#" + renamed[element.attrib.pop(href)[1:]])
        names = []
        for name, value in _declarations(element.attrib.pop("style", "")).items():
            if name == "font":  # "bold 10px 'DejaVu Sans'": size and weight; the page gives the family
                for token in value.split():
                    if token.endswith("px"):
                        element.set("font-size", _round(token.removesuffix("px")))
                    elif token in ("bold", "600", "700", "800", "900"):
                        element.set("font-weight", token)
            elif name in ("fill", "stroke") and value.lower() in colours:
                wanted = colours[value.lower()]
                if wanted.startswith("."):
                    names.append(wanted[1:])
                else:
                    element.set(name, wanted)
                if name == "stroke" and "fill" not in element.attrib:
                    element.set("fill", "none")
            elif name in PRESENTATION:
                element.set(name, value)
        if names:
            element.set("class", " ".join(dict.fromkeys(names)))
        transform = element.attrib.get("transform", "")
        if re.fullmatch(r"rotate\(-?0(?:\.0*)? [-\d.]+ [-\d.]+\)", transform):
            del element.attrib["transform"]
        for name in ("d", "transform", "x", "y", "points", "stroke-width", "font-size"):
            if name in element.attrib:
                element.set(name, " ".join(_round(element.attrib[name]).split()))
    return root


def finish(root: ET.Element, *, ident: str, title: str, desc: str, css_class: str) -> str:
    """One line of inline SVG: role="img", a <title> and <desc>, scaled by its viewBox."""
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("class", css_class)
    root.set("role", "img")
    root.set("aria-labelledby", f"{ident}-title")
    root.set("aria-describedby", f"{ident}-desc")
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{ident}-title"})
    title_el.text = title
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": f"{ident}-desc"})
    desc_el.text = desc
    root.insert(0, desc_el)
    root.insert(0, title_el)
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    text = re.sub(r">\s+<", "><", text).replace(" />", "/>")
    # inline in HTML an <svg> needs no namespace declaration
    text = text.replace(f' xmlns="{SVG_NS}"', "", 1)
    return text.replace("\n", " ")
