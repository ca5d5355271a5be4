# Role: render helper — where every page and entry lives, and links between them.
"""The site's address book: which page each kind of entry is on, and relative links to it.

Pages are named by their path under ``docs/`` (``faq.md``, ``glossary/index.md``); MkDocs turns
the relative ``.md`` links written here into final URLs and checks that every target exists.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from . import models

PAGES = {
    "comparison": "comparison.md",
    "use-case": "when-to-use.md",
    "industry": "applications.md",
    "trend": "trends.md",
    "misconception": "misconceptions.md",
    "faq": "faq.md",
    "source": "references.md",
    "event": "timeline.md",
}
"""The page holding every entry of a kind (terms and topics are placed by `SiteMap`)."""
GLOSSARY_INDEX = "glossary/index.md"
GLOSSARY_PAGE_SIZE = 150
"""Most terms on one glossary page; a larger glossary is split by first letter, then in parts."""


@dataclass(frozen=True)
class Location:
    page: str
    anchor: str | None = None


class SiteMap:
    """Locations of pages and entries for one version of the content."""

    def __init__(self, content: models.Content) -> None:
        self.glossary_pages = glossary_pages(content.glossary.terms)
        self._terms: dict[str, Location] = {
            term.id: Location(page, term.id) for page, terms in self.glossary_pages.items() for term in terms
        }
        self._topics: dict[str, Location] = {topic.id: Location(f"{topic.id}.md") for topic in content.topics.topics}

    def locate(self, kind: str, entry_id: str) -> Location:
        if kind == "term":
            return self._terms[entry_id]
        if kind == "topic":
            return self._topics[entry_id]
        if kind == "row":
            return Location(PAGES["comparison"], entry_id)
        return Location(PAGES[kind], entry_id)

    def link(self, from_page: str, kind: str, entry_id: str) -> str:
        """A relative Markdown link target from `from_page` to an entry."""
        return relative(from_page, self.locate(kind, entry_id))


def relative(from_page: str, to: Location) -> str:
    path = to.page if to.page != from_page else ""
    if path:
        path = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return path + (f"#{to.anchor}" if to.anchor else "")


def initial(term: models.Term) -> str:
    """The letter a term is filed under: A–Z, or '#' for anything else."""
    first = term.term.strip()[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def glossary_pages(terms: list[models.Term]) -> dict[str, list[models.Term]]:
    """Terms in alphabetical order, grouped into pages.

    A glossary that fits on one page lives on ``glossary/index.md``; a larger one gets a page per
    letter (``glossary/t.md``), and a letter with more terms than a page holds is split into parts
    (``glossary/t-2.md``). The index page then lists the letters.
    """
    ordered = sorted(terms, key=lambda term: (term.term.casefold(), term.id))
    if len(ordered) <= GLOSSARY_PAGE_SIZE:
        return {GLOSSARY_INDEX: ordered}
    letters: dict[str, list[models.Term]] = {}
    for term in ordered:
        letters.setdefault(initial(term), []).append(term)
    pages: dict[str, list[models.Term]] = {}
    for letter, group in letters.items():
        slug = "other" if letter == "#" else letter.lower()
        for part, start in enumerate(range(0, len(group), GLOSSARY_PAGE_SIZE), start=1):
            name = slug if part == 1 else f"{slug}-{part}"
            pages[f"glossary/{name}.md"] = group[start : start + GLOSSARY_PAGE_SIZE]
    return pages


def page_url(page: str) -> str:
    """The URL of a page relative to the site root, as MkDocs makes it ('faq.md' → 'faq/')."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
