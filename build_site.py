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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from explainer import pipeline  # noqa: E402
from explainer.diagnostics import OutputFormat, has_errors, render_report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config_file = Path(args.config)
    if not config_file.is_file():
        print(f"build_site.py: error: no MkDocs configuration at {config_file}", file=sys.stderr)
        return 2
    root = config_file.resolve().parent
    settings = pipeline.Settings.load(root)
    if args.review_max_age is not None:
        settings = pipeline.Settings(review_max_age_days=args.review_max_age)

    if args.command == "serve":
        from explainer.build import serve

        serve(config_file, args.dev_addr)
        return 0

    checked = pipeline.check(root, settings)
    output_format: OutputFormat = args.format
    report = render_report(checked.diagnostics, output_format, sources=checked.lines)
    print(report, end="", file=sys.stderr)
    if has_errors(checked.diagnostics) or checked.content is None:
        return 1
    if args.command == "check":
        return 0
    if args.command == "render":
        return _render(root, config_file, settings, Path(args.out))
    return _build(config_file, Path(args.site_dir), args.verbose, output_format)


def _render(root: Path, config_file: Path, settings: pipeline.Settings, out: Path) -> int:
    from mkdocs.config import load_config

    from explainer.emit import write_pages

    config = load_config(str(config_file))
    generated = pipeline.generate(root, config.site_name, config.site_description or "", settings)
    if not isinstance(generated, pipeline.Generated):
        print(render_report(generated.diagnostics, sources=generated.lines), end="", file=sys.stderr)
        return 1
    write_pages(generated, out)
    print(f"wrote {len(generated.site.pages)} pages and {len(generated.files)} data files to {out}", file=sys.stderr)
    return 0


def _build(config_file: Path, site_dir: Path, verbose: bool, output_format: OutputFormat) -> int:
    from explainer.build import build_site

    try:
        result = build_site(config_file, site_dir, verbose)
    except KeyboardInterrupt:
        print("build_site.py: interrupted; the previous site was left as it was", file=sys.stderr)
        return 130
    for line in result.messages:
        if output_format == "github" and (": warning: " in line or ": error: " in line):
            kind = "warning" if ": warning: " in line else "error"
            print(f"::{kind}::{line}", file=sys.stderr)
        else:
            print(line, file=sys.stderr)
    if not result.ok:
        print("build_site.py: the build failed; the previous site was left as it was", file=sys.stderr)
        return 1
    print(f"built the site into {site_dir}", file=sys.stderr)
    return 0


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
    parser.add_argument("--review-max-age", type=int, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(command="build")
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

    build = commands.add_parser("build", help="validate, generate and build the site (the default)")
    build.add_argument("--site-dir", default=argparse.SUPPRESS, help="where to build the site (default: site/)")
    build.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help="show MkDocs' progress messages"
    )
    with_format(build)
    check = commands.add_parser("check", help="validate the content only; no MkDocs build")
    with_format(check)
    serve = commands.add_parser("serve", help="live preview; saving a YAML file updates the open page")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="default 127.0.0.1:8000")
    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument("--out", required=True, metavar="DIR", help="folder to write (replaced if it exists)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
