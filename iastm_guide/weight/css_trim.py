"""Trim Material's main stylesheet to the rules this site's pages and scripts can use.

Concern: the size of the theme's CSS. Material ships one stylesheet (137 KB) for every
feature it has: blog, tags, code annotations, Mermaid, versions and more. Every first-time
reader downloads it. After the build, the one pass over the built site (build/finish.py)
writes a copy without the rules that cannot match anything on this site, and points
every page at the copy.

A rule is dropped only when each selector in it needs a class that appears in no built
page (`class="..."`) and in no theme script (scripts add classes by name, so every word
in them counts as a class; the few names scripts build from pieces are listed in
DYNAMIC_CLASS_PREFIXES). Custom properties (`--md-...`) that nothing reads any more are
dropped too. At-rules other than @media/@supports/@container/@layer are kept whole.
The copy gets its own content-hashed name; Material's original stays in the site.
A browser test renders every page with the original and the trimmed stylesheet and
compares the screenshots. No MkDocs here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tinycss2

from iastm_guide import cache

# Class names Material's scripts build from a prefix and a value (checked against the
# theme's source map by tests/unit/test_css_trim.py).
DYNAMIC_CLASS_PREFIXES = ("md-tag", "md-source__fact", "tabbed-control")
GROUPING_AT_RULES = ("@media", "@supports", "@container", "@layer")
# (Also match "data-class=" and the like: a few extra names only keep a few extra rules.)
# Templates and Markdown write class="..."; the other quotings are rare, so the page is
# searched for them apart (one pattern for all three takes twice as long).
CLASS_ATTR = re.compile(r'class="([^"]*)"')
OTHER_CLASS_ATTR = re.compile(r"""class=(?:'([^']*)'|([^\s"'>]+))""")
ODD_CLASS_ATTR = re.compile(r"""class=(?!")""")
PALETTE_ATTR = re.compile(r'data-md-color-(?:primary|accent)="([\w-]+)"')
CUSTOM_PROPERTY_USE = re.compile(r"--[\w-]+")
WORD = re.compile(r"[\w-]+")
# This module's own code, part of every cached result's key: a change here recomputes.
_CODE = cache.code_key(__file__)
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


@dataclass
class Used:
    """What the built pages use, collected page by page as they are written."""

    classes: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # custom properties named in the pages
    palette_colours: set[str] = field(default_factory=set)  # data-md-color-primary/-accent values

    def collect(self, html: str) -> None:
        for value in set(CLASS_ATTR.findall(html)):  # the same attribute repeats a lot (navigation)
            self.classes.update(value.split())
        if ODD_CLASS_ATTR.search(html):
            for values in set(OTHER_CLASS_ATTR.findall(html)):
                self.classes.update(" ".join(values).split())
        self.words.update(CUSTOM_PROPERTY_USE.findall(html))
        self.palette_colours.update(PALETTE_ATTR.findall(html))


Node = Any  # tinycss2's node classes (QualifiedRule, AtRule, tokens) are untyped


def rules(css: str | list[Node]) -> list[Node]:
    """Rules of a stylesheet (or of an at-rule's block), comments and spaces left out."""
    if isinstance(css, str):
        return list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return list(tinycss2.parse_rule_list(css, skip_comments=True, skip_whitespace=True))


def selectors(prelude: list[Node]) -> list[str]:
    """A rule's selectors: its prelude split at the commas outside brackets and functions."""
    found: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            found.append([])
        else:
            found[-1].append(token)
    return [tinycss2.serialize(group).strip() for group in found]


def selector_can_match(selector: str, known: set[str]) -> bool:
    if "\\" in selector:
        return True  # escaped names: keep rather than guess
    # Classes inside :not(), :is(), :where(), :has() are not required: keep them out.
    required = re.sub(r":[\w-]+\((?:[^()]|\([^()]*\))*\)", "", selector)
    for name in SELECTOR_CLASS.findall(required):
        if name not in known and not name.startswith(DYNAMIC_CLASS_PREFIXES):
            return False
    return True


def _map_rules(css: str | list[Node], rule: Callable[[list[str], list[Node]], str]) -> str:
    """`css` with each style rule replaced by rule(selectors, its block) ("" drops it).

    Grouping at-rules (@media...) are entered and dropped when nothing is left in them;
    other at-rules and statements (@font-face, @charset...) are kept whole."""
    out = []
    for node in rules(css):
        if node.type == "at-rule":
            if node.content is not None and f"@{node.lower_at_keyword}" in GROUPING_AT_RULES:
                inner = _map_rules(node.content, rule)
                if inner:
                    out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{inner}}}")
            else:
                out.append(tinycss2.serialize([node]))
        elif node.type == "qualified-rule":
            out.append(rule(selectors(node.prelude), node.content))
    return "".join(out)


def trim_rules(css: str, known: set[str]) -> str:
    def rule(names: list[str], body: list[Node]) -> str:
        kept = [s for s in names if selector_can_match(s, known)]
        return ",".join(kept) + "{" + tinycss2.serialize(body) + "}" if kept else ""

    return _map_rules(css, rule)


def _declaration(node: Node) -> str:
    return f"{node.name}:{tinycss2.serialize(node.value)}" + ("!important" if node.important else "")


def _drop_declarations(css: str, unused: set[str]) -> str:
    def rule(names: list[str], body: list[Node]) -> str:
        declarations = tinycss2.parse_blocks_contents(body, skip_comments=True, skip_whitespace=True)
        kept = [
            _declaration(d) if d.type == "declaration" else tinycss2.serialize([d])
            for d in declarations
            if not (d.type == "declaration" and d.name in unused)
        ]
        return ",".join(names) + "{" + ";".join(kept) + "}" if kept else ""

    return _map_rules(css, rule)


def trim_custom_properties(css: str, used_elsewhere: set[str]) -> str:
    """Drop `--x:` declarations that no `var(--x)` reads, repeating until none is left."""
    while True:
        declared = set(re.findall(r"[{;](--[\w-]+)\s*:", css))
        read = set(re.findall(r"var\(\s*(--[\w-]+)", css)) | used_elsewhere
        unused = declared - read
        if not unused:
            return css
        css = _drop_declarations(css, unused)


def trim_stylesheet(css: str, known_classes: set[str], used_properties: set[str]) -> str:
    """The stylesheet with only the rules and custom properties the site can use; kept
    in the build's cache under its inputs and this module's code (parsing Material's
    stylesheet is most of a rebuild's trimming time, and `make serve` rebuilds often)."""
    return cache.remembered(
        "css-trim",
        ["stylesheet", _CODE, css, *sorted(known_classes), "\0", *sorted(used_properties)],
        lambda: trim_custom_properties(trim_rules(css, known_classes), used_properties),
    )


PALETTE_CHOICE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def trim_palette(css: str, used_colours: set[str]) -> str:
    """Drop the selectors of Material's palette sheet for primary/accent colours no page
    uses (the site sets `custom`); a rule left with no selector goes."""

    def rule(names: list[str], body: list[Node]) -> str:
        kept = [s for s in names if all(colour in used_colours for colour in PALETTE_CHOICE.findall(s))]
        return ",".join(kept) + "{" + tinycss2.serialize(body) + "}" if kept else ""

    return cache.remembered(
        "css-trim", ["palette", _CODE, css, *sorted(used_colours)], lambda: _map_rules(css, rule)
    )


def trimmed_name(original: str, css: str) -> str:
    """The trimmed copy's name, with a content hash: main.1a2b3c4d.trimmed.min.css."""
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    return f"{original.split('.', 1)[0]}.{digest}.trimmed.min.css"


@dataclass
class Plan:
    """Trimmed copies to write beside the originals, and the swaps to make in pages."""

    sheets: dict[Path, str] = field(default_factory=dict)  # new file -> its CSS
    swaps: dict[str, str] = field(default_factory=dict)  # "stylesheets/old" -> "stylesheets/new"
    problem: str | None = None

    def repoint(self, html: str) -> str:
        for old, new in self.swaps.items():
            html = html.replace(old, new)
        return html


def plan(site: Path, used: Used) -> Plan:
    """Trim the theme's main and palette stylesheets in the built site (read, not written)."""
    sheets = site / "assets" / "stylesheets"
    result = Plan()

    def add(original: Path, css: str) -> None:
        target = original.with_name(trimmed_name(original.name, css))
        result.sheets[target] = css
        result.swaps[f"stylesheets/{original.name}"] = f"stylesheets/{target.name}"

    palettes = sorted(sheets.glob("palette.*.min.css"))
    if len(palettes) == 1:
        add(palettes[0], trim_palette(palettes[0].read_text(encoding="utf-8"), used.palette_colours))
    originals = sorted(sheets.glob("main.*.min.css"))
    if len(originals) != 1:
        result.problem = (
            "expected one Material main.*.min.css in the built site, found "
            f"{len(originals)}; remove the stylesheet trimming (build/pipeline.py) if the theme changed"
        )
        return result
    original = originals[0]
    # Every script in the site, the theme's and any the project adds (extra_javascript),
    # except lunr's language files: word stemmers for search that never touch the page.
    scripts = " ".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*.js")
        if "lunr" not in p.relative_to(site).parts
    )
    known = used.classes | set(WORD.findall(scripts))
    others = [p for p in site.rglob("*.css") if "stylesheets" in p.parts and p.name != original.name]
    properties = used.words | set(CUSTOM_PROPERTY_USE.findall(scripts))
    for sheet in others:
        properties |= set(re.findall(r"var\(\s*(--[\w-]+)", sheet.read_text(encoding="utf-8")))
    add(original, trim_stylesheet(original.read_text(encoding="utf-8"), known, properties))
    return result
