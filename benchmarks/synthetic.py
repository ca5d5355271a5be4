"""Synthetic but valid content at any multiple of the real content, for benchmarks and scale tests.

Copy k of the content (k = 1 … factor-1) is the real content with every id suffixed ``-copyk``
(and every reference and internal link rewritten to match), so each copy is self-consistent,
all ids stay unique and every source is still cited. (A plain ``-k`` would collide with real ids
such as ``sora`` and ``sora-2``.) Glossary names get `` copy k`` appended so that names, aliases
and abbreviations stay unique. The relationship diagram and the FAQ groups and
comparison subjects are not multiplied: they are structure, not content.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "docs")
LINK = re.compile(r"\]\((term|faq|topic|row|use-case|industry|trend|misconception|source|event):([a-z0-9-]+)\)")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes shared values out in full: the content refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _suffix(k: int) -> Callable[[Any], Any]:
    """Renames an id, or the id of a citation written ``{id: ..., at: ...}``."""

    def rename(reference: Any) -> Any:
        if isinstance(reference, dict):
            return {**reference, "id": f"{reference['id']}-copy{k}"}
        return f"{reference}-copy{k}"

    return rename


def _links(text: str, k: int) -> str:
    return LINK.sub(lambda m: f"]({m.group(1)}:{m.group(2)}-copy{k})", text)


def _copy_entry(entry: dict[str, Any], k: int, refs: tuple[str, ...] = ("sources",)) -> dict[str, Any]:
    """One entry of copy k: its id, references and the links in its texts get the suffix."""
    rename = _suffix(k)
    copied: dict[str, Any] = {}
    for key, value in entry.items():
        if key == "id" or (key in refs and isinstance(value, str)):
            copied[key] = rename(value)
        elif key in refs and isinstance(value, list):
            copied[key] = [rename(item) for item in value]
        elif isinstance(value, str):
            copied[key] = _links(value, k)
        else:
            copied[key] = value
    return copied


def _terms(terms: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    copies = []
    for term in terms:
        copied = _copy_entry(term, k, refs=("sources", "related"))
        copied["term"] = f"{term['term']} copy {k}"
        copied["aliases"] = [f"{alias} copy {k}" for alias in term.get("aliases", [])]
        if term.get("abbreviation") not in (None, "null", ""):
            copied["abbreviation"] = f"{term['abbreviation']}-copy{k}"
        copies.append(copied)
    return copies


def _rows(rows: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    copies = []
    for row in rows:
        copied = _copy_entry(row, k)
        copied["cells"] = {
            subject: (
                {**cell, "sources": [_suffix(k)(s) for s in cell.get("sources", [])]}
                if isinstance(cell, dict)
                else cell
            )
            for subject, cell in row["cells"].items()
        }
        copies.append(copied)
    return copies


def _topics(topics: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    copies = []
    for topic in topics:
        copied = _copy_entry(topic, k)
        copied["sections"] = [_copy_entry(section, k) for section in topic["sections"]]
        copied["examples"] = [_copy_entry(example, k) for example in topic.get("examples", [])]
        copies.append(copied)
    return copies


def _trends(trends: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    copies = []
    for trend in trends:
        copied = _copy_entry(trend, k)
        copied["shipped"] = [_copy_entry(milestone, k) for milestone in trend["shipped"]]
        copies.append(copied)
    return copies


def _entries(entries: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    return [_copy_entry(entry, k) for entry in entries]


# Which list in each file is multiplied, and how one copy of it is made.
MULTIPLIED: dict[str, tuple[str, Callable[[list[dict[str, Any]], int], list[dict[str, Any]]]]] = {
    "glossary.yaml": ("terms", _terms),
    "comparison.yaml": ("rows", _rows),
    "content/sources.yaml": ("sources", _entries),
    "content/topics.yaml": ("topics", _topics),
    "content/faqs.yaml": ("faqs", _entries),
    "content/use-cases.yaml": ("use_cases", _entries),
    "content/applications.yaml": ("industries", _entries),
    "content/trends.yaml": ("trends", _trends),
    "content/misconceptions.yaml": ("misconceptions", _entries),
    "content/timeline.yaml": ("events", _entries),
}


def write_scaled_content(source: Path, target: Path, factor: int) -> dict[str, int]:
    """Write the content of `source` multiplied `factor` times into `target`; returns entry counts."""
    counts: dict[str, int] = {}
    for path in [*MULTIPLIED, "content/diagram.yaml"]:
        text = (source / path).read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.CBaseLoader)  # noqa: S506 - the base loader builds only str, list, dict
        if path in MULTIPLIED:
            key, copy = MULTIPLIED[path]
            original = data[key]
            data[key] = original + [entry for k in range(1, factor) for entry in copy(original, k)]
            counts[key] = len(data[key])
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000))
    return counts


def scaled_project(source: Path, target: Path, factor: int) -> dict[str, int]:
    """A complete project in `target` (site files copied, the generator linked) at `factor` × the content."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        else:
            shutil.copy2(source / name, target / name)
    (target / "explainer").symlink_to(source / "explainer")
    return write_scaled_content(source, target, factor)
