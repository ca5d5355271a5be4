# Role: schemas — JSON Schema for each content file, generated from the models, for editors' tools.
"""JSON Schemas that give editors completion, hover help and inline errors while they type.

Each content file names its schema on its first line (``# yaml-language-server: $schema=…``),
which the YAML language server (VS Code's YAML extension and others) picks up. The schemas are
committed; a test fails when they no longer match the models. Regenerate them with::

    python -m explainer.schemas
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import models

SCHEMA_DIR = Path(__file__).parent / "schemas"


def schema_name(path: str) -> str:
    """The schema file of a content file, e.g. 'content/faqs.yaml' → 'faqs.schema.json'."""
    return path.rsplit("/", 1)[-1].removesuffix(".yaml") + ".schema.json"


def schema_for(path: str) -> dict[str, Any]:
    model = models.file_model(path)
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_name(path),
        "title": f"{path} (LLMs vs generative AI explainer)",
        "description": f"Content file {path}. Field reference: docs/editing/ and the site's Field reference page.",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_texts() -> dict[str, str]:
    """Every schema file's name and its exact text."""
    return {
        schema_name(path): json.dumps(schema_for(path), indent=2, ensure_ascii=False) + "\n"
        for path in models.CONTENT_FILES
    }


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        target = directory / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for written in write():
        sys.stderr.write(f"wrote {written}\n")
