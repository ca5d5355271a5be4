# Role: build — the command line's atomic build: write the sources, run the engine, check the HTML, swap.
"""What ``python build_site.py`` does once it has a place to build into.

The content is read, checked and rendered (`Produce`), the generated sources (`emit.write_tree`)
go to a temporary folder, the engine builds them into a staging folder beside the site,
`postbuild` checks every page and adds its security policy, and Pagefind indexes the pages for
search; only then does the staging folder take the site's place (`output.replacing`). Any
failure, an interrupt included, leaves the previous site exactly as it was.

Everything up to the search index runs in a worker process (a fork) that ends before Pagefind
starts: the content, the rendered pages and MkDocs' own copy of them (11 GB at 1000× the real
content) go back to the system instead of sitting beside Pagefind, which needs as much again.
"""

from __future__ import annotations

import multiprocessing
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import emit, output, pipeline, postbuild
from .diagnostics import render_report
from .engines import builder


@dataclass(frozen=True)
class Produced:
    """The checked and rendered content, or why there is none."""

    report: str
    """The content check's report, printed before anything else (empty when there is nothing to say)."""
    generated: pipeline.Generated | None
    """None when the content was rejected: the report says why, and no build is attempted."""


Produce = Callable[[], Produced]
"""Reads, checks and renders the content; called in the worker process."""


@dataclass(frozen=True)
class SiteBuild:
    """How a build went: the check's report, whether the content was accepted, what the build said."""

    report: str
    accepted: bool
    ok: bool
    messages: tuple[str, ...]


class _BuildFailedError(Exception):
    def __init__(self, messages: tuple[str, ...]) -> None:
        super().__init__("the build failed")
        self.messages = messages


def build_site(
    config_file: Path,
    produce: Produce,
    site_dir: Path,
    verbose: bool = False,
    engine: str = "mkdocs",
    checkpoint: output.Checkpoint | None = None,
    on_wait: Callable[[], None] | None = None,
) -> SiteBuild:
    """Build the site with `engine` into `site_dir`, which is replaced only if every step succeeded."""
    root = config_file.resolve().parent
    emit.set_source_date_epoch(root)
    try:
        with (
            output.replacing(site_dir, checkpoint, on_wait) as staging,
            output.scratch_folder(site_dir) as sources,
        ):
            pages = _in_worker(lambda: _build_pages(config_file, produce, sources, staging, verbose, engine))
            if not pages.accepted or not pages.ok:
                raise _BuildFailedError(pages.messages)
            problems = postbuild.index_search(staging)
            if problems:
                raise _BuildFailedError((*pages.messages, *problems))
    except _BuildFailedError as failure:
        return SiteBuild(pages.report, pages.accepted, False, failure.messages)
    return SiteBuild(pages.report, True, True, pages.messages)


def _build_pages(
    config_file: Path, produce: Produce, sources: Path, staging: Path, verbose: bool, engine: str
) -> SiteBuild:
    """Everything but the search index: the pages built into `staging`, and checked."""
    produced = produce()
    generated = produced.generated
    if generated is None:
        return SiteBuild(produced.report, False, False, ())
    root = config_file.resolve().parent
    tree_config = emit.write_tree(generated, config_file, sources)
    result = builder(engine)(tree_config, staging, verbose, root / pipeline.DOCS_DIR)
    if not result.ok:
        return SiteBuild(produced.report, True, False, result.messages)
    findings = postbuild.secure_site(staging, result.base_path, result.template_dirs)
    if findings:
        located = pipeline.locate_findings(findings, generated, root)
        return SiteBuild(produced.report, True, False, (*result.messages, *render_report(located).splitlines()))
    return SiteBuild(produced.report, True, True, result.messages)


def _in_worker(work: Callable[[], SiteBuild]) -> SiteBuild:
    """`work()` in a forked process, whose memory is the system's again once it has answered.

    A bug in `work` is reported, not raised; a worker killed by the system (out of memory) says so;
    an interrupt stops the worker before the caller's clean-up removes the folders it writes to.
    """
    context = multiprocessing.get_context("fork")
    answers, answer = context.Pipe(duplex=False)

    def run() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the worker
        try:
            answer.send(work())
        except BaseException as error:  # reported to the parent, which prints it
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
            bug = f"{type(error).__name__}: {error} ({where})"
            answer.send(
                SiteBuild(
                    "", True, False, (f"build_site.py: internal error while building (a bug, please report it): {bug}",)
                )
            )
        finally:
            answer.close()

    worker = context.Process(target=run, name="site-build")
    worker.start()
    answer.close()
    try:
        try:
            return answers.recv()  # type: ignore[no-any-return]
        except EOFError:  # it ended without answering: killed
            worker.join()
            return SiteBuild("", True, False, (_killed(worker.exitcode),))
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        answers.close()


def _killed(exit_code: int | None) -> str:
    if exit_code is not None and exit_code < 0:
        name = signal.Signals(-exit_code).name
        why = ", most likely for lack of memory" if exit_code == -signal.SIGKILL else ""
        return f"build_site.py: error: the build's worker process was killed by {name}{why}"
    return f"build_site.py: error: the build's worker process ended without a result (exit {exit_code})"
