"""One small adapter per site engine.

The generator (everything outside this package) writes ordinary Markdown and a configuration
(`explainer.emit`); an adapter only runs an engine on that folder. `mkdocs` builds with MkDocs and
Material (the default) and is also the MkDocs hook behind ``mkdocs serve`` and the live preview;
`zensical` builds with Zensical, Material's successor, which runs no hooks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildResult:
    """What an engine's build gave: whether it succeeded, and what it said."""

    ok: bool
    messages: tuple[str, ...]
    """The engine's warnings and errors, one per line, for the terminal."""
    template_dirs: tuple[Path, ...] = ()
    """Where the theme's templates are (the post-build check knows the theme's own scripts from them)."""
    base_path: str = "/"
    """The URL path of the site's root, from site_url."""


Build = Callable[[Path, Path, bool, Path | None], BuildResult]
"""(the written configuration, the folder to build into, verbose, the project's own docs folder) → the result."""
ENGINES = ("mkdocs", "zensical")


def builder(engine: str) -> Build:
    """The build function of an engine named in ``--engine``."""
    if engine == "zensical":
        from . import zensical

        return zensical.build
    from . import mkdocs

    return mkdocs.build
