# Role: render helper — finds glossary-term mentions and links the first one on each page.
"""Glossary terms that follow the reader.

`TermMatcher` finds mentions of a term's name, aliases (case-insensitive) and abbreviation
(case-sensitive) in text, longest phrase first. `GlossaryLinks` is a Python-Markdown extension
that, on every page, turns the first mention of each term into a link to its entry whose title
is the term's summary (shown as a tooltip on hover and keyboard focus). It never links inside
headings, code, links, buttons, summaries or the term's own glossary entry.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown's API uses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .sitemap import Location, relative

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_ESCAPED = re.compile("\x02(\\d+)\x03")
SKIPPED_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "code",
        "pre",
        "kbd",
        "abbr",
        "summary",
        "button",
        "script",
        "style",
        "svg",
        "th",
        "dt",
        "figcaption",
        "nav",
    }
)
EXCLUDE_ATTRIBUTE = "data-term"
"""An element with this attribute holds the entry of that term: it is not linked inside it."""
OPT_OUT_CLASS = "no-glossary-links"


@dataclass(frozen=True)
class TermTarget:
    """What a mention links to."""

    id: str
    summary: str
    location: Location


class TermMatcher:
    """Finds mentions of glossary terms in text."""

    def __init__(self, phrases: Iterable[tuple[str, str, bool]]) -> None:
        """`phrases`: (text, term id, case-sensitive) for every name, alias and abbreviation."""
        self._folded: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        # For each first word, the phrase lengths (in words) that start with it, longest first.
        self._lengths: dict[str, tuple[int, ...]] = {}
        for text, term_id, case_sensitive in phrases:
            words = _TOKEN.findall(text)
            if not words:
                continue
            if case_sensitive:
                self._exact.setdefault(" ".join(words), term_id)
            else:
                self._folded.setdefault(" ".join(words).casefold(), term_id)
            first = words[0] if case_sensitive else words[0].casefold()
            self._lengths[first] = tuple(sorted({*self._lengths.get(first, ()), len(words)}, reverse=True))

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) of each mention, left to right, preferring the longest phrase."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        index = 0
        while index < len(tokens):
            match = self._match_at(text, tokens, index)
            if match is None:
                index += 1
                continue
            length, term_id = match
            yield tokens[index][0], tokens[index + length - 1][1], term_id
            index += length

    def _match_at(self, text: str, tokens: list[tuple[int, int, str]], index: int) -> tuple[int, str] | None:
        first = tokens[index][2]
        lengths = sorted({*self._lengths.get(first, ()), *self._lengths.get(first.casefold(), ())}, reverse=True)
        for length in lengths:
            if index + length > len(tokens):
                continue
            span = tokens[index : index + length]
            if any(not text[a[1] : b[0]].isspace() for a, b in itertools.pairwise(span)):
                continue
            words = " ".join(token[2] for token in span)
            term_id = self._exact.get(words) or self._folded.get(words.casefold())
            if term_id:
                return length, term_id
        return None

    def mentions(self, text: str) -> set[str]:
        return {term_id for _, _, term_id in self.find(text)}


class _LinkFirstMentions(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryLinks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.linked: set[str] = set()
        self._walk(root, frozenset())

    def _walk(self, element: etree.Element, excluded: frozenset[str]) -> None:
        own = element.get(EXCLUDE_ATTRIBUTE)
        if own:
            excluded = excluded | {own}
        if element.text and not _is_atomic(element.text):
            element.text = self._link(element.text, excluded, element, 0)
        for child in list(element):
            skip = child.tag in SKIPPED_TAGS or OPT_OUT_CLASS in (child.get("class") or "").split()
            if not skip:
                self._walk(child, excluded)
            if child.tail:
                position = list(element).index(child) + 1
                child.tail = self._link(child.tail, excluded, element, position)

    def _link(self, text: str, excluded: frozenset[str], parent: etree.Element, position: int) -> str:
        """Link the first new mentions in `text`; returns what stays as plain text before them."""
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        pieces: list[tuple[str, str]] = []  # (text before the link, term id)
        cursor = 0
        for start, end, term_id in self.extension.matcher.find(text):
            if term_id in self.linked or term_id in excluded or term_id not in self.extension.targets:
                continue
            self.linked.add(term_id)
            pieces.append((text[cursor:start], term_id))
            pieces.append((text[start:end], ""))
            cursor = end
        if not pieces:
            return text
        head = pieces[0][0]
        previous: etree.Element | None = None
        for index in range(0, len(pieces), 2):
            term_id = pieces[index][1]
            target = self.extension.targets[term_id]
            link = etree.Element(
                "a",
                {
                    "href": relative(self.extension.page, target.location),
                    "class": "glossary-link",
                    # Python-Markdown leaves "&…;" in attributes alone: escape every "&" so the tooltip reads as typed.
                    "title": target.summary.replace("&", "&amp;"),
                },
            )
            link.text = pieces[index + 1][0]
            if previous is not None:
                previous.tail = pieces[index][0]
            parent.insert(position, link)
            position += 1
            previous = link
        assert previous is not None
        previous.tail = text[cursor:]
        return head


def _is_atomic(text: str) -> bool:
    return type(text).__name__ == "AtomicString"


class GlossaryLinks(Extension):
    """Links the first mention of each glossary term on a page to its entry."""

    def __init__(self, matcher: TermMatcher, targets: dict[str, TermTarget]) -> None:
        super().__init__()
        self.matcher = matcher
        self.targets = targets
        self.page = "index.md"

    def for_page(self, page: str) -> None:
        """Set the page (its path under docs/) that the next conversion renders."""
        self.page = page

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        # After inline parsing (20) and the table of contents (5); before MkDocs rewrites links (0).
        md.treeprocessors.register(_LinkFirstMentions(md, self), "glossary_links", 1)
