# Role: pipeline — the steps in order (read → validate → render → exports), shared by every shell.
"""One way through the data flow, used by `build_site.py`, the MkDocs hook and the tests.

`check` reads and validates (the hand-written pages' links too); `generate` also renders the
pages and exports. Results are cached by the files' modification times and sizes, so a
live-preview rebuild where no file changed does the work once. `locate_findings` turns what
`postbuild` found on a built page back into the YAML entry that made it.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import models, postbuild
from .diagnostics import Diagnostic, has_errors
from .exports import exports
from .read import Document, digest_of, lines_of, position_at, read_document
from .render import RenderedSite, Survey, render_pages, render_site
from .sitemap import page_url
from .validate import (
    DatedStatement,
    FileCoverage,
    file_of_kind,
    locate_entry,
    quick_content,
    validate,
    validate_pages,
    with_entry_edited,
)

DOCS_DIR = "docs"


@dataclass(frozen=True)
class Settings:
    """Project settings from ``[tool.explainer]`` in pyproject.toml."""

    review_max_age_days: int = 365
    as_of_max_age_months: int = 12

    @classmethod
    def load(cls, root: Path) -> Settings:
        pyproject = root / "pyproject.toml"
        if not pyproject.is_file():
            return cls()
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("explainer", {})
        return cls(
            review_max_age_days=int(table.get("review-max-age-days", cls.review_max_age_days)),
            as_of_max_age_months=int(table.get("as-of-max-age-months", cls.as_of_max_age_months)),
        )


@dataclass(frozen=True)
class Checked:
    """The outcome of reading and validating: content when there are no errors, diagnostics always."""

    content: models.Content | None
    diagnostics: tuple[Diagnostic, ...]
    lines: Mapping[str, tuple[str, ...]] = field(repr=False)
    """Each file's lines, to show context under a diagnostic."""
    dated: tuple[DatedStatement, ...] = field(default=(), repr=False)
    """Every statement with an as-of date (for the maintenance page and the report)."""
    coverage: tuple[FileCoverage, ...] = field(default=(), repr=False)
    """How each content file is sourced and dated."""
    documents: Mapping[str, Document] = field(default_factory=dict, repr=False)
    """What was read of each content file (for the live preview to tell what an edit changed)."""

    @property
    def ok(self) -> bool:
        return self.content is not None and not has_errors(self.diagnostics)


@dataclass(frozen=True)
class Generated:
    """Everything the site is built from: pages for docs/, files for the site root."""

    checked: Checked
    site: RenderedSite
    files: dict[str, bytes]


class RenderError(Exception):
    """Rendering failed on valid content: a bug in the generator, not a content mistake."""


def read_project(root: Path) -> dict[str, Document]:
    """Read every content file that exists; a missing one is reported by `validate`.

    A file whose bytes are what they were at the last read is not parsed again: in the live
    preview, saving one file re-reads only that file.
    """
    documents: dict[str, Document] = {}
    for path in models.CONTENT_FILES:
        file = root / path
        if file.is_file():
            documents[path] = _read_document(path, file.read_bytes())
    return documents


_read_document = lru_cache(maxsize=2 * len(models.CONTENT_FILES))(read_document)
"""`read_document` remembering the last two versions of each file (a `Document` is immutable)."""


def handwritten_pages(root: Path) -> dict[str, str]:
    """The site's own Markdown pages (path under docs/ → text)."""
    docs = root / DOCS_DIR  # utf-8-sig: a leading byte-order mark is read past, as MkDocs and editors do
    return {
        page.relative_to(docs).as_posix(): page.read_text(encoding="utf-8-sig") for page in sorted(docs.rglob("*.md"))
    }


def check(root: Path, settings: Settings | None = None, today: dt.date | None = None) -> Checked:
    """Read and validate all content."""
    settings = settings or Settings.load(root)
    return _check(root, settings, today or dt.date.today(), _fingerprint(root))


def generate(
    root: Path,
    site_name: str,
    site_description: str,
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> Generated | Checked:
    """Validate, then render every page and export; returns only the `Checked` if content has errors.

    Raises `RenderError` if rendering valid content fails.
    """
    settings = settings or Settings.load(root)
    return _generate(root, site_name, site_description, settings, today or dt.date.today(), _fingerprint(root))


def quick_pages(root: Path, last: Generated, paths: Iterable[str]) -> dict[str, str]:
    """The generated pages at `paths` as the content now on disk makes them, rendered alone and
    fast: the live preview shows them first, then rebuilds everything (which has the last word).

    Only the files changed since their last reading are read and validated again, and only on their
    own; the glossary's mentions and the maintenance page's survey are those of the `last` build.
    Gives nothing when that first look could be wrong or fail: a file with a mistake of its own, a
    glossary whose terms are named or summarised differently (every page's links to them would
    change), a page that cannot be rendered yet.
    """
    assert last.checked.content is not None
    with without_gc():
        content = _one_entry_edited(root, last.checked) or quick_content(read_project(root))
        if content is None or _linked_names(content.glossary) != _linked_names(last.checked.content.glossary):
            return {}
        survey = Survey(last.checked.dated, last.checked.coverage, build_date())
        try:
            return render_pages(content, paths, last.site.mentions, survey)
        except Exception:  # e.g. a link to an entry that no longer exists: the full rebuild reports it
            return {}


def _one_entry_edited(root: Path, checked: Checked) -> models.Content | None:
    """The `checked` content after an edit inside one entry of one file, found and validated without
    reading the rest of the file again (`validate.with_entry_edited`); None for any other change."""
    assert checked.content is not None
    edited: list[tuple[str, bytes]] = []
    for path, before in checked.documents.items():
        file = root / path
        data = file.read_bytes() if file.is_file() else b""
        if digest_of(data) != before.digest:
            edited.append((path, data))
    if len(edited) != 1:
        return None
    path, data = edited[0]
    lines = lines_of(data)
    if lines is None:
        return None
    name = models.CONTENT_FILES[path]
    model = with_entry_edited(getattr(checked.content, name), checked.documents[path], lines)
    return None if model is None else checked.content.model_copy(update={name: model})


def _linked_names(glossary: models.GlossaryFile) -> tuple[tuple[object, ...], ...]:
    """What the glossary linker is made of: each term's id, names and summary (the link's title)."""
    return tuple((term.id, term.term, tuple(term.aliases), term.abbreviation, term.summary) for term in glossary.terms)


def build_date() -> dt.date:
    """The date a build is of: the day of SOURCE_DATE_EPOCH (the last commit's time) if set, else today."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date() if stamp.isdigit() else dt.date.today()


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    paths = [root / path for path in models.CONTENT_FILES] + sorted((root / DOCS_DIR).rglob("*.md"))
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@contextmanager
def without_gc() -> Iterator[None]:
    """Reading, validating and rendering allocate many small objects and free few: the cyclic
    garbage collector would walk them again and again (a third of the time at 100×) for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=4)
def _check(root: Path, settings: Settings, today: dt.date, fingerprint: object) -> Checked:
    with without_gc():
        return _read_and_validate(root, settings, today)


def _read_and_validate(root: Path, settings: Settings, today: dt.date) -> Checked:
    documents = read_project(root)
    validation = validate(documents, today, settings.review_max_age_days, settings.as_of_max_age_months)
    lines = {path: document.lines for path, document in documents.items()}
    if validation.content is None:
        return Checked(None, validation.diagnostics, lines)
    pages = handwritten_pages(root)
    problems = validate_pages(validation.content, pages, DOCS_DIR)
    lines |= {f"{DOCS_DIR}/{path}": tuple(text.splitlines()) for path, text in pages.items()}
    diagnostics = validation.diagnostics + tuple(problems)
    content = None if has_errors(diagnostics) else validation.content
    return Checked(content, diagnostics, lines, validation.dated, validation.coverage, documents)


@lru_cache(maxsize=4)
def _generate(
    root: Path, site_name: str, site_description: str, settings: Settings, today: dt.date, fingerprint: object
) -> Generated | Checked:
    checked = _check(root, settings, today, fingerprint)
    if checked.content is None or not checked.ok:
        return checked
    with without_gc():
        return _render(root, site_name, site_description, checked)


def _render(root: Path, site_name: str, site_description: str, checked: Checked) -> Generated:
    assert checked.content is not None
    try:
        survey = Survey(checked.dated, checked.coverage, build_date())
        site = render_site(checked.content, handwritten_pages(root), survey)
        files = exports(checked.content, site.sitemap, site_name, site_description)
    except Exception as error:  # a bug, not a content mistake: report it as such
        raise RenderError(f"{type(error).__name__}: {error}") from error
    return Generated(checked, site, files)


def locate_findings(findings: list[postbuild.Finding], generated: Generated, root: Path) -> list[Diagnostic]:
    """The post-build check's findings as diagnostics at the YAML entry (or page) that produced each."""
    if not findings:
        return []
    site = generated.site
    pages = {page_url(page) + "index.html": page for page in [*site.pages, *site.handwritten]}
    documents = read_project(root)
    located: list[Diagnostic] = []
    for finding in findings:
        page = pages.get(finding.page)
        built = f"the built page {finding.page} has {finding.message}"
        entry = site.sitemap.entry_at(page, finding.anchor) if page else None
        where = locate_entry(documents, *entry) if entry else None
        if where is not None:
            message = (
                f"{built} (in {where.message}): text in the content should always show literally; "
                "please report this as a bug, and rewrite the entry without markup until it is fixed"
            )
            located.append(Diagnostic(where.path, where.line, where.col, message))
        elif page in site.handwritten:
            line, col = _tag_position(root / DOCS_DIR / page, finding.tag)
            located.append(Diagnostic(f"{DOCS_DIR}/{page}", line, col, f"{built}: remove it from the page"))
        else:
            kind = site.sitemap.kind_of_page(page) if page else None
            source = (file_of_kind(kind) if kind else None) or finding.page
            located.append(
                Diagnostic(
                    source, 1, 1, f"{built}: if the theme makes it on purpose, allow it in explainer/postbuild.py"
                )
            )
    return located


def _tag_position(page: Path, tag: str) -> tuple[int, int]:
    """Where a hand-written page's source first writes the element ``<tag`` (1, 1 if it does not)."""
    try:
        text = page.read_text(encoding="utf-8-sig")
    except OSError:
        return 1, 1
    found = re.search(rf"<{re.escape(tag)}\b", text, re.IGNORECASE) if tag else None
    if found is None:
        return 1, 1
    position = position_at(text, found.start())
    return position.line, position.col
