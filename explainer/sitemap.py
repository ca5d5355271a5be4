# Role: render helper — where every page and entry lives, and links between them.
"""The site's address book: which page each kind of entry is on, and relative links to it.

Pages are named by their path under ``docs/`` (``faq.md``, ``glossary/index.md``); MkDocs turns
the relative ``.md`` links written here into final URLs and checks that every target exists.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from . import models


@dataclass(frozen=True)
class Collection:
    """Entries of one kind listed on a page of their own, split over numbered pages when the list grows."""

    kind: str
    first_page: str
    per_page: int
    """How many fit on a page: pages stay well under 500 KB."""
    title: str
    """The page's name in the navigation and in llms.txt."""
    about: str
    """What the page holds, in a few words (llms.txt)."""


HOME = "index.md"
GLOSSARY_INDEX = "glossary/index.md"
EDITING_GUIDE = "editing/index.md"
FIELD_REFERENCE = "editing/fields.md"
MAINTENANCE = "editing/maintenance.md"
COLLECTIONS: tuple[Collection, ...] = (
    Collection("row", "comparison.md", 150, "Comparison", "the two compared criterion by criterion, with sources"),
    Collection("use-case", "when-to-use.md", 60, "When to use which", "a decision guide by task"),
    Collection("industry", "applications.md", 40, "Applications", "uses by industry"),
    Collection("trend", "trends.md", 40, "Trends", "what has shipped and what is ahead"),
    Collection("event", "timeline.md", 150, "Timeline", "the milestones in order"),
    Collection("misconception", "misconceptions.md", 60, "Misconceptions", "common claims corrected"),
    Collection("faq", "faq.md", 60, "FAQ", "answers to common questions"),
    Collection("source", "references.md", 300, "References", "every cited source"),
)
"""Every list page, in the order of the navigation (the glossary goes before the references)."""
COLLECTION = {collection.kind: collection for collection in COLLECTIONS}
LINKABLE_KINDS = ("term", "topic", *COLLECTION)
"""Kinds of entry that have a place on the site, so text can link to them as ``kind:id``."""
GLOSSARY_SINGLE_PAGE = 20
"""Up to this many terms, the whole glossary is one page."""
GLOSSARY_PAGE_SIZE = 15
"""About this many full entries per glossary page: long pages of definitions are slow on phones."""
GLOSSARY_INDEX_LIST = 1000
"""Up to this many terms, the index lists every term with its summary; beyond, only the letters."""
TOPICS_AT_TOP = 7
"""Up to this many topics stand at the top of the navigation; more go in a "Topics" section, which
the theme leaves out of every page outside it (``navigation.prune``): a flat list of hundreds of
topics would be on every page, making each page's size grow with the number of topics."""
TOPICS_PER_SECTION = 50
"""Past this many topics, the "Topics" section holds numbered sections of this many each (in the
file's order), so that a topic page lists its own section's topics, not all of them."""
_OTHER_NAMES = ("glossary", "editing", "search", "assets", "404")
"""Names of folders and pages besides the list pages that a topic page may not take."""


def nav(topics: list[models.Topic]) -> list[dict[str, Any]]:
    """The site's navigation, as MkDocs writes it in ``nav:``: the home page, each topic (in a
    section of their own when there are more than `TOPICS_AT_TOP`, in numbered sections within it
    when there are more than `TOPICS_PER_SECTION`), each list page, the glossary,
    and the editors' pages."""
    lists = [{collection.title: collection.first_page} for collection in COLLECTIONS]
    topic_items: list[dict[str, Any]] = [{str(topic.nav_title): f"{topic.id}.md"} for topic in topics]
    if len(topic_items) > TOPICS_PER_SECTION:
        topic_items = [
            {f"Topics {start + 1}–{start + len(part)}": part}
            for start in range(0, len(topic_items), TOPICS_PER_SECTION)
            for part in [topic_items[start : start + TOPICS_PER_SECTION]]
        ]
    return [
        {"Home": HOME},
        *(topic_items if len(topics) <= TOPICS_AT_TOP else [{"Topics": topic_items}]),
        *lists[:-1],
        {"Glossary": GLOSSARY_INDEX},
        lists[-1],
        {
            "Contributing": [
                {"Editing guide": EDITING_GUIDE},
                {"Field reference": FIELD_REFERENCE},
                {"Maintenance": MAINTENANCE},
            ]
        },
    ]


def is_reserved(name: str) -> bool:
    """Whether a topic page called `name` would take the name of another page of the site."""
    stems = "|".join(re.escape(c.first_page.removesuffix(".md")) for c in COLLECTIONS)
    return bool(re.fullmatch(rf"(?:index|{stems})(?:-\d+)?|" + "|".join(_OTHER_NAMES), name))


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
            kind: paginate(COLLECTION[kind], items) for kind, items in entries.items()
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
        self._where.update(
            (("section", section.id), Location(f"{topic.id}.md", section.id))
            for topic in content.topics.topics
            for section in topic.sections
        )

    def locate(self, kind: str, entry_id: str) -> Location:
        return self._where[(kind, entry_id)]

    def entry_at(self, page: str, anchor: str | None) -> tuple[str, str] | None:
        """The entry (kind, id) whose place is `anchor` on `page`, or that owns the whole page (a topic)."""
        return self._entries_at.get(Location(page, anchor)) or self._entries_at.get(Location(page))

    @cached_property
    def _entries_at(self) -> dict[Location, tuple[str, str]]:
        return {location: key for key, location in self._where.items()}

    def kind_of_page(self, page: str) -> str | None:
        """The kind of entry a generated page lists ('faq', 'term', 'topic', …), if any."""
        if page in self.glossary_pages or page == GLOSSARY_INDEX:
            return "term"
        entry = self.entry_at(page, None)
        if entry is not None:
            return entry[0]
        return next((kind for kind, parts in self.pages.items() if any(page == p for p, _ in parts)), None)

    def has(self, kind: str, entry_id: str) -> bool:
        return (kind, entry_id) in self._where

    def ids(self, kind: str) -> list[str]:
        """Every id of a kind of entry, in page order."""
        return [entry_id for entry_kind, entry_id in self._where if entry_kind == kind]

    def page_names(self) -> set[str]:
        """Every generated page (its path under docs/)."""
        topics = {location.page for (kind, _), location in self._where.items() if kind == "topic"}
        lists = {page for parts in self.pages.values() for page, _ in parts}
        return topics | lists | set(self.glossary_pages) | {GLOSSARY_INDEX, FIELD_REFERENCE, MAINTENANCE}

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
            first, last = letter_slug(pending[0][0]), letter_slug(pending[-1][0])
            name = first if first == last else f"{first}-{last}"
            pages[f"glossary/{name}.md"] = [term for _, group in pending for term in group]
            pending.clear()

    for letter, group in letters.items():
        if len(group) > GLOSSARY_PAGE_SIZE:
            flush()
            for part, start in enumerate(range(0, len(group), GLOSSARY_PAGE_SIZE), start=1):
                name = letter_slug(letter) if part == 1 else f"{letter_slug(letter)}-{part}"
                pages[f"glossary/{name}.md"] = group[start : start + GLOSSARY_PAGE_SIZE]
            continue
        if sum(len(g) for _, g in pending) + len(group) > GLOSSARY_PAGE_SIZE:
            flush()
        pending.append((letter, group))
    flush()
    return pages


def letter_slug(letter: str) -> str:
    """How a glossary letter is written in page names and anchors: 'a'…'z', and 'other' for '#'."""
    return "other" if letter == "#" else letter.lower()


def page_url(page: str) -> str:
    """The URL of a page relative to the site root, as MkDocs makes it ('faq.md' → 'faq/')."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
