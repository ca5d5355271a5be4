"""glossary_links: the first mention of each term on a page links to it, nowhere it should not."""

from __future__ import annotations

from pathlib import Path

import markdown

from explainer.glossary_links import GlossaryLinks, TermMatcher, TermTarget, makeExtension, with_page_marker
from explainer.sitemap import Location

MATCHER = TermMatcher(
    [
        ("Token", "token", False),
        ("tokens", "token", False),
        ("Large language model", "llm", False),
        ("LLMs", "llm", False),
        ("LLM", "llm", True),
        ("Generative AI", "genai", False),
        ("AI", "ai", True),
    ]
)
TARGETS = {
    "token": TermTarget("token", 'A piece of "text".', Location("glossary/index.md", "token")),
    "llm": TermTarget("llm", "A big model of text.", Location("glossary/index.md", "llm")),
    "genai": TermTarget("genai", "AI that makes content.", Location("glossary/index.md", "genai")),
    "ai": TermTarget("ai", "Artificial intelligence.", Location("glossary/index.md", "ai")),
}


def render(source: str, page: str | None = "faq.md") -> str:
    links = GlossaryLinks(MATCHER, TARGETS)
    marked = with_page_marker(page, source) if page else source
    return markdown.markdown(marked, extensions=["attr_list", "md_in_html", "pymdownx.escapeall", links])


def test_longest_phrase_wins_and_abbreviations_are_case_sensitive() -> None:
    found = [
        (text[a:b], term)
        for text in ["Generative AI uses an LLM, not an llm; ai is not AI."]
        for a, b, term in MATCHER.find(text)
    ]
    assert found == [("Generative AI", "genai"), ("LLM", "llm"), ("AI", "ai")]


def test_only_the_first_mention_on_a_page_is_linked_with_its_summary_as_title() -> None:
    html = render("Tokens matter. A token is small.\n\nMore tokens.")
    assert html == (
        '<p><a class="glossary-link" href="glossary/index.md#token" title="A piece of &quot;text&quot;.">Tokens</a>'
        " matter. A token is small.</p>\n<p>More tokens.</p>"
    )


def test_no_links_in_headings_code_links_or_the_terms_own_entry() -> None:
    html = render(
        "## Tokens\n\n`token` and [a token](https://example.com)\n\n"
        '<div data-term="token" markdown>\n\nA token here, and an LLM.\n\n</div>\n\nA token at last."'
    )
    assert html.count("glossary-link") == 2
    assert "<h2>Tokens</h2>" in html and "<code>token</code>" in html
    assert 'an <a class="glossary-link" href="glossary/index.md#llm"' in html
    assert (
        'A <a class="glossary-link" href="glossary/index.md#token" title="A piece of &quot;text&quot;.">token</a> at last.'
        in html
    )


def test_links_are_relative_to_the_page() -> None:
    assert 'href="../glossary/index.md#token"' in render("A token.", page="editing/index.md")
    assert 'href="#token"' in render("A token.", page="glossary/index.md")


def test_escaped_punctuation_does_not_hide_a_mention() -> None:
    assert 'class="glossary-link"' in render("Large language model\\.")


def test_a_page_without_its_marker_gets_no_links() -> None:
    assert "glossary-link" not in render("A token.", page=None)
    assert "glossary-links: page" not in render("A token.")


def test_no_links_inside_inline_html_code_or_links() -> None:
    html = render('A <code>token</code> and <a href="https://example.com">an LLM</a>, then a token and an LLM.')
    assert html == (
        '<p>A <code>token</code> and <a href="https://example.com">an LLM</a>, then a '
        '<a class="glossary-link" href="glossary/index.md#token" title="A piece of &quot;text&quot;.">token</a> and an '
        '<a class="glossary-link" href="glossary/index.md#llm" title="A big model of text.">LLM</a>.</p>'
    )


def test_named_in_the_configuration_it_reads_the_terms_from_a_file(tmp_path: Path) -> None:
    terms = tmp_path / "terms.json"
    terms.write_bytes(GlossaryLinks(MATCHER, TARGETS).to_json())
    html = markdown.markdown(
        with_page_marker("faq.md", "Tokens and LLMs."),
        extensions=["explainer.glossary_links"],
        extension_configs={"explainer.glossary_links": {"terms": str(terms)}},
    )
    assert html == (
        '<p><a class="glossary-link" href="glossary/index.md#token" title="A piece of &quot;text&quot;.">Tokens</a>'
        ' and <a class="glossary-link" href="glossary/index.md#llm" title="A big model of text.">LLMs</a>.</p>'
    )
    assert makeExtension(terms=str(terms)).targets == TARGETS
