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


def _scan(text: str, start: int, stop_chars: str) -> int:
    """Index of the first of stop_chars at nesting depth 0, skipping strings."""
    depth, quote, i = 0, "", start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and c in stop_chars:
            return i
        i += 1
    return len(text)


def split_top(text: str, sep: str) -> list[str]:
    """Split at separators outside strings, brackets and parentheses."""
    parts, start = [], 0
    while start <= len(text):
        end = _scan(text, start, sep)
        parts.append(text[start:end])
        start = end + 1
    return parts


def blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; body is None for statements such as @charset."""
    out: list[tuple[str, str | None]] = []
    i = 0
    while i < len(css):
        j = _scan(css, i, "{;")
        prelude = css[i:j].strip()
        if j >= len(css):
            if prelude:
                out.append((prelude, None))
            break
        if css[j] == ";":
            if prelude:
                out.append((prelude, None))
            i = j + 1
            continue
        depth, k = 1, j + 1
        while depth:
            k = _scan(css, k, "{}")
            if k >= len(css):
                raise ValueError("unbalanced braces in stylesheet")
            depth += 1 if css[k] == "{" else -1
            k += 1
        out.append((prelude, css[j + 1 : k - 1]))
        i = k
    return out


def selector_can_match(selector: str, known: set[str]) -> bool:
    if "\\" in selector:
        return True  # escaped names: keep rather than guess
    # Classes inside :not(), :is(), :where(), :has() are not required: keep them out.
    required = re.sub(r":[\w-]+\((?:[^()]|\([^()]*\))*\)", "", selector)
    for name in SELECTOR_CLASS.findall(required):
        if name not in known and not name.startswith(DYNAMIC_CLASS_PREFIXES):
            return False
    return True


def _map_rules(css: str, rule: Callable[[str, str], str]) -> str:
    """`css` with each style rule replaced by rule(selectors, declarations) ("" drops it).

    Grouping at-rules (@media...) are entered and dropped when nothing is left in them;
    other at-rules and statements (@font-face, @charset...) are kept whole."""
    out = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(prelude + ";")
        elif prelude.startswith(GROUPING_AT_RULES):
            inner = _map_rules(body, rule)
            if inner:
                out.append(prelude + "{" + inner + "}")
        elif prelude.startswith("@"):
            out.append(prelude + "{" + body + "}")
        else:
            out.append(rule(prelude, body))
    return "".join(out)


def trim_rules(css: str, known: set[str]) -> str:
    def rule(prelude: str, body: str) -> str:
        kept = [s for s in split_top(prelude, ",") if selector_can_match(s, known)]
        return ",".join(kept) + "{" + body + "}" if kept else ""

    return _map_rules(css, rule)


def _drop_declarations(css: str, unused: set[str]) -> str:
    def rule(prelude: str, body: str) -> str:
        decls = [d for d in split_top(body, ";") if d.split(":", 1)[0].strip() not in unused]
        kept = ";".join(d for d in decls if d.strip())
        return prelude + "{" + kept + "}" if kept else ""

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
    return trim_custom_properties(trim_rules(css, known_classes), used_properties)


PALETTE_CHOICE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")
PLAIN_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")


def trim_palette(css: str, used_colours: set[str]) -> str:
    """Drop the selectors of Material's palette sheet for primary/accent colours no page
    uses (the site sets `custom`); a rule left with no selector goes."""

    def rule(match: re.Match[str]) -> str:
        selectors = [
            sel
            for sel in match.group(1).split(",")
            if all(colour in used_colours for colour in PALETTE_CHOICE.findall(sel))
        ]
        return f"{','.join(selectors)}{{{match.group(2)}}}" if selectors else ""

    return PLAIN_RULE.sub(rule, css)


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
