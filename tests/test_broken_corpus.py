"""The broken-input corpus: each mistake gives exactly the expected file:line:col messages."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURE, TODAY
from explainer import pipeline

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "broken" / "cases.yaml").read_text())
BYTE_CASES = [
    (
        "bytes that are not UTF-8",
        "content/faqs.yaml",
        b"What is an LLM?",
        b"What is an LLM\xe9?",
        [
            "content/faqs.yaml:7:29: error: byte 0xE9 is not valid UTF-8: save the file as UTF-8 (was it pasted from another encoding?)"
        ],
    ),
    (
        "a byte-order mark inside the text",
        "content/faqs.yaml",
        b"What is an LLM?",
        b"What is an\xef\xbb\xbf LLM?",
        ["content/faqs.yaml:7:25: error: contains a byte-order mark (U+FEFF): delete it"],
    ),
]


def _break(root: Path, file: str, replace: list[str] | None, content: str | None) -> None:
    target = root / file
    if content is not None:
        target.write_text(content, encoding="utf-8")
        return
    assert replace is not None
    old, new = replace
    text = target.read_text(encoding="utf-8")
    assert old in text, f"the case does not apply to {file}: {old!r} not found"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(root: Path) -> list[str]:
    checked = pipeline.check(root, pipeline.Settings(), TODAY)
    return [d.plain() for d in sorted(checked.diagnostics, key=lambda d: (d.path, d.line, d.col))]


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content-copy"
    shutil.copytree(FIXTURE, target)
    return target


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) + len(BYTE_CASES) >= 30


def test_the_fixture_itself_is_clean(fixture_copy: Path) -> None:
    assert _check(fixture_copy) == []


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_each_mistake_gives_exactly_its_messages(case: dict[str, Any], fixture_copy: Path) -> None:
    _break(fixture_copy, case["file"], case.get("replace"), case.get("content"))
    if "also" in case:
        _break(fixture_copy, case["also"]["file"], case["also"].get("replace"), case["also"].get("content"))
    assert _check(fixture_copy) == case["expected"]


@pytest.mark.parametrize(("name", "file", "old", "new", "expected"), BYTE_CASES, ids=[c[0] for c in BYTE_CASES])
def test_byte_level_mistakes(
    name: str, file: str, old: bytes, new: bytes, expected: list[str], fixture_copy: Path
) -> None:
    target = fixture_copy / file
    target.write_bytes(target.read_bytes().replace(old, new, 1))
    assert _check(fixture_copy) == expected


def test_a_leading_byte_order_mark_is_accepted_and_columns_ignore_it(fixture_copy: Path) -> None:
    """Editors save UTF-8 with a BOM and do not show it; YAML allows it, so the file reads as without it."""
    glossary = fixture_copy / "glossary.yaml"
    glossary.write_bytes(b"\xef\xbb\xbf" + glossary.read_bytes())
    assert _check(fixture_copy) == []
    case = next(case for case in CASES if case["file"] == "glossary.yaml" and "also" not in case)
    _break(fixture_copy, case["file"], case.get("replace"), case.get("content"))
    if not glossary.read_bytes().startswith(b"\xef\xbb\xbf"):
        glossary.write_bytes(b"\xef\xbb\xbf" + glossary.read_bytes())
    assert _check(fixture_copy) == case["expected"]
