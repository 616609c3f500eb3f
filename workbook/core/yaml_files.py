"""Reading a YAML configuration file safely, with the line of each key for messages.

Plain data only: tags that build objects are refused, and so is a file that stands for more values
than a configuration file holds once its aliases are written out (the "billion laughs"), counted
without expanding them. Dates that YAML recognises by their form but no calendar has are named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from workbook.core.errors import Problem
from workbook.core.files import read_text


@dataclass
class YamlDocument:
    """A YAML mapping with the line of each key, for messages that point at a line."""

    file: str
    data: object
    lines: dict[tuple, int]
    raw: dict[tuple, str] = field(default_factory=dict)  # each scalar as written (0101, not 65)

    def line(self, *path) -> int | None:
        """Line of the deepest existing key along ``path`` (1-based), or None."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def read_yaml(path: Path, file: str, problems: list[Problem]) -> YamlDocument | None:
    """Read YAML safely: plain data only; tags such as ``!!python/object`` are refused."""
    text = read_text(path, file, problems)
    if text is None:
        return None
    if len(text) > MAX_YAML_BYTES:
        problems.append(Problem(file, None, None, None,
                                f"the file is {len(text):,} characters long, more than a configuration "
                                f"file needs (at most {MAX_YAML_BYTES:,})",
                                "keep the engagement's settings in it and its data in CSV files"))
        return None
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        too_big = _expanded_size_problem(node, file)
        if too_big is not None:
            problems.append(too_big)
            return None
        try:
            data = loader.construct_document(node) if node is not None else None
        except ValueError:  # a date YAML recognises by its form but no calendar has (2026-13-01)
            problems.extend(_impossible_dates(loader, node, file))
            return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if isinstance(exc, yaml.constructor.ConstructorError):
            tag = (exc.problem or "").split("tag ")[-1].split(" ")[0].strip("'")
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem(file, line, None, tag,
                                    "YAML tags that build objects are not allowed",
                                    "remove the tag and write a plain value"))
        else:
            problems.append(Problem(file, line, None, None,
                                    f"the YAML cannot be read: {exc.problem}",
                                    "check indentation, colons and quotes on that line"))
        return None
    except yaml.reader.ReaderError as exc:  # a control character; it has a position, not a mark
        line = text[: exc.position].count("\n") + 1
        problems.append(Problem(file, line, None, chr(exc.character),
                                "the file holds a control character YAML does not allow",
                                "delete the character (it is invisible in most editors)"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(file, None, None, None, f"the YAML cannot be read: {exc}",
                                "check the file's syntax"))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[tuple, int] = {}
    raw: dict[tuple, str] = {}
    if node is not None:
        _collect_lines(node, (), lines, raw)
    return YamlDocument(file, data, lines, raw)


# A configuration file holds a few hundred values; aliases (*name) that repeat an anchored block
# inside another can make a 1 KB file stand for billions of values (the "billion laughs").
MAX_YAML_VALUES = 100_000
MAX_YAML_BYTES = 1_000_000


def _expanded_size_problem(root, file: str) -> Problem | None:
    """A problem when the document, with every alias written out, holds more than
    :data:`MAX_YAML_VALUES` values; the size of each node is counted once (linear time)."""
    if root is None:
        return None
    size: dict[int, int] = {}
    started: set[int] = set()
    first_alias: list = []
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not done and id(node) in started:
            if id(node) not in size:  # an alias inside its own anchored block
                return Problem(file, node.start_mark.line + 1, None, None,
                               "a YAML alias (*name) refers to the block that holds it",
                               "write the values out instead of the alias")
            if not first_alias:
                first_alias.append(node)
            continue
        started.add(id(node))
        children = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                    else list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        if not done:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
            continue
        size[id(node)] = min(1 + sum(size.get(id(c), 0) for c in children), MAX_YAML_VALUES + 1)
    if size[id(root)] <= MAX_YAML_VALUES:
        return None
    line = first_alias[0].start_mark.line + 1 if first_alias else None
    return Problem(file, line, None, None,
                   f"the file stands for more than {MAX_YAML_VALUES:,} values once its YAML aliases "
                   "(*name) are written out",
                   "write the values out instead of repeating anchored blocks (&name) inside each other")


def _impossible_dates(loader, root, file: str) -> list[Problem]:
    """A problem for every date in the document that is written as a date but does not exist."""
    found, stack, seen = [], [((), root)], set()
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((path + (k.value,), v) for k, v in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((path + (str(i + 1),), v) for i, v in reversed(list(enumerate(node.value))))
        elif node.tag == "tag:yaml.org,2002:timestamp":
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                found.append(Problem(file, node.start_mark.line + 1, ".".join(map(str, path)) or None,
                                     node.value, "this date is not in the calendar",
                                     "write a real date as YYYY-MM-DD, e.g. 2026-12-01"))
    return found or [Problem(file, None, None, None, "a value cannot be read",
                             "check the file's dates and numbers")]


def _collect_lines(node, path: tuple, lines: dict[tuple, int], raw: dict[tuple, str]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            _collect_lines(value, child, lines, raw)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect_lines(item, path + (i,), lines, raw)
    elif isinstance(node, yaml.ScalarNode):
        raw[path] = node.value
