#!/usr/bin/env python3
# Role: command line — the thin shell over the pipeline: build, check, serve, render.
"""Build the LLMs-vs-generative-AI explainer site from its YAML content.

  python build_site.py                  validate, generate, build the site into site/
  python build_site.py check            validate only (fast; for pre-commit)
  python build_site.py serve            live preview on http://127.0.0.1:8000
  python build_site.py render --out DIR write the generated Markdown pages to DIR

Exit status: 0 success, 1 content or build errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import explainer  # noqa: E402
from explainer import pipeline  # noqa: E402
from explainer.diagnostics import OutputFormat, has_errors, render_report  # noqa: E402
from explainer.engines import ENGINES  # noqa: E402

if TYPE_CHECKING:
    from explainer.build import Produced


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.command = args.command or "build"
    config_file = Path(args.config)
    if not config_file.is_file():
        print(f"build_site.py: error: no MkDocs configuration at {config_file}", file=sys.stderr)
        return 2
    root = config_file.resolve().parent
    settings = pipeline.Settings.load(root)
    if args.review_max_age is not None:
        settings = dataclasses.replace(settings, review_max_age_days=args.review_max_age)
    if args.as_of_max_age is not None:
        settings = dataclasses.replace(settings, as_of_max_age_months=args.as_of_max_age)
    output_folder = {
        "build": ("--site-dir", getattr(args, "site_dir", None)),
        "render": ("--out", getattr(args, "out", None)),
    }
    option, folder = output_folder.get(args.command, ("", None))
    if folder is not None:
        problem = _unsafe_output(Path(folder), config_file)
        if problem:
            print(f"build_site.py: error: {option} {folder}: {problem}", file=sys.stderr)
            return 2

    if args.command == "serve":
        from explainer.engines.mkdocs import serve

        serve(config_file, args.dev_addr)
        return 0

    from explainer.emit import set_source_date_epoch

    set_source_date_epoch(root)  # builds are dated by the last commit, so they can be repeated
    output_format: OutputFormat = args.format
    if args.command == "build":
        return _build(config_file, settings, Path(args.site_dir), args.verbose, output_format, args.engine)
    if args.command == "render":
        produced = _checked_and_generated(config_file, settings, output_format)
        print(produced.report, end="", file=sys.stderr)
        return 1 if produced.generated is None else _render(config_file, produced.generated, Path(args.out))
    checked = pipeline.check(root, settings)
    print(render_report(checked.diagnostics, output_format, sources=checked.lines), end="", file=sys.stderr)
    if has_errors(checked.diagnostics) or checked.content is None:
        return 1
    if args.report:
        print(_coverage_report(checked), end="")
    return 0


def _checked_and_generated(config_file: Path, settings: pipeline.Settings, output_format: OutputFormat) -> Produced:
    """The content checked and rendered, with the check's report (for `render`, and in the build's worker)."""
    from explainer.build import Produced
    from explainer.emit import project_configuration

    root = config_file.resolve().parent
    checked = pipeline.check(root, settings)
    report = render_report(checked.diagnostics, output_format, sources=checked.lines)
    if has_errors(checked.diagnostics) or checked.content is None:
        return Produced(report, None)
    config = project_configuration(config_file)
    try:
        generated = pipeline.generate(
            root, str(config.get("site_name", "")), str(config.get("site_description") or ""), settings
        )
    except pipeline.RenderError as error:
        bug = f"build_site.py: internal error while rendering pages (a bug, please report it): {error}"
        return Produced(report + bug + "\n", None)
    assert isinstance(generated, pipeline.Generated), "the content was checked just before"
    return Produced(report, generated)


def _unsafe_output(folder: Path, config_file: Path) -> str | None:
    """Why the command line must not replace `folder`, or None."""
    from explainer import output
    from explainer.emit import project_configuration

    root = config_file.resolve().parent
    config = project_configuration(config_file)
    theme = config.get("theme")
    protected = {
        "docs/": root / str(config.get("docs_dir", "docs")),
        "content/": root / "content",
        "explainer/": Path(explainer.__file__).resolve().parent,
    }
    if isinstance(theme, dict) and theme.get("custom_dir"):
        protected[f"theme's {theme['custom_dir']}/"] = root / str(theme["custom_dir"])
    try:
        output.check_output(folder, root, protected)
    except output.UnsafeOutputError as problem:
        return str(problem)
    return None


def _coverage_report(checked: pipeline.Checked) -> str:
    """The coverage report as a table for the terminal (the maintenance page shows the same figures)."""
    from explainer.render import Survey, coverage_rows

    rows = coverage_rows(Survey(checked.dated, checked.coverage, pipeline.build_date()))
    header = ("file", "entries", "citations", "with locator", "dated", "oldest as-of", "oldest review")
    cells = [header] + [
        (r.path, str(r.entries), str(r.citations), str(r.located), str(r.dated), r.oldest_as_of, r.oldest_review)
        for r in rows
    ]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    return "".join(
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        + "\n"
        for row in cells
    )


def _render(config_file: Path, generated: pipeline.Generated, out: Path) -> int:
    from explainer import emit, output

    with output.replacing(out, on_wait=lambda: _waiting_for(out)) as staging:
        emit.write_tree(generated, config_file, staging, final=out)
    pages = len(generated.site.pages) + len(generated.site.handwritten)
    print(
        f"wrote {pages} pages, {len(generated.files)} data files and {emit.TREE_CONFIG} to {out}; "
        f"build them with: mkdocs build -f {out / emit.TREE_CONFIG}",
        file=sys.stderr,
    )
    return 0


def _build(
    config_file: Path,
    settings: pipeline.Settings,
    site_dir: Path,
    verbose: bool,
    output_format: OutputFormat,
    engine: str,
) -> int:
    from explainer.build import build_site

    def produce() -> Produced:
        return _checked_and_generated(config_file, settings, output_format)

    try:
        result = build_site(config_file, produce, site_dir, verbose, engine, on_wait=lambda: _waiting_for(site_dir))
    except KeyboardInterrupt:
        print("build_site.py: interrupted; the previous site was left as it was", file=sys.stderr)
        return 130
    print(result.report, end="", file=sys.stderr)
    if not result.accepted:
        return 1
    for line in result.messages:
        if output_format == "github" and (": warning: " in line or ": error: " in line):
            kind = "warning" if ": warning: " in line else "error"
            print(f"::{kind}::{line}", file=sys.stderr)
        else:
            print(line, file=sys.stderr)
    if not result.ok:
        print("build_site.py: the build failed; the previous site was left as it was", file=sys.stderr)
        return 1
    print(f"built the site into {site_dir}" + (f" with {engine}" if engine != "mkdocs" else ""), file=sys.stderr)
    return 0


def _waiting_for(folder: Path) -> None:
    print(f"build_site.py: another build is writing {folder}; waiting for it to finish", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build_site.py",
        description="Validate the YAML content and build the explainer site with MkDocs.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit status: 0 success, 1 content or build errors, 2 usage errors.",
    )
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    # The default command is build; its options also work before the command name.
    parser.add_argument("--site-dir", default=str(ROOT / "site"), help=argparse.SUPPRESS)
    parser.add_argument("--format", choices=["plain", "github"], default="plain", help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help=argparse.SUPPRESS)
    parser.add_argument("--review-max-age", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--as-of-max-age", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--report", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_format(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--format",
            choices=["plain", "github"],
            default=argparse.SUPPRESS,
            help="'github' prints GitHub Actions annotations (::error file=…,line=…,col=…::)",
        )
        sub.add_argument(
            "--review-max-age",
            type=int,
            metavar="DAYS",
            default=argparse.SUPPRESS,
            help="warn about entries reviewed longer ago than this (default from pyproject.toml)",
        )
        sub.add_argument(
            "--as-of-max-age",
            type=int,
            metavar="MONTHS",
            default=argparse.SUPPRESS,
            help="warn about statements dated 'as of' longer ago than this (default from pyproject.toml)",
        )

    build = commands.add_parser("build", help="validate, generate and build the site (the default)")
    build.add_argument("--site-dir", default=argparse.SUPPRESS, help="where to build the site (default: site/)")
    build.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help="show the engine's progress messages"
    )
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=argparse.SUPPRESS,
        help="mkdocs (MkDocs + Material, the default) or zensical (needs the 'zensical' extra)",
    )
    with_format(build)
    check = commands.add_parser("check", help="validate the content only; no MkDocs build")
    with_format(check)
    check.add_argument(
        "--report",
        action="store_true",
        default=argparse.SUPPRESS,
        help="also print, per file, entries, citations, citations with a locator, dated statements and oldest review",
    )
    serve = commands.add_parser("serve", help="live preview; saving a YAML file updates the open page")
    serve.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="default 127.0.0.1:8000; port 0 takes a free port (the address is printed)",
    )
    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write (a new or empty one, or one this tool made)"
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
