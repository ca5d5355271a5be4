# Role: engine adapter — MkDocs + Material: build the written folder, and the hook behind `mkdocs serve`.
"""MkDocs with the Material theme, the default engine.

`build` runs ``mkdocs build --strict`` on the folder `explainer.emit.write_tree` wrote. The rest
is the MkDocs hook (``hooks:`` in the project's mkdocs.yml) that lets ``mkdocs serve``,
``mkdocs build`` and the live preview work from the project itself: it hands MkDocs the same
generated pages as virtual files, and during a preview keeps the last good pages on screen with
the content's problems on top.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError
from mkdocs.structure.files import File, Files

from .. import pipeline, postbuild
from ..diagnostics import Diagnostic, render_report
from ..emit import set_source_date_epoch
from ..preview import PageCache
from ..read import position_at
from ..sitemap import nav
from . import BuildResult

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice is noise here
log = logging.getLogger("mkdocs.plugins.explainer")
BANNER_CLASS = "content-errors"
_DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (?:error|warning): ")


_LINK_WARNING = re.compile(r"^Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but (?P<why>.+?)\.?$")


class _Collect(logging.Handler):
    """MkDocs' warnings (what ``--strict`` fails on), a link's warning at the link in the page's source."""

    def __init__(self, docs: Path | None = None) -> None:
        super().__init__(logging.WARNING)
        self.docs = docs
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        for line in record.getMessage().splitlines():  # the content's own diagnostics pass through as they are
            located = self.docs and _located_link_warning(line, self.docs)
            self.lines.append(
                located or (line if _DIAGNOSTIC.match(line) else f"mkdocs: {record.levelname.lower()}: {line}")
            )


def _located_link_warning(line: str, docs: Path) -> str | None:
    """MkDocs' "Doc file 'x.md' contains a link …" as a diagnostic at that link in docs/x.md, if found there."""
    warning = _LINK_WARNING.match(line)
    page = docs / warning["page"] if warning else None
    if warning is None or page is None or not page.is_file():
        return None
    text = page.read_text(encoding="utf-8-sig")
    found = re.search(rf"\]\(\s*<?{re.escape(warning['link'])}", text) or re.search(re.escape(warning["link"]), text)
    if found is None:
        return None
    start = found.start() + (text[found.start() :].find(warning["link"]) if text[found.start()] == "]" else 0)
    line_number, col = position_at(text, start)
    return (
        f"{docs.name}/{warning['page']}:{line_number}:{col}: error: the link '{warning['link']}' is broken: "
        f"{warning['why']}; fix the link or the heading it points to"
    )


@contextmanager
def _mkdocs_logging(verbose: bool, docs: Path | None = None) -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    collector = _Collect(docs)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.CRITICAL + 1)
    console.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.addHandler(console)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.removeHandler(console)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


def build(config_file: Path, site_dir: Path, verbose: bool = False, source_docs: Path | None = None) -> BuildResult:
    """``mkdocs build --strict`` of a written folder (its `config_file`) into `site_dir`.

    A broken link's warning is given at the link in the page's source, in `source_docs`.
    """
    with _mkdocs_logging(verbose, source_docs) as collected:
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, ConfigurationError, MkDocsException) as error:
            return BuildResult(False, (*collected.lines, f"mkdocs: error: {error}"))
    dirs = tuple(Path(directory) for directory in config.theme.dirs)
    return BuildResult(True, tuple(collected.lines), dirs, urlsplit(config.site_url or "/").path or "/")


# --- the hook: `mkdocs serve`, `mkdocs build` and the live preview from the project itself ---------


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
    build_warnings: _Collect | None = field(default=None, repr=False)
    """During serve: what MkDocs warns about while building, which ``--strict`` would fail on."""
    reported_strict: str = field(default="", repr=False)
    page_scans: postbuild.PageScans = field(default_factory=dict, repr=False)
    """During serve: the post-build check's findings per page, so unchanged pages are not scanned again."""
    files: Files | None = field(default=None, repr=False)
    nav: Any = field(default=None, repr=False)
    env: jinja2.Environment | None = field(default=None, repr=False)
    live: LiveSite | None = field(default=None, repr=False)
    """During serve: the last complete build, whose pages `show_first` can build again one by one."""

    @property
    def reuses_pages(self) -> bool:
        """During serve, with content to show, unchanged pages keep their HTML between rebuilds."""
        return self.command == "serve" and self.current is not None


@dataclass(frozen=True)
class LiveSite:
    """What MkDocs built the served site from: enough to build one of its pages again."""

    config: Any
    files: Files
    nav: Any
    env: jinja2.Environment


def configure(config: Any, session: Session) -> Any:
    """Run the pipeline for this build; set the navigation; register the glossary linker.

    Raises only outside serve: a preview shows the problems instead.
    """
    root = Path(config.config_file_path).resolve().parent
    set_source_date_epoch(root)
    session.problems, session.internal_error = (), None
    session.files = session.nav = session.env = None
    if session.command == "serve":
        _stop_collecting(session)
        session.build_warnings = _Collect(root / pipeline.DOCS_DIR)
        logging.getLogger("mkdocs").addHandler(session.build_warnings)
    try:
        result = pipeline.generate(root, config.site_name, config.site_description or "")
    except pipeline.RenderError as error:
        result = None
        session.internal_error = f"internal error while rendering pages (a bug, please report it): {error}"
    if isinstance(result, pipeline.Generated):
        session.current = session.last_good = result
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
    content = session.current.checked.content if session.current is not None else None
    config.nav = nav(content.topics.topics if content is not None else [])
    if session.current is not None:
        config.markdown_extensions.append(session.current.site.glossary_links)
    return config


def reuse_compiled_templates(env: jinja2.Environment, session: Session) -> jinja2.Environment:
    """MkDocs makes a new template environment for every build; let them share compiled templates."""
    env.bytecode_cache = session.templates
    session.env = env
    return env


def remember_nav(nav: Any, session: Session) -> Any:
    session.nav = nav
    return nav


def add_generated_files(files: Files, config: Any, session: Session) -> Files:
    """Add every generated page and export as a virtual file; hand-written pages get their links resolved."""
    generated = session.current
    if generated is None:  # serve started with broken content: placeholders keep the nav working
        for path in _nav_pages(config.nav):
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=_placeholder()))
        return files
    for path, markdown in {**generated.site.handwritten, **generated.site.pages}.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=markdown))
    for path, data in generated.files.items():
        files.append(File.generated(config, path, content=data))
    if session.reuses_pages:
        config_text = Path(config.config_file_path).read_bytes()
        session.pages.start_build(config_text, files, generated.site.glossary_links.fingerprint)
    session.files = files
    return files


def before_page(markdown: str, page: Any, session: Session) -> str:
    """During serve, a page whose HTML would come out as at the last rebuild is not converted again."""
    if session.reuses_pages:
        markdown = session.pages.markdown_to_convert(page, markdown)
    return markdown


def after_page(content: str, page: Any, files: Files, session: Session) -> str:
    """During serve: the page's reused HTML if it was not converted, and the content problems on top."""
    if session.reuses_pages:
        content = session.pages.converted_html(page, content, files)
    return with_problems(content, session)


def after_build(config: Any, session: Session) -> None:
    """After ``mkdocs build``, check the built pages and give them their Content-Security-Policy;
    during serve, log how many pages the rebuild converted and reused."""
    if session.reuses_pages:
        session.pages.finish_build()
    if session.command == "serve":
        _show_strict_problems(config, session)
        showing_problems = session.problems or session.internal_error or session.reported_strict
        session.live = None
        if not showing_problems and session.files is not None and session.env is not None:
            session.live = LiveSite(config, session.files, session.nav, session.env)
    if session.command != "build" or session.current is None:
        return
    findings = postbuild.secure_site(
        Path(config.site_dir), urlsplit(config.site_url or "/").path or "/", [Path(d) for d in config.theme.dirs]
    )
    if findings:
        root = Path(config.config_file_path).resolve().parent
        raise PluginError(render_report(pipeline.locate_findings(findings, session.current, root)).rstrip())


def show_first(session: Session, root: Path, urls: Iterable[str]) -> list[str]:
    """During serve, before a full rebuild: build again, alone, the pages at `urls` (those open in a
    browser) whose Markdown the content on disk changes; the full rebuild that follows has the last word.

    Renders them with `pipeline.quick_pages` and builds them into the served site with MkDocs' own
    steps for one page (`_populate_page`, `_build_page`), on the files, navigation and templates of the
    last complete build. Returns the pages it wrote (their paths under docs/); none when the last build
    showed problems or the content cannot be looked at quickly.
    """
    live, generated = session.live, session.current
    if live is None or generated is None:
        return []
    by_url = {file.url: file for file in live.files.documentation_pages()}
    open_files = {file.src_uri: file for url in urls if (file := by_url.get(url)) is not None}
    rendered = pipeline.quick_pages(root, generated, open_files)
    changed = [path for path, markdown in rendered.items() if markdown != generated.site.pages.get(path)]
    documentation = live.files.documentation_pages()
    for path in changed:
        file = open_files[path]
        file.content_string = rendered[path]
        assert file.page is not None
        _populate_page(file.page, live.config, live.files)
        _build_page(file.page, live.config, documentation, live.nav, live.env)
    return changed


def _stop_collecting(session: Session) -> None:
    if session.build_warnings is not None:
        logging.getLogger("mkdocs").removeHandler(session.build_warnings)
        session.build_warnings = None


def _show_strict_problems(config: Any, session: Session) -> None:
    """During serve, what would make ``build_site.py`` fail although the content is valid: MkDocs'
    warnings and the post-build check's findings. They go on top of every page and to the terminal."""
    lines = list(session.build_warnings.lines if session.build_warnings else ())
    _stop_collecting(session)
    site = Path(config.site_dir)
    if session.current is not None and not session.problems:
        findings = postbuild.scan_site(
            site, urlsplit(config.site_url or "/").path or "/", [Path(d) for d in config.theme.dirs], session.page_scans
        )
        root = Path(config.config_file_path).resolve().parent
        lines += [d.plain() for d in pipeline.locate_findings(findings, session.current, root)]
    report = "".join(line + "\n" for line in lines)
    if report and report != session.reported_strict:
        print(report, end="", file=sys.stderr, flush=True)  # noqa: T201 - the editor's terminal
    session.reported_strict = report
    if not lines:
        return
    banner = _banner(lines)
    for page in site.rglob("*.html"):
        html_text = page.read_text(encoding="utf-8")
        opening = _ARTICLE.search(html_text)
        if opening is not None:
            page.write_text(html_text[: opening.end()] + banner + html_text[opening.end() :], encoding="utf-8")


_ARTICLE = re.compile(r"<article\b[^>]*\bmd-typeset\b[^>]*>")


def _banner(lines: list[str]) -> str:
    many = len(lines) != 1
    return (
        f'<div class="{BANNER_CLASS}" role="alert"><p><strong>The site has {len(lines)} '
        f"problem{'s' if many else ''} that would stop the build; it is not published until "
        f"{'they are' if many else 'it is'} fixed.</strong> "
        "Fix the file and save: this page reloads by itself.</p><pre><code>"
        + html.escape("\n".join(lines))
        + "</code></pre></div>"
    )


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


# --- the live preview ----------------------------------------------------------------------------------


def serve(config_file: Path, dev_addr: str) -> None:
    """The live preview: rebuilds on every saved file; content mistakes show in the page.

    This is MkDocs' own `serve` (same server, same live reload) with three changes, so that a saved
    YAML file shows up in the browser sooner at any size of content:

    - the pages open in a browser are built first (`show_first`) and shown at once; the full
      rebuild follows, and browsers reload again when it is done (as Hugo's fast-render mode does);
    - every full rebuild goes into a new folder, and the server switches to it when it is complete,
      so the pages shown meanwhile are whole (MkDocs empties its one folder first);
    - no rebuild when no watched file changed since the last build began (a save the watcher saw
      twice, half-written and whole, would otherwise cost a second full rebuild that the next save
      waits for);
    - files are polled every 0.05 s instead of every 0.5 s, and the rebuild starts 0.02 s after the
      last change seen instead of 0.1 s.
    """
    import itertools
    import shutil
    import signal
    import tempfile
    import threading
    import time

    from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

    root = config_file.resolve().parent
    set_source_date_epoch(root)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    if threading.current_thread() is threading.main_thread():  # stopped like Ctrl-C: the folders go too
        signal.signal(signal.SIGTERM, _interrupt)
    preview_dir = Path(tempfile.mkdtemp(prefix="explainer-preview-"))
    builds = (str(preview_dir / f"build-{number}") for number in itertools.count())

    def load(site_dir: str) -> MkDocsConfig:
        # Not strict: in a preview a warning should show, not stop the server.
        return load_config(str(config_file), site_dir=site_dir, dev_addr=dev_addr, strict=False)

    class PreviewServer(LiveReloadServer):
        """MkDocs' server, bound before the first build: with port 0 the system picks a free port,
        and the address every page and the "Serving on" line give is the real one. It also knows
        which pages are open: each open page asks it for news (`/livereload/…`) all the time."""

        bound = False
        polled: dict[str, float]

        def server_bind(self) -> None:
            if not self.bound:
                super().server_bind()
                self.bound = True
                self.url = _serve_url(host, self.server_address[1], mount_path)
                self.polled = {}

        def serve_request(self, environ: Any, start_response: Any) -> Any:
            referer = environ.get("HTTP_REFERER")
            if referer and str(environ.get("PATH_INFO", "")).startswith("/livereload/"):
                path = urlsplit(referer).path
                if path.startswith(mount_path):
                    self.polled[path[len(mount_path) :]] = time.monotonic()
            return super().serve_request(environ, start_response)

        def open_pages(self) -> list[str]:
            """The pages (URLs under the site) that asked for news lately, the latest first."""
            recent = time.monotonic() - OPEN_PAGE_SECONDS
            polled = dict(self.polled)  # a copy: the threads that serve requests add to it
            latest = sorted(polled, key=polled.__getitem__, reverse=True)
            return [url for url in latest if polled[url] > recent][:MAX_PAGES_FIRST]

        def show_now(self) -> None:
            """Let the open pages reload now, in the middle of a rebuild (the served folder is whole)."""
            with self._epoch_cond:
                self._visible_epoch = self._wanted_epoch
                self._epoch_cond.notify_all()

        def show_next(self) -> None:
            """Make the end of the running rebuild a new version, so the open pages reload again."""
            with self._epoch_cond:
                self._wanted_epoch = max(_timestamp(), self._visible_epoch + 1)

    config = load(next(builds))
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    hooks: Any = config.hooks  # after validation, MkDocs' hooks are a mapping: name → module
    sessions = (getattr(hook, "session", None) for hook in hooks.values())
    session = next((found for found in sessions if isinstance(found, Session)), None)

    watched = (config.docs_dir, config.config_file_path, *config.watch)
    built_from: list[tuple[tuple[str, int, int], ...]] = [_stamps(watched)]

    def builder(config: MkDocsConfig | None = None) -> None:
        stamps = _stamps(watched)
        if config is None and stamps == built_from[0]:  # e.g. a save seen twice, half-written then whole
            log.info("preview: no file changed since the last build")
            return
        built_from[0] = stamps
        shown = []
        if config is None and session is not None:  # a rebuild, not the first build
            try:  # no collector: a full collection walks the whole last build's objects, seconds at 100×
                with pipeline.without_gc():
                    shown = show_first(session, root, server.open_pages())
            except Exception as error:  # only a head start: the full rebuild below reports what is wrong
                log.warning("preview: could not build the open pages first (%s: %s)", type(error).__name__, error)
            if shown:
                log.info("preview: showing %s first", ", ".join(shown))
                server.show_now()
            session.live = None  # the last build's pages, no longer needed: memory for the rebuild
        config = config or load(next(builds))
        config.site_url = server.url
        try:
            mkdocs_build(config, serve_url=server.url)
        except BaseException:
            shutil.rmtree(config.site_dir, ignore_errors=True)
            raise
        previous, server.root = server.root, config.site_dir
        if previous != server.root:
            threading.Thread(target=shutil.rmtree, args=(previous, True), daemon=True).start()
        if shown:
            server.show_next()

    server = PreviewServer(
        builder=builder,
        host=host,
        port=port,
        root=config.site_dir,
        mount_path=mount_path,
        polling_interval=PREVIEW_POLLING,
    )
    server.server_bind()

    def error_page(code: int) -> bytes | None:
        page = Path(server.root) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.build_delay = PREVIEW_DEBOUNCE
    server.error_handler = error_page
    try:
        builder(config)
        for path in watched:
            server.watch(path)
        serving = config.plugins.on_serve(server, config=config, builder=builder)
        try:
            serving.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            serving.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(preview_dir, ignore_errors=True)


def _stamps(paths: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """Each file at or under `paths`, with its modification time and size."""
    files = []
    for top in map(Path, paths):
        files += [top] if top.is_file() else sorted(path for path in top.rglob("*") if path.is_file())
    stamps = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:  # removed meanwhile
            continue
        stamps.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


OPEN_PAGE_SECONDS = 90
"""A page counts as open while it asked the server for news this recently (a page asks again at
once when an answer comes, and MkDocs answers an unanswered question after 60 s)."""
MAX_PAGES_FIRST = 4
"""At most this many of the open pages, the latest first, are built before the rest."""
PREVIEW_POLLING = 0.05
"""Seconds between looks at the watched files during the preview (MkDocs' default is 0.5)."""
PREVIEW_DEBOUNCE = 0.02
"""Seconds without a further change before a rebuild starts (MkDocs' default is 0.1); an editor's
save is one write, and one that lands later only means one more rebuild."""
