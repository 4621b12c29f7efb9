"""iastm_guide/build/pipeline.py: the order of the steps, named once, and hooks/ that only call it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from iastm_guide.build import content, finish, pipeline, references, security, weight
from tests.helpers import ROOT

PHASES = {
    "config": pipeline.CONFIG,
    "files": pipeline.FILES,
    "page_markdown": pipeline.PAGE_MARKDOWN,
    "page_content": pipeline.PAGE_CONTENT,
    "page_context": pipeline.PAGE_CONTEXT,
    "post_page": pipeline.POST_PAGE,
    "post_build": pipeline.POST_BUILD,
}


def test_every_step_is_named_once() -> None:
    steps = [step for phase in PHASES.values() for step in phase]
    assert len(steps) == len(set(steps))
    assert set(pipeline.PRIORITY) == set(PHASES)


def test_the_order_the_data_flow_needs() -> None:
    markdown = pipeline.PAGE_MARKDOWN
    assert markdown[0] is content.check_page, "the page as its editor wrote it comes first"
    assert markdown.index(security.expand_snippets) < markdown.index(references.check_citations)
    assert markdown.index(references.prepare_citations) == len(markdown) - 3, "after the generated blocks"
    assert pipeline.FILES[0] is security.gate_files, "before anything reads a file"
    assert pipeline.CONFIG.index(content.load_rules) < pipeline.CONFIG.index(references.check_bibliography)
    assert pipeline.POST_PAGE[-1] is weight.collect_used, "after every other change to the page"
    assert pipeline.POST_BUILD.index(finish.finish_site) < pipeline.POST_BUILD.index(content.review_summary)
    assert pipeline.PRIORITY["config"] > 0 and pipeline.PRIORITY["page_markdown"] > 0, "before mkdocs-bibtex"
    assert pipeline.PRIORITY["post_build"] < 0, "after mkdocs-redirects writes its stubs"


def test_no_step_runs_before_the_config_phase() -> None:
    pipeline._build = None
    with pytest.raises(PluginError, match=r"hooks/config\.py must run first"):
        pipeline.current()


def _hooks() -> list[Path]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [ROOT / name for name in config["hooks"]]


def test_mkdocs_yml_lists_every_hook_and_each_only_calls_the_pipeline() -> None:
    listed = _hooks()
    assert sorted(listed) == sorted((ROOT / "hooks").glob("*.py")), "one list of hooks, all of them"
    for path in listed:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
        assert functions, path
        for function in functions:
            assert function.name.startswith("on_"), (path, function.name)
            (statement,) = function.body  # one line: hand the event to the pipeline
            calls = [n for n in ast.walk(statement) if isinstance(n, ast.Call)]
            assert [ast.unparse(c.func).split(".")[0] for c in calls] == ["pipeline"], (path, function.name)
        imports = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not {m for m in imports if not m.startswith(("mkdocs", "iastm_guide", "__future__", "typing"))}
        assert "jinja2" not in imports or path.name == "templates.py"
