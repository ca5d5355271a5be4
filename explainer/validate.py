# Role: validate — read documents → typed models, cross-references checked, every problem located.
"""Turn read documents into a `Content`, or into diagnostics that point at the right place.

Three passes, each reporting everything it finds: the shape of each file (pydantic models),
then what only the whole project can tell (unique ids, references, links inside rich text,
one cell per subject), then warnings (entries whose `reviewed` date is too old, unused sources).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import posixpath
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from . import models
from .diagnostics import Diagnostic
from .read import Document, Node, PathItem, Pos, Scalar, find, position_in, read_part, to_data
from .read import Mapping as MappingNode
from .read import Sequence as SequenceNode
from .sitemap import SiteMap, is_reserved
from .text import entry_links, heading_anchors, page_links, parse_rich, rich_findings, visible_text

Path = tuple[PathItem, ...]
_SLUG = re.compile(models.SLUG_PATTERN)
ANY_ID = "*"
"""In `broken_ids`: the whole list of entries of a kind is unreadable."""
KIND_LABELS = models.KIND_LABELS


@dataclass(frozen=True)
class DatedStatement:
    """A statement that carries an as-of date (an entry's ``as_of``, or ``[as of …]`` in a text)."""

    path: str
    line: int
    col: int
    date: str
    owner: str
    """The entry it belongs to, as messages name it ("FAQ 'what-is-an-llm'")."""
    entry: tuple[str, str] | None
    """(kind, id) of that entry, where the site can link to it."""
    text: str
    """The statement, or the entry's name, for the maintenance page."""


@dataclass(frozen=True)
class FileCoverage:
    """How well one content file is sourced and dated."""

    path: str
    entries: int
    citations: int
    located: int
    """Citations that say where in the work (section, table, figure or page)."""
    dates: tuple[str, ...]
    """The as-of dates of its dated statements."""
    oldest_review: str | None


@dataclass(frozen=True)
class Validation:
    """The outcome: content when there are no errors, and every diagnostic either way."""

    content: models.Content | None
    diagnostics: tuple[Diagnostic, ...]
    dated: tuple[DatedStatement, ...] = ()
    coverage: tuple[FileCoverage, ...] = ()


@dataclass(frozen=True)
class _Located:
    """A value inside a validated file, with where it came from."""

    path: str
    loc: Path
    value: Any


def validate(
    documents: Mapping[str, Document], today: dt.date, review_max_age_days: int, as_of_max_age_months: int = 12
) -> Validation:
    """Validate every content file; `documents` maps each path of `models.CONTENT_FILES` to its reading."""
    diagnostics: list[Diagnostic] = []
    files: dict[str, models.Model] = {}
    broken_ids: dict[str, set[str]] = {}
    complete = True
    for path in models.CONTENT_FILES:
        document = documents.get(path)
        if document is None:
            diagnostics.append(Diagnostic(path, 1, 1, "file is missing: create it (see the editing guide)"))
            complete = False
            continue
        diagnostics.extend(document.diagnostics)
        if document.root is None:
            complete = False
            continue
        outcome = _validated_file(document, models.file_model(path))
        diagnostics.extend(outcome.diagnostics)
        if outcome.model is not None:
            files[path] = outcome.model
        complete = complete and outcome.complete
        for kind, ids in outcome.broken_ids.items():
            broken_ids.setdefault(kind, set()).update(ids)
    diagnostics.extend(_check_project(files, documents, broken_ids, today, review_max_age_days, complete))
    if not complete or any(d.severity == "error" for d in diagnostics):
        return Validation(None, tuple(diagnostics))
    warnings, dated, coverage = _survey(files, documents, today, as_of_max_age_months)
    content = models.Content.model_validate({models.CONTENT_FILES[path]: model for path, model in files.items()})
    return Validation(content, (*diagnostics, *warnings), tuple(dated), tuple(coverage))


def quick_content(documents: Mapping[str, Document]) -> models.Content | None:
    """The content if every file is valid on its own, skipping the checks across files and the survey.

    For the live preview's first look at an edit; the full `validate` follows and has the last word.
    A file that is unchanged since it was last validated (the same `Document`) is not validated again.
    """
    files: dict[str, models.Model] = {}
    for path in models.CONTENT_FILES:
        document = documents.get(path)
        if document is None or document.root is None or document.diagnostics:
            return None
        outcome = _validated_file(document, models.file_model(path))
        if outcome.model is None or not outcome.complete:
            return None
        files[path] = outcome.model
    return models.Content.model_validate({models.CONTENT_FILES[path]: model for path, model in files.items()})


def with_entry_edited(model: models.Model, before: Document, lines: tuple[str, ...]) -> models.Model | None:
    """`model` (what the reading `before` was validated into) after an edit that made the file's
    lines `lines`, when the edit lies inside one entry of a list: only that entry is read and
    validated again, on its own. None when the edit is anything else (several entries, a new or
    removed entry, a changed id, other lines), or leaves the entry unreadable or invalid.

    For the live preview's first look at an edit in a large file; the full `validate` follows.
    """
    old, root = before.lines, before.root
    if not isinstance(root, MappingNode) or old == lines:
        return None
    shortest = min(len(old), len(lines))
    first = next((number for number in range(shortest) if old[number] != lines[number]), shortest)
    same_end = next(
        (number for number in range(shortest - first) if old[-1 - number] != lines[-1 - number]), shortest - first
    )
    changed = (first + 1, len(old) - same_end)  # 1-based lines of the old file the edit replaced
    growth = len(lines) - len(old)
    for number, (key, value) in enumerate(root.pairs):
        if not isinstance(value, SequenceNode):
            continue
        after = root.pairs[number + 1][0].pos.line - 1 if number + 1 < len(root.pairs) else len(old)
        starts = [item.pos.line for item in value.items]
        for index, start in enumerate(starts):
            end = starts[index + 1] - 1 if index + 1 < len(starts) else after
            if start <= changed[0] and changed[1] <= end:
                node = read_part("\n".join(lines[start - 1 : end + growth]), start)
                return _entry_replaced(model, key.text, index, node)
    return None


def _entry_replaced(model: models.Model, field_name: str, index: int, node: Node | None) -> models.Model | None:
    entries = getattr(model, field_name, None)
    if not isinstance(node, SequenceNode) or len(node.items) != 1 or not isinstance(entries, list):
        return None
    try:
        entry = type(entries[index]).model_validate(to_data(node.items[0]))
    except ValidationError:
        return None
    if getattr(entry, "id", None) != getattr(entries[index], "id", None):
        return None
    return model.model_copy(update={field_name: [*entries[:index], entry, *entries[index + 1 :]]})


# --- pass 1: the shape of one file ----------------------------------------------------------


@dataclass(frozen=True)
class _FileOutcome:
    """A file's model (partial when `complete` is false: invalid entries are None) and its problems."""

    model: models.Model | None
    complete: bool
    diagnostics: list[Diagnostic]
    broken_ids: dict[str, set[str]]


_outcomes: dict[str, tuple[Document, _FileOutcome]] = {}
"""Each file's last validation, with the reading it was of (models are frozen, so reusable)."""


def _validated_file(document: Document, model: type[models.Model]) -> _FileOutcome:
    """`_validate_file`, remembered per file while the file's reading is the same object
    (`pipeline` reads a file again only when its bytes changed)."""
    last = _outcomes.get(document.path)
    if last is not None and last[0] is document:
        return last[1]
    outcome = _validate_file(document, model)
    _outcomes[document.path] = (document, outcome)
    return outcome


def _validate_file(document: Document, model: type[models.Model]) -> _FileOutcome:
    root = document.root
    assert root is not None
    if not isinstance(root, MappingNode):
        fields = ", ".join(f"'{name}:'" for name, info in model.model_fields.items() if info.is_required())
        found = "a list" if isinstance(root, SequenceNode) else f"the text '{_short(root.text)}'"
        message = f"the top level should be a mapping starting with {fields}, but is {found}"
        return _FileOutcome(None, False, [Diagnostic(document.path, root.pos.line, root.pos.col, message)], {})
    data = to_data(root)
    try:
        return _FileOutcome(model.model_validate(data), True, [], {})
    except ValidationError as error:
        problems = [_diagnostic(document, model, data, details) for details in _one_per_mistake(model, error.errors())]
    partial, broken_ids = _partial(model, data)
    return _FileOutcome(partial, False, problems, broken_ids)


def _one_per_mistake(model: type[models.Model], errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """A misspelt field is one mistake: drop the 'missing' error its 'unknown field' error explains."""
    explained: set[Path] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and isinstance(loc[-1], str):
            owner = _model_at(model, loc[:-1])
            known = list(owner.model_fields) if owner is not None else []
            for match in difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.6):
                explained.add((*loc[:-1], match))
    return [error for error in errors if not (error["type"] == "missing" and tuple(error["loc"]) in explained)]


def _partial(model: type[models.Model], data: dict[str, Any]) -> tuple[models.Model, dict[str, set[str]]]:
    """The file with every entry that is valid on its own (None in place of the others).

    Cross-checks then still run on the good entries; ids of the broken ones are remembered so
    that references to them are not reported as dangling too.
    """
    values: dict[str, Any] = {}
    broken: dict[str, set[str]] = {}
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        if name not in data or (typing.get_origin(annotation) is list and not isinstance(data[name], list)):
            for kind in _entry_kinds(annotation):
                broken.setdefault(kind, set()).add(ANY_ID)  # which ids exist is unknown: check none
            continue
        raw = data[name]
        if typing.get_origin(annotation) is list and isinstance(raw, list):
            item_type = _unwrap(typing.get_args(annotation)[0])
            adapter: TypeAdapter[Any] = TypeAdapter(item_type)
            kept: list[Any] = []
            for item in raw:
                try:
                    kept.append(adapter.validate_python(item))
                except ValidationError:
                    kept.append(None)
                    if isinstance(item_type, type) and issubclass(item_type, models.Entry) and isinstance(item, dict):
                        for kind, entry_id in _raw_ids(item_type, item):
                            broken.setdefault(kind, set()).add(entry_id)
            values[name] = kept
        else:
            with contextlib.suppress(ValidationError):
                values[name] = TypeAdapter(Any if info.annotation is None else info.annotation).validate_python(raw)
    return model.model_construct(**values), broken


def _raw_ids(model: type[models.Entry], item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(kind, id) of an entry that failed validation, and of the entries nested in it."""
    if isinstance(item.get("id"), str):
        yield model.kind, item["id"]
        # An id typed with capitals or spaces is still what references mean: "What is" → "what-is".
        yield model.kind, re.sub(r"[^a-z0-9]+", "-", item["id"].lower()).strip("-")
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        if typing.get_origin(annotation) is list and isinstance(item.get(name), list):
            nested = _unwrap(typing.get_args(annotation)[0])
            if isinstance(nested, type) and issubclass(nested, models.Entry):
                for child in item[name]:
                    if isinstance(child, dict):
                        yield from _raw_ids(nested, child)


def _diagnostic(document: Document, model: type[models.Model], data: Any, error: ErrorDetails) -> Diagnostic:
    """One pydantic error as a plain sentence at the position of the offending key or value."""
    assert document.root is not None
    loc: Path = tuple(error["loc"])
    kind = error["type"]
    key, node = find(document.root, loc)
    owner = _owner(model, data, loc)

    def at(pos: Pos, message: str) -> Diagnostic:
        return Diagnostic(document.path, pos.line, pos.col, message)

    if kind == "missing":
        _, parent = find(document.root, loc[:-1])
        assert parent is not None
        where = owner if len(loc) > 1 else "the file"
        return at(parent.pos, f"{where} is missing required field '{loc[-1]}'")
    if kind == "extra_forbidden":
        owner_model = _model_at(model, loc[:-1])
        known = list(owner_model.model_fields) if owner_model is not None else []
        where = f" in {owner}" if len(loc) > 1 else " at the top level"
        pos = key.pos if key is not None and key.text == loc[-1] else (node.pos if node else Pos(1, 1))
        return at(pos, f"unknown field '{loc[-1]}'{where}{_suggest(str(loc[-1]), known, 'expected one of')}")
    assert node is not None
    field = _field_label(loc, owner)
    found = _found(node)
    if kind == "literal_error":
        choices = _literal_choices(model, loc)
        typed = node.text if isinstance(node, Scalar) else found
        options = ", ".join(f"'{choice}'" for choice in choices)
        hint = _suggest(typed.lower(), choices, "", exact_first=True) if isinstance(node, Scalar) else ""
        return at(node.pos, f"{field} must be one of {options}, but is {found}{hint}")
    expected = _EXPECTED.get(kind)
    if expected:
        if kind == "model_type" and loc[-2:-1] == ("cells",):
            expected = "a line of text, or a mapping with 'text' and 'sources'"
        return at(node.pos, f"{field} should be {expected}, but is {found}{_type_hint(kind, node)}")
    if kind == "too_short":
        minimum = (error.get("ctx") or {}).get("min_length", 1)
        return at(node.pos, f"{field} needs at least {minimum} item{'s' if minimum != 1 else ''}")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = next(iter((error.get("ctx") or {}).values()), "")
        relation = "at least" if kind == "greater_than_equal" else "at most"
        return at(node.pos, f"{field} must be {relation} {bound}, but is {found}")
    message = error["msg"]
    if (
        isinstance(node, Scalar)
        and len(node.text) <= 60
        and kind not in ("too_long", "one_line", "empty_text", "control_character")
    ):
        message += f" (found '{node.text}')"
    return at(node.pos, f"{field} {message}")


def _literal_choices(model: type[models.Model], loc: Path) -> list[str]:
    """The values a fixed-choice field accepts, from the field's own annotation."""
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(str(loc[-1])) if owner is not None else None
    annotation = _unwrap(info.annotation) if info is not None else None
    return [str(choice) for choice in typing.get_args(annotation)]


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "int_type": "a whole number",
    "bool_type": "true or false",
}


def _type_hint(kind: str, node: Node) -> str:
    if not isinstance(node, Scalar):
        return ""
    if kind == "list_type" and node.value is not None:
        return f": write [{node.text}]"
    if kind == "string_type" and isinstance(node.value, bool):
        return f': write "{node.text}" in quotes if you mean the text'
    if node.value is None:
        return ": fill in a value"
    return ""


def _found(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node.value, bool):
        return f"the boolean {node.text}"
    if node.value is None:
        return "empty"
    return f"'{_short(node.text)}'"


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_label(loc: Path, owner: str) -> str:
    """E.g. "'summary' of term 'transformer'" or "item 2 of 'related' of term 'transformer'"."""
    if len(loc) >= 3 and loc[-1] == "id" and isinstance(loc[-2], int) and loc[-3] == "sources":
        loc = loc[:-1]  # a source given by its id alone: the item is the id
    names = [step for step in loc if isinstance(step, str)]
    field = f"'{names[-1]}'" if names else "the value"
    if loc and isinstance(loc[-1], int):
        field = f"item {loc[-1] + 1} of {field}"
    if len(loc) >= 2 and loc[-2] == "cells":
        field = f"the '{loc[-1]}' cell"
    elif len(loc) >= 3 and loc[-3] == "cells" and loc[-1] == "text":
        field = f"the '{loc[-2]}' cell"
    return f"{field} of {owner}" if owner != "the file" else field


def _owner(model: type[models.Model], data: Any, loc: Path) -> str:
    """The innermost entry containing `loc`, named by kind and id, e.g. "term 'transformer'"."""
    for depth in range(len(loc), 0, -1):
        entry_model = _model_at(model, loc[:depth])
        if entry_model is None or not issubclass(entry_model, models.Entry):
            continue
        value = _data_at(data, loc[:depth])
        label = KIND_LABELS.get(entry_model.kind, entry_model.kind)
        entry_id = value.get("id") if isinstance(value, dict) else None
        if isinstance(entry_id, str) and _SLUG.fullmatch(entry_id) and depth < len(loc):
            return f"{label} '{entry_id}'"
        index = loc[depth - 1]
        return f"{label} #{index + 1}" if isinstance(index, int) else label
    return "the file"


def _data_at(data: Any, loc: Path) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    """The model class describing the value at `loc`, following list and dict annotations."""
    annotation: Any = model
    for step in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(step, str):
            info = annotation.model_fields.get(step)
            if info is None:
                return None
            annotation = info.annotation
        elif typing.get_origin(annotation) is list and isinstance(step, int):
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) is dict and isinstance(step, str):
            annotation = typing.get_args(annotation)[1]
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the one real type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _suggest(word: str, choices: list[str], fallback: str, exact_first: bool = False, cutoff: float = 0.6) -> str:
    if exact_first and word in choices:
        return f" (did you mean '{word}'?)"
    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if fallback and choices:
        return f" ({fallback}: {', '.join(choices)})"
    return ""


# --- pass 2 and 3: the whole project --------------------------------------------------------


def _walk(root: Any, loc: Path) -> Iterator[tuple[Path, Any, bool]]:
    """Every model, reference and rich text in a model tree, with its location; the flag marks dict keys.

    Iterative and limited to what the project checks look at: real content has tens of
    thousands of values, and this runs on every check.
    """
    stack: list[tuple[Path, Any]] = [(loc, root)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            if isinstance(value, models.Ref | models.RichText):
                yield here, value, False
        elif isinstance(value, BaseModel):
            yield here, value, False
            stack.extend(((*here, name), item) for name, item in reversed(value.__dict__.items()))
        elif isinstance(value, list):
            stack.extend(((*here, index), item) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                stack.append(((*here, key), item))
                if isinstance(key, models.Ref):
                    stack.append(((*here, key), _Key(key)))
        elif isinstance(value, _Key):
            yield here, value.key, True


@dataclass(frozen=True)
class _Key:
    """A dict key waiting on the walk's stack (keys are reported at their own position)."""

    key: Any


def _check_project(
    files: Mapping[str, models.Model],
    documents: Mapping[str, Document],
    broken_ids: Mapping[str, set[str]],
    today: dt.date,
    max_age_days: int,
    complete: bool,
) -> list[Diagnostic]:
    """The checks across files. `complete` says every file and entry was read and is valid; if not,
    what is cited cannot be known (an invalid entry's citations are lost), so no source is called uncited."""
    diagnostics: list[Diagnostic] = []
    located: list[tuple[_Located, bool]] = [
        (_Located(path, loc, value), is_key) for path, model in files.items() for loc, value, is_key in _walk(model, ())
    ]

    def position(item: _Located, is_key: bool = False, offset: int | None = None) -> Pos:
        return _position(documents, item, is_key, offset)

    def report(
        item: _Located, message: str, is_key: bool = False, offset: int | None = None, severity: str = "error"
    ) -> None:
        pos = position(item, is_key, offset)
        diagnostics.append(
            Diagnostic(item.path, pos.line, pos.col, message, "warning" if severity == "warning" else "error")
        )

    # Ids: unique per kind within a file; the index every reference resolves against.
    index: dict[str, dict[str, _Located]] = {}
    owners: dict[Path, str] = {}
    for item, _ in located:
        if isinstance(item.value, models.Entry):
            entry = item.value
            kind_index = index.setdefault(entry.kind, {})
            label = f"{KIND_LABELS.get(entry.kind, entry.kind)} '{entry.id}'"
            owners[(item.path, *item.loc)] = label
            first = kind_index.get(entry.id)
            id_item = _Located(item.path, (*item.loc, "id"), entry.id)
            if first is not None and first.path == item.path:
                first_pos = position(_Located(first.path, (*first.loc, "id"), entry.id))
                report(
                    id_item,
                    f"duplicate id '{entry.id}' (first at line {first_pos.line}, column {first_pos.col}): "
                    "ids must be unique in a file",
                )
            else:
                kind_index.setdefault(entry.id, item)

    def owner_of(item: _Located) -> str:
        for depth in range(len(item.loc), -1, -1):
            label = owners.get((item.path, *item.loc[:depth]))
            if label:
                return label
        return item.path

    def resolve(
        item: _Located, kind: str, target: str, what: str, is_key: bool = False, offset: int | None = None
    ) -> bool:
        """Report `what` (a sentence with {target} for the unknown id) unless `target` exists."""
        if _KIND_FILES.get(kind) not in files or {target, ANY_ID} & broken_ids.get(kind, set()):
            return True  # the target's own file or entry is broken; its errors say why
        if target in index.get(kind, {}):
            return True
        unknown = f"unknown {KIND_LABELS.get(kind, kind)} '{target}'"
        hint = _suggest(target, sorted(index.get(kind, {})), "")
        report(item, what.format(target=unknown, owner=owner_of(item)) + hint, is_key, offset)
        return False

    cited_sources: set[str] = set()
    for item, is_key in located:
        value = item.value
        if isinstance(value, models.Ref):
            steps = (
                item.loc[:-1]
                if is_key or (isinstance(value, models.SourceRef) and item.loc[-1:] == ("id",))
                else item.loc
            )
            field = next((step for step in reversed(steps) if isinstance(step, str)), "")
            if is_key:
                what = "{target} in the '" + field + "' of {owner}"
            else:
                what = "'" + field + "' refers to {target} in {owner}"
            resolve(item, value.target, str(value), what, is_key)
            if value.target == "source":
                cited_sources.add(str(value))
        if isinstance(value, models.RichText):
            problems, links, _ = rich_findings(str(value))
            for problem in problems:
                report(item, f"{problem.message} (in '{item.loc[-1]}' of {owner_of(item)})", offset=problem.offset)
            for link in links:
                resolve(item, link.kind, link.target, "link to {target} in {owner}", offset=link.offset)
                if link.kind == "source":
                    cited_sources.add(link.target)
        reviewed = getattr(value, "reviewed", None) if isinstance(value, BaseModel) else None
        if isinstance(reviewed, models.IsoDate):
            age = (today - reviewed.as_date()).days
            if age > max_age_days:
                report(
                    _Located(item.path, (*item.loc, "reviewed"), reviewed),
                    f"{owner_of(item)} was last reviewed {age} days ago ({reviewed}; the limit is {max_age_days}): "
                    "check it against its sources and update 'reviewed'",
                    severity="warning",
                )
        if isinstance(value, models.Row):
            subjects = [subject.id for subject in _subjects(files)]
            if all(cell in subjects for cell in value.cells):  # else the unknown key is the one mistake
                for subject in subjects:
                    if subject not in value.cells:
                        report(
                            _Located(item.path, (*item.loc, "cells"), None),
                            f"{owner_of(item)} has no cell for subject '{subject}'",
                            is_key=True,
                        )
        if isinstance(value, models.Topic) and is_reserved(value.id):
            report(
                _Located(item.path, (*item.loc, "id"), value.id),
                f"topic id '{value.id}' is the name of another page: choose another id",
            )
        if isinstance(value, models.Family) and value.crosses is not None:
            layers = [layer.id for layer in _layers(files)]
            if (
                value.layer in layers
                and value.crosses in layers
                and layers.index(value.crosses) <= layers.index(value.layer)
            ):
                report(
                    _Located(item.path, (*item.loc, "crosses"), value.crosses),
                    f"family '{value.id}' can only cross a layer inside its own layer '{value.layer}'",
                )
    diagnostics.extend(_check_glossary_names(files, position))
    sources = files.get("content/sources.yaml")
    if isinstance(sources, models.SourcesFile) and complete:
        for number, source in enumerate(getattr(sources, "sources", None) or []):
            if source is not None and source.id not in cited_sources:
                report(
                    _Located("content/sources.yaml", ("sources", number, "id"), source.id),
                    f"source '{source.id}' is not cited anywhere: cite it or remove it",
                    severity="warning",
                )
    return diagnostics


def _position(
    documents: Mapping[str, Document], item: _Located, is_key: bool = False, offset: int | None = None
) -> Pos:
    """Where a located value (or its key, or a character `offset` into it) stands in its file."""
    root = documents[item.path].root
    assert root is not None
    key, node = find(root, item.loc)
    if is_key and key is not None:
        return key.pos
    if offset is not None and isinstance(node, Scalar):
        return position_in(node, offset, documents[item.path].lines)
    return node.pos if node is not None else Pos(1, 1)


def _entry_kinds(annotation: Any) -> Iterator[str]:
    """Kinds of entry a model (or annotation) contains, however deeply nested."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (list, dict):
        yield from _entry_kinds(typing.get_args(annotation)[-1])
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if issubclass(annotation, models.Entry):
            yield annotation.kind
        for info in annotation.model_fields.values():
            yield from _entry_kinds(info.annotation)


_KIND_FILES = {kind: path for path in models.CONTENT_FILES for kind in _entry_kinds(models.file_model(path))}
"""Which file defines each kind of entry."""


def _subjects(files: Mapping[str, models.Model]) -> list[models.Subject]:
    comparison = files.get("comparison.yaml")
    return [subject for subject in getattr(comparison, "subjects", None) or [] if subject is not None]


def _layers(files: Mapping[str, models.Model]) -> list[models.Layer]:
    diagram = files.get("content/diagram.yaml")
    return [layer for layer in getattr(diagram, "layers", None) or [] if layer is not None]


def _check_glossary_names(files: Mapping[str, models.Model], position: Any) -> list[Diagnostic]:
    """Two terms must not claim the same name, alias or abbreviation: mentions could not say which."""
    glossary = files.get("glossary.yaml")
    if not isinstance(glossary, models.GlossaryFile):
        return []
    diagnostics: list[Diagnostic] = []
    claimed: dict[str, tuple[str, Path]] = {}
    for number, term in enumerate(getattr(glossary, "terms", None) or []):
        if term is None:
            continue
        names: list[tuple[str, Path]] = [(term.term.casefold(), ("terms", number, "term"))]
        names += [(alias.casefold(), ("terms", number, "aliases", i)) for i, alias in enumerate(term.aliases)]
        if term.abbreviation:
            names.append((term.abbreviation, ("terms", number, "abbreviation")))
        seen_here: set[str] = set()
        for name, loc in names:
            owner = claimed.get(name)
            if name in seen_here:
                continue
            seen_here.add(name)
            if owner is not None and owner[0] != term.id:
                first = position(_Located("glossary.yaml", owner[1], name))
                pos = position(_Located("glossary.yaml", loc, name))
                diagnostics.append(
                    Diagnostic(
                        "glossary.yaml",
                        pos.line,
                        pos.col,
                        f"'{name}' of term '{term.id}' is already used by term '{owner[0]}' (line {first.line}): "
                        "each name, alias and abbreviation may belong to one term only",
                    )
                )
            else:
                claimed[name] = (term.id, loc)
    return diagnostics


# --- pass 4: the hand-written pages -------------------------------------------------------


def validate_pages(content: models.Content, pages: Mapping[str, str], docs_dir: str) -> list[Diagnostic]:
    """Problems in the site's own pages (docs/: path → text): links to unknown entries, taken names."""
    sitemap = SiteMap(content)
    generated = sitemap.page_names()
    diagnostics = [
        Diagnostic(f"{docs_dir}/{path}", 1, 1, "this page has the same name as a generated page: rename it")
        for path in sorted(set(pages) & generated)
    ]
    for path, markdown in sorted(pages.items()):
        for link in entry_links(markdown):
            if not sitemap.has(link.kind, link.id):
                label = KIND_LABELS.get(link.kind, link.kind)
                hint = _suggest(link.id, sitemap.ids(link.kind), "")
                message = f"link to unknown {label} '{link.id}'{hint}"
                diagnostics.append(Diagnostic(f"{docs_dir}/{path}", link.line, link.col, message))
        diagnostics += _broken_page_links(path, markdown, pages, generated, docs_dir)
    return diagnostics


def _broken_page_links(
    path: str, markdown: str, pages: Mapping[str, str], generated: set[str], docs_dir: str
) -> list[Diagnostic]:
    """Links of a hand-written page to pages that do not exist, or to headings a hand-written page lacks.

    (Anchors on generated pages are checked by the build, which knows their headings.)
    """
    problems: list[Diagnostic] = []
    for link in page_links(markdown):
        if link.path and not link.path.endswith(".md"):
            continue  # a file such as an image: the engine checks it
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link.path)) if link.path else path
        where = f"{docs_dir}/{path}"
        if target not in pages and target not in generated:
            hint = _suggest(target, sorted({*pages, *generated}), "", cutoff=0.8)  # page names look alike
            message = f"link to a page that does not exist: '{link.path}'{hint}: link to a page of the site"
            problems.append(Diagnostic(where, link.line, link.col, message))
        elif link.anchor and target in pages and link.anchor not in heading_anchors(pages[target]):
            hint = _suggest(link.anchor, sorted(heading_anchors(pages[target])), "")
            message = f"link to '#{link.anchor}', which {target} has no heading for{hint}: fix the link or the heading"
            problems.append(Diagnostic(where, link.line, link.col, message))
    return problems


def locate_entry(documents: Mapping[str, Document], kind: str, entry_id: str) -> Diagnostic | None:
    """Where an entry of valid content starts (its ``id``), as a place to report a problem at.

    The message is the entry's label ("term 'agent'"); None if no such entry was read.
    """
    path = _KIND_FILES.get(kind)
    document = documents.get(path) if path else None
    if path is None or document is None or document.root is None:
        return None
    model = models.file_model(path).model_validate(to_data(document.root))
    for loc, value, _ in _walk(model, ()):
        if isinstance(value, models.Entry) and value.kind == kind and value.id == entry_id:
            _, node = find(document.root, (*loc, "id"))
            pos = node.pos if node is not None else Pos(1, 1)
            return Diagnostic(path, pos.line, pos.col, f"{KIND_LABELS.get(kind, kind)} '{entry_id}'")
    return None


def file_of_kind(kind: str) -> str | None:
    """The content file that defines entries of `kind`."""
    return _KIND_FILES.get(kind)


# --- pass 3: what keeps the site true: dated statements, located figures, coverage -----------

FIGURE = re.compile(
    r"(?<![\w.-])\d[\d,.]*(?:\s?(?:%|percent\b|per cent\b)|\s?(?:[KMBT]|k)\b|\s(?:thousand|million|billion|trillion)\b|"
    r"\s?(?:kHz|Hz|GB|MB|TB|FLOPs?)\b|\s?×|\s(?:tokens?|parameters?|words|pairs|subjects|tasks|languages|images|"
    r"hours|seconds|minutes|metrics|experts|GPUs)\b)",
)
"""A figure a claim states: a number with a unit (175B, 1.4T tokens, 24 kHz, 57 subjects, 4×, 85%)."""
_NAMING_FIELDS = ("term", "question", "criterion", "heading", "name", "task", "claim", "title")


def _survey(
    files: Mapping[str, models.Model], documents: Mapping[str, Document], today: dt.date, as_of_max_age_months: int
) -> tuple[list[Diagnostic], list[DatedStatement], list[FileCoverage]]:
    """Warnings for old as-of dates and figures cited without a locator; every dated statement; coverage."""
    warnings: list[Diagnostic] = []
    dated: list[DatedStatement] = []
    coverage: list[FileCoverage] = []

    def warn(item: _Located, message: str, offset: int | None = None) -> Pos:
        pos = _position(documents, item, offset=offset)
        warnings.append(Diagnostic(item.path, pos.line, pos.col, message, "warning"))
        return pos

    def note_date(
        item: _Located, date: str, owner: tuple[str, tuple[str, str] | None], text: str, offset: int | None
    ) -> None:
        when = models.AsOf(date).first_day()
        months = (today.year - when.year) * 12 + today.month - when.month
        if months > as_of_max_age_months:
            pos = warn(
                item,
                f"{owner[0]} says 'as of {date}', {months} months ago (the limit is {as_of_max_age_months}): "
                "check it against a current source, then update the date or reword the statement",
                offset,
            )
        else:
            pos = _position(documents, item, offset=offset)
        dated.append(DatedStatement(item.path, pos.line, pos.col, date, owner[0], owner[1], " ".join(text.split())))

    for path, model in files.items():
        owners: dict[Path, tuple[str, tuple[str, str] | None]] = {(): (path, None)}
        entries = citations = located_citations = 0
        reviews: list[str] = []
        dates: list[str] = []
        for loc, value, _ in _walk(model, ()):
            owner = next(owners[loc[:depth]] for depth in range(len(loc), -1, -1) if loc[:depth] in owners)
            if isinstance(value, models.Entry):
                entries += 1
                owner = owners[loc] = (
                    f"{KIND_LABELS.get(value.kind, value.kind)} '{value.id}'",
                    (value.kind, value.id),
                )
            if isinstance(value, models.Citation):
                citations += 1
                located_citations += value.at is not None
            if isinstance(value, BaseModel):
                reviewed = getattr(value, "reviewed", None)
                if isinstance(reviewed, models.IsoDate):
                    reviews.append(reviewed)
                as_of = getattr(value, "as_of", None)
                if isinstance(as_of, models.AsOf):
                    name = next(
                        (getattr(value, f) for f in _NAMING_FIELDS if isinstance(getattr(value, f, None), str)), ""
                    )
                    note_date(_Located(path, (*loc, "as_of"), as_of), as_of, owner, str(name), None)
                    dates.append(as_of)
                if not isinstance(value, models.SourcesFile) and isinstance(getattr(value, "sources", None), list):
                    _check_figures(value, _Located(path, loc, value), owner[0], warn)
            if isinstance(value, models.RichText):
                _, links, marks = rich_findings(str(value))
                citations += sum(link.kind == "source" for link in links)
                for mark in marks:
                    note_date(
                        _Located(path, loc, value), mark.date, owner, _sentence(str(value), mark.offset), mark.offset
                    )
                    dates.append(mark.date)
        coverage.append(
            FileCoverage(path, entries, citations, located_citations, tuple(dates), min(reviews) if reviews else None)
        )
    return warnings, dated, coverage


def _check_figures(value: BaseModel, item: _Located, owner: str, warn: Any) -> None:
    """Warn where a text states a figure and none of the sources that back it says where it stands."""
    citations: list[models.Citation] = value.sources  # type: ignore[attr-defined]  # the caller checked
    if not citations or any(citation.at is not None for citation in citations):
        return  # no sources of its own (its entry's apply, checked there), or located
    texts: list[tuple[Path, str]] = [
        ((name,), text)
        for name, text in value.__dict__.items()
        if isinstance(text, models.Line | models.RichText) and not isinstance(text, models.Slug)
    ]
    if isinstance(value, models.Row):  # cells without their own sources are backed by the row's
        texts += [(("cells", subject, "text"), cell.text) for subject, cell in value.cells.items() if not cell.sources]
    for where, text in texts:
        figure = FIGURE.search(text)
        if figure:
            warn(
                _Located(item.path, (*item.loc, *where), text),
                f"{owner} states a figure ('{figure.group().strip()}') but none of its sources says where in the work "
                f'it stands: give the one that does a locator, e.g. {{id: {citations[0].id}, at: "Table 2"}}',
                figure.start(),
            )
            return


def _sentence(text: str, offset: int) -> str:
    """The sentence of rich `text` around `offset`, as a reader sees it, for the maintenance page."""
    full_stop, line_break = text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)
    start = max(full_stop + 2 if full_stop >= 0 else 0, line_break + 1)
    ends = [position for position in (text.find(". ", offset), text.find("\n", offset)) if position >= 0]
    return visible_text(parse_rich(text[start : min(ends) + 1 if ends else len(text)]))
