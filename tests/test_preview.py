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

from explainer.engines.mkdocs import show_first

config_file, site_dir, edits, first = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
logging.getLogger("mkdocs.plugins.explainer").setLevel(logging.DEBUG)

def rebuild(site_dir):
    config = load_config(config_file, site_dir=site_dir, strict=False)
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url="http://127.0.0.1:8000/")
    return config

load_config(config_file, site_dir=site_dir).plugins.on_startup(command="serve", dirty=False)
config = rebuild(site_dir)
for name, old, new in edits:
    path = Path(config_file).parent / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
if first:  # as `serve` does: the open pages first, into the served site; then everything, into a new folder
    session = next(hook.session for hook in config.hooks.values())
    print("shown first:", json.dumps(show_first(session, Path(config_file).parent, first)), file=sys.stderr)
    site_dir += "-full"
rebuild(site_dir)
"""


def preview_builds(project: Path, site_dir: Path, edits: list[list[str]], first: list[str] | None = None) -> str:
    """The project built as `serve` builds it; with `first` (URLs of open pages), those are built
    alone after the edits (into `site_dir`) before the full rebuild (into `site_dir`-full)."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PREVIEW_BUILDS,
            str(project / "mkdocs.yml"),
            str(site_dir),
            json.dumps(edits),
            json.dumps(first or []),
        ],
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


FIRST_LOOKS = {
    "an FAQ question": (EDITS["an FAQ question"], "faq/", "faq/index.html"),
    "a term's definition": (
        [["glossary.yaml", "Attention lets a model look back", "EDITED: attention lets a model look back"]],
        "glossary/a-c/",
        "glossary/a-c/index.html",
    ),
}


@pytest.mark.parametrize("edits, url, built", list(FIRST_LOOKS.values()), ids=list(FIRST_LOOKS))
def test_the_open_page_is_built_first_exactly_as_the_full_rebuild_then_builds_it(
    tmp_path: Path, edits: list[list[str]], url: str, built: str
) -> None:
    project = copy_project(tmp_path / "project")
    log = preview_builds(project, tmp_path / "site", edits, first=[url, "no-such-page/"])
    source = url.rstrip("/") + ".md"
    assert f'shown first: ["{source}"]' in log, log
    first = (tmp_path / "site" / built).read_text(encoding="utf-8")
    assert edits[0][2] in first
    assert first == (tmp_path / "site-full" / built).read_text(encoding="utf-8")


DECLINED = {
    "a file with a mistake of its own": [["content/faqs.yaml", "question: ", "question:\n  - "]],
    "a term renamed (links to it on every page change)": [["glossary.yaml", "term: Attention", "term: Attention span"]],
}


@pytest.mark.parametrize("edits", list(DECLINED.values()), ids=list(DECLINED))
def test_the_open_page_is_not_built_first_when_a_quick_look_could_be_wrong(
    tmp_path: Path, edits: list[list[str]]
) -> None:
    project = copy_project(tmp_path / "project")
    log = preview_builds(project, tmp_path / "site", edits, first=["faq/", "glossary/a-c/"])
    assert "shown first: []" in log, log


def test_a_page_built_again_alone_gets_its_new_html_not_the_html_the_last_build_reused() -> None:
    from types import SimpleNamespace

    from explainer.preview import PageCache

    files = [SimpleNamespace(src_uri="faq.md", url="faq/")]
    page = SimpleNamespace(file=files[0], toc=None, present_anchor_ids=None, links_to_anchors=None)
    cache = PageCache()
    cache.start_build(b"config", files, 1)
    assert cache.markdown_to_convert(page, "# Old") == "# Old"
    assert cache.converted_html(page, "<h1>Old</h1>", files) == "<h1>Old</h1>"
    cache.start_build(b"config", files, 1)  # the next full build: the page is unchanged, so reused
    assert cache.markdown_to_convert(page, "# Old") == ""
    assert cache.converted_html(page, "", files) == "<h1>Old</h1>"
    # then an edit, and the open page is built again alone (no new build started)
    assert cache.markdown_to_convert(page, "# New") == "# New"
    assert cache.converted_html(page, "<h1>New</h1>", files) == "<h1>New</h1>"
