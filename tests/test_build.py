"""The built site, as a reader's browser receives it: pages, anchors, tables, FAQs, metadata."""

from __future__ import annotations

import json
import re
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml

from conftest import FIXTURE, GOLDEN, ROOT, check_goldens

pytestmark = pytest.mark.slow


class _Collect(HTMLParser):
    """Elements with their attributes, and the text inside each element id'd by `within`."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    collector = _Collect()
    collector.feed(html)
    return collector.elements


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class Raw:
    """The content as the YAML files hold it, read without the generator (what the pages must show)."""

    def __init__(self) -> None:
        def read(name: str) -> Any:
            return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))

        self.terms: list[dict[str, Any]] = read("glossary.yaml")["terms"]
        comparison = read("comparison.yaml")
        self.rows: list[dict[str, Any]] = comparison["rows"]
        self.subjects: list[dict[str, Any]] = comparison["subjects"]
        self.faqs: list[dict[str, Any]] = read("content/faqs.yaml")["faqs"]


@pytest.fixture(scope="module")
def content() -> Raw:
    return Raw()


def test_the_navigation_lists_every_topic_and_every_page_it_links_exists(built_site: Path) -> None:
    links = nav_links(page(built_site, ""))
    targets = {urljoin("/", href).split("#")[0] for href in links}
    assert len(targets) >= 14
    for target in targets:
        assert (built_site / target.lstrip("/") / "index.html").is_file(), target
    topics = yaml.safe_load((ROOT / "content" / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    assert {f"/{topic['id']}/" for topic in topics} <= targets
    assert {"/comparison/", "/faq/", "/glossary/", "/references/", "/editing/"} <= targets
    # The editors' section is folded into its first page outside it, and open on its own pages.
    assert "/editing/fields/" not in targets
    editing = page(built_site, "editing")
    assert 'href="fields/"' in editing and 'href="maintenance/"' in editing


def nav_links(html: str) -> list[str]:
    return [attrs["href"] for tag, attrs in elements(html) if tag == "a" and "md-nav__link" in attrs.get("class", "")]


def test_many_topics_go_in_a_section_that_only_its_own_pages_list(tmp_path: Path) -> None:
    """Past seven topics, the navigation groups them, so a page outside the group does not carry every topic."""
    import build_site
    from benchmarks.synthetic import scaled_project

    scaled_project(ROOT, tmp_path / "project", 3)
    site = tmp_path / "site"
    assert build_site.main(["--config", str(tmp_path / "project" / "mkdocs.yml"), "--site-dir", str(site)]) == 0
    topics = yaml.safe_load((tmp_path / "project" / "content" / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    assert len(topics) == 9
    urls = [f"{topic['id']}/" for topic in topics]
    glossary = page(site, "glossary")
    glossary_links = nav_links(glossary)
    assert [link for link in glossary_links if link.lstrip("./") in urls] == [f"../{urls[0]}"]
    assert re.search(
        r'<a href="\.\./' + re.escape(urls[0]) + r'" class="md-nav__link">\s*<span class="md-ellipsis">\s*Topics',
        glossary,
    )
    topic_links = [urljoin(f"/{urls[4]}", link) for link in nav_links(page(site, urls[4]))]
    assert [f"/{url}" for url in urls] == [link for link in topic_links if link.lstrip("/") in urls]


def test_every_glossary_term_has_its_anchor(built_site: Path, content: Raw) -> None:
    ids = {
        attrs.get("id")
        for html in (built_site / "glossary").rglob("index.html")
        for _, attrs in elements(html.read_text())
    }
    missing = [term["id"] for term in content.terms if term["id"] not in ids]
    assert missing == []


def test_the_comparison_table_has_one_row_per_yaml_row(built_site: Path, content: Raw) -> None:
    html = page(built_site, "comparison")
    start = re.search(r"<table[^>]*comparison-table", html)
    assert start
    table = html[start.start() : html.index("</table>")]
    rows = [attrs["id"] for tag, attrs in elements(table) if tag == "tr" and "id" in attrs]
    assert rows == [row["id"] for row in content.rows]
    header_cells = [tag for tag, attrs in elements(table) if tag == "th" and attrs.get("scope") == "col"]
    assert len(header_cells) == 1 + len(content.subjects)


def test_each_faq_appears_once(built_site: Path, content: Raw) -> None:
    html = page(built_site, "faq")
    details = [attrs["id"] for tag, attrs in elements(html) if tag == "details" and "id" in attrs]
    assert sorted(details) == sorted(faq["id"] for faq in content.faqs)
    for faq in content.faqs:
        assert html.count(f"<summary>{html_escape(faq['question'], quote=False)}</summary>") == 1, faq["question"]


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_every_page_has_a_meta_description_and_opengraph_tags(built_site: Path) -> None:
    for html_file in all_pages(built_site):
        metas = [attrs for tag, attrs in elements(html_file.read_text()) if tag == "meta"]
        names = {attrs.get("name") or attrs.get("property"): attrs.get("content", "") for attrs in metas}
        assert len(names.get("description", "")) > 40, html_file
        assert names.get("og:title") and names.get("og:description"), html_file


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for html_file in list(built_site.rglob("*.html")):
        for tag, attrs in elements(html_file.read_text()):
            loaded = attrs.get("src") if tag in ("script", "img", "iframe", "source", "audio", "video") else None
            if tag == "link" and attrs.get("rel") not in ("canonical", "prev", "next", "alternate"):
                loaded = attrs.get("href")
            assert not (loaded and re.match(r"^(https?:)?//", loaded)), f"{html_file}: {tag} {loaded}"
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), css
        assert "@import" not in css.read_text() or "fonts.googleapis" not in css.read_text()


def test_structured_data_is_valid_json_ld(built_site: Path, content: Raw) -> None:
    def json_ld(html: str) -> dict[str, Any]:
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert found
        return json.loads(found.group(1))

    faq = json_ld(page(built_site, "faq"))
    assert faq["@type"] == "FAQPage"
    assert [q["name"] for q in faq["mainEntity"]] == [f["question"] for f in content.faqs]
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in faq["mainEntity"])
    glossary = json_ld(page(built_site, "glossary"))
    assert glossary["@type"] == "DefinedTermSet"
    assert len(glossary["hasDefinedTerm"]) == len(content.terms)


def test_exports_and_sitemap_are_built_with_the_site(built_site: Path, content: Raw) -> None:
    glossary = json.loads((built_site / "glossary.json").read_text())
    assert [t["id"] for t in glossary["terms"]] == [t["id"] for t in content.terms]
    assert all((built_site / t["url"].split("#")[0] / "index.html").is_file() for t in glossary["terms"])
    comparison = json.loads((built_site / "comparison.json").read_text())
    assert len(comparison["rows"]) == len(content.rows)
    faqs = json.loads((built_site / "faqs.json").read_text())
    assert len(faqs["faqs"]) == len(content.faqs)
    assert (built_site / "llms.txt").read_text().startswith("# LLMs vs Generative AI\n\n> ")
    assert "<loc>" in (built_site / "sitemap.xml").read_text()


def test_first_mentions_link_to_the_glossary_with_a_tooltip(built_site: Path, content: Raw) -> None:
    html = page(built_site, "large-language-models")
    links = [attrs for tag, attrs in elements(html) if tag == "a" and "glossary-link" in attrs.get("class", "")]
    assert len(links) >= 5
    hrefs = [link["href"] for link in links]
    assert len(hrefs) == len(set(hrefs)), "a term was linked twice on one page"
    summaries = {term["id"]: term["summary"] for term in content.terms}
    for link in links:
        assert link["href"].startswith("../glossary/"), link
        assert link["title"] == summaries[link["href"].split("#")[1]], "the tooltip is the term's summary as typed"


def test_every_source_cited_is_on_the_references_page(built_site: Path) -> None:
    references = {attrs.get("id") for _, attrs in elements(page(built_site, "references"))}
    for html_file in all_pages(built_site):
        for tag, attrs in elements(html_file.read_text()):
            href = attrs.get("href", "")
            if tag == "a" and "references/#" in href:
                assert href.split("#", 1)[1] in references, f"{html_file}: {href}"


GOLDEN_PAGES = [
    "",
    "faq/",
    "glossary/",
    "comparison/",
    "large-language-models/",
    "how-they-relate/",
    "references/",
    "editing/maintenance/",
]


def test_the_built_pages_match_their_golden_html(minimal_site: Path, update_goldens: bool) -> None:
    """What a reader's browser gets for each kind of page: the article, after MkDocs and the hook-free build."""
    articles = {}
    for url in GOLDEN_PAGES:
        html = page(minimal_site, url)
        start = html.index("<article")
        articles[(url or "index/") + "article.html"] = html[start : html.index("</article>", start) + 10] + "\n"
    check_goldens(articles, GOLDEN / "html", update_goldens)


def test_locators_dates_and_secondary_sources_show_on_the_page(minimal_site: Path) -> None:
    """What the fixture's YAML says, as a reader sees it (the fixture files are read here, not the generator)."""
    topics = yaml.safe_load((FIXTURE / "content" / "topics.yaml").read_text(encoding="utf-8"))
    example = topics["topics"][0]["examples"][0]
    assert (example["as_of"], example["sources"][0]["at"]) == ("2026-10", "Table 2.1")
    llm = page(minimal_site, "large-language-models")
    assert '<a href="../references/#brown2020">Brown et al. 2020, Table 2.1</a>' in llm
    assert '(<time datetime="2026-10">as of October 2026</time>)' in llm
    faq = page(minimal_site, "faq")
    assert 'chat assistants are built on them <time datetime="2026-09">as of September 2026</time>.' in faq
    references = page(minimal_site, "references")
    entry = references[references.index('id="openai2024gpt4o"') :].split("</p>", 1)[0]
    assert '<em class="source-note">Secondary source: announcement.</em>' in entry
    assert '<em class="source-note">' not in references[references.index('id="brown2020"') :].split("</p>", 1)[0]
    maintenance = page(minimal_site, "editing/maintenance")
    dated = maintenance[maintenance.index('id="dated-statements"') :]
    assert dated.index("as of September 2026") < dated.index("as of October 2026"), "oldest first"
