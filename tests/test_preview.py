"""Live-preview rebuilds reuse the HTML of unchanged pages, and the site they give is exactly the
site a fresh build of the same files gives, whatever the editor changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, snapshot

pytestmark = pytest.mark.slow

# Builds the project as `serve` does (one process, one hook session); between the builds it applies
# each edit [file, old text, new text]. Prints the generator's count of converted/reused pages.
PREVIEW_BUILDS = """
import json, logging, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

config_file, site_dir, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
logging.getLogger("mkdocs.plugins.explainer").setLevel(logging.DEBUG)

def rebuild():
    config = load_config(config_file, site_dir=site_dir, strict=False)
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url="http://127.0.0.1:8000/")

load_config(config_file, site_dir=site_dir).plugins.on_startup(command="serve", dirty=False)
rebuild()
for name, old, new in edits:
    path = Path(config_file).parent / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
rebuild()
"""


def preview_builds(project: Path, site_dir: Path, edits: list[list[str]]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PREVIEW_BUILDS, str(project / "mkdocs.yml"), str(site_dir), json.dumps(edits)],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


EDITS = {
    "an FAQ question": [["content/faqs.yaml", "Is ChatGPT an LLM or generative AI?", "Is ChatGPT an LLM, or GenAI?"]],
    "a glossary summary (its tooltip is on many pages)": [
        ["glossary.yaml", "The basic unit of text a language model reads", "The smallest unit of text a model reads"]
    ],
    "a hand-written page": [["docs/index.md", "# ", "# Edited: "]],
    "mkdocs.yml": [["mkdocs.yml", "site_name: ", "site_name: Edited "]],
}


@pytest.mark.parametrize("edits", list(EDITS.values()), ids=list(EDITS))
def test_a_preview_rebuild_gives_the_site_a_fresh_build_gives(tmp_path: Path, edits: list[list[str]]) -> None:
    edited = copy_project(tmp_path / "edited")
    log = preview_builds(edited, tmp_path / "preview", edits)
    fresh = copy_project(tmp_path / "fresh")
    for name, old, new in edits:
        path = fresh / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    preview_builds(fresh, tmp_path / "reference", [])
    assert snapshot(tmp_path / "preview") == snapshot(tmp_path / "reference")
    assert "preview: converted" in log


def test_an_faq_edit_converts_only_the_pages_it_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    log = preview_builds(project, tmp_path / "site", EDITS["an FAQ question"])
    counts = [line for line in log.splitlines() if "preview: converted" in line]
    assert len(counts) == 2
    pages, none = (int(word) for word in counts[0].split() if word.isdigit())
    assert none == 0 and pages > 15, counts[0]
    # The FAQ page, the glossary pages whose "mentioned in" lists quote the question, and pages whose
    # links to the FAQ read as its question: a handful, not the site.
    converted, reused = (int(word) for word in counts[1].split() if word.isdigit())
    assert converted + reused == pages and 1 <= converted <= 5, counts[1]


def test_a_page_with_a_warning_warns_at_every_rebuild(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    last = len(home.read_text(encoding="utf-8").splitlines())
    home.write_text(home.read_text(encoding="utf-8") + "\n[broken](faq.md#no-such-answer)\n", encoding="utf-8")
    log = preview_builds(project, tmp_path / "site", EDITS["an FAQ question"])
    # MkDocs warns at each rebuild, reused pages included; the located message is printed when it changes
    assert log.count("contains a link 'faq.md#no-such-answer', but the doc 'faq.md' does not contain") == 2, log
    assert log.count(f"docs/index.md:{last + 2}:10: error: the link 'faq.md#no-such-answer' is broken") == 1, log
