"""Where a full build's time goes, step by step, beside plain MkDocs of the same pages.

    .venv/bin/python benchmarks/breakdown.py                  # the real content, five rounds
    .venv/bin/python benchmarks/breakdown.py bench-out/x10    # a project benchmarks/scale.py made

Each round runs, in one fresh Python process timed after its imports (CPU seconds), the steps of
``build_site.py build`` one after the other: check (read, validate, cross-check), render (pages
and exports), write the sources, the engine (MkDocs with the glossary linker), and the post-build
tripwire with the Content-Security-Policy rewrite; then, in another fresh process, plain MkDocs of
the sources ``render --out`` wrote, without the glossary linker (as benchmarks/scale.py does).
Prints the median of each step and its share of plain MkDocs. Not part of `make bench`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import CHILD, plain_project  # noqa: E402

STEPS = ("check", "render", "write sources", "engine", "tripwire and CSP")

BUILD_STEPS = """
import json, sys, tempfile, time
from pathlib import Path
from explainer import emit, pipeline, postbuild
from explainer.engines import mkdocs as engine

root = Path(sys.argv[1])
emit.set_source_date_epoch(root)
clock, times = time.process_time, []
start = clock()
pipeline.check(root)
times.append(clock() - start)
start = clock()
generated = pipeline.generate(root, "LLMs vs Generative AI", "")
times.append(clock() - start)
start = clock()
scratch = Path(tempfile.mkdtemp())
config = emit.write_tree(generated, root / "mkdocs.yml", scratch / "sources")
times.append(clock() - start)
start = clock()
built = engine.build(config, scratch / "site", False, root / "docs")
times.append(clock() - start)
start = clock()
assert built.ok and not postbuild.secure_site(scratch / "site", built.base_path, list(built.template_dirs))
times.append(clock() - start)
print(json.dumps(times))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", nargs="?", default=str(ROOT))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    project = Path(args.project).resolve()
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    rounds: list[list[float]] = []
    plain: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        sources = Path(scratch) / "plain"
        plain_project(project, sources)
        for _ in range(args.rounds):
            steps = subprocess.run(
                [sys.executable, "-c", BUILD_STEPS, str(project)], capture_output=True, text=True, env=env, check=True
            )
            rounds.append(json.loads(steps.stdout.strip().splitlines()[-1]))
            built = subprocess.run(
                [sys.executable, "-c", CHILD["plain"], str(sources), str(Path(scratch) / "plain-site")],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            plain.append(float(built.stdout.strip().splitlines()[-1].split()[0]))
    baseline = statistics.median(plain)
    medians = [statistics.median(times[index] for times in rounds) for index in range(len(STEPS))]
    print(f"{project.name}: {args.rounds} rounds, CPU seconds (median), share of plain MkDocs")
    for step, seconds in zip(STEPS, medians, strict=True):
        print(f"  {step:<18} {seconds:7.3f} s  {seconds / baseline:6.1%}")
    print(f"  {'all steps':<18} {sum(medians):7.3f} s  {sum(medians) / baseline:6.1%}")
    print(f"  {'plain MkDocs':<18} {baseline:7.3f} s  {1:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
