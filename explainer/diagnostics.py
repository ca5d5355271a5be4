# Role: error records (file, line, column, message) and their plain and GitHub formats.
"""Diagnostics: what every step reports instead of raising.

One problem is one `Diagnostic`; it renders as one compiler-style line, optionally followed by
the offending source line and a caret under the column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
OutputFormat = Literal["plain", "github"]
MAX_REPORTED = 100
"""After this many problems the rest are counted, not printed."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one file (1-based line and column)."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def plain(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github(self) -> str:
        return f"::{self.severity} file={_property(self.path)},line={self.line},col={self.col}::{_data(self.message)}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def render_report(
    diagnostics: Sequence[Diagnostic],
    output_format: OutputFormat = "plain",
    sources: Mapping[str, Sequence[str]] | None = None,
    limit: int = MAX_REPORTED,
) -> str:
    """All diagnostics as text, errors and warnings in file order, at most `limit` of them.

    With `sources` (file → its lines), plain output shows the offending line and a caret.
    """
    ordered = sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.message))
    lines: list[str] = []
    for diagnostic in ordered[:limit]:
        if output_format == "github":
            lines.append(diagnostic.github())
            continue
        lines.append(diagnostic.plain())
        source_lines = (sources or {}).get(diagnostic.path)
        if source_lines and 1 <= diagnostic.line <= len(source_lines):
            lines.extend(_context(source_lines[diagnostic.line - 1], diagnostic.line, diagnostic.col))
    hidden = len(ordered) - limit
    if hidden > 0:
        lines.append(f"... and {hidden} more problem{'s' if hidden != 1 else ''} not shown")
    errors = sum(d.severity == "error" for d in ordered)
    warnings = len(ordered) - errors
    if ordered and output_format == "plain":
        lines.append(_count(errors, "error") + ", " + _count(warnings, "warning"))
    return "\n".join(lines) + ("\n" if lines else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _context(source_line: str, line: int, col: int) -> list[str]:
    text = source_line.rstrip("\r\n").expandtabs(1)
    gutter = f"{line:>5} | "
    return [f"{gutter}{text}", " " * (len(gutter) - 2) + "| " + " " * max(col - 1, 0) + "^"]


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
