"""content-rules.yml: the real file loads; a broken one stops the build naming the key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from iastm_guide.content import rules as content_rules
from iastm_guide.content.rules import RulesError
from tests.helpers import ROOT


def test_the_real_rules_have_every_page_type_of_the_brief(rules: content_rules.Rules) -> None:
    assert set(rules.page_types) == {
        "home", "topic", "condition", "evidence", "index", "glossary", "references", "about", "faq", "guide",
    }  # fmt: skip
    assert rules.page_types["condition"].sections[0] == "In short"
    assert len(rules.page_types["condition"].sections) == 9
    assert rules.page_types["glossary"].readability is None
    assert rules.page_types["references"].readability is None
    evidence = rules.page_types["evidence"].readability
    topic = rules.page_types["topic"].readability
    assert evidence is not None and evidence.max_grade == 10
    assert topic is not None and topic.max_grade == 8
    assert rules.warn_days == 60 and rules.description_max_chars == 160
    assert "awaiting clinical review" in rules.review_statuses


def _broken(tmp_path: Path, change: dict[str, object]) -> Path:
    data = yaml.safe_load((ROOT / "content-rules.yml").read_text(encoding="utf-8"))
    data.update(change)
    path = tmp_path / "content-rules.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"review_cycle": {"warn_days": "sixty", "max_age_days": 400}}, "review_cycle.warn_days"),
        ({"page_types": {"topic": {"readability": {"max_grade": "eight", "min_ease": 60}}}}, "max_grade"),
        ({"page_types": {"topic": {"readability": "exempt", "colour": "red"}}}, "page_types.topic"),
        ({"banned_claims": [{"name": "cure", "forms": "cure", "advice": "x"}]}, "banned_claims[0].forms"),
        ({"front_matter": {"keys": {"title": "words"}, "required": [], "description_max_chars": 1}}, "title"),
    ],
)
def test_a_malformed_rules_file_names_the_key(tmp_path: Path, change: dict[str, object], named: str) -> None:
    with pytest.raises(RulesError, match=r"content-rules\.yml") as err:
        content_rules.load(_broken(tmp_path, change))
    assert named in str(err.value)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "content-rules.yml"
    path.write_text("page_types:\n  home: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"content-rules\.yml:\d+: not valid YAML"):
        content_rules.load(path)


def test_parsed_once_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "content-rules.yml"
    path.write_text((ROOT / "content-rules.yml").read_text(encoding="utf-8"), encoding="utf-8")
    first = content_rules.load(path)
    assert content_rules.load(path) is first
    text = path.read_text(encoding="utf-8").replace("warn_days: 60", "warn_days: 30")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert content_rules.load(path).warn_days == 30


def test_phrase_pattern_matches_whole_words_in_any_case() -> None:
    pattern = content_rules.phrase_pattern(("cure", "flush out"))
    assert pattern.search("This will CURE you")
    assert pattern.search("it may flush\n  out the")
    assert not pattern.search("a secure curette")
    assert not pattern.search("flushed outward")
