# Role: MkDocs hook — the thin shell that runs the generator inside `mkdocs build` and `mkdocs serve`.
"""Loaded by MkDocs from ``hooks:`` in mkdocs.yml; every step lives in the `explainer` package."""

from __future__ import annotations

from typing import Any

from explainer.engines import mkdocs as engine

_session = engine.Session()  # MkDocs loads this module once per process: it lives across serve rebuilds


def on_startup(command: str, dirty: bool) -> None:
    _session.command = command


def on_config(config: Any) -> Any:
    return engine.configure(config, _session)


def on_files(files: Any, config: Any) -> Any:
    return engine.add_generated_files(files, config, _session)


def on_env(env: Any, config: Any, files: Any) -> Any:
    return engine.reuse_compiled_templates(env, _session)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return engine.before_page(markdown, page, _session)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return engine.after_page(html, page, files, _session)


def on_post_build(config: Any) -> None:
    engine.after_build(config, _session)
