"""Urgent help on the real site (issue 14): every condition page's urgent advice comes from
urgent-help.yml, each warning sign reads the same on every page, and no real page words
a sign or a level's advice by hand (and would be caught if it did)."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import textstat
import yaml
from mkdocs.utils.meta import get_data
from spellchecker import SpellChecker

from iastm_guide.urgent.data import LEVELS, load
from iastm_guide.urgent.page import process
from tests.helpers import ROOT, html_pages

DATA = load(ROOT / "urgent-help.yml")
SECTION = "## When to get medical help urgently"
CONDITIONS = sorted(p for p in (ROOT / "docs" / "conditions").glob("*.md") if p.name != "index.md")
LEAD = re.compile(r'<p class="urgent-help__lead urgent-help__lead--([\w-]+)"><strong>(.*?)</strong></p>')
ITEM = re.compile(r"<li>(.*?)</li>", re.S)
CITE = re.compile(r'<sup id="fnref\d*:([\w-]+)">.*?</sup>', re.S)
BLOCK = re.compile(r'<div class="urgent-help">(.*?)</div>', re.S)


def source_pages() -> list[Path]:
    return sorted(p for p in (ROOT / "docs").rglob("*.md") if "includes" not in p.parts)


def check(path: Path, body_edit: tuple[str, str] | None = None) -> list[str]:
    """The problems the build would report on a real page (optionally edited)."""
    source = path.read_text(encoding="utf-8")
    body, meta = get_data(source)
    offset = source.count("\n", 0, len(source) - len(body))  # front matter lines
    if body_edit:
        assert body_edit[0] in body
        body = body.replace(body_edit[0], body_edit[1], 1)
    condition = path.stem if meta.get("page_type") == "condition" else None
    name = path.relative_to(ROOT).as_posix()
    return [str(p) for p in process(body, DATA, name, condition, offset).problems]


def test_no_real_page_words_urgent_advice_outside_the_rule() -> None:
    problems = [p for path in source_pages() for p in check(path)]
    assert problems == []


@pytest.mark.parametrize("path", CONDITIONS, ids=lambda p: p.stem)
def test_a_sign_typed_by_hand_into_a_real_page_would_fail(path: Path) -> None:
    typed = "If your calf is swollen and warm, call 999.\n\n"
    problems = check(path, (f"{SECTION}\n\n", f"{SECTION}\n\n{typed}"))
    line = path.read_text(encoding="utf-8").splitlines().index(SECTION) + 3
    assert len(problems) == 1 and problems[0].startswith(f"docs/conditions/{path.name}:{line}: "), problems
    assert "words the warning sign 'calf-clot'" in problems[0]


@pytest.mark.parametrize("path", CONDITIONS, ids=lambda p: p.stem)
def test_each_condition_page_names_its_signs_in_its_urgent_section(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    section = text.split(f"\n{SECTION}\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"^/// urgent-help\n(.*?)^///$", section, re.S | re.M)
    assert block, f"{path.name}: no /// urgent-help block under {SECTION!r}"
    assert not re.search(r"^\s*(?:[-*+]|\d+\.)\s", section, re.M), f"{path.name}: a list typed by hand"
    named = set(block.group(1).split())
    given = {sign for sign, record in DATA.signs.items() if path.stem in record.conditions}
    assert given <= named and given, path.name


def rendered(html: str) -> list[tuple[list[tuple[str, str]], list[tuple[str, list[str]]]]]:
    """Each urgent-help block of a built page: its (level, lead-in) pairs and (text, cited keys) items."""
    blocks = []
    for block in BLOCK.findall(html):
        leads = [(level, html_lib.unescape(text)) for level, text in LEAD.findall(block)]
        items = []
        for item in ITEM.findall(block):
            keys = CITE.findall(item)
            text = html_lib.unescape(re.sub(r"<[^>]+>", "", CITE.sub("", item)))
            items.append((" ".join(text.split()), keys))
        blocks.append((leads, items))
    return blocks


@pytest.mark.parametrize("path", CONDITIONS, ids=lambda p: p.stem)
def test_every_condition_page_urgent_section_comes_from_the_system(site: Path, path: Path) -> None:
    html = (site / "conditions" / path.stem / "index.html").read_text(encoding="utf-8")
    section = html.split('<h2 id="when-to-get-medical-help-urgently">', 1)[1].split("<h2", 1)[0]
    [(leads, items)] = rendered(section)
    outside = BLOCK.sub("", section)
    assert "<li" not in outside and "<strong" not in outside, f"{path.stem}: advice outside the block"
    levels = [level for level, _ in leads]
    assert levels == [level for level in LEVELS if level in levels], f"{path.stem}: levels out of order"
    for level, text in leads:
        assert text == DATA.levels[level].lead_in
    says = {record.says: sign for sign, record in DATA.signs.items()}
    shown = {says.get(text) for text, _ in items}
    assert None not in shown, f"{path.stem}: an item that is not a sign's wording: {items}"
    assert {s for s, r in DATA.signs.items() if path.stem in r.conditions} <= shown


def test_the_same_sign_reads_identically_on_every_page(site: Path) -> None:
    says = {record.says: sign for sign, record in DATA.signs.items()}
    seen: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    pages: dict[str, int] = {}
    for page in html_pages(site):
        for _, items in rendered(page.read_text(encoding="utf-8")):
            for text, keys in items:
                assert text in says, f"{page}: {text!r} is not the wording of any sign"
                seen.setdefault(says[text], set()).add((text, tuple(keys)))
                pages[says[text]] = pages.get(says[text], 0) + 1
    assert set(seen) == set(DATA.signs), "every sign is shown on some page"
    for sign, readings in seen.items():
        assert readings == {(DATA.signs[sign].says, tuple(DATA.signs[sign].sources))}, sign
    assert pages["calf-clot"] >= 5 and pages["chest-pain-or-breathless"] >= 5


def test_the_wording_is_plain_and_spelled_right() -> None:
    rules = yaml.safe_load((ROOT / "content-rules.yml").read_text(encoding="utf-8"))
    limits = rules["page_types"]["condition"]["readability"]
    sentences = [level.lead_in.rstrip(":") + "." for level in DATA.levels.values()]
    sentences += [sign.says[0].upper() + sign.says[1:] + "." for sign in DATA.signs.values()]
    text = " ".join(sentences)
    assert textstat.flesch_kincaid_grade(text) <= limits["max_grade"]
    assert textstat.flesch_reading_ease(text) >= limits["min_ease"]
    known = {w.strip().lower() for w in (ROOT / ".wordlist.txt").read_text().splitlines() if w.strip()}
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text) if not w.isupper() and len(w) > 1}
    assert SpellChecker(distance=1).unknown(words - known) == set()
