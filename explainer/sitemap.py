# Role: render helper — where every page and entry lives, and links between them.
"""The site's address book: which page each kind of entry is on, and relative links to it.

Pages are named by their path under ``docs/`` (``faq.md``, ``glossary/index.md``); MkDocs turns
the relative ``.md`` links written here into final URLs and checks that every target exists.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import models


@dataclass(frozen=True)
class Collection:
    """A list of entries shown on one page, or split over numbered pages when it grows."""

    first_page: str
    per_page: int


COLLECTIONS = {
    "row": Collection("comparison.md", 150),
    "use-case": Collection("when-to-use.md", 60),
    "industry": Collection("applications.md", 40),
    "trend": Collection("trends.md", 40),
    "misconception": Collection("misconceptions.md", 60),
    "faq": Collection("faq.md", 60),
    "source": Collection("references.md", 300),
    "event": Collection("timeline.md", 150),
}
"""Where each kind of entry is listed, and how many fit on a page (pages stay well under 500 KB)."""
GLOSSARY_INDEX = "glossary/index.md"
GLOSSARY_SINGLE_PAGE = 20
"""Up to this many terms, the whole glossary is one page."""
GLOSSARY_PAGE_SIZE = 15
"""About this many full entries per glossary page: long pages of definitions are slow on phones."""
GLOSSARY_INDEX_LIST = 1000
"""Up to this many terms, the index lists every term with its summary; beyond, only the letters."""


@dataclass(frozen=True)
class Location:
    page: str
    anchor: str | None = None


class SiteMap:
    """Locations of pages and entries for one version of the content."""

    def __init__(self, content: models.Content) -> None:
        self.glossary_pages = glossary_pages(content.glossary.terms)
        group_order = {group.id: number for number, group in enumerate(content.faqs.groups)}
        entries: dict[str, list[Any]] = {
            "row": list(content.comparison.rows),
            "use-case": list(content.use_cases.use_cases),
            "industry": list(content.applications.industries),
            "trend": list(content.trends.trends),
            "misconception": list(content.misconceptions.misconceptions),
            "faq": sorted(content.faqs.faqs, key=lambda faq: group_order[faq.group]),
            "source": sorted(content.sources.sources, key=lambda source: (source.year, source.id)),
            "event": sorted(content.timeline.events, key=lambda event: (event.date, event.id)),
        }
        self.pages: dict[str, list[tuple[str, list[Any]]]] = {
            kind: paginate(COLLECTIONS[kind], items) for kind, items in entries.items()
        }
        self._where: dict[tuple[str, str], Location] = {
            (kind, entry.id): Location(page, entry.id)
            for kind, pages in self.pages.items()
            for page, chunk in pages
            for entry in chunk
        }
        self._where.update(
            (("term", term.id), Location(page, term.id))
            for page, terms in self.glossary_pages.items()
            for term in terms
        )
        self._where.update((("topic", topic.id), Location(f"{topic.id}.md")) for topic in content.topics.topics)

    def locate(self, kind: str, entry_id: str) -> Location:
        return self._where[(kind, entry_id)]

    def link(self, from_page: str, kind: str, entry_id: str) -> str:
        """A relative Markdown link target from `from_page` to an entry."""
        return relative(from_page, self.locate(kind, entry_id))


def paginate(collection: Collection, items: list[Any]) -> list[tuple[str, list[Any]]]:
    """The pages of a collection: the first at its usual name, then ``name-2.md``, ``name-3.md``…"""
    stem = collection.first_page.removesuffix(".md")
    chunks = [items[start : start + collection.per_page] for start in range(0, len(items), collection.per_page)]
    return [
        (collection.first_page if number == 1 else f"{stem}-{number}.md", chunk)
        for number, chunk in enumerate(chunks or [[]], start=1)
    ]


def relative(from_page: str, to: Location) -> str:
    """The link from one page under docs/ to a place on another (or the same) page."""
    path = _relative_path(posixpath.dirname(from_page), to.page) if to.page != from_page else ""
    return path + (f"#{to.anchor}" if to.anchor else "")


@lru_cache(maxsize=4096)
def _relative_path(from_directory: str, to_page: str) -> str:
    """Like posixpath.relpath for two paths under docs/, without touching the file system."""
    source = from_directory.split("/") if from_directory else []
    target = to_page.split("/")
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def initial(term: models.Term) -> str:
    """The letter a term is filed under: A–Z, or '#' for anything else."""
    first = term.term.strip()[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def glossary_pages(terms: list[models.Term]) -> dict[str, list[models.Term]]:
    """Terms in alphabetical order, grouped into the pages that hold their entries.

    A small glossary lives whole on ``glossary/index.md``. A larger one keeps an index there (every
    term with its summary, or at scale just the letters) and puts the entries on pages of
    consecutive letters, about `GLOSSARY_PAGE_SIZE` terms each (``glossary/a-c.md``,
    ``glossary/t.md``); a letter with more terms than that is split into parts (``glossary/t-2.md``).
    """
    ordered = sorted(terms, key=lambda term: (term.term.casefold(), term.id))
    if len(ordered) <= GLOSSARY_SINGLE_PAGE:
        return {GLOSSARY_INDEX: ordered}
    letters: dict[str, list[models.Term]] = {}
    for term in ordered:
        letters.setdefault(initial(term), []).append(term)
    pages: dict[str, list[models.Term]] = {}
    pending: list[tuple[str, list[models.Term]]] = []

    def flush() -> None:
        if pending:
            first, last = _letter_name(pending[0][0]), _letter_name(pending[-1][0])
            name = first if first == last else f"{first}-{last}"
            pages[f"glossary/{name}.md"] = [term for _, group in pending for term in group]
            pending.clear()

    for letter, group in letters.items():
        if len(group) > GLOSSARY_PAGE_SIZE:
            flush()
            for part, start in enumerate(range(0, len(group), GLOSSARY_PAGE_SIZE), start=1):
                name = _letter_name(letter) if part == 1 else f"{_letter_name(letter)}-{part}"
                pages[f"glossary/{name}.md"] = group[start : start + GLOSSARY_PAGE_SIZE]
            continue
        if sum(len(g) for _, g in pending) + len(group) > GLOSSARY_PAGE_SIZE:
            flush()
        pending.append((letter, group))
    flush()
    return pages


def _letter_name(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


def page_url(page: str) -> str:
    """The URL of a page relative to the site root, as MkDocs makes it ('faq.md' → 'faq/')."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
