"""Read a YAML data file keeping the line of every value, and refusing repeated keys.

PyYAML composes a document into nodes that know where they start (`start_mark`), then
constructs plain data from them; validation libraries (pydantic here) report a bad
value by its path (`("signs", 3, "level")`), not its line. This keeps a map from paths
to lines, so every message can name the line to fix. PyYAML lets a repeated key
silently win; the walk over the nodes refuses it. One module for every data file
(`evidence/studies.yml`, `evidence/search-log.yml`, `urgent-help.yml`). No library
found does both (ruamel.yaml keeps lines but would be a second YAML parser in the
build; strictyaml refuses flow style, which the data uses for lists). No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml

from iastm_guide.problems import Problem, ProblemsError

Path = tuple[str | int, ...]
# libyaml's loader where PyYAML has it: the same YAML, read faster; its nodes carry marks too.
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(ProblemsError):
    """The file cannot be read as YAML data; one problem per line."""


@dataclass(frozen=True)
class Located:
    """Parsed data and the 1-based line of each value, by path from the top."""

    name: str  # the file as an editor names it, e.g. evidence/studies.yml
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Path) -> int:
        """The line of `path`, or of the nearest enclosing value that has one."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return 1


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int], name: str, problems: list[Problem]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        name,
                        line,
                        f"'{key}' appears twice in one record (first at line {seen[key]}); keep one of them",
                    )
                )
                continue
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, name, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, name, problems)


def parse(text: str, name: str) -> Located:
    """Parse YAML text; YamlError naming the file and line on any problem."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(name, None)
        lines: dict[Path, int] = {}
        problems: list[Problem] = []
        _walk(node, (), lines, name, problems)
        if problems:
            raise YamlError(problems)
        return Located(name, loader.construct_document(node), lines)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        context, start = getattr(err, "context", None), getattr(err, "context_mark", None)
        if context and start is not None and mark is not None and start.line != mark.line:
            problem = f"{context} started at line {start.line + 1}: {problem}"
        raise YamlError(
            [
                Problem(
                    name,
                    mark.line + 1 if mark is not None else 1,
                    f"not valid YAML ({problem}); check the indentation, the dashes and the quotes",
                )
            ]
        ) from err
    finally:
        loader.dispose()


def load(path: FilePath, name: str) -> Located:
    """Read and parse a file; `name` is how messages call it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise YamlError([Problem(name, 1, f"cannot be read ({err}); restore the file")]) from err
    return parse(text, name)
