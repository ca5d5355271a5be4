"""build_site.py as an editor and CI run it: exit codes, messages, formats, the four commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def run(
    *args: str, cwd: Path = ROOT, project: Path | None = None, umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "build_site.py"), *args]
    if project is not None:
        command[2:2] = ["--config", str(project / "mkdocs.yml")]

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        command,
        cwd=cwd,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=set_umask,
    )


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "check", "serve", "render"):
        assert command in result.stdout


def test_usage_errors_exit_2() -> None:
    assert run("--no-such-option").returncode == 2
    assert run("render").returncode == 2  # --out is required
    assert run("--config", "/nonexistent/mkdocs.yml", "check").returncode == 2


def test_check_passes_on_the_real_content() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert ": error: " not in result.stderr and "Traceback" not in result.stderr


def test_check_report_prints_the_coverage_of_every_file(minimal_project: Path) -> None:
    result = run("check", "--report", project=minimal_project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "file",
        "entries",
        "citations",
        "with",
        "locator",
        "dated",
        "oldest",
        "as-of",
        "oldest",
        "review",
    ]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    # Counted by hand from tests/fixtures/minimal: the FAQs file has 1 group and 2 questions, each citing one
    # source, and one answer dated [as of 2026-09]; the timeline's first event cites with a locator.
    assert rows["content/faqs.yaml"][:4] == ["3", "2", "0", "1"]
    assert rows["content/faqs.yaml"][4] == "2026-09"
    assert rows["content/timeline.yaml"][:4] == ["2", "2", "1", "0"]
    assert rows["total"][3] == "2"


def test_check_reports_every_mistake_with_context_and_exits_1(minimal_project: Path) -> None:
    faqs = minimal_project / "content" / "faqs.yaml"
    faqs.write_text(faqs.read_text().replace("    answer: |", "    anwser: |", 1))
    glossary = minimal_project / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("related: [tokenization]", "related: [tokenisation]"))
    result = run("check", project=minimal_project)
    assert result.returncode == 1
    assert result.stderr == (
        "content/faqs.yaml:8:5: error: unknown field 'anwser' in FAQ 'what-is-an-llm' (did you mean 'answer'?)\n"
        "    8 |     anwser: |\n"
        "      |     ^\n"
        "glossary.yaml:11:15: error: 'related' refers to unknown term 'tokenisation' in term 'token' (did you mean 'tokenization'?)\n"
        "   11 |     related: [tokenisation]\n"
        "      |               ^\n"
        "2 errors, 0 warnings\n"
    )
    assert "Traceback" not in result.stderr


NEW_SOURCE = """  - id: vaswani2017
    title: Attention Is All You Need
    authors: Vaswani et al.
    year: 2017
    venue: "NeurIPS 2017"
    identifier: arXiv:1706.03762
    url: https://arxiv.org/abs/1706.03762
    type: paper
    reviewed: "2026-11-01"
"""


def test_a_source_cited_nowhere_is_a_warning_at_its_id(minimal_project: Path) -> None:
    sources = minimal_project / "content" / "sources.yaml"
    sources.write_text(sources.read_text() + NEW_SOURCE)
    line = sources.read_text().splitlines().index("  - id: vaswani2017") + 1
    result = run("check", project=minimal_project)
    assert result.returncode == 0
    assert result.stderr.startswith(
        f"content/sources.yaml:{line}:9: warning: source 'vaswani2017' is not cited anywhere: cite it or remove it\n"
    )


def test_a_source_cited_only_by_an_entry_with_a_mistake_is_not_also_called_uncited(minimal_project: Path) -> None:
    sources = minimal_project / "content" / "sources.yaml"
    sources.write_text(sources.read_text() + NEW_SOURCE)
    faqs = minimal_project / "content" / "faqs.yaml"
    faqs.write_text(
        faqs.read_text()
        .replace("    sources: [brown2020]", "    sources: [brown2020, vaswani2017]", 1)
        .replace("    answer: |", "    anwser: |", 1)
    )
    result = run("check", project=minimal_project)
    assert result.returncode == 1
    assert result.stderr.endswith(
        "content/faqs.yaml:8:5: error: unknown field 'anwser' in FAQ 'what-is-an-llm' (did you mean 'answer'?)\n"
        "    8 |     anwser: |\n"
        "      |     ^\n"
        "1 error, 0 warnings\n"
    )


def test_github_format_annotates_each_line(minimal_project: Path) -> None:
    faqs = minimal_project / "content" / "faqs.yaml"
    faqs.write_text(faqs.read_text().replace("    answer: |", "    anwser: |", 1))
    result = run("check", "--format", "github", project=minimal_project)
    assert result.returncode == 1
    assert result.stderr == (
        "::error file=content/faqs.yaml,line=8,col=5::unknown field 'anwser' in FAQ 'what-is-an-llm' (did you mean 'answer'?)\n"
    )


def test_warnings_do_not_fail_the_check(minimal_project: Path) -> None:
    result = run("check", "--review-max-age", "1", project=minimal_project)
    assert result.returncode == 0
    assert "warning: term 'token' was last reviewed" in result.stderr


def test_render_writes_the_generated_pages(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    result = run("render", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "docs" / "faq.md").read_text().startswith("---\ndescription: ")
    assert (out / "docs" / "glossary" / "index.md").is_file() and (out / "docs" / "glossary.json").is_file()


@pytest.mark.slow
def test_build_into_a_site_dir(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "public"
    result = run("build", "--site-dir", str(site), project=project, umask=0o022)
    assert result.returncode == 0, result.stderr
    assert (site / "faq" / "index.html").is_file()
    assert oct((site).stat().st_mode & 0o777) == "0o755", "the published folder is readable by the web server"


def test_byte_order_marks_are_accepted_in_content_and_pages(minimal_project: Path, tmp_path: Path) -> None:
    """Editors on Windows save UTF-8 with a BOM; the YAML and the page's front matter still read as written."""
    for name in ("glossary.yaml", "docs/index.md"):
        file = minimal_project / name
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    out = tmp_path / "pages"
    result = run("render", "--out", str(out), project=minimal_project)
    assert result.returncode == 0, result.stderr
    page = (out / "docs" / "index.md").read_bytes()
    assert page.startswith(b"---\n"), page[:20]


@pytest.mark.slow
def test_what_only_the_engine_sees_is_reported_at_its_place_in_the_page(project: Path, tmp_path: Path) -> None:
    """An anchor on a generated page is known only once the engine has built it; the build names the line."""
    home = project / "docs" / "index.md"
    last = len(home.read_text().splitlines())
    home.write_text(home.read_text() + "\nSee [the FAQ](faq.md#nope).\n")
    result = run("build", "--site-dir", str(tmp_path / "public"), project=project)
    assert result.returncode == 1
    assert (
        f"docs/index.md:{last + 2}:15: error: the link 'faq.md#nope' is broken: the doc 'faq.md' does not contain "
        "an anchor '#nope'; fix the link or the heading it points to"
    ) in result.stderr.splitlines()
    assert not (tmp_path / "public").exists()
