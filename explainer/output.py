# Role: output folders — where the tool may write, one build at a time, and an atomic swap of the result.
"""The command line replaces whole folders (``site/``, ``render --out``), so it guards them.

- `check_output` refuses a folder that is, contains or lies inside the project's own files (the
  project folder, ``docs/``, ``content/``, the generator and its theme, any other folder of the
  project), or that is or contains the home folder or ``/``; a symbolic link; and an existing
  folder with files in it that this tool did not make. Folders it makes carry `MARKER`.
- `replacing` takes the folder's lock (a second build waits for the first), removes what a
  killed build left behind, gives the caller a fresh staging folder beside the target, and
  swaps it in when the caller's block succeeds. The swap is one ``renameat2(RENAME_EXCHANGE)``
  (Linux) or ``renamex_np(RENAME_SWAP)`` (macOS): at every moment the target path holds either
  the whole old folder or the whole new one.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".explainer-output"
"""A file in every folder this tool makes; a folder without it is never replaced."""
_MARKER_TEXT = "Made by build_site.py, which replaces this folder on every run.\n"
Checkpoint = Callable[[str], None]
"""Called between the steps of a swap with the name of the step just done (tests inject faults here)."""


class UnsafeOutputError(Exception):
    """The folder must not be written: the message says why and what to do instead."""


def check_output(target: Path, project_root: Path, protected: dict[str, Path]) -> None:
    """Raise `UnsafeOutputError` unless this tool may replace the folder `target`.

    `protected` names the project's own folders (``{"docs/": …, "content/": …}``); every other
    folder at the top of the project is protected too, unless this tool made it.
    """
    if target.is_symlink():
        raise UnsafeOutputError(
            f"is a symbolic link to {target.resolve()}: name the folder itself, so it is clear what gets replaced"
        )
    real = target.resolve()
    root = project_root.resolve()
    places = {"the project's folder": root, "your home folder": Path.home(), "the root folder": Path("/")}
    resolved = {name: place.resolve() for name, place in places.items()}
    for name, place in resolved.items():
        if real == place:
            raise UnsafeOutputError(f"is {name} ({place}): choose a new folder, such as site/")
    for name, place in resolved.items():
        if place.is_relative_to(real):
            raise UnsafeOutputError(f"contains {name} ({place}): choose a new folder, such as site/")
    folders = {name: place.resolve() for name, place in protected.items()}
    for name, place in folders.items():
        if real == place or place.is_relative_to(real):
            raise UnsafeOutputError(f"is or contains the project's {name} folder ({place}): choose a new folder")
    for name, place in folders.items():
        if real.is_relative_to(place):
            raise UnsafeOutputError(f"lies inside the project's {name} folder ({place}): choose a folder outside it")
    if real.is_relative_to(root):
        top = root / real.relative_to(root).parts[0]
        if top != real and top.exists() and not is_ours(top):
            raise UnsafeOutputError(f"lies inside the project's folder {top.name}/: choose a new folder, such as site/")
    if real.exists() and not real.is_dir():
        raise UnsafeOutputError("is a file, not a folder: choose a new folder")
    if real.is_dir() and any(real.iterdir()) and not is_ours(real):
        raise UnsafeOutputError(
            "has files in it that this tool did not make: choose a new or empty folder "
            f"(folders this tool makes have a {MARKER} file)"
        )


def is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


@contextmanager
def replacing(
    target: Path, checkpoint: Checkpoint | None = None, on_wait: Callable[[], None] | None = None
) -> Iterator[Path]:
    """A fresh folder beside `target` that replaces it, atomically, if the block succeeds.

    Holds `target`'s lock throughout (calls `on_wait` once if another build holds it, then
    waits), and first removes the staging folders a killed build left. If the block fails, the
    staging folder is removed and `target` is as it was.
    """
    step = checkpoint or (lambda name: None)
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target.parent / f".{target.name}-lock", on_wait):
        for pattern in (f".{target.name}-new-*", f".{target.name}-src-*"):
            for leftover in target.parent.glob(pattern):
                if leftover.is_dir() and is_ours(leftover):
                    shutil.rmtree(leftover)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        try:
            (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
            step("staged")
            yield staging
            (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")  # the block may have emptied it
            umask = os.umask(0)
            os.umask(umask)
            staging.chmod(0o777 & ~umask)  # mkdtemp made it private; a published site is not
            step("built")
            if target.exists():
                _exchange(staging, target)  # the staging path now holds the old folder
                step("swapped")
            else:
                staging.rename(target)
                step("swapped")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        step("cleaned")


@contextmanager
def scratch_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside `target` (so moving out of it is a rename), removed afterwards.

    A build killed before removing it leaves it marked, and the next `replacing` removes it.
    """
    target = target.resolve()
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}-src-", dir=target.parent))
    try:
        (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _locked(lock_file: Path, on_wait: Callable[[], None] | None) -> Iterator[None]:
    with lock_file.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


_RENAME_EXCHANGE = 2  # Linux renameat2 flag; macOS's RENAME_SWAP for renamex_np has the same value
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders' names in one step."""
    libc = ctypes.CDLL(None, use_errno=True)
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        done = libc.renamex_np(a, b, _RENAME_EXCHANGE)
    elif hasattr(libc, "renameat2"):
        done = libc.renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    else:
        raise OSError(errno.ENOSYS, "this system cannot swap two folders in one step", str(second))
    if done != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"could not swap {first} and {second}: {os.strerror(code)}", str(second))
