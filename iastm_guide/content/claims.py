"""Reject claims a trustworthy health page does not make.

Concern: wording of claims.
- Banned words and phrases (`banned_claims` in content-rules.yml: "toxins", "detox",
  "flush out", "clinically proven", "cure", "guaranteed", "breaks up scar tissue"...),
  matched as whole words in any case, in the text, headings, admonition titles, the
  title and the description. A page may mention one only to warn readers: its name
  in the page's `claims_allow` AND every occurrence inside straight double quotes.
  An allowance the page does not use, or that names no banned phrase, also fails.
- Any percentage ("78%", "78 %", "78 per cent", "78 percent") needs a `[@key]`
  citation in the same paragraph, list item or table row.
Code, link URLs, image paths, HTML tags and citation keys are not read.
Hand-written: the phrases are the site's own list; no MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from iastm_guide.content import markdown as md
from iastm_guide.content.page import Source
from iastm_guide.content.rules import Rules
from iastm_guide.problems import Problem

NOT_READ = re.compile(
    r"(?<=\])\([^)\n]*\)"  # link and image destinations
    r"|\[\s*@[^\]]*\]"  # citations
    r"|</?[A-Za-z][^>]*>"  # HTML tags and autolinks
    r"|https?://\S+"  # bare URLs
    r"|\{:?[ \t]*[#.][^}]*\}"  # attribute lists
)
QUOTED = re.compile(r'"[^"]*"')
PERCENT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)

LineProblem = tuple[int, str]  # (line relative to the text given, message)


def readable(text: str) -> str:
    """The text with what readers do not read blanked out (positions unchanged)."""
    return NOT_READ.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def resolve_allowances(allow: Iterable[str], rules: Rules) -> tuple[set[str], list[str]]:
    """Banned-claim names the page may quote, and the allowances that name none."""
    names: set[str] = set()
    unknown = []
    for item in allow:
        wanted = " ".join(item.casefold().split())
        match = [
            c.name for c in rules.banned_claims if wanted in {c.name.casefold(), *map(str.casefold, c.forms)}
        ]
        if match:
            names.add(match[0])
        else:
            unknown.append(item)
    return names, unknown


def banned_in(text: str, rules: Rules, allowed: set[str], used: set[str]) -> Iterator[LineProblem]:
    """Banned phrases in one block of text; `used` collects the allowances quoted."""
    text = readable(text)
    if rules.any_banned is None or not rules.any_banned.search(text):
        return
    quotes = [m.span() for m in QUOTED.finditer(text)]
    for claim in rules.banned_claims:
        for match in claim.pattern.finditer(text):
            line, found = md.line_of(text, match.start()), match.group(0)
            quoted = any(start < match.start() and match.end() < end for start, end in quotes)
            if claim.name in allowed and quoted:
                used.add(claim.name)
            elif claim.name in allowed:
                curly = (
                    ' (straight quotes ", not curly ones)'
                    if text[max(match.start() - 1, 0)] in "\u201c\u2018"
                    else ""
                )
                yield (
                    line,
                    f"'{found}' may appear on this page only inside straight double quotes{curly}, to warn "
                    f'readers; write "{found}" or rewrite the sentence',
                )
            else:
                yield (
                    line,
                    f"'{found}' is a claim this site does not make: {claim.advice}. Rewrite it; only to "
                    f"warn readers, quote it (\"{found}\") and add '{claim.name}' to claims_allow in the "
                    "front matter",
                )


def uncited_percentage(text: str) -> LineProblem | None:
    """The first percentage in a block that has no [@key] citation."""
    match = PERCENT.search(readable(text))
    if match and not md.CITATION.search(text):
        return (
            md.line_of(text, match.start()),
            f"'{' '.join(match.group(0).split())}' has no source: cite where the figure comes from "
            "with [@key] in the same paragraph, list item or table row",
        )
    return None


def check_markdown(
    markdown: str,
    meta: Mapping[str, Any],
    lines: dict[str, int],
    offset: int,
    rules: Rules,
    blocks: tuple[md.Block, ...] | None = None,
) -> Iterator[LineProblem]:
    """Every claim problem of a page, with line numbers in the file."""
    allow = meta.get("claims_allow") or []
    allowed, unknown = resolve_allowances([str(a) for a in allow] if isinstance(allow, list) else [], rules)
    at = lines.get("claims_allow", 1)
    names = ", ".join(c.name for c in rules.banned_claims)
    for item in unknown:
        yield at, f"claims_allow lists '{item}', which is not a banned phrase; remove it (banned: {names})"
    used: set[str] = set()
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            for _, message in banned_in(meta[key], rules, allowed, used):
                yield lines.get(key, 1), f"in the {key}: {message}"
    for block in md.blocks(markdown) if blocks is None else blocks:
        for line, message in banned_in(block.text, rules, allowed, used):
            yield block.line + line - 1 + offset, message
        percent = uncited_percentage(block.text)
        if percent:
            yield block.line + percent[0] - 1 + offset, percent[1]
    for name in sorted(allowed - used):
        yield at, f"claims_allow lists '{name}', but the page never quotes it; remove it from claims_allow"


def check_page(page: Source, rules: Rules) -> Iterator[Problem]:
    """Every claim problem of a page, at its file and line."""
    for line, message in check_markdown(
        page.body, page.meta, page.key_lines, page.offset, rules, page.blocks
    ):
        yield Problem(page.name, line, message)
