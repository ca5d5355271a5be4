"""Performance at scale, measured side by side with plain MkDocs, in one run.

    .venv/bin/python benchmarks/scale.py                 # 1×, 10×, 100× and 1000× (over an hour; 1000× needs more than 16 GB of memory)
    .venv/bin/python benchmarks/scale.py --scales 1,10   # a quick look
    .venv/bin/python benchmarks/scale.py --scales 1,10,100 --keep   # re-measure some, keep the 1000× row

For each multiple of the real content (see benchmarks/synthetic.py) it measures, each step in a
fresh Python process and timed after its imports, in rounds (every step once per round):

- bare YAML: ``yaml.load`` of every content file with PyYAML's C loader (the floor for `check`);
- check: `pipeline.check` (read, validate, cross-check);
- generation: rendering the pages and exports once the content is checked;
- full build: ``build_site.py build`` (check, generate, write the sources, MkDocs, post-build check, swap),
  without the search indexing, which is timed on its own (plain MkDocs builds no search);
- plain MkDocs: ``mkdocs build --strict`` of the sources ``render --out`` wrote, without the glossary linker;

plus peak memory (of the worker process that builds the pages, and of the whole build: the largest of
its processes, the worker or Pagefind), the largest HTML page, the search index's size and indexing time,
and what one search fetches in Chromium (benchmarks/page_weight.py). It prints a
table with the ratios the targets are about and writes benchmarks/results/scale.md and scale.svg.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import scaled_project  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {"build / plain MkDocs": 1.10, "check / bare YAML": 3.0, "tenfold cost": 11.0}

CHILD = {
    "bare": """
import sys, time, yaml
from pathlib import Path
import yaml

from explainer.models import CONTENT_FILES
root = Path(sys.argv[1])
texts = [(root / p).read_text(encoding="utf-8") for p in CONTENT_FILES]
start, cpu = time.perf_counter(), time.process_time()
for text in texts:
    yaml.load(text, Loader=yaml.CSafeLoader)
print(time.process_time() - cpu, time.perf_counter() - start)
""",
    "check": """
import sys, time
from pathlib import Path
from explainer import pipeline
start, cpu = time.perf_counter(), time.process_time()
checked = pipeline.check(Path(sys.argv[1]))
assert checked.ok, checked.diagnostics[:3]
print(time.process_time() - cpu, time.perf_counter() - start)
""",
    "generate": """
import sys, time
from pathlib import Path
from explainer import pipeline
root = Path(sys.argv[1])
pipeline.check(root)
start, cpu = time.perf_counter(), time.process_time()
generated = pipeline.generate(root, "LLMs vs Generative AI", "benchmark")
assert isinstance(generated, pipeline.Generated)
print(time.process_time() - cpu, time.perf_counter() - start)
""",
    "render": """
import sys
import build_site
assert build_site.main(["--config", sys.argv[1] + "/mkdocs.yml", "render", "--out", sys.argv[2]]) == 0
print(0, 0)
""",
    "build": """
import resource, sys, time
import build_site
import explainer.build, explainer.engines.mkdocs, pagefind.index  # imported before the clock, as MkDocs is for plain
from explainer import postbuild

def cpu() -> float:
    # the build's own process, its worker (a fork that does all but the search index) and Pagefind
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

index_search, indexing = postbuild.index_search, []

def timed_index_search(*args, **kwargs):
    # the search index is timed on its own: plain MkDocs builds no search, so the ratio leaves it out
    start, before = time.perf_counter(), cpu()
    pages_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the worker's, before Pagefind runs
    problems = index_search(*args, **kwargs)
    indexing.append((cpu() - before, time.perf_counter() - start, pages_peak))
    return problems

postbuild.index_search = timed_index_search
start, before = time.perf_counter(), cpu()
code = build_site.main(["--config", sys.argv[1] + "/mkdocs.yml", "build", "--site-dir", sys.argv[2]])
assert code == 0 and len(indexing) == 1
search_cpu, search_wall, pages_peak = indexing[0]
print(cpu() - before - search_cpu, time.perf_counter() - start - search_wall, search_cpu, search_wall, pages_peak / 1024)
""",
    "plain": """
import sys, time, os
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.config import load_config
from mkdocs.commands.build import build
start, cpu = time.perf_counter(), time.process_time()
config = load_config(sys.argv[1] + "/mkdocs.yml", site_dir=sys.argv[2], strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
print(time.process_time() - cpu, time.perf_counter() - start)
""",
}


def run(step: str, *args: str) -> tuple[float, float, float]:
    """Run one step in a fresh process: (CPU seconds, wall seconds, peak memory in MB).

    CPU time of the measured step is the primary figure: on a shared virtual machine wall time
    varies by a third from run to run, CPU time by a few percent.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD[step], *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None and process.stderr is not None
    stdout, stderr = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise RuntimeError(f"{step} failed:\n{stderr[-3000:]}")
    cpu, wall, *extra = (float(value) for value in stdout.strip().splitlines()[-1].split())
    if extra:  # the build's search indexing (CPU and wall seconds), and its worker's peak memory in MB
        INDEXING.append((extra[0], extra[1], extra[2]))
    return cpu, wall, usage.ru_maxrss / 1024


INDEXING: list[tuple[float, float, float]] = []


def plain_project(project: Path, target: Path) -> None:
    """The same site as plain MkDocs: the sources ``render --out`` writes, without the glossary linker."""
    if target.exists():
        shutil.rmtree(target)
    run("render", str(project), str(target))
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = [
        extension
        for extension in config["markdown_extensions"]
        if not isinstance(extension, dict) or GLOSSARY not in extension
    ]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


GLOSSARY = "explainer.glossary_links"


def site_stats(site: Path) -> dict[str, Any]:
    pages = sorted(site.rglob("*.html"), key=lambda page: page.stat().st_size)
    index = site / "pagefind"
    return {
        "html_pages": len(pages),
        "largest_page_kb": pages[-1].stat().st_size / 1024,
        "largest_page": str(pages[-1].relative_to(site)),
        "search_index_mb": sum(f.stat().st_size for f in index.rglob("*") if f.is_file()) / 2**20,
        "site_mb": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20,
    }


STEPS = ("bare", "check", "generate", "build", "plain")


def measure(factor: int, workdir: Path, repeat: int) -> dict[str, Any]:
    """Each round runs every step once, in turn, so that a ratio compares runs made moments apart.

    The machine's speed drifts by a fifth over minutes (a shared virtual machine): each ratio is the
    median of the rounds' own ratios, and each time the least disturbed (fastest) of its runs.
    """
    project = workdir / f"x{factor}"
    counts = scaled_project(ROOT, project, factor)
    plain = workdir / f"x{factor}-plain"
    plain_project(project, plain)
    result: dict[str, Any] = {"factor": factor, "counts": counts}
    arguments = {
        "bare": (str(project),),
        "check": (str(project),),
        "generate": (str(project),),
        "build": (str(project), str(workdir / f"x{factor}-site")),
        "plain": (str(plain), str(workdir / f"x{factor}-plain-site")),
    }
    runs: dict[str, list[tuple[float, float, float]]] = {step: [] for step in STEPS}
    INDEXING.clear()
    for round_number in range(1, repeat + 1):
        for step in STEPS:
            runs[step].append(run(step, *arguments[step]))
            print(f"  {factor}x round {round_number} {step}: {runs[step][-1][0]:.3f} s", file=sys.stderr, flush=True)
    for step in STEPS:
        result[step] = min(cpu for cpu, _, _ in runs[step])
        result[f"{step}_wall"] = statistics.median(wall for _, wall, _ in runs[step])
        result[f"{step}_mb"] = max(memory for _, _, memory in runs[step])
    result["build_ratio"] = statistics.median(b[0] / p[0] for b, p in zip(runs["build"], runs["plain"], strict=True))
    result["check_ratio"] = statistics.median(c[0] / b[0] for c, b in zip(runs["check"], runs["bare"], strict=True))
    result["rounds"] = repeat
    result["index"] = min(cpu for cpu, _, _ in INDEXING)
    result["index_wall"] = statistics.median(wall for _, wall, _ in INDEXING)
    result["pages_mb"] = max(memory for _, _, memory in INDEXING)
    result.update(site_stats(workdir / f"x{factor}-site"))
    from benchmarks.page_weight import query_weight

    result["query_kb"], result["query_requests"] = query_weight(workdir / f"x{factor}-site", QUERY)
    return result


QUERY = "hallucination"
"""What the reader types into the search: a glossary term's name, at every scale (its copies are
"Hallucination 2" … so the word matches more entries the larger the content)."""


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scale | terms / FAQs / rows | bare YAML | check | check / YAML | generation | full build | plain MkDocs "
        "| build / plain | YAML / plain | peak memory: pages, build | HTML pages | largest page | search index | indexing "
        "| one query fetches |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c = r["counts"]
        lines.append(
            f"| {r['factor']}× | {c['terms']:,} / {c['faqs']:,} / {c['rows']:,} | {r['bare']:.2f} s | {r['check']:.2f} s "
            f"| {r['check_ratio']:.2f} | {r['generate']:.2f} s | {r['build']:.2f} s | {r['plain']:.2f} s "
            f"| {r['build_ratio']:.3f} | {r['bare'] / r['plain']:.3f} | {r.get('pages_mb', 0):,.0f}, {r['build_mb']:,.0f} MB "
            f"| {r['html_pages']:,} "
            f"| {r['largest_page_kb']:,.0f} KB | {r['search_index_mb']:,.1f} MB "
            f"| {r['index']:.2f} s CPU, {r['index_wall']:.2f} s | {r['query_kb']:,.0f} KB in {r['query_requests']} requests |"
        )
    lines += [
        "",
        "| step | " + " | ".join(f"{b['factor']}× → {a['factor']}×" for b, a in itertools.pairwise(results)) + " |",
    ]
    lines.append("|---|" + "---|" * (len(results) - 1))
    for step in STEPS:
        ratios = [a[step] / b[step] for b, a in itertools.pairwise(results)]
        lines.append(f"| {step} | " + " | ".join(f"{ratio:.1f}×" for ratio in ratios) + " |")
    return "\n".join(lines)


def verdicts(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    small = [r for r in results if r["factor"] <= 10] or results
    worst = max(r["build_ratio"] for r in small)
    scales = ", ".join(f"{r['factor']}×" for r in small)
    lines.append(
        f"full build / plain MkDocs, worst of {scales}: {worst:.3f} "
        f"(target ≤ {TARGETS['build / plain MkDocs']}; search indexing is timed apart)"
    )
    worst = max(r["check_ratio"] for r in results)
    lines.append(f"check / bare YAML, worst scale: {worst:.2f} (target ≤ {TARGETS['check / bare YAML']})")
    steps = ("check", "generate", "build")
    worst = max(a[step] / b[step] for b, a in itertools.pairwise(results) for step in steps) if len(results) > 1 else 0
    lines.append(
        f"tenfold content, worst time growth (check, generation, build): {worst:.1f}× (target ≤ {TARGETS['tenfold cost']:g}×)"
    )
    floor = max(r["bare"] / r["plain"] for r in results)
    lines.append(
        f"bare YAML parsing alone / plain MkDocs, worst scale: {floor:.3f} (the part of the 0.10 build budget "
        "that reading the content with PyYAML's C loader takes before anything is validated or rendered)"
    )
    heaviest = max(results, key=lambda r: r["query_kb"])
    lines.append(
        f"one search for '{QUERY}', the most it fetched at any scale: {heaviest['query_kb']:,.0f} KB at "
        f"{heaviest['factor']}× (target ≤ 300 KB)"
    )
    largest = max(results, key=lambda r: r["largest_page_kb"])
    lines.append(
        f"largest HTML page at any scale: {largest['largest_page_kb']:.0f} KB, {largest['largest_page']} (target ≤ 500 KB)"
    )
    return lines


def plot(results: list[dict[str, Any]]) -> str:
    """A log-log SVG of seconds against content size, drawn by hand (no plotting library needed)."""
    import math

    width, height, left, bottom, top, right = 720, 440, 70, 50, 30, 170
    series = [
        ("plain", "plain MkDocs", "#888888"),
        ("build", "full build", "#3949ab"),
        ("generate", "generation", "#00897b"),
        ("check", "check", "#8e24aa"),
        ("bare", "bare YAML", "#f57c00"),
    ]
    factors = [r["factor"] for r in results]
    values = [r[key] for r in results for key, _, _ in series]
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    x_low, x_high = math.log10(min(factors)), max(math.log10(max(factors)), math.log10(min(factors)) + 1)

    def x(factor: float) -> float:
        return left + (math.log10(factor) - x_low) / (x_high - x_low) * (width - left - right)

    def y(seconds: float) -> float:
        return height - bottom - (math.log10(seconds) - low) / (high - low) * (height - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{left}" y="18" font-weight="bold">Seconds against content size (log–log)</text>',
    ]
    for power in range(low, high + 1):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(10**power):.1f}" y2="{y(10**power):.1f}" stroke="#ddd"/>'
        )
        parts.append(f'<text x="{left - 8}" y="{y(10**power) + 4:.1f}" text-anchor="end">{10.0**power:g} s</text>')
    for factor in factors:
        parts.append(f'<text x="{x(factor):.1f}" y="{height - bottom + 20}" text-anchor="middle">{factor}×</text>')
    for number, (key, label, colour) in enumerate(series):
        points = " ".join(f"{x(r['factor']):.1f},{y(r[key]):.1f}" for r in results)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for r in results:
            parts.append(f'<circle cx="{x(r["factor"]):.1f}" cy="{y(r[key]):.1f}" r="3.5" fill="{colour}"/>')
        parts.append(
            f'<rect x="{width - right + 16}" y="{top + 10 + number * 22}" width="14" height="4" fill="{colour}"/>'
        )
        parts.append(f'<text x="{width - right + 36}" y="{top + 16 + number * 22}">{label}</text>')
    parts.append(
        f'<text x="{(left + width - right) / 2}" y="{height - 8}" text-anchor="middle">content size (× the real content)</text>'
    )
    return "\n".join([*parts, "</svg>"]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100,1000", help="comma-separated multiples of the content")
    parser.add_argument("--workdir", default=str(ROOT / "bench-out"), help="where the synthetic projects go")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of every step below 1000× (one at 1000×)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the other scales' rows from benchmarks/results/scale.json (each row's ratios come from its own run)",
    )
    parser.add_argument("--results", default=str(RESULTS), help="where scale.md, scale.json and scale.svg go")
    args = parser.parse_args()
    results_dir = Path(args.results)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for factor in (int(value) for value in args.scales.split(",")):
        started = time.perf_counter()
        results.append(measure(factor, workdir, args.repeat if factor < 1000 else 1))
        results[-1]["measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        print(f"{factor}× measured in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if args.keep and (results_dir / "scale.json").exists():
        measured = {r["factor"] for r in results}
        earlier = json.loads((results_dir / "scale.json").read_text(encoding="utf-8"))
        results = sorted([*results, *(r for r in earlier if r["factor"] not in measured)], key=lambda r: r["factor"])
    when = ", ".join(f"{r['factor']}× {r.get('measured', '?')}" for r in results)
    report = "\n".join([table(results), "", *verdicts(results), f"measured: {when}"])
    print(report)
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "scale.md").write_text(report + "\n", encoding="utf-8")
    (results_dir / "scale.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (results_dir / "scale.svg").write_text(plot(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
