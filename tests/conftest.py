"""Shared fixtures: the project's paths, copies of the project to break, a built site, a browser."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
TODAY = dt.date(2026, 11, 23)
"""Tests run as of this date, so `reviewed` warnings do not change with the calendar."""
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "glossary.yaml", "comparison.yaml", "content", "docs")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # fixed, so builds in tests are comparable


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


GOLDEN = ROOT / "tests" / "golden"


def check_goldens(actual: dict[str, str], folder: Path, update: bool) -> None:
    """Compare `actual` (relative path → text) with the golden files in `folder`.

    With ``--update-goldens`` the files that differ are rewritten and the test fails anyway, so
    that every refresh is looked at (``git diff tests/golden``) before it is committed.
    """
    expected = {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    if update:
        changed = sorted(path for path in actual.keys() | expected.keys() if actual.get(path) != expected.get(path))
        for path in changed:
            target = folder / path
            if path in actual:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(actual[path], encoding="utf-8")
            else:
                target.unlink()
        if changed:
            pytest.fail(
                f"rewrote {len(changed)} golden file(s) in {folder.relative_to(ROOT)}: {', '.join(changed)}; "
                "review the diff (git diff tests/golden) and commit it"
            )
        return
    assert sorted(actual) == sorted(expected), "pages were added or removed: run with --update-goldens, review, commit"
    for path, text in actual.items():
        assert text == expected[path], f"{path} differs from {folder.relative_to(ROOT)}/{path} (--update-goldens)"


def copy_project(target: Path, content_from: Path | None = None) -> Path:
    """A working copy of the project in `target` (the generator package itself is linked, not copied).

    With `content_from`, the YAML content comes from that folder (e.g. the minimal fixture).
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    if content_from is not None:
        shutil.rmtree(target / "content")
        shutil.copytree(content_from / "content", target / "content")
        for name in ("glossary.yaml", "comparison.yaml"):
            shutil.copy2(content_from / name, target / name)
        for page in (target / "docs").rglob("*.md"):  # the hand-written pages link to the content
            page.unlink()
        shutil.copytree(content_from / "docs", target / "docs", dirs_exist_ok=True)
    (target / "explainer").symlink_to(ROOT / "explainer")
    return target


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under `directory` (relative path) with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project, safe to break."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """The project with the small fixture content instead of the real content."""
    return copy_project(tmp_path / "project", FIXTURE)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once with `build_site.py` into a temporary folder."""
    import build_site

    site = tmp_path_factory.mktemp("built") / "site"
    assert build_site.main(["--site-dir", str(site)]) == 0
    return site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once with `build_site.py --engine zensical`."""
    import build_site

    site = tmp_path_factory.mktemp("zensical") / "site"
    assert build_site.main(["--engine", "zensical", "--site-dir", str(site)]) == 0
    return site


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the small fixture content, built once with `build_site.py`."""
    import build_site

    project = copy_project(tmp_path_factory.mktemp("minimal") / "project", FIXTURE)
    site = project / "site"
    assert build_site.main(["--config", str(project / "mkdocs.yml"), "--site-dir", str(site)]) == 0
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def zensical_site_url(zensical_site: Path) -> Iterator[str]:
    server, url = serve_directory(zensical_site)
    yield url
    server.shutdown()
    server.server_close()


def require_chromium() -> Path:
    """Debian's Chromium; under CI its absence fails the test instead of skipping it."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM}: run scripts/ensure-tools.sh (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
