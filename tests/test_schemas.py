"""schemas: the committed JSON Schemas match the models and accept the real content."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from explainer.models import CONTENT_FILES
from explainer.schemas import SCHEMA_DIR, schema_name, schema_texts


def test_committed_schemas_are_current() -> None:
    for name, text in schema_texts().items():
        committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is out of date: run python -m explainer.schemas"


@pytest.mark.parametrize("path", list(CONTENT_FILES))
def test_each_file_names_its_schema_and_validates_against_it(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    prefix = "../" if path.startswith("content/") else ""
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={prefix}explainer/schemas/{schema_name(path)}"
    schema = json.loads((SCHEMA_DIR / schema_name(path)).read_text(encoding="utf-8"))
    errors = [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_the_schema_catches_what_an_editor_mistypes() -> None:
    schema = json.loads((SCHEMA_DIR / "faqs.schema.json").read_text(encoding="utf-8"))
    broken = {
        "groups": [{"id": "basics", "title": "The basics"}],
        "faqs": [
            {
                "id": "Bad Id",
                "group": "basics",
                "question": "Q?",
                "anwser": "A",
                "sources": ["x"],
                "reviewed": "2026-11-01",
            }
        ],
    }
    messages = sorted(error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(broken))
    assert any("'answer' is a required property" in m for m in messages)
    assert any("'anwser' was unexpected" in m for m in messages)
    assert any("'Bad Id' does not match" in m for m in messages)


def test_vscode_settings_map_every_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {pattern for patterns in settings["yaml.schemas"].values() for pattern in patterns}
    assert mapped == set(CONTENT_FILES)
