"""Both engines build the same site from the same written sources: MkDocs with Material (the default)
and Zensical. The real content is built with each; what a reader meets must be the same, and every
page of both builds must pass the W3C HTML checker."""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT

pytestmark = pytest.mark.slow
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class _Reading(HTMLParser):
    """What a reader meets in a page's article: headings, anchors, links, and the page's JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str, str]] = []
        self.anchors: list[str] = []
        self.links: list[tuple[str, str, str, str]] = []
        self.json_ld: list[Any] = []
        self._article = 0
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._script = []
        if tag == "article":
            self._article += 1
        if not self._article:
            return
        if attributes.get("id") and attributes["id"] != "__skip":  # Zensical's skip-link target
            self.anchors.append(attributes["id"])
        if re.fullmatch(r"h[1-6]|a", tag):
            self._open.append((tag, attributes, []))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        for _, _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.json_ld.append(json.loads("".join(self._script)))
            self._script = None
        if tag == "article":
            self._article -= 1
        if self._open and self._open[-1][0] == tag:
            name, attributes, text = self._open.pop()
            words = " ".join("".join(text).split())
            if name == "a" and "href" in attributes:
                self.links.append(
                    (attributes.get("href", ""), attributes.get("class", ""), attributes.get("title", ""), words)
                )
            elif name != "a":
                self.headings.append((name, attributes.get("id", ""), words.rstrip("¶").strip()))


def reading(page: Path) -> _Reading:
    parsed = _Reading()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_both_engines_build_the_same_pages_with_the_same_headings_anchors_and_links(
    built_site: Path, zensical_site: Path
) -> None:
    assert pages(built_site) == pages(zensical_site)
    assert len(pages(built_site)) >= 20
    for page in pages(built_site):
        mkdocs, zensical = reading(built_site / page), reading(zensical_site / page)
        assert mkdocs.headings == zensical.headings, page
        assert mkdocs.anchors == zensical.anchors, page
        glossary = [link for link in mkdocs.links if "glossary-link" in link[1]]
        assert glossary == [link for link in zensical.links if "glossary-link" in link[1]], page
        citations = [link for link in mkdocs.links if "/references/" in link[0] or link[0].startswith("#")]
        assert citations == [link for link in zensical.links if "/references/" in link[0] or link[0].startswith("#")]
        assert mkdocs.links == zensical.links, page
        assert mkdocs.json_ld == zensical.json_ld, page


def test_both_engines_publish_the_same_data_and_a_search_index(built_site: Path, zensical_site: Path) -> None:
    for name in ("glossary.json", "comparison.json", "faqs.json", "llms.txt", "robots.txt"):
        assert (built_site / name).read_bytes() == (zensical_site / name).read_bytes(), name
    for site in (built_site, zensical_site):
        assert (site / "pagefind" / "pagefind-entry.json").is_file()
        assert not (site / "search" / "search_index.json").exists()


def test_the_glossary_links_carry_the_same_tooltips_in_both_engines(built_site: Path, zensical_site: Path) -> None:
    for site in (built_site, zensical_site):
        links = [
            link for link in reading(site / "large-language-models" / "index.html").links if "glossary-link" in link[1]
        ]
        assert len(links) >= 5 and all(link[2] for link in links), site


def html_errors(site: Path) -> list[str]:
    """Every error the W3C Nu HTML Checker finds in the built pages (none is filtered out)."""
    if not VNU.is_file():
        message = "the W3C HTML checker is missing: run 'npm ci --ignore-scripts' (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, sorted(site.rglob("*.html")))],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    return [line.replace(str(site) + "/", "") for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_page_is_valid_html(engine: str, built_site: Path, zensical_site: Path) -> None:
    assert html_errors(built_site if engine == "mkdocs" else zensical_site) == []


def test_the_html_checker_would_find_an_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><input type="checkbox" autocomplete="off"></body></html>'
    )
    assert len(html_errors(tmp_path)) == 1


ZENSICAL_PAGES = ["", "large-language-models/", "comparison/", "faq/", "glossary/", "timeline/", "references/"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ZENSICAL_PAGES)
def test_the_zensical_build_loads_cleanly_and_passes_axe(
    browser: Any, zensical_site_url: str, url: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.goto(zensical_site_url + url)
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    for details in tab.locator("details").all():
        details.evaluate("element => element.open = true")
    violations = [v["id"] for v in Axe().run(tab).response["violations"]]
    context.close()
    assert (violations, problems) == ([], [])
