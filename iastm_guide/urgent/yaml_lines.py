"""Read a YAML file keeping the line of every value, and refusing repeated keys.

PyYAML composes a document into nodes that know where they start (`start_mark`)
and then builds plain data from them; pydantic reports a bad value by its path
(`("signs", 3, "level")`), not its line. This keeps a map from paths to lines so
every message can name the line to fix. PyYAML lets a repeated key silently win;
the walk over the nodes refuses it. (`iastm_guide/evidence/sources.py` does the same
for the study data, written in parallel; the two are to become one shared module when
the hooks are consolidated.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from iastm_guide.urgent import Problem, UrgentHelpError

Path = tuple[str | int, ...]
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Located:
    """Parsed data and the 1-based line of each value, by path from the top."""

    name: str
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
                        f"'{key}' appears twice in one record (first at line {seen[key]}); keep one",
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
    """Parse YAML text; UrgentHelpError naming the file and line on any problem."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(name, None)
        lines: dict[Path, int] = {}
        problems: list[Problem] = []
        _walk(node, (), lines, name, problems)
        if problems:
            raise UrgentHelpError(problems)
        return Located(name, loader.construct_document(node), lines)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        context, start = getattr(err, "context", None), getattr(err, "context_mark", None)
        if context and start is not None and mark is not None and start.line != mark.line:
            problem = f"{context} started at line {start.line + 1}: {problem}"
        raise UrgentHelpError(
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
