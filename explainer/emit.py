# Role: emit — write the rendered site as a folder any Python-Markdown engine builds: pages, files, config.
"""The generator's output, engine-neutral: ``render --out DIR`` and every build write this folder.

``DIR/docs/`` holds every page as ordinary Markdown (the generated ones, and the hand-written ones
with their ``kind:id`` links resolved), the site's static files and the data exports;
``DIR/mkdocs.yml`` is the project's configuration with the generated navigation, the glossary
linker named as a Markdown extension, and no hook; ``DIR/glossary-links.json`` holds the terms
the linker reads. ``mkdocs build -f DIR/mkdocs.yml`` and ``zensical build -f DIR/mkdocs.yml``
build the site from it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from . import pipeline
from .sitemap import nav

TREE_CONFIG = "mkdocs.yml"
TREE_DOCS = "docs"
TREE_TERMS = "glossary-links.json"
GLOSSARY_EXTENSION = "explainer.glossary_links"


def write_tree(generated: pipeline.Generated, project_config: Path, out: Path, final: Path | None = None) -> Path:
    """Write the site's sources into the empty or new folder `out`; returns the configuration file.

    `final` is where the folder will be used from, if it moves there after writing (the written
    configuration names files by their absolute path).
    """
    root = project_config.resolve().parent
    config = project_configuration(project_config)
    docs = out / TREE_DOCS
    source_docs = root / str(config.get("docs_dir", "docs"))
    for static in sorted(source_docs.rglob("*")):
        if static.is_file() and static.suffix != ".md":
            target = docs / static.relative_to(source_docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(static, target)
    site = generated.site
    for path, markdown in {**site.handwritten, **site.pages}.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for path, data in generated.files.items():
        (docs / path).write_bytes(data)
    terms = out / TREE_TERMS
    terms.write_bytes(site.glossary_links.to_json())
    assert generated.checked.content is not None
    config_file = out / TREE_CONFIG
    terms_there = ((final or out) / TREE_TERMS).resolve()
    tree_config = engine_configuration(config, root, terms_there, nav(generated.checked.content.topics.topics))
    config_file.write_text(
        "# Written by the explainer generator from the project's mkdocs.yml; do not edit.\n"
        + yaml.safe_dump(tree_config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return config_file


def project_configuration(config_file: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as MkDocs reads it (``!ENV`` values resolved)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as stream:
        return yaml_load(stream)


def engine_configuration(config: dict[str, Any], root: Path, terms: Path, navigation: list[Any]) -> dict[str, Any]:
    """The project's configuration for the written folder: its docs, its navigation, no hook, no watch."""
    tree = {key: value for key, value in config.items() if key not in ("hooks", "watch", "docs_dir", "site_dir", "nav")}
    tree["docs_dir"] = TREE_DOCS
    theme = tree.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        tree["theme"] = {**theme, "custom_dir": str((root / theme["custom_dir"]).resolve())}
    extensions = [e for e in tree.get("markdown_extensions", []) if _extension_name(e) != GLOSSARY_EXTENSION]
    tree["markdown_extensions"] = [*extensions, {GLOSSARY_EXTENSION: {"terms": str(terms)}}]
    tree["nav"] = navigation
    return tree


def _extension_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "")


def set_source_date_epoch(root: Path) -> None:
    """Builds are reproducible: unless set, SOURCE_DATE_EPOCH is the last commit's time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp
