"""iastm_guide/yaml_lines.py: the one YAML reader of the data files, with a line for every value."""

from __future__ import annotations

from pathlib import Path

import pytest

from iastm_guide.yaml_lines import YamlError, load, parse

TEXT = "- id: a\n  tags: [x, y]\n  nested:\n    deep: 1\n- id: b\n"


def test_every_value_has_its_line() -> None:
    located = parse(TEXT, "data.yml")
    assert located.data[1]["id"] == "b"
    assert located.line((0, "tags")) == 2
    assert located.line((0, "nested", "deep")) == 4
    assert located.line((1,)) == 5
    assert located.line((1, "missing", 3)) == 5, "the nearest enclosing value"
    assert located.line(("nowhere",)) == 1


def test_a_key_twice_in_one_record_is_refused_at_its_line() -> None:
    with pytest.raises(YamlError) as caught:
        parse("- id: a\n  id: b\n", "data.yml")
    assert str(caught.value) == (
        "data.yml:2: 'id' appears twice in one record (first at line 1); keep one of them"
    )


def test_yaml_that_cannot_be_read_names_its_line_and_where_the_block_began() -> None:
    with pytest.raises(YamlError) as caught:
        parse("- id: a\n  tags: [\n  more: 2\n", "data.yml")
    (problem,) = caught.value.problems
    assert problem.file == "data.yml" and problem.line >= 2
    assert "not valid YAML" in problem.message and "started at line 2" in problem.message


def test_an_empty_file_is_no_data_and_a_missing_one_cannot_be_read(tmp_path: Path) -> None:
    assert parse("", "empty.yml").data is None
    with pytest.raises(YamlError, match=r"^gone.yml:1: cannot be read"):
        load(tmp_path / "gone.yml", "gone.yml")
    (tmp_path / "ok.yml").write_text("a: 1\n", encoding="utf-8")
    assert load(tmp_path / "ok.yml", "ok.yml").data == {"a": 1}
