"""render: the generated pages of the minimal fixture match the golden files in tests/golden/.

Refresh the golden files after an intended change with ``pytest tests/test_render.py --update-goldens``
(which rewrites them and fails), review the diff, and commit it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, GOLDEN, ROOT, TODAY, check_goldens, copy_project
from explainer import models, pipeline
from explainer.render import DATED_LISTED, Survey, cite_labels, render_site
from explainer.sitemap import GLOSSARY_PAGE_SIZE, TOPICS_PER_SECTION, glossary_pages, nav, page_url
from explainer.validate import DatedStatement


@pytest.fixture(scope="module")
def content() -> models.Content:
    checked = pipeline.check(FIXTURE, pipeline.Settings(), TODAY)
    assert checked.content is not None, checked.diagnostics
    return checked.content


@pytest.fixture(scope="module")
def pages(content: models.Content) -> dict[str, str]:
    checked = pipeline.check(FIXTURE, pipeline.Settings(), TODAY)
    survey = Survey(checked.dated, checked.coverage, TODAY)
    return render_site(content, {"index.md": "# Home\n\nTokens are small.\n"}, survey).pages


def test_every_page_matches_its_golden_file(pages: dict[str, str], update_goldens: bool) -> None:
    check_goldens(pages, GOLDEN / "markdown", update_goldens)


def test_rendering_is_the_same_in_a_fresh_process(content: models.Content, tmp_path: Path) -> None:
    """Nothing depends on the process: set order, hash seeds, caches (the other render runs with another seed)."""
    project = copy_project(tmp_path / "project", FIXTURE)
    generated = pipeline.generate(project, "LLMs vs Generative AI", "unused here")
    assert isinstance(generated, pipeline.Generated)
    here = generated.site
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "--config",
            str(project / "mkdocs.yml"),
            "render",
            "--out",
            str(tmp_path / "out"),
        ],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "out" / "docs"
    there = {page.relative_to(docs).as_posix(): page.read_text(encoding="utf-8") for page in docs.rglob("*.md")}
    assert there == {**here.pages, **here.handwritten}


def test_the_maintenance_page_lists_the_oldest_dated_statements_and_counts_the_rest(
    content: models.Content,
) -> None:
    def statement(number: int, date: str) -> DatedStatement:
        return DatedStatement("content/faqs.yaml", number + 1, 5, date, "FAQ 'x'", None, f"S{number}")

    newer = [statement(number, "2026-06") for number in range(30)]
    older = [statement(number, "2026-01") for number in range(30, 30 + DATED_LISTED)]
    page = render_site(content, {"index.md": "# Home\n"}, Survey(tuple(newer + older), (), TODAY)).pages[
        "editing/maintenance.md"
    ]
    listed = re.findall(r"^- \*\*as of (\w+ 2026)\*\*.*?: (S\d+) ·", page, re.MULTILINE)
    assert listed == [("January 2026", f"S{number}") for number in range(30, 30 + DATED_LISTED)]
    assert f"These are the {DATED_LISTED} oldest. 30 more are dated as of June 2026 or later;" in page


def test_glossary_links_and_backlinks(pages: dict[str, str]) -> None:
    glossary = pages["glossary/index.md"]
    token_entry = glossary[glossary.index("### Token") : glossary.index("### Tokenization")]
    assert "· [Home](../index.md)</p>" in token_entry
    assert "[FAQ\\: What is an LLM\\?](../faq.md#what-is-an-llm)" in glossary
    assert "Related: [Tokenization](#tokenization)" in glossary


def test_citation_labels_are_author_year_and_unique() -> None:
    def source(source_id: str, authors: str, year: int) -> models.Source:
        return models.Source.model_validate(
            {
                "id": source_id,
                "title": "T",
                "authors": authors,
                "year": str(year),
                "url": "https://example.com",
                "type": "paper",
                "reviewed": "2026-11-01",
            }
        )

    labels = cite_labels(
        [
            source("a", "Vaswani et al.", 2017),
            source("b", "Kingma, Welling", 2013),
            source("c", "Radford, Narasimhan, Salimans, Sutskever", 2018),
            source("d", "OpenAI", 2024),
            source("e", "OpenAI", 2024),
        ]
    )
    assert labels == {
        "a": "Vaswani et al. 2017",
        "b": "Kingma and Welling 2013",
        "c": "Radford et al. 2018",
        "d": "OpenAI 2024a",
        "e": "OpenAI 2024b",
    }


def test_many_works_with_one_label_get_longer_suffixes() -> None:
    from explainer.render import _letter_suffix

    assert [_letter_suffix(n) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
        "zz",
        "aaa",
    ]


def test_a_large_glossary_is_split_into_pages_of_consecutive_letters(content: models.Content) -> None:
    template = content.glossary.terms[0]
    letters = "a" * 3 + "b" * 4 + "c" * 10 + "d" * 2 + "m" * (GLOSSARY_PAGE_SIZE + 5) + "x" + "9"
    terms = [
        template.model_copy(update={"id": f"t-{number}", "term": f"{letter}term {number}"})
        for number, letter in enumerate(letters)
    ]
    pages = glossary_pages(terms)
    # "9term" files under "#" (other), which sorts first and shares a page with a and b.
    assert list(pages) == [
        "glossary/other-b.md",
        "glossary/c-d.md",
        "glossary/m.md",
        "glossary/m-2.md",
        "glossary/x.md",
    ]
    assert [len(group) for group in pages.values()] == [8, 12, GLOSSARY_PAGE_SIZE, 5, 1]


def test_hundreds_of_topics_go_in_numbered_sections_of_the_topics_section(content: models.Content) -> None:
    template = content.topics.topics[0]
    count = 2 * TOPICS_PER_SECTION + 3
    topics = [template.model_copy(update={"id": f"t{number}", "nav_title": f"T{number}"}) for number in range(count)]
    sections = [item for item in nav(topics) if "Topics" in item]
    assert len(sections) == 1
    numbered = sections[0]["Topics"]
    assert [list(section) for section in numbered] == [
        [f"Topics 1–{TOPICS_PER_SECTION}"],
        [f"Topics {TOPICS_PER_SECTION + 1}–{2 * TOPICS_PER_SECTION}"],
        [f"Topics {2 * TOPICS_PER_SECTION + 1}–{count}"],
    ]
    listed = [entry for section in numbered for entries in section.values() for entry in entries]
    assert listed == [{f"T{number}": f"t{number}.md"} for number in range(count)]
    few = next(item for item in nav(topics[:TOPICS_PER_SECTION]) if "Topics" in item)["Topics"]
    assert few == listed[:TOPICS_PER_SECTION]


def test_a_small_glossary_is_one_page(content: models.Content) -> None:
    assert list(glossary_pages(content.glossary.terms)) == ["glossary/index.md"]


@pytest.mark.parametrize(
    ("page", "url"),
    [("index.md", ""), ("faq.md", "faq/"), ("glossary/index.md", "glossary/"), ("glossary/t-2.md", "glossary/t-2/")],
)
def test_page_urls_follow_mkdocs_directory_urls(page: str, url: str) -> None:
    assert page_url(page) == url


def test_hand_written_pages_link_entries_by_id_outside_code(content: models.Content) -> None:
    markdown = (
        "See [](source:brown2020) and [the FAQ](faq:what-is-an-llm).\n\n`[](term:token)`\n\n```\n[x](term:token)\n```\n"
    )
    linked = render_site(content, {"editing/index.md": markdown}).handwritten["editing/index.md"]
    assert linked == (
        "<!-- glossary-links: page editing/index.md -->\n\n"
        "See [Brown et al\\. 2020](../references.md#brown2020) and [the FAQ](../faq.md#what-is-an-llm).\n\n"
        "`[](term:token)`\n\n```\n[x](term:token)\n```\n"
    )


def test_a_stray_backtick_hides_no_later_link(content: models.Content) -> None:
    markdown = "A stray ` backtick.\n\nThen [the FAQ](faq:what-is-an-llm), and `code` with [](term:token).\n"
    linked = render_site(content, {"index.md": markdown}).handwritten["index.md"]
    assert "[the FAQ](faq.md#what-is-an-llm)" in linked and "[Token](glossary/index.md#token)" in linked


def test_an_unknown_id_in_a_hand_written_page_is_located(content: models.Content) -> None:
    from explainer.validate import validate_pages

    problems = validate_pages(content, {"index.md": "Intro.\n\nSee [x](term:tokn) here.\n"}, "docs")
    assert [d.plain() for d in problems] == [
        "docs/index.md:3:9: error: link to unknown term 'tokn' (did you mean 'token'?)"
    ]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("faq.md", "glossary/index.md", "glossary/index.md"),
        ("glossary/index.md", "faq.md", "../faq.md"),
        ("glossary/t.md", "glossary/a-2.md", "a-2.md"),
        ("editing/fields.md", "glossary/t.md", "../glossary/t.md"),
        ("a/b/c.md", "a/d/e.md", "../d/e.md"),
        ("index.md", "index.md", ""),
    ],
)
def test_relative_links_match_posixpath(source: str, target: str, expected: str) -> None:
    import posixpath

    from explainer.sitemap import Location, relative

    assert relative(source, Location(target)) == expected
    if source != target:
        assert expected == posixpath.relpath(target, posixpath.dirname(source) or ".")
