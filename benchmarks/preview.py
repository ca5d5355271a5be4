"""Live preview latency: from saving a YAML file to the open page showing the change, in Chromium.

    .venv/bin/python benchmarks/preview.py                 # 1×, 100× and 1000×
    .venv/bin/python benchmarks/preview.py --scales 1      # a quick look

Uses the synthetic projects that benchmarks/scale.py leaves in bench-out/ (it makes any that are
missing). For each scale it starts ``build_site.py serve``, opens the FAQ page in Debian's
Chromium, then several times edits the first question in content/faqs.yaml and measures how long
until the open page shows the new text (the open page is built first), and how long until the
server has rebuilt every page; each edit starts with the server idle. Prints the times and writes
benchmarks/results/preview.md.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import RESULTS  # noqa: E402
from benchmarks.synthetic import scaled_project  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_server(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the preview server stopped")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the preview server did not start")


def wait_for_text(page: Any, text: str) -> None:
    """Wait until the open page shows `text`; the live reload may replace the page while we look."""
    from playwright.sync_api import Error

    while True:
        try:
            page.wait_for_function(
                "text => document.body !== null && document.body.innerText.includes(text)", arg=text, timeout=3_600_000
            )
            return
        except Error as error:  # "Execution context was destroyed": the reload happened mid-look
            if "destroyed" not in str(error) and "navigat" not in str(error):
                raise


def wait_for_rebuilds(log: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    """Wait until the server has finished `count` full builds after its first ("Documentation built";
    not "Reloading browsers", which it also says when a change needed no rebuild)."""
    while log.read_text(encoding="utf-8", errors="replace").count("Documentation built in") < count + 1:
        if process.poll() is not None:
            raise RuntimeError("the preview server stopped")
        time.sleep(0.05)


def measure(project: Path, edits: int, whole: bool = True) -> tuple[float, list[float], list[float]]:
    """Server start; for each edit, save → the open page shows it, and (if `whole`) save → every page rebuilt."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    log = project.parent / f"{project.name}-serve.log"
    started = time.monotonic()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "--config",
            str(project / "mkdocs.yml"),
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    faqs = project / "content" / "faqs.yaml"
    original = faqs.read_text(encoding="utf-8")
    anchor = "question: "
    first = original.index(anchor) + len(anchor)
    times: list[float] = []
    rebuilt: list[float] = []
    try:
        wait_for_server(port, process, timeout=3600)
        startup = time.monotonic() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/faq/")
            page.wait_for_timeout(1000)  # let the live-reload script connect
            for number in range(edits):
                marker = f"Preview edit {number} "
                saved = time.monotonic()
                faqs.write_text(original[:first] + marker + original[first:], encoding="utf-8")
                wait_for_text(page, marker.strip())
                times.append(time.monotonic() - saved)
                if whole:
                    wait_for_rebuilds(log, number + 1, process)  # the next edit starts with the server idle
                    rebuilt.append(time.monotonic() - saved)
                page.wait_for_timeout(500)
            browser.close()
    finally:
        faqs.write_text(original, encoding="utf-8")
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:  # at 1000× it may be deep in the full rebuild: do not wait for it
            process.kill()
            process.wait()
    return startup, times, rebuilt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,100,1000")
    parser.add_argument("--edits", type=int, default=5, help="edits per scale below 1000× (one at 1000×)")
    parser.add_argument("--workdir", default=str(ROOT / "bench-out"))
    parser.add_argument("--keep", action="store_true", help="keep the other scales' rows from results/preview.json")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for factor in (int(value) for value in args.scales.split(",")):
        project = Path(args.workdir) / f"x{factor}"
        if not (project / "mkdocs.yml").exists():
            scaled_project(ROOT, project, factor)
        # at 1000×, one edit, and not the full rebuild after it (a build's time, in the scale table)
        startup, times, rebuilt = measure(project, args.edits if factor < 1000 else 1, whole=factor < 1000)
        measured = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        rows.append(
            {
                "factor": factor,
                "start": startup,
                "edit": statistics.median(times),
                "edits": times,
                "measured": measured,
            }
            | ({"rebuilt": statistics.median(rebuilt)} if rebuilt else {})
        )
        print(line(rows[-1]), flush=True)
    saved = RESULTS / "preview.json"
    if args.keep and saved.exists():
        done = {row["factor"] for row in rows}
        rows += [row for row in json.loads(saved.read_text(encoding="utf-8")) if row["factor"] not in done]
    rows.sort(key=lambda row: row["factor"])
    lines = [
        "| scale | server start (first build) | save → page shows it (median) | all edits | save → every page rebuilt (median) | measured |",
        "|---|---|---|---|---|---|",
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "preview.md").write_text("\n".join([*lines, *map(line, rows)]) + "\n", encoding="utf-8")
    saved.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


def line(row: dict[str, Any]) -> str:
    edits = ", ".join(f"{t:.2f}" for t in row["edits"])
    rebuilt = f"{row['rebuilt']:.2f} s" if "rebuilt" in row else "—"
    return (
        f"| {row['factor']}× | {row['start']:.1f} s | {row['edit']:.2f} s | {edits} | {rebuilt} "
        f"| {row.get('measured', '?')} |"
    )


if __name__ == "__main__":
    sys.exit(main())
