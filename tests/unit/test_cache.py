"""iastm_guide/cache.py: where cached things go, and that a cache never fails a build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from iastm_guide.cache import cache_dir, jinja_bytecode_cache, remembered, write_atomically


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path / "c"))
    assert cache_dir("cmudict") == tmp_path / "c" / "cmudict"
    monkeypatch.delenv("IASTM_GUIDE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir("evidence-map") == tmp_path / "xdg" / "iastm-guide" / "evidence-map"


def test_a_file_is_written_whole_and_a_cache_that_cannot_be_written_is_ignored(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "x.bin"
    write_atomically(target, b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in target.parent.iterdir()] == ["x.bin"], "no temporary file left"
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    write_atomically(blocked / "x.bin", b"data")  # the folder cannot be made: no error
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_remembered_result_is_computed_once_per_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path))
    calls: list[str] = []

    def compute(value: str) -> Callable[[], str]:
        def run() -> str:
            calls.append(value)
            return value.upper()

        return run

    assert remembered("k", ["a", "b"], compute("first")) == "FIRST"
    assert remembered("k", ["a", "b"], compute("second")) == "FIRST", "the same key reads the cache"
    assert remembered("k", ["ab", ""], compute("third")) == "THIRD", "parts are kept apart in the key"
    assert calls == ["first", "third"]


def test_jinja_templates_are_compiled_into_the_cache_or_not_at_all(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path / "c"))
    cache = jinja_bytecode_cache()
    assert cache is not None and (tmp_path / "c" / "jinja").is_dir()
    (tmp_path / "f").write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path / "f"))
    assert jinja_bytecode_cache() is None


def test_a_template_is_kept_once_whatever_folder_it_came_from(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path / "c"))
    rendered = []
    for copy, source in (("one", "A {{ x }}"), ("two", "A {{ x }}"), ("three", "B {{ x }}")):
        (tmp_path / copy).mkdir()
        (tmp_path / copy / "main.html").write_text(source, encoding="utf-8")
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(tmp_path / copy)), bytecode_cache=jinja_bytecode_cache()
        )
        rendered.append(env.get_template("main.html").render(x=1))
    assert rendered == ["A 1", "A 1", "B 1"], "a changed template is compiled again"
    assert len(list((tmp_path / "c" / "jinja").iterdir())) == 1
