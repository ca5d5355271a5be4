# Role: MkDocs hook — the thin shell that runs the generator inside `mkdocs build` and `mkdocs serve`.
"""Loaded by MkDocs from ``hooks:`` in mkdocs.yml; every step lives in the `explainer` package."""

from __future__ import annotations

from typing import Any

from explainer.engines import mkdocs as engine

session = engine.Session()  # MkDocs loads this module once per process: it lives across serve rebuilds


def on_startup(command: str, dirty: bool) -> None:
    session.command = command


def on_config(config: Any) -> Any:
    return engine.configure(config, session)


def on_files(files: Any, config: Any) -> Any:
    return engine.add_generated_files(files, config, session)


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    return engine.remember_nav(nav, session)


def on_env(env: Any, config: Any, files: Any) -> Any:
    return engine.reuse_compiled_templates(env, session)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return engine.before_page(markdown, page, session)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return engine.after_page(html, page, files, session)


def on_post_build(config: Any) -> None:
    engine.after_build(config, session)
