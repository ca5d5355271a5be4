"""Builds cannot lose the site: every kind of failure leaves the previous site/ byte for byte."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, snapshot

pytestmark = pytest.mark.slow


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "--config",
            str(project / "mkdocs.yml"),
            "build",
            "--site-dir",
            str(site),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("base") / "project")
    site = project / "site"
    assert build(project, site).returncode == 0
    return site


@pytest.fixture
def project_with_site(project: Path, previous_site: Path) -> tuple[Path, Path, dict[str, str]]:
    site = project / "site"
    shutil.copytree(previous_site, site)
    return project, site, snapshot(site)


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def leftovers(site: Path) -> list[str]:
    return sorted(
        p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-") and p.name != f".{site.name}-lock"
    )


def test_a_yaml_error_leaves_the_previous_site(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    (project / "glossary.yaml").write_text("terms:\n  - id: x\n    id: y\n")
    result = build(project, site)
    assert result.returncode == 1
    assert result.stderr.startswith("glossary.yaml:3:5: error: duplicate key 'id' (first at line 2, column 5)")
    assert snapshot(site) == before and leftovers(site) == []


def test_a_rendering_exception_leaves_the_previous_site(
    project_with_site: tuple[Path, Path, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, site, before = project_with_site
    import build_site
    from explainer import pipeline

    def broken_renderer(*args: object) -> object:
        raise ZeroDivisionError("a bug in a template")

    monkeypatch.setattr(pipeline, "render_site", broken_renderer)
    code = build_site.main(["--config", str(project / "mkdocs.yml"), "build", "--site-dir", str(site)])
    assert code == 1
    assert (
        "internal error while rendering pages (a bug, please report it): ZeroDivisionError: a bug in a template"
        in capsys.readouterr().err
    )
    assert snapshot(site) == before and leftovers(site) == []


def test_a_strict_mode_warning_leaves_the_previous_site(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [the missing answer](faq.md#no-such-answer).\n")
    result = build(project, site)
    assert result.returncode == 1
    assert (
        "contains a link 'faq.md#no-such-answer', but the doc 'faq.md' does not contain an anchor '#no-such-answer'"
        in result.stderr
    )
    assert "build_site.py: the build failed; the previous site was left as it was" in result.stderr
    assert snapshot(site) == before and leftovers(site) == []


def test_a_link_to_a_missing_page_fails_the_build(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    guide = project / "docs" / "editing" / "index.md"
    guide.write_text(guide.read_text() + "\nSee [the old page](../no-such-page.md).\n")
    result = build(project, site)
    assert result.returncode == 1
    assert "contains a link '../no-such-page.md', but the target 'no-such-page.md' is not found" in result.stderr
    assert snapshot(site) == before


def test_an_interrupted_build_leaves_the_previous_site(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "--config",
            str(project / "mkdocs.yml"),
            "build",
            "--site-dir",
            str(site),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as at a terminal: a job started in the background by a shell inherits SIGINT ignored.
        preexec_fn=_default_interrupt,  # noqa: PLW1509 - the tests start no threads that could hold a lock here
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until MkDocs is writing into the staging folder
        staging = [p for p in site.parent.glob(f".{site.name}-new-*") if any(p.rglob("*.html"))]
        if staging:
            break
        time.sleep(0.02)
    else:
        pytest.fail("the build never started writing")
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted; the previous site was left as it was" in stderr
    assert snapshot(site) == before and leftovers(site) == []


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    first, second = tmp_path / "first", tmp_path / "second"
    assert build(ROOT, first, env).returncode == 0
    assert build(ROOT, second, env).returncode == 0
    assert snapshot(first) == snapshot(second)
    commit_time = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=False, capture_output=True, text=True
    ).stdout.strip()
    if commit_time:  # the sitemap's dates are the last commit's, not today's
        day = dt.datetime.fromtimestamp(int(commit_time), dt.UTC).date().isoformat()
        assert f"<lastmod>{day}</lastmod>" in (first / "sitemap.xml").read_text()


def test_a_link_to_an_unknown_entry_in_a_hand_written_page_is_located(
    project_with_site: tuple[Path, Path, dict[str, str]],
) -> None:
    project, site, before = project_with_site
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [the answer](faq:no-such-question).\n")
    result = build(project, site)
    assert result.returncode == 1
    line = len(index.read_text().splitlines())
    assert f"docs/index.md:{line}:18: error: link to unknown FAQ 'no-such-question'" in result.stderr
    assert snapshot(site) == before
