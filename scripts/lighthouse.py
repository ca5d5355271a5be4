"""Lighthouse scores of every page type, served with gzip the way GitHub Pages serves the site.

    .venv/bin/python scripts/lighthouse.py            # builds the site first, then audits it
    .venv/bin/python scripts/lighthouse.py --no-build # audit the existing site/

Installs the npm package `lighthouse` into .lighthouse/ on first use and drives Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium). Prints the four category scores per page
type, for the mobile (Lighthouse's default) and desktop presets, with what each page costs (bytes
transferred, requests, unused CSS and JavaScript, blocking time), and writes them to
benchmarks/results/lighthouse.md. Goal: 100 in accessibility, best practices and SEO, at least 98
in mobile performance.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".lighthouse"
PAGE_TYPES = {
    "home": "",
    "topic (LLMs)": "large-language-models/",
    "how they relate": "how-they-relate/",
    "comparison": "comparison/",
    "when to use": "when-to-use/",
    "applications": "applications/",
    "trends": "trends/",
    "timeline": "timeline/",
    "misconceptions": "misconceptions/",
    "faq": "faq/",
    "glossary index": "glossary/",
    "glossary entries": "",  # the first letter page, found in the built site
    "references": "references/",
    "editing guide": "editing/",
    "field reference": "editing/fields/",
    "maintenance": "editing/maintenance/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GitHubPagesLike(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and GitHub Pages' caching header (max-age=600)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def ensure_lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(exist_ok=True)
        print("installing lighthouse from npm into .lighthouse/ ...", file=sys.stderr)
        subprocess.run(
            ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "lighthouse@12"], check=True
        )
    return binary


def audit(binary: Path, url: str, preset: str) -> dict[str, int]:
    """The four category scores (0-100) and what the page cost: bytes transferred, requests, and
    the bytes of CSS and JavaScript that Lighthouse found unused on the page."""
    chrome_flags = (
        "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run --disable-quic"
    )
    command = [
        str(binary),
        url,
        "--output=json",
        "--quiet",
        f"--chrome-flags={chrome_flags}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    report = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout)
    audits = report["audits"]
    results = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    results["transferred"] = round(audits["total-byte-weight"]["numericValue"])
    results["requests"] = len(audits["network-requests"]["details"]["items"])
    results["unused"] = sum(
        round(audits[name].get("details", {}).get("overallSavingsBytes", 0))
        for name in ("unused-javascript", "unused-css-rules")
    )
    results["tbt"] = round(audits["total-blocking-time"]["numericValue"])
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true", help="audit the existing site/ without rebuilding")
    parser.add_argument("--port", type=int, default=8000, help="serve on 127.0.0.1:PORT (the site's default URL)")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run([sys.executable, str(ROOT / "build_site.py")], check=True)
    binary = ensure_lighthouse()
    letters = sorted(page.parent.name for page in (ROOT / "site" / "glossary").glob("*/index.html"))
    PAGE_TYPES["glossary entries"] = f"glossary/{letters[0]}/"
    handler = functools.partial(GitHubPagesLike, directory=str(ROOT / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    lines = [
        "| page | preset | performance | accessibility | best practices | SEO "
        "| transferred | requests | unused CSS+JS | blocking time |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    worst: dict[str, int] = dict.fromkeys(CATEGORIES, 100)
    try:
        for name, path in PAGE_TYPES.items():
            for preset in ("mobile", "desktop"):
                # Scores move by several points between runs on a shared machine: keep the median of three.
                runs = [audit(binary, f"http://127.0.0.1:{args.port}/{path}", preset) for _ in range(3)]
                scores = {key: sorted(run[key] for run in runs)[1] for key in runs[0]}
                worst = {category: min(worst[category], scores[category]) for category in CATEGORIES}
                line = (
                    f"| {name} | {preset} | "
                    + " | ".join(str(scores[c]) for c in CATEGORIES)
                    + f" | {scores['transferred'] / 1024:.0f} KB | {scores['requests']}"
                    + f" | {scores['unused'] / 1024:.0f} KB | {scores['tbt']} ms |"
                )
                print(line, flush=True)
                lines.append(line)
    finally:
        server.shutdown()
        server.server_close()
    summary = "lowest scores: " + ", ".join(f"{category} {worst[category]}" for category in CATEGORIES)
    print(summary)
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "lighthouse.md").write_text("\n".join([*lines, "", summary]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
