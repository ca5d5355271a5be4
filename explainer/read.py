# Role: read — hardened YAML bytes → a tree of nodes that remember their file:line:col.
"""A YAML reader that accepts only the plain subset content needs, and says where it breaks.

It drives PyYAML's event parser (libyaml when available) and builds the tree itself, so it can
refuse what PyYAML would silently accept: duplicate keys, anchors and aliases, tags, merge keys,
documents nested too deep. Every scalar stays text except ``true``/``false`` (booleans) and
``null``/``~``/nothing (null); the models decide what a text means.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .diagnostics import Diagnostic

MAX_BYTES = 256 * 1024 * 1024
"""Largest content file accepted: a guard against runaway files, far above real content (the 1000×
benchmark glossary is about 80 MB)."""
MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted; real content needs five levels."""

_Parser: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader
_NULLS = {"null", "~", ""}
# Characters YAML forbids in a stream (C0 and C1 controls other than tab and line breaks, surrogates, U+FFFE/F).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class Pos(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    col: int


class Scalar(NamedTuple):
    """A text value as written; `style` is None for plain scalars, else one of ' " | >."""

    text: str
    pos: Pos
    style: str | None = None

    @property
    def value(self) -> str | bool | None:
        """What the models see: only true/false are booleans, only null/~/nothing is null."""
        if self.style is None:
            if self.text in ("true", "false"):
                return self.text == "true"
            if self.text in _NULLS:
                return None
        return self.text


class Sequence(NamedTuple):
    items: tuple[Node, ...]
    pos: Pos


class Mapping(NamedTuple):
    pairs: tuple[tuple[Scalar, Node], ...]
    pos: Pos

    def get(self, key: str) -> tuple[Scalar, Node] | None:
        for pair in self.pairs:
            if pair[0].text == key:
                return pair
        return None


Node = Scalar | Sequence | Mapping
PathItem = str | int


@dataclass(frozen=True)
class Document:
    """One read file: its project-relative path, its lines (for context) and its tree."""

    path: str
    lines: tuple[str, ...]
    root: Node | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    digest: bytes = b""
    """`digest_of` the file's bytes (empty when the file could not be read), to tell that it changed."""


class _RefusedError(Exception):
    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def read_document(path: str, data: bytes) -> Document:
    """Read one file's bytes; problems come back as diagnostics, never as exceptions."""
    if len(data) > MAX_BYTES:
        return _failed(path, (), Pos(1, 1), f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}: split it up")
    try:
        text = _decoded(data)
    except UnicodeDecodeError as error:
        pos = position_at(data[: error.start].decode("utf-8", errors="replace"), len(data[: error.start]))
        text = data.decode("utf-8", errors="replace")
        byte = data[error.start]
        return _failed(
            path,
            tuple(text.splitlines()),
            pos,
            f"byte 0x{byte:02X} is not valid UTF-8: save the file as UTF-8 (was it pasted from another encoding?)",
        )
    lines = tuple(text.splitlines())
    problem = _forbidden_character(text)
    if problem:
        code = ord(problem.group())
        what = "a byte-order mark" if code == 0xFEFF else "an invisible control character"
        return _failed(path, lines, position_at(text, problem.start()), f"contains {what} (U+{code:04X}): delete it")
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        return _failed(path, lines, Pos(1, 1), "file is empty: it needs at least its top-level key, e.g. 'terms:'")
    try:
        try:
            root = _build(text)
        except yaml.MarkedYAMLError as error:
            if "maximum nesting depth" not in str(error.problem):
                raise
            # libyaml (PyYAML 6.0.4 and later) scans far ahead and stops at its own limit of 1,000
            # levels; the Python parser yields events as it goes, so our limit names the place.
            root = _build(text, yaml.BaseLoader)
    except _RefusedError as reject:
        return _failed(path, lines, reject.pos, reject.message)
    except yaml.MarkedYAMLError as error:
        pos, message = _explain_syntax_error(error, lines)
        return _failed(path, lines, pos, message)
    except yaml.YAMLError as error:  # errors without a position (rare)
        return _failed(path, lines, Pos(1, 1), f"YAML syntax error: {error}")
    except RecursionError:
        return _failed(path, lines, Pos(1, 1), f"nested too deeply (more than {MAX_DEPTH} levels)")
    if root is None:
        return _failed(path, lines, Pos(1, 1), "file is empty: it needs at least its top-level key, e.g. 'terms:'")
    return Document(path, lines, root, digest=digest_of(data))


def _decoded(data: bytes) -> str:
    """A file's text: UTF-8 (else UnicodeDecodeError). A leading byte-order mark is read past, as
    YAML, PyYAML and editors do; editors do not show it, so line 1's columns are counted without it."""
    return data.decode("utf-8").removeprefix("\ufeff")


def _forbidden_character(text: str) -> re.Match[str] | None:
    """The first character content may not contain: a control character, or a byte-order mark past the start."""
    return _FORBIDDEN.search(text) or re.search("\ufeff", text)


def lines_of(data: bytes) -> tuple[str, ...] | None:
    """A file's lines as `read_document` reads them; None if the bytes are not UTF-8."""
    try:
        return tuple(_decoded(data).splitlines())
    except UnicodeDecodeError:
        return None


def digest_of(data: bytes) -> bytes:
    """A short fingerprint of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


def read_part(text: str, first_line: int) -> Node | None:
    """The tree of some lines of a file (`text`, which starts at line `first_line`), with the positions
    they have in the whole file; None if they cannot be read on their own or use what content must not."""
    if _forbidden_character(text):
        return None
    try:
        return _build("\n" * (first_line - 1) + text)
    except (_RefusedError, yaml.YAMLError, RecursionError):
        return None


def to_data(node: Node) -> Any:
    """The plain Python value of a node: str, bool, None, list or dict."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_data(item) for item in node.items]
    return {key.text: to_data(value) for key, value in node.pairs}


def find(root: Node, path: tuple[PathItem, ...]) -> tuple[Scalar | None, Node | None]:
    """The key (if the last step is a mapping key) and the node at `path`, as deep as it exists."""
    node: Node = root
    key: Scalar | None = None
    for step in path:
        if isinstance(node, Mapping) and isinstance(step, str):
            pair = node.get(step)
            if pair is None:
                return key, node
            key, node = pair
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node.items):
            key, node = None, node.items[step]
        else:
            return key, node
    return key, node


def position_in(scalar: Scalar, offset: int, lines: tuple[str, ...]) -> Pos:
    """The file position of character `offset` of a scalar's text (exact for one-line and `|` scalars)."""
    before = scalar.text[:offset]
    if scalar.style == "|":
        line = scalar.pos.line + 1 + before.count("\n")
        while line <= len(lines) and not lines[line - 1].strip() and before.count("\n") == 0:
            line += 1  # leading blank lines of the block
        content = lines[line - 1] if line <= len(lines) else ""
        indent = len(content) - len(content.lstrip(" "))
        return Pos(line, indent + 1 + len(before.rsplit("\n", 1)[-1]))
    if "\n" in scalar.text:
        return scalar.pos
    quote = 1 if scalar.style in ("'", '"') else 0
    return Pos(scalar.pos.line, scalar.pos.col + quote + offset)


def _failed(path: str, lines: tuple[str, ...], pos: Pos, message: str) -> Document:
    return Document(path, lines, None, (Diagnostic(path, pos.line, pos.col, message),))


def position_at(text: str, index: int) -> Pos:
    """The 1-based line and column of the character at `index` in `text`."""
    before = text[:index]
    return Pos(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _mark(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _events(text: str, parser_class: Any) -> Iterator[Any]:
    parser = parser_class(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("children", "is_mapping", "key", "keys", "pos")

    def __init__(self, is_mapping: bool, pos: Pos) -> None:
        self.is_mapping = is_mapping
        self.pos = pos
        self.children: list[Any] = []
        self.key: Scalar | None = None
        self.keys: dict[str, Scalar] = {}


_STYLES = frozenset(("'", '"', "|", ">"))


def _build(text: str, parser_class: Any = _Parser) -> Node | None:
    """Build the tree from parser events, without recursion, refusing what content must not use."""
    frames: list[_Frame] = []
    root: Node | None = None
    documents = 0
    for event in _events(text, parser_class):
        kind = type(event)
        node: Node
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                _refuse_decorations(event)
            mark = event.start_mark
            node = Scalar(
                event.value, Pos(mark.line + 1, mark.column + 1), event.style if event.style in _STYLES else None
            )
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                _refuse_decorations(event)
            if len(frames) >= MAX_DEPTH:
                raise _RefusedError(_mark(event.start_mark), f"nested more than {MAX_DEPTH} levels deep: flatten it")
            frames.append(_Frame(kind is yaml.MappingStartEvent, _mark(event.start_mark)))
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = frames.pop()
            node = (
                Mapping(tuple(done.children), done.pos) if done.is_mapping else Sequence(tuple(done.children), done.pos)
            )
        elif kind is yaml.AliasEvent:
            raise _RefusedError(_mark(event.start_mark), "aliases (*name) are not allowed: write the value out in full")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                message = "a second YAML document ('---'): keep one document per file"
                raise _RefusedError(_mark(event.start_mark), message)
            continue
        else:
            continue
        if not frames:
            root = node
            continue
        frame = frames[-1]
        if not frame.is_mapping:
            frame.children.append(node)
        elif frame.key is None:
            frame.key = _check_key(node, frame.keys)
        else:
            frame.children.append((frame.key, node))
            frame.key = None
    return root


def _refuse_decorations(event: Any) -> None:
    if event.anchor is not None:
        raise _RefusedError(
            _mark(event.start_mark), f"anchors (&{event.anchor}) are not allowed: write each value out in full"
        )
    if event.tag is not None and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!" and event.style):
        tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
        raise _RefusedError(_mark(event.start_mark), f"tags ({tag}) are not allowed: remove the tag")


def _check_key(node: Node, seen: dict[str, Scalar]) -> Scalar:
    if not isinstance(node, Scalar):
        raise _RefusedError(node.pos, "a key must be plain text, not a list or mapping")
    if node.style is None and node.text == "<<":
        raise _RefusedError(node.pos, "merge keys (<<) are not allowed: write the fields out in full")
    first = seen.get(node.text)
    if first is not None:
        raise _RefusedError(
            node.pos,
            f"duplicate key '{node.text}' (first at line {first.pos.line}, column {first.pos.col}): keep one of them",
        )
    seen[node.text] = node
    return node


_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "unexpected ':' in a value: put the whole value in double quotes"),
    ("could not find expected ':'", "expected 'key: value' here: check this line's indentation and its colon"),
    ("did not find expected key", "this line does not line up with the fields around it: check its indentation"),
    ("did not find expected '-' indicator", "expected a '- ' list item at this indentation"),
    ("did not find expected node content", "a value is missing here"),
    ("found unexpected end of stream", "the file ends inside a quoted value: add the closing quote"),
    ("found undefined alias", "aliases (*name) are not allowed: write the value out in full"),
    ("found unknown escape character", "unknown escape sequence after a backslash: in double quotes write \\\\ for \\"),
    ("expected <block end>, but found", "this line does not line up with the fields around it: check its indentation"),
    ("block sequence entries are not allowed", "a '- ' list item cannot start here: put it on its own line, indented"),
)


def _explain_syntax_error(error: yaml.MarkedYAMLError, lines: tuple[str, ...]) -> tuple[Pos, str]:
    """Turn PyYAML's wording into a plain message at the most useful position."""
    mark = error.problem_mark or error.context_mark
    pos = _mark(mark) if mark is not None else Pos(1, 1)
    problem = (error.problem or "").strip()
    for number in sorted({pos.line, pos.line - 1, pos.line + 1}):
        if 1 <= number <= len(lines):
            indent = re.match(r"[ \t]*", lines[number - 1])
            if indent and "\t" in indent.group():
                return Pos(number, indent.group().index("\t") + 1), "tab used for indentation: indent with spaces only"
    if "end of stream" in problem and error.context_mark is not None:
        pos = _mark(error.context_mark)
    if "cannot start any token" in problem and 1 <= pos.line <= len(lines) and pos.col <= len(lines[pos.line - 1]):
        character = lines[pos.line - 1][pos.col - 1]
        return pos, f"a value cannot start with '{character}': put the whole value in double quotes"
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return pos, hint
    return pos, f"YAML syntax error: {problem or error}"
