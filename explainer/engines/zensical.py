# Role: engine adapter — Zensical: build the written folder with Material's successor, which runs no hooks.
"""Zensical reads mkdocs.yml and runs Python-Markdown with the same extensions, so it builds the
folder `explainer.emit.write_tree` writes as it is. It takes the output folder from the
configuration only, and only inside the project's folder: the build goes to ``site/`` in the written
folder, and its files are then moved (renamed: the written folder lies beside the target) into
the folder asked for. Zensical is an optional extra: ``pip install -e ".[zensical]"``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import BuildResult

ZENSICAL_CONFIG = "zensical-build.yml"


def build(config_file: Path, site_dir: Path, verbose: bool = False, source_docs: Path | None = None) -> BuildResult:
    """``zensical build --strict`` of a written folder (its `config_file`) into `site_dir`."""
    spec = importlib.util.find_spec("zensical")
    if spec is None or spec.origin is None:
        return BuildResult(False, ('zensical: error: Zensical is not installed: pip install -e ".[zensical]"',))
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    built = config_file.parent / "site"
    config["site_dir"] = "site"
    if isinstance(config.get("theme"), dict):  # Material's look, which the site's templates and styles are made for
        config["theme"] = {**config["theme"], "variant": "classic"}
    copy = config_file.with_name(ZENSICAL_CONFIG)
    copy.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(copy)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    said = [line.strip() for line in (process.stdout + process.stderr).splitlines() if line.strip()]
    if verbose:
        print("\n".join(f"zensical: {line}" for line in said), file=sys.stderr)  # noqa: T201 - asked for
    problems = [f"zensical: {line}" for line in said if _is_problem(line)]
    if process.returncode != 0:
        return BuildResult(False, tuple(problems or [f"zensical: {line}" for line in said[-20:]]))
    for item in sorted(built.iterdir()):
        item.rename(site_dir / item.name)
    theme = config.get("theme") or {}
    own = [Path(theme["custom_dir"])] if isinstance(theme, dict) and theme.get("custom_dir") else []
    templates = (*own, Path(spec.origin).parent / "templates")
    return BuildResult(True, tuple(problems), templates, urlsplit(str(config.get("site_url") or "/")).path or "/")


def _is_problem(line: str) -> bool:
    lowered = line.lower()
    return any(word in lowered for word in ("warning", "error", "traceback"))
