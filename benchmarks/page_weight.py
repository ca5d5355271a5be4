"""Page weight at every scale: what a reader's browser downloads for the home page and the glossary.

    .venv/bin/python benchmarks/page_weight.py            # the sites benchmarks/scale.py left in bench-out/
    .venv/bin/python benchmarks/page_weight.py --sites site   # one built site

Serves each built site with gzip, as GitHub Pages does (scripts/lighthouse.py's server), opens the
pages in Debian's Chromium with an empty cache and adds up every response: bytes on the wire, the
number of requests, and any request to another host (there must be none). Prints a table and
writes benchmarks/results/page-weight.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.preview import CHROMIUM_ARGS, free_port  # noqa: E402
from benchmarks.scale import RESULTS  # noqa: E402
from scripts.lighthouse import GitHubPagesLike  # noqa: E402

PAGES = {"home": "", "glossary": "glossary/"}


def weigh(site: Path, path: str, query: str | None = None) -> tuple[int, int, list[str]]:
    """(bytes transferred, requests, addresses on other hosts) for one page load with an empty cache;
    with a `query`, for searching it once the page has loaded instead (the page's own load not counted)."""
    from playwright.sync_api import Request, sync_playwright

    port = free_port()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(GitHubPagesLike, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    finished: list[Request] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            if query is not None:  # the page's own load is not counted
                page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="networkidle")
            # Playwright marks its handlers with an attribute, which a bound built-in method cannot take.
            page.on("requestfinished", lambda request: finished.append(request))  # noqa: PLW0108
            if query is None:
                page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="networkidle")
            else:
                page.click(".site-search-button")
                page.fill(".site-search__input", query)
                page.wait_for_selector(".site-search__result", timeout=600_000)
                page.wait_for_load_state("networkidle")
            sizes = [request.sizes() for request in finished]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    transferred = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
    foreign = [request.url for request in finished if urlsplit(request.url).hostname not in ("127.0.0.1", None)]
    return transferred, len(finished), foreign


def query_weight(site: Path, query: str) -> tuple[float, int]:
    """(KB transferred, requests) for one search typed into the search box of the glossary page."""
    transferred, requests, foreign = weigh(site, PAGES["glossary"], query)
    assert not foreign, foreign
    return transferred / 1024, requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", default=str(ROOT / "bench-out"), help="where benchmarks/scale.py built the sites")
    parser.add_argument("--sites", nargs="*", help="built sites to weigh (default: every x<N>-site in --workdir)")
    args = parser.parse_args()
    sites = [Path(site) for site in args.sites] if args.sites else None
    if sites is None:
        found = Path(args.workdir).glob("x*-site")
        sites = sorted((s for s in found if s.name[1:-5].isdigit()), key=lambda s: int(s.name[1:-5]))
    lines = ["| site | page | transferred (gzip) | requests | other hosts |", "|---|---|---|---|---|"]
    for site in sites:
        label = f"{site.name[1:-5]}×" if site.name.startswith("x") else site.name
        for name, path in PAGES.items():
            transferred, requests, foreign = weigh(site, path)
            line = f"| {label} | {name} | {transferred / 1024:.0f} KB | {requests} | {len(foreign)} |"
            print(line + (f" {foreign}" if foreign else ""), flush=True)
            lines.append(line)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "page-weight.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
