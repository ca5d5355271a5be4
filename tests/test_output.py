"""output: which folders the command line may replace, and a swap that is atomic at every step.

The swap is proved by fault injection: the checkpoint between its steps looks at the target (it
must be the whole old folder or the whole new one), raises, or kills the process outright; the
next build must then clean up whatever was left.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import snapshot
from explainer.output import MARKER, UnsafeOutputError, check_output, replacing

STEPS = ["staged", "built", "swapped", "cleaned"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "home" / "project"
    for folder in ("docs", "content", "explainer/theme", "tests", ".git"):
        (root / folder).mkdir(parents=True)
        (root / folder / "keep.txt").write_text("project file")
    (root / "mkdocs.yml").write_text("site_name: x\n")
    return root


def refusal(target: Path, project: Path) -> str:
    protected = {
        "docs/": project / "docs",
        "content/": project / "content",
        "theme": project / "explainer" / "theme",
        "generator's": project / "explainer",
    }
    with pytest.raises(UnsafeOutputError) as refused:
        check_output(target, project, protected)
    return str(refused.value)


def test_the_project_its_folders_home_and_root_are_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent.parent / "someone"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert refusal(project, project) == f"is the project's folder ({project}): choose a new folder, such as site/"
    assert refusal(project.parent, project).startswith("contains the project's folder")
    assert refusal(project / "docs", project).startswith("is or contains the project's docs/ folder")
    assert refusal(project / "docs" / "new", project).startswith("lies inside the project's docs/ folder")
    assert refusal(project / "content", project).startswith("is or contains the project's content/ folder")
    assert refusal(project / "explainer", project).startswith("is or contains the project's theme folder")
    assert refusal(project / "explainer" / "theme" / "x", project).startswith("lies inside the project's theme")
    assert refusal(project / "tests" / "out", project).startswith("lies inside the project's folder tests/")
    assert refusal(project / ".git" / "out", project).startswith("lies inside the project's folder .git/")
    assert refusal(project / "tests", project).startswith("has files in it that this tool did not make")
    assert refusal(project / "mkdocs.yml", project) == "is a file, not a folder: choose a new folder"
    assert refusal(home, project).startswith("is your home folder")
    assert refusal(home.parent, project).startswith("contains the project's folder")
    assert refusal(Path("/"), project).startswith("is the root folder")


def test_a_symbolic_link_is_refused_whatever_it_points_at(project: Path, tmp_path: Path) -> None:
    (project / "site").symlink_to(project / "docs")
    assert refusal(project / "site", project).startswith("is a symbolic link to ")
    (tmp_path / "elsewhere").mkdir()
    (project / "public").symlink_to(tmp_path / "elsewhere")
    assert refusal(project / "public", project).startswith("is a symbolic link to ")
    (project / "up").symlink_to(project)
    assert refusal(project / "up" / "docs", project).startswith("is or contains the project's docs/ folder")


def test_a_folder_this_tool_did_not_make_is_refused_unless_empty(project: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff")
    assert refusal(foreign, project).startswith("has files in it that this tool did not make")
    empty = tmp_path / "empty"
    empty.mkdir()
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / MARKER).write_text("")
    (ours / "index.html").write_text("old")
    for allowed in (empty, ours, tmp_path / "new", project / "site", project / "site" / "deeper"):
        check_output(allowed, project, {"docs/": project / "docs"})


def old_and_new(tmp_path: Path) -> tuple[Path, dict[str, str], Callable[[Path], None], dict[str, str]]:
    """A target holding an old build, and a writer of the new one (whose snapshot is returned too)."""
    target = tmp_path / "site"
    target.mkdir()
    (target / MARKER).write_text("")
    (target / "index.html").write_text("old home")
    (target / "old-only.html").write_text("gone after the swap")

    def write_new(staging: Path) -> None:
        (staging / "index.html").write_text("new home")
        (staging / "new-only").mkdir()
        (staging / "new-only" / "page.html").write_text("new page")

    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / MARKER).write_text("Made by build_site.py, which replaces this folder on every run.\n")
    write_new(reference)
    return target, snapshot(target), write_new, snapshot(reference)


def leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}-new-"))


def test_at_every_step_the_target_is_the_whole_old_or_the_whole_new_folder(tmp_path: Path) -> None:
    target, old, write_new, new = old_and_new(tmp_path)
    seen: list[tuple[str, str]] = []

    def look(step: str) -> None:
        state = snapshot(target)
        seen.append((step, "old" if state == old else "new" if state == new else "MIXED"))

    with replacing(target, look) as staging:
        write_new(staging)
    assert seen == [("staged", "old"), ("built", "old"), ("swapped", "new"), ("cleaned", "new")]
    assert leftovers(target) == []


@pytest.mark.parametrize("failing_step", STEPS)
def test_a_failure_at_any_step_leaves_one_whole_folder_and_nothing_else(tmp_path: Path, failing_step: str) -> None:
    target, old, write_new, new = old_and_new(tmp_path)

    def fail(step: str) -> None:
        if step == failing_step:
            raise OSError(f"disk failed after {step}")

    with pytest.raises(OSError, match=f"after {failing_step}"), replacing(target, fail) as staging:
        write_new(staging)
    swapped = STEPS.index(failing_step) >= STEPS.index("swapped")
    assert snapshot(target) == (new if swapped else old)
    assert leftovers(target) == []


@pytest.mark.parametrize("killed_after", STEPS)
def test_a_build_killed_at_any_step_leaves_one_whole_folder_and_the_next_build_cleans_up(
    tmp_path: Path, killed_after: str
) -> None:
    target, old, write_new, new = old_and_new(tmp_path)

    def die(step: str) -> None:
        if step == killed_after:
            os._exit(9)  # as kill -9: no finally block runs

    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        with replacing(target, die) as staging:
            write_new(staging)
        os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    swapped = STEPS.index(killed_after) >= STEPS.index("swapped")
    assert snapshot(target) == (new if swapped else old)
    left = leftovers(target)
    assert len(left) == (0 if killed_after == "cleaned" else 1)

    with replacing(target) as staging:  # the next build
        (staging / "index.html").write_text("newer home")
    assert leftovers(target) == []
    assert (target / "index.html").read_text() == "newer home"


def test_the_first_build_puts_the_folder_in_place_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "public" / "site"
    seen = []
    with replacing(target, lambda step: seen.append((step, target.exists()))) as staging:
        (staging / "index.html").write_text("home")
    assert seen == [("staged", False), ("built", False), ("swapped", True), ("cleaned", True)]
    assert (target / MARKER).is_file() and (target / "index.html").read_text() == "home"


def test_a_folder_it_made_is_published_with_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        with replacing(tmp_path / "site") as staging:
            (staging / "index.html").write_text("home")
    finally:
        os.umask(previous)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o750


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    target = tmp_path / "site"
    waited: list[str] = []
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process holds the lock until the parent says go
        os.close(write)
        with replacing(target) as staging:
            os.read(read, 1)
            (staging / "index.html").write_text("first")
        os._exit(0)
    os.close(read)
    lock = tmp_path / ".site-lock"
    while True:  # wait, on a condition, until the child holds the lock
        with lock.open("a") as probe:
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(probe, fcntl.LOCK_UN)
            except BlockingIOError:
                break
        time.sleep(0.01)

    def on_wait() -> None:
        waited.append("waiting")
        os.write(write, b"x")  # let the first build finish now that the second one is waiting

    with replacing(target, on_wait=on_wait) as staging:
        assert (target / "index.html").read_text() == "first", "the second build started before the first ended"
        (staging / "index.html").write_text("second")
    os.waitpid(child, 0)
    assert waited == ["waiting"]
    assert (target / "index.html").read_text() == "second"
