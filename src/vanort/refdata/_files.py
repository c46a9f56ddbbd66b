"""Reading and checking the package's data files (CSV and YAML, UTF-8)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from importlib import resources

import yaml

from .errors import RefDataError

Row = dict[str, str]
TEXT = r"\S(?:.*\S)?"  # non-empty, no surrounding whitespace
OPTIONAL = "|"  # appended to a pattern: the field may be empty


def data_files() -> tuple[str, ...]:
    """Names of the data files shipped in this package (SOURCES.yaml excluded)."""
    names = (entry.name for entry in resources.files(__package__ or __name__).iterdir())
    return tuple(sorted(name for name in names if name.endswith((".csv", ".yaml")) and name != "SOURCES.yaml"))


def read_text(name: str) -> str:
    try:
        return resources.files(__package__ or __name__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RefDataError(name, "file not found") from exc
    except UnicodeDecodeError as exc:
        raise RefDataError(name, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc


def read_csv(name: str, columns: Mapping[str, str]) -> list[tuple[int, Row]]:
    """Rows as (line number, row) after checking header, field count and each field's pattern.

    ``columns`` maps each column, in order, to a regular expression the whole field must
    match. The first column is the key and must be unique. Blank lines are skipped.
    """
    reader = csv.reader(io.StringIO(read_text(name), newline=""))
    expected = list(columns)
    try:
        header = next(reader, None)
        if header != expected:
            raise RefDataError(name, f"header must be {','.join(expected)}, got {header}", line=1)
        rows = [(reader.line_num, fields) for fields in reader if fields]
    except csv.Error as exc:
        raise RefDataError(name, f"bad CSV: {exc}", line=reader.line_num) from exc
    return _checked(name, columns, rows)


def _checked(name: str, columns: Mapping[str, str], rows: list[tuple[int, list[str]]]) -> list[tuple[int, Row]]:
    patterns = {column: re.compile(pattern) for column, pattern in columns.items()}
    key = next(iter(columns))
    seen: dict[str, int] = {}
    result: list[tuple[int, Row]] = []
    for line, fields in rows:
        if len(fields) != len(columns):
            problem = f"expected {len(columns)} fields, got {len(fields)}"
            raise RefDataError(name, problem, line=line)
        row = dict(zip(columns, fields, strict=True))
        for column, pattern in patterns.items():
            if not pattern.fullmatch(row[column]):
                raise RefDataError(name, f"column {column!r}: bad value {row[column]!r}", line=line)
        if row[key] in seen:
            raise RefDataError(name, f"duplicate {key} {row[key]!r} (first on line {seen[row[key]]})", line=line)
        seen[row[key]] = line
        result.append((line, row))
    return result


def read_yaml(name: str) -> tuple[object, dict[str, list[int]]]:
    """The parsed document, and for each top-level list the line number of each item."""
    source = read_text(name)
    try:
        data: object = yaml.safe_load(source)
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else int(mark.line) + 1
        raise RefDataError(name, f"bad YAML: {exc}", line=line) from exc
    lines: dict[str, list[int]] = {}
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(value_node, yaml.SequenceNode):
                items = value_node.value
                lines[str(key_node.value)] = [int(item.start_mark.line) + 1 for item in items]
    return data, lines
