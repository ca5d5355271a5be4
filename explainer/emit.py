# Role: emit — hand the generated pages to MkDocs (as generated files), or write them to a folder.
"""The last step before MkDocs: generated pages become virtual files in ``on_files``.

Nothing is written into ``docs/`` (that would make ``mkdocs serve`` rebuild forever). During a
live preview a content mistake does not stop the server: the last good pages keep being served
and every page shows the problems at the top until the file is fixed.
"""

from __future__ import annotations

import gc
import html
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import pipeline
from .diagnostics import Diagnostic, render_report
from .preview import PageCache

log = logging.getLogger("mkdocs.plugins.explainer")
BANNER_CLASS = "content-errors"


class CompiledTemplates(jinja2.BytecodeCache):
    """Keeps the theme's compiled templates in memory, so preview rebuilds do not compile them again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Session:
    """What the hook remembers between builds of one `mkdocs serve` (or one build)."""

    command: str = "build"
    last_good: pipeline.Generated | None = None
    current: pipeline.Generated | None = None
    problems: tuple[Diagnostic, ...] = ()
    internal_error: str | None = None
    reported: str = field(default="", repr=False)
    templates: CompiledTemplates = field(default_factory=CompiledTemplates, repr=False)
    pages: PageCache = field(default_factory=PageCache, repr=False)

    @property
    def reuses_pages(self) -> bool:
        """During serve, with content to show, unchanged pages keep their HTML between rebuilds."""
        return self.command == "serve" and self.current is not None


def configure(config: Any, session: Session) -> Any:
    """Run the pipeline for this build; register the glossary linker. Raises only outside serve."""
    root = Path(config.config_file_path).resolve().parent
    set_source_date_epoch(root)
    session.problems, session.internal_error = (), None
    try:
        result = pipeline.generate(root, config.site_name, config.site_description or "")
    except pipeline.RenderError as error:
        result = None
        session.internal_error = f"internal error while rendering pages (a bug, please report it): {error}"
    if isinstance(result, pipeline.Generated):
        session.current = session.last_good = result
        if session.command == "build":
            gc.freeze()  # the content lives until the build ends: keep the collector from re-walking it
        for warning in result.checked.diagnostics:
            log.info(warning.plain())
    else:
        checked = result if isinstance(result, pipeline.Checked) else None
        report = render_report(checked.diagnostics, sources=checked.lines) if checked else ""
        if session.internal_error:
            report += session.internal_error + "\n"
        if session.command != "serve":
            raise PluginError("the content has errors:\n" + report.rstrip())
        session.problems = tuple(d for d in (checked.diagnostics if checked else ()) if d.severity == "error")
        session.current = session.last_good
        if report != session.reported:
            print(report, end="", file=sys.stderr, flush=True)  # noqa: T201 - the editor's terminal
        session.reported = report
    if session.current is not None:
        config.markdown_extensions.append(session.current.site.glossary_links)
    return config


def reuse_compiled_templates(env: jinja2.Environment, session: Session) -> jinja2.Environment:
    """MkDocs makes a new template environment for every build; let them share compiled templates."""
    env.bytecode_cache = session.templates
    return env


def add_generated_files(files: Files, config: Any, session: Session) -> Files:
    """Add every generated page and export as a virtual file."""
    generated = session.current
    if generated is None:  # serve started with broken content: placeholders keep the nav working
        for path in _nav_pages(config.nav):
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=_placeholder()))
        return files
    for path, markdown in generated.site.pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=markdown))
    for path, data in generated.files.items():
        files.append(File.generated(config, path, content=data))
    if session.reuses_pages:
        config_text = Path(config.config_file_path).read_bytes()
        session.pages.start_build(config_text, files, generated.site.glossary_links.fingerprint)
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None:
            session.pages.reuse_search_entries(getattr(search, "search_index", None))
    return files


def before_page(markdown: str, page: Any, session: Session) -> str:
    """Point the glossary linker at this page; resolve ``[text](kind:id)`` links in hand-written pages.

    During serve, a page whose HTML would come out as at the last rebuild is not converted again.
    """
    if session.current is None:
        return markdown
    session.current.site.glossary_links.for_page(page.file.src_uri)
    if page.file.generated_by is None:
        markdown = session.current.site.link_entries(page.file.src_uri, markdown)[0]
    if session.reuses_pages:
        markdown = session.pages.markdown_to_convert(page, markdown)
    return markdown


def after_page(content: str, page: Any, files: Files, session: Session) -> str:
    """During serve: the page's reused HTML if it was not converted, and the content problems on top."""
    if session.reuses_pages:
        content = session.pages.converted_html(page, content, files)
    return with_problems(content, session)


def after_build(session: Session) -> None:
    """During serve, log how many pages the rebuild converted and reused."""
    if session.reuses_pages:
        session.pages.finish_build()


def with_problems(content: str, session: Session) -> str:
    """During serve, put the content problems at the top of every page until they are fixed."""
    if not session.problems and not session.internal_error:
        return content
    lines = [d.plain() for d in session.problems]
    if session.internal_error:
        lines.append(session.internal_error)
    stale = "the last good version of the pages" if session.last_good else "placeholder pages"
    banner = (
        f'<div class="{BANNER_CLASS}" role="alert"><p><strong>The content has '
        f"{len(lines)} problem{'s' if len(lines) != 1 else ''}; you are seeing {stale}.</strong> "
        "Fix the file and save: this page reloads by itself.</p><pre><code>"
        + html.escape("\n".join(lines))
        + "</code></pre></div>"
    )
    return banner + content


def _placeholder() -> str:
    return "# Waiting for valid content\n\nThis page is generated from the YAML content, which has errors (above).\n"


def _nav_pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        if nav.endswith(".md"):
            yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)


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


def write_pages(generated: pipeline.Generated, out_dir: Path) -> None:
    """Write the generated pages and exports to `out_dir`, replacing it only when all are written."""
    with staging_directory(out_dir) as staging:
        for path, markdown in generated.site.pages.items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        for path, data in generated.files.items():
            (staging / path).write_bytes(data)


class staging_directory:  # noqa: N801 - used as a context manager, reads like one
    """A fresh folder next to `target` that replaces `target` only if the block succeeds."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()

    def __enter__(self) -> Path:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-new-", dir=self.target.parent))
        return self.path

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                replace_directory(self.path, self.target)
        finally:
            shutil.rmtree(self.path, ignore_errors=True)


def replace_directory(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with renames (the old one is removed only afterwards)."""
    umask = os.umask(0)
    os.umask(umask)
    new.chmod(0o777 & ~umask)  # mkdtemp made it private; a published site is not
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        target.rename(old / target.name)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            (old / target.name).rename(target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
