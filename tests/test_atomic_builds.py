"""Builds cannot lose the site: every kind of failure leaves the previous site/ byte for byte."""

from __future__ import annotations

import datetime as dt
import fcntl
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
    last = len(index.read_text().splitlines())
    index.write_text(index.read_text() + "\nSee [the missing answer](faq.md#no-such-answer).\n")
    result = build(project, site)
    assert result.returncode == 1
    assert (
        f"docs/index.md:{last + 2}:26: error: the link 'faq.md#no-such-answer' is broken: the doc 'faq.md' does not "
        "contain an anchor '#no-such-answer'; fix the link or the heading it points to"
    ) in result.stderr.splitlines()
    assert "build_site.py: the build failed; the previous site was left as it was" in result.stderr
    assert snapshot(site) == before and leftovers(site) == []


def test_a_link_to_a_missing_page_fails_the_build(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    guide = project / "docs" / "editing" / "index.md"
    last = len(guide.read_text().splitlines())
    guide.write_text(guide.read_text() + "\nSee [the old page](../no-such-page.md).\n")
    result = build(project, site)
    assert result.returncode == 1
    assert (
        f"docs/editing/index.md:{last + 2}:20: error: link to a page that does not exist: '../no-such-page.md': "
        "link to a page of the site"
    ) in result.stderr.splitlines()
    assert snapshot(site) == before


PAUSE_EXTENSION = """
# A Markdown extension for the tests: on the first page MkDocs converts, it says so in a file and
# waits for the test to interrupt the build, so the interrupt lands mid-build every time.
import os, time
from markdown import Extension
from markdown.preprocessors import Preprocessor

class Pause(Preprocessor):
    def run(self, lines):
        signal_file = os.environ["PAUSE_SIGNAL"]
        if not os.path.exists(signal_file):
            open(signal_file, "w").close()
            while True:
                time.sleep(1)
        return lines

class PauseExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Pause(md), "pause", 100)

def makeExtension(**settings):
    return PauseExtension()
"""


def test_an_interrupted_build_leaves_the_previous_site(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    """Ctrl-C while MkDocs is converting pages into the staging folder: the old site stays, nothing is left."""
    project, site, before = project_with_site
    (project / "pause_build.py").write_text(PAUSE_EXTENSION)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("markdown_extensions:\n", "markdown_extensions:\n  - pause_build\n"))
    signal_file = project / "paused"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build_site.py"), "--config", str(config), "build", "--site-dir", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project), "PAUSE_SIGNAL": str(signal_file)},
        # Ctrl-C as at a terminal: a job started in the background by a shell inherits SIGINT ignored.
        preexec_fn=_default_interrupt,  # noqa: PLW1509 - the tests start no threads that could hold a lock here
    )
    while not signal_file.exists():  # the build is now inside MkDocs, converting its first page
        assert process.poll() is None, process.communicate()[1]
        time.sleep(0.02)
    assert [p.name for p in site.parent.glob(f".{site.name}-new-*")], "the build writes into a staging folder"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == "build_site.py: interrupted; the previous site was left as it was"
    assert snapshot(site) == before and leftovers(site) == []


def test_a_second_build_waits_for_the_first(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    with (site.parent / f".{site.name}-lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as the first build holds it
        process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "build_site.py"),
                "--config",
                str(project / "mkdocs.yml"),
                "--site-dir",
                str(site),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        waiting = f"build_site.py: another build is writing {site}; waiting for it to finish\n"
        printed = []
        while waiting not in printed:  # the content's warnings come first, if any
            printed.append(process.stderr.readline())
            assert printed[-1], "".join(printed)
        assert process.poll() is None and snapshot(site) == before
        fcntl.flock(lock, fcntl.LOCK_UN)
        _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert stderr.endswith(f"built the site into {site}\n")


def test_no_output_folder_can_replace_a_file_of_the_project(project: Path, tmp_path: Path) -> None:
    """What a careless user might type: each is refused before anything is read or written."""
    before = snapshot(project)
    home = tmp_path / "home"
    home.mkdir()
    (project / "docs" / "link").symlink_to(project / "content")
    cases = [
        (project / "docs", ["--site-dir", ".."], "--site-dir ..: is the project's folder"),
        (project, ["render", "--out", "docs"], "--out docs: is or contains the project's docs/ folder"),
        (project, ["render", "--out", "content"], "--out content: is or contains the project's content/ folder"),
        (
            project,
            ["--site-dir", "explainer/theme"],
            "--site-dir explainer/theme: is or contains the project's theme's",
        ),
        (project, ["--site-dir", "docs/assets/x"], "--site-dir docs/assets/x: lies inside the project's docs/ folder"),
        (project, ["--site-dir", "docs/link"], "--site-dir docs/link: is a symbolic link to"),
        (project, ["--site-dir", str(home)], f"--site-dir {home}: is your home folder"),
        (project, ["--site-dir", "/"], "--site-dir /: is the root folder"),
        (project, ["render", "--out", "glossary.yaml"], "--out glossary.yaml: is a file, not a folder"),
    ]
    for cwd, arguments, message in cases:
        result = subprocess.run(
            [sys.executable, str(ROOT / "build_site.py"), "--config", str(project / "mkdocs.yml"), *arguments],
            cwd=cwd,
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "HOME": str(home)},
        )
        assert result.returncode == 2, (arguments, result.stderr)
        assert result.stderr.startswith(f"build_site.py: error: {message}"), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
    (project / "docs" / "link").unlink()
    assert snapshot(project) == before


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


def test_a_search_index_with_a_lost_file_fails_the_build_and_leaves_the_previous_site(
    project_with_site: tuple[Path, Path, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Pagefind's Python API once left pagefind-entry.json empty: search then fails on every page."""
    project, site, before = project_with_site
    import build_site
    from explainer import postbuild

    check_bundle = postbuild.search_bundle_problems

    def losing_a_write(bundle: Path) -> list[str]:
        (bundle / "pagefind-entry.json").write_bytes(b"")
        return check_bundle(bundle)

    monkeypatch.setattr(postbuild, "search_bundle_problems", losing_a_write)
    code = build_site.main(["--config", str(project / "mkdocs.yml"), "build", "--site-dir", str(site)])
    assert code == 1
    assert capsys.readouterr().err.splitlines()[-3:] == [
        "pagefind: error: the search index file pagefind/pagefind-entry.json is empty",
        "pagefind: error: pagefind/pagefind-entry.json is missing or names no index",
        "build_site.py: the build failed; the previous site was left as it was",
    ]
    assert snapshot(site) == before and leftovers(site) == []


def _killed(*args: object) -> object:
    os.kill(os.getpid(), signal.SIGKILL)  # the worker's own process, as the kernel's OOM killer would
    raise AssertionError("unreachable")


def _broken(*args: object) -> object:
    raise KeyError("no such template")


@pytest.mark.parametrize(
    ("tripwire", "says"),
    [
        (
            _killed,
            "build_site.py: error: the build's worker process was killed by SIGKILL, most likely for lack of memory",
        ),
        (
            _broken,
            "build_site.py: internal error while building (a bug, please report it): KeyError: 'no such template' "
            f"(test_atomic_builds.py:{_broken.__code__.co_firstlineno + 1} in _broken)",
        ),
    ],
    ids=["worker killed", "bug"],
)
def test_a_worker_that_dies_or_meets_a_bug_is_reported_in_one_line_and_leaves_the_previous_site(
    project_with_site: tuple[Path, Path, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tripwire: object,
    says: str,
) -> None:
    """The pages are built in a worker process: the system may kill it (out of memory at 1000×)."""
    project, site, before = project_with_site
    import build_site
    from explainer import postbuild

    monkeypatch.setattr(postbuild, "secure_site", tripwire)
    code = build_site.main(["--config", str(project / "mkdocs.yml"), "build", "--site-dir", str(site)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        says,
        "build_site.py: the build failed; the previous site was left as it was",
    ]
    assert snapshot(site) == before and leftovers(site) == []
