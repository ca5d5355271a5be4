"""glossary_links: the first mention of each term on a page links to it, nowhere it should not."""

from __future__ import annotations

import markdown

from explainer.glossary_links import GlossaryLinks, TermMatcher, TermTarget
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


def render(source: str, page: str = "faq.md") -> str:
    links = GlossaryLinks(MATCHER, TARGETS)
    links.for_page(page)
    return markdown.markdown(source, extensions=["attr_list", "md_in_html", "pymdownx.escapeall", links])


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
