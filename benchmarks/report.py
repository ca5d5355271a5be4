"""The last step of ``make bench``: one table of what that run measured, and each goal met or not.

    .venv/bin/python benchmarks/report.py

Reads what the run's steps wrote to benchmarks/results/ (scale.json, preview.json, lighthouse.md),
prints the scale table with its search and preview columns, the goals of issue 13 with the
measured figure beside each, and the Lighthouse table, and writes them to benchmarks/results/bench.md.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SCALES = (1, 10, 100, 1000)
PREVIEW_GOALS = {1: 1.0, 100: 2.0, 1000: 10.0}
"""Seconds from saving an entry to the open page showing it, by scale."""


def scale_table(scale: list[dict[str, Any]], preview: dict[int, dict[str, Any]]) -> list[str]:
    lines = [
        "| scale | terms / FAQs | check | full build | plain MkDocs | build / plain | peak memory: pages, build "
        "| HTML pages | search index | indexing | one query fetches | preview: server start | preview: edit shown "
        "| preview: all pages rebuilt | measured |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in scale:
        c, p = r["counts"], preview.get(r["factor"])
        pages = f"{r['pages_mb']:,.0f}" if "pages_mb" in r else "—"
        start = f"{p['start']:.1f} s" if p else "not measured"
        edit = f"{p['edit']:.2f} s" if p else "not measured"
        rebuilt = f"{p['rebuilt']:.2f} s" if p and "rebuilt" in p else "—"
        measured = f"; preview {p['measured']}" if p and "measured" in p else ""
        lines.append(
            f"| {r['factor']}× | {c['terms']:,} / {c['faqs']:,} | {r['check']:.2f} s | {r['build']:.2f} s "
            f"| {r['plain']:.2f} s | {r['build_ratio']:.3f} | {pages}, {r['build_mb']:,.0f} MB "
            f"| {r['html_pages']:,} | {r['search_index_mb']:,.1f} MB | {r['index']:.1f} s CPU "
            f"| {r['query_kb']:,.0f} KB in {r['query_requests']} requests | {start} | {edit} | {rebuilt} "
            f"| {r.get('measured', '?')}{measured} |"
        )
    return lines


def goals(scale: list[dict[str, Any]], preview: dict[int, dict[str, Any]], lighthouse: list[list[str]]) -> list[str]:
    """Each goal with the figure this run measured: met, or not and by how much."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    by_factor = {r["factor"]: r for r in scale}
    lines = [
        f"- {factor}×: **not in this run's scale table** (its step failed: see the log)"
        for factor in SCALES
        if factor not in by_factor
    ]
    for r in scale:
        lines.append(
            f"- search, {r['factor']}×: one query fetches {r['query_kb']:,.0f} KB (goal ≤ 300 KB): "
            + verdict(r["query_kb"] <= 300)
        )
    for factor, goal in PREVIEW_GOALS.items():
        if factor in preview:
            edit = preview[factor]["edit"]
            lines.append(
                f"- preview, {factor}×: an edit shows in {edit:.2f} s (goal ≤ {goal:g} s): "
                + verdict(edit <= goal)
                + ("" if edit <= goal else f", {edit / goal:.1f}× the goal")
            )
        else:
            lines.append(f"- preview, {factor}×: not measured in this run (goal ≤ {goal:g} s)")
    if 1000 in preview and 1000 in by_factor:
        start, build = preview[1000]["start"], by_factor[1000]["build_wall"] + by_factor[1000]["index_wall"]
        lines.append(
            f"- preview, 1000×: the server starts in {start:.0f} s, {start / build:.2f}× a build "
            f"({build:.0f} s wall) (goal: proportional to a build, not twice one): " + verdict(start < 2 * build)
        )
    for factor in (1, 10):
        if factor in by_factor:
            ratio = by_factor[factor]["build_ratio"]
            lines.append(f"- build, {factor}×: {ratio:.3f}× plain MkDocs (goal ≤ 1.10): " + verdict(ratio <= 1.10))
    for before, after in itertools.pairwise(scale):
        growth = after["build"] / before["build"]
        lines.append(
            f"- build, {before['factor']}× → {after['factor']}×: {growth:.1f}× the time (goal ≤ 11×): "
            + verdict(growth <= 11)
        )
    if lighthouse:
        mobile = min(int(row[2]) for row in lighthouse if row[1] == "mobile")
        others = min(int(value) for row in lighthouse for value in row[3:6])
        lines.append(f"- Lighthouse: lowest mobile performance {mobile} (goal ≥ 98): " + verdict(mobile >= 98))
        lines.append(
            f"- Lighthouse: lowest accessibility, best practices or SEO {others} (goal 100): " + verdict(others == 100)
        )
    return lines


def lighthouse_rows(text: str) -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")] for line in text.splitlines() if line.startswith("| ")
    ]
    return [row for row in rows if row[1] in ("mobile", "desktop")]


def main() -> int:
    scale = json.loads((RESULTS / "scale.json").read_text(encoding="utf-8"))
    preview_file = RESULTS / "preview.json"
    rows = json.loads(preview_file.read_text(encoding="utf-8")) if preview_file.exists() else []
    preview = {row["factor"]: row for row in rows}
    lighthouse_file = RESULTS / "lighthouse.md"
    lighthouse_text = lighthouse_file.read_text(encoding="utf-8") if lighthouse_file.exists() else ""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], check=False, cwd=ROOT, capture_output=True, text=True
    ).stdout
    report = [
        f"# Benchmark results (report written at commit {commit.strip() or '?'})",
        "",
        "`make bench` measures everything in one run; `benchmarks/preview.py --keep` can measure the preview "
        "again alone, so the last column gives when the scale columns and the preview columns were measured. "
        "Times are CPU seconds, the fastest of the rounds (three below 1000×, one at 1000×); the search "
        "index is timed apart from the build; a preview edit is the median of its edits (five below 1000×, one at 1000×).",
        "",
        *scale_table(scale, preview),
        "",
        "## Goals",
        "",
        *goals(scale, preview, lighthouse_rows(lighthouse_text)),
        "",
        "## Lighthouse",
        "",
        lighthouse_text.rstrip(),
    ]
    text = "\n".join(report) + "\n"
    print(text)
    (RESULTS / "bench.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
