"""The hand-written docs keep up with the code: the editing guide explains every message the
broken-input corpus produces, and the README's commands are the ones CI and Make run."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT
from test_read import REFUSALS

GUIDE = (ROOT / "docs" / "editing" / "index.md").read_text(encoding="utf-8")


def guide_fragments() -> list[str]:
    table = GUIDE[GUIDE.index("## Error messages") :].split("\n## ", 1)[0]
    fragments = []
    for row in table.splitlines():
        if row.startswith("| `"):
            first_cell = row.split(" | ")[0]
            fragments += re.findall(r"`([^`]+)`", first_cell)
    return fragments


def corpus_messages() -> list[str]:
    cases = yaml.safe_load((ROOT / "tests" / "broken" / "cases.yaml").read_text(encoding="utf-8"))
    return [line for case in cases for line in case["expected"]] + [message for _, message in REFUSALS]


def _pattern(fragment: str) -> re.Pattern[str]:
    """A fragment of the guide as a pattern: '…' stands for whatever the message names there."""
    return re.compile(".+?".join(re.escape(piece) for piece in fragment.split("…")))


def test_the_editing_guide_explains_every_message() -> None:
    fragments = guide_fragments()
    assert len(fragments) > 30
    vague = [f for f in fragments if len(f.replace("…", " ").split()) < 2]
    assert vague == [], "a one-word fragment would 'explain' any message that happens to contain the word"
    messages = [m.split(": ", 2)[-1] for m in corpus_messages()]
    unexplained = [m for m in messages if not any(_pattern(f).search(m) for f in fragments)]
    assert unexplained == []
    unused = [f for f in fragments if not any(_pattern(f).search(m) for m in messages)]
    assert unused == [], "the guide explains messages that the tests never produce"


def test_the_readme_quick_start_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme[readme.index("## Quick start") :].split("\n## ", 1)[0]
    commands = re.findall(r"^(make \w+)", quick_start, re.M)
    assert commands == ["make site", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: .*\n\t\$\(PY\) -m pytest$", makefile, re.M)


def test_every_page_has_a_description() -> None:
    for page in Path(ROOT / "docs").rglob("*.md"):
        front_matter = page.read_text(encoding="utf-8").split("---\n")[1]
        assert len(yaml.safe_load(front_matter)["description"]) > 40, page


def test_no_document_points_outside_the_repository() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    files = [ROOT / name for name in tracked if name.endswith((".md", ".py", ".yml", ".yaml", ".toml", ".j2", ".html"))]
    assert len(files) > 20
    workspace = "../" + "shared"  # spelt in two parts, so this test does not find itself
    outside = [str(f.relative_to(ROOT)) for f in files if workspace in f.read_text(encoding="utf-8")]
    assert outside == []
