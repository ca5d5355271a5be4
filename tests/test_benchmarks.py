"""The scale benchmark of the README runs on a fresh clone and reports what the targets are about."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_scale_benchmark_measures_every_step_against_plain_mkdocs(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "scale.py"),
            "--scales",
            "1,2",
            "--repeat",
            "1",
            "--workdir",
            str(tmp_path / "work"),
            "--results",
            str(tmp_path / "results"),
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads((tmp_path / "results" / "scale.json").read_text(encoding="utf-8"))
    assert [row["factor"] for row in rows] == [1, 2]
    real, doubled = rows
    assert doubled["counts"]["terms"] == 2 * real["counts"]["terms"]
    for row in rows:
        assert all(row[step] > 0 for step in ("bare", "check", "generate", "build", "plain"))
        # The full build does all that plain MkDocs does and more; checking does all that parsing does and more.
        assert 1.0 < row["build_ratio"] < 10, row["build_ratio"]
        assert 1.0 < row["check_ratio"] < 50, row["check_ratio"]
        assert row["largest_page_kb"] > 0 and row["search_index_mb"] > 0 and row["html_pages"] >= 20
        # The search: indexed in the build, timed apart; one search in Chromium fetched part of the index.
        assert row["index"] > 0 and row["index_wall"] > 0
        assert 0 < row["query_kb"] < row["search_index_mb"] * 1024 and row["query_requests"] > 3
    assert doubled["html_pages"] > real["html_pages"] and doubled["plain"] > real["plain"] / 2
    report = (tmp_path / "results" / "scale.md").read_text(encoding="utf-8")
    cells = next(line.split(" | ") for line in report.splitlines() if line.startswith("| 2× |"))
    assert cells[8] == f"{doubled['build_ratio']:.3f}", "the table shows the measured ratio"
    assert report.splitlines()[0].startswith("| scale | terms / FAQs / rows | bare YAML | check |")
    assert "full build / plain MkDocs, worst of 1×, 2×: " in report and "(target ≤ 1.1;" in report
    assert "one search for 'hallucination', the most it fetched at any scale: " in report
    assert "tenfold content, worst time growth" in report
    assert (tmp_path / "results" / "scale.svg").read_text(encoding="utf-8").startswith("<svg")
    # Both sites were really built: the plain one from the same pages, without the generator's hook.
    assert (tmp_path / "work" / "x2-site" / "glossary" / "index.html").is_file()
    assert (tmp_path / "work" / "x2-plain-site" / "glossary" / "index.html").is_file()
    assert "hooks:" not in (tmp_path / "work" / "x2-plain" / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("factor", [4])
def test_the_synthetic_content_is_valid_at_several_copies(tmp_path: Path, factor: int) -> None:
    """Copies 1…3 must not collide with real ids such as ``sora`` / ``sora-2`` or real names."""
    from benchmarks.synthetic import scaled_project
    from conftest import TODAY
    from explainer import pipeline

    counts = scaled_project(ROOT, tmp_path / "project", factor)
    checked = pipeline.check(tmp_path / "project", today=TODAY)
    errors = [d.message for d in checked.diagnostics if d.severity == "error"]
    assert errors == [], errors[:5]
    assert checked.content is not None
    real = pipeline.check(ROOT, today=TODAY).content
    assert real is not None
    assert counts["events"] == factor * len(real.timeline.events)


def test_the_bench_report_says_which_goals_a_run_missed_and_by_how_much() -> None:
    from benchmarks.report import goals, lighthouse_rows

    def row(factor: int, build: float, ratio: float, query_kb: float) -> dict[str, object]:
        return {"factor": factor, "build": build, "build_ratio": ratio, "query_kb": query_kb}

    scale = [row(1, 1.0, 1.05, 160), row(10, 9.0, 1.2, 120), row(100, 120.0, 1.3, 310)]
    preview = {1: {"edit": 0.7}, 100: {"edit": 5.0}}
    lighthouse = lighthouse_rows(
        "| page | preset | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|---|\n"
        "| home | mobile | 97 | 100 | 100 | 100 |\n| home | desktop | 100 | 100 | 100 | 100 |\n"
    )
    assert goals(scale, preview, lighthouse) == [
        "- 1000×: **not in this run's scale table** (its step failed: see the log)",
        "- search, 1×: one query fetches 160 KB (goal ≤ 300 KB): met",
        "- search, 10×: one query fetches 120 KB (goal ≤ 300 KB): met",
        "- search, 100×: one query fetches 310 KB (goal ≤ 300 KB): **not met**",
        "- preview, 1×: an edit shows in 0.70 s (goal ≤ 1 s): met",
        "- preview, 100×: an edit shows in 5.00 s (goal ≤ 2 s): **not met**, 2.5× the goal",
        "- preview, 1000×: not measured in this run (goal ≤ 10 s)",
        "- build, 1×: 1.050× plain MkDocs (goal ≤ 1.10): met",
        "- build, 10×: 1.200× plain MkDocs (goal ≤ 1.10): **not met**",
        "- build, 1× → 10×: 9.0× the time (goal ≤ 11×): met",
        "- build, 10× → 100×: 13.3× the time (goal ≤ 11×): **not met**",
        "- Lighthouse: lowest mobile performance 97 (goal ≥ 98): **not met**",
        "- Lighthouse: lowest accessibility, best practices or SEO 100 (goal 100): met",
    ]
