# Role: build — the command line's atomic build: write the sources, run the engine, check the HTML, swap.
"""What ``python build_site.py`` does once the content is valid.

The generated sources (`emit.write_tree`) go to a temporary folder, the engine builds them into
a staging folder beside the site, `postbuild` checks every page and adds its security policy,
and only then does the staging folder take the site's place (`output.replacing`). Any failure,
an interrupt included, leaves the previous site exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import emit, output, pipeline, postbuild
from .diagnostics import render_report
from .engines import BuildResult, builder


class _BuildFailedError(Exception):
    def __init__(self, messages: tuple[str, ...]) -> None:
        super().__init__("the build failed")
        self.messages = messages


def build_site(
    config_file: Path,
    generated: pipeline.Generated,
    site_dir: Path,
    verbose: bool = False,
    engine: str = "mkdocs",
    checkpoint: output.Checkpoint | None = None,
    on_wait: Callable[[], None] | None = None,
) -> BuildResult:
    """Build the site with `engine` into `site_dir`, which is replaced only if every step succeeded."""
    root = config_file.resolve().parent
    emit.set_source_date_epoch(root)
    try:
        with (
            output.replacing(site_dir, checkpoint, on_wait) as staging,
            output.scratch_folder(site_dir) as sources,
        ):
            tree_config = emit.write_tree(generated, config_file, sources)
            result = builder(engine)(tree_config, staging, verbose, root / pipeline.DOCS_DIR)
            if not result.ok:
                raise _BuildFailedError(result.messages)
            findings = postbuild.secure_site(staging, result.base_path, result.template_dirs)
            if findings:
                located = pipeline.locate_findings(findings, generated, root)
                raise _BuildFailedError((*result.messages, *render_report(located).splitlines()))
            problems = postbuild.index_search(staging, generated.search_records)
            if problems:
                raise _BuildFailedError((*result.messages, *problems))
    except _BuildFailedError as failure:
        return BuildResult(False, failure.messages)
    return BuildResult(True, result.messages)
