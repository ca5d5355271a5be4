# Role: render helper — finds glossary-term mentions and links the first one on each page.
"""Glossary terms that follow the reader.

`TermMatcher` finds mentions of a term's name, aliases (case-insensitive) and abbreviation
(case-sensitive) in text, longest phrase first. `GlossaryLinks` is a Python-Markdown extension
that, on every page, turns the first mention of each term into a link to its entry whose title
is the term's summary (shown as a tooltip on hover and keyboard focus). It never links inside
headings, code, links, buttons, summaries or the term's own glossary entry.

The extension works in any engine that runs Python-Markdown: each generated page starts with a
marker naming its path under docs/ (`with_page_marker`), from which the links are made relative,
and the terms come either from the generator in the same process or from the JSON file that
``render --out`` writes (``explainer.glossary_links`` with ``terms: FILE`` in ``markdown_extensions``).
"""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown's API uses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown, util
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .sitemap import Location, relative

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_TOKEN_HERE = re.compile(r"(?<![^\W_])(?<![^\W_]-)[^\W_]+(?:-[^\W_]+)*")
"""A whole token starting exactly where the match starts (not inside a longer or hyphenated word)."""

_ESCAPED = re.compile("\x02(\\d+)\x03")
"""A character escaped with a backslash, as pymdownx.escapeall leaves it for later steps."""
_PLACEHOLDER = re.compile(re.escape(util.HTML_PLACEHOLDER).replace("%s", r"(\d+)"))
"""Where inline raw HTML (a tag such as ``<code>``) was taken out of the text, to be put back later."""
_RAW_TAG = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>$")
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


PAGE_MARKER = "<!-- glossary-links: page {} -->"
"""The first line of every page's body: which page it is (its path under docs/)."""
_MARKER = re.compile(r"<!-- glossary-links: page (\S+) -->")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*\n", re.DOTALL | re.MULTILINE)


def with_page_marker(page: str, markdown: str) -> str:
    """`markdown` (a page, maybe with front matter) with the marker naming `page` as its body's first line."""
    front = _FRONT_MATTER.match(markdown)
    split = front.end() if front else 0
    return markdown[:split] + PAGE_MARKER.format(page) + "\n\n" + markdown[split:]


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
        phrases = tuple(phrases)
        self.phrases = phrases
        self.fingerprint = hash(phrases)
        """Equal for matchers of the same phrases (within one process)."""
        self._folded: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        # For each first word, the phrase lengths (in words) that start with it, longest first:
        # most words start no phrase, and are dismissed with two dictionary lookups.
        self._exact_first: dict[str, tuple[int, ...]] = {}
        self._folded_first: dict[str, tuple[int, ...]] = {}
        for text, term_id, case_sensitive in phrases:
            words = _TOKEN.findall(text)
            if not words:
                continue
            if case_sensitive:
                self._exact.setdefault(" ".join(words), term_id)
                starts, first = self._exact_first, words[0]
            else:
                self._folded.setdefault(" ".join(words).casefold(), term_id)
                starts, first = self._folded_first, words[0].casefold()
            starts[first] = tuple(sorted({*starts.get(first, ()), len(words)}, reverse=True))
        # The same, keyed by the casefolded first word of every phrase, exact or not: one lookup in
        # casefolded text finds every place a phrase may start.
        lengths: dict[str, set[int]] = {}
        for first, counts in [*self._folded_first.items(), *((w.casefold(), c) for w, c in self._exact_first.items())]:
            lengths.setdefault(first, set()).update(counts)
        self._any_first = {first: tuple(sorted(counts, reverse=True)) for first, counts in lengths.items()}

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) of each mention, left to right, preferring the longest phrase."""
        if len(text.casefold()) != len(text):  # casefolding moved characters ("ß" → "ss"): go word by word
            return self._find_by_words(text)
        return self._find_by_search(text)

    def _find_by_search(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Decide at C speed whether any phrase can start in `text`, then look only where one can.

        Most text mentions no term: one `findall` and one set intersection dismiss it. Otherwise
        `str.find` locates each candidate first word, and only those places are matched in full.
        """
        folded = text.casefold()
        candidates = self._any_first.keys() & set(_TOKEN.findall(folded))
        if not candidates:
            return
        firsts: list[re.Match[str]] = []  # each whole-token occurrence of a candidate
        for word in candidates:
            size = len(word)
            start = folded.find(word)
            while start >= 0:
                token = _TOKEN_HERE.match(folded, start)
                if token is not None and token.end() == start + size:
                    firsts.append(token)
                start = folded.find(word, start + size)
        firsts.sort(key=re.Match.start)
        next_free = 0
        for first in firsts:
            if first.start() < next_free:
                continue
            match = self._match_here(text, folded, first)
            if match is not None:
                end, term_id = match
                yield first.start(), end, term_id
                next_free = end

    def _match_here(self, text: str, folded: str, first: re.Match[str]) -> tuple[int, str] | None:
        """The longest phrase starting with token `first` (of `folded`): (its end, its term id)."""
        start = first.start()
        for length in self._any_first[first.group()]:
            if length == 1:
                end = first.end()
                term_id = self._exact.get(text[start:end]) or self._folded.get(first.group())
            else:
                tokens = list(itertools.islice(_TOKEN.finditer(folded, start), length))
                if len(tokens) < length:
                    continue
                end = tokens[-1].end()
                # Splitting at whitespace gives back exactly the tokens only if whitespace alone separates them.
                words = folded[start:end].split()
                if len(words) != length:
                    continue
                term_id = self._exact.get(" ".join(text[start:end].split())) or self._folded.get(" ".join(words))
            if term_id:
                return end, term_id
        return None

    def _find_by_words(self, text: str) -> Iterator[tuple[int, int, str]]:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        exact_first, folded_first = self._exact_first, self._folded_first
        index = 0
        while index < len(tokens):
            word = tokens[index][2]
            if word not in exact_first and word.casefold() not in folded_first:
                index += 1
                continue
            match = self._match_at(text, tokens, index, self._lengths_for(word))
            if match is None:
                index += 1
                continue
            length, term_id = match
            yield tokens[index][0], tokens[index + length - 1][1], term_id
            index += length

    def _lengths_for(self, word: str) -> tuple[int, ...]:
        """The lengths (in words) of the phrases that can start with `word`, longest first."""
        return tuple(
            sorted({*self._exact_first.get(word, ()), *self._folded_first.get(word.casefold(), ())}, reverse=True)
        )

    def _match_at(
        self, text: str, tokens: list[tuple[int, int, str]], index: int, lengths: tuple[int, ...]
    ) -> tuple[int, str] | None:
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


class _Page:
    """Which page one Markdown instance is converting (None: no marker, so nothing is linked)."""

    path: str | None = None


class _ReadPageMarker(Preprocessor):
    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        first = next((number for number, line in enumerate(lines) if line.strip()), None)
        found = _MARKER.fullmatch(lines[first].strip()) if first is not None else None
        self.page.path = found.group(1) if found else None
        return lines[:first] + lines[first + 1 :] if found and first is not None else lines


class _LinkFirstMentions(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryLinks, page: _Page) -> None:
        super().__init__(md)
        self.extension = extension
        self.page = page

    def run(self, root: etree.Element) -> None:
        if self.page.path is None:
            return
        self.linked: set[str] = set()
        self._walk(root, frozenset())

    def _walk(self, element: etree.Element, excluded: frozenset[str]) -> None:
        own = element.get(EXCLUDE_ATTRIBUTE)
        if own:
            excluded = excluded | {own}
        children = list(element)
        added = 0  # links inserted into `element` so far: where each later child's tail goes moves by as many
        inside = 0  # raw HTML elements opened in this element's text that are not linked into (e.g. <code>)
        if element.text and not element.text.isspace() and not _is_atomic(element.text):
            element.text, added, inside = self._link(element.text, excluded, element, 0, inside)
        for number, child in enumerate(children):
            skip = inside or child.tag in SKIPPED_TAGS
            if not skip:
                self._walk(child, excluded)
            if child.tail and not child.tail.isspace():
                child.tail, count, inside = self._link(child.tail, excluded, element, number + added + 1, inside)
                added += count

    def _link(
        self, text: str, excluded: frozenset[str], parent: etree.Element, position: int, inside: int
    ) -> tuple[str, int, int]:
        """Link the first new mentions in `text`, as links inserted into `parent` from `position` on.

        Inline raw HTML reaches this step as placeholders: text after an opening ``<code>``, ``<a>``
        (or another skipped tag) and before its closing tag is not linked. `inside` is how many such
        elements are open where `text` starts. Returns what stays as plain text before the first
        link, how many links were inserted, and how many skipped elements are open where `text` ends.
        """
        runs = [""]  # the text between links: runs[0] before the first link, runs[i] after link i
        labels: list[tuple[str, str]] = []  # (the mention, its term id)
        cursor = 0
        for placeholder in [*_PLACEHOLDER.finditer(text), None]:
            stop = placeholder.start() if placeholder else len(text)
            piece = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text[cursor:stop])
            if inside:
                runs[-1] += piece
            else:
                start_of_rest = 0
                for start, end, term_id in self.extension.matcher.find(piece):
                    if term_id in self.linked or term_id in excluded or term_id not in self.extension.targets:
                        continue
                    self.linked.add(term_id)
                    runs[-1] += piece[start_of_rest:start]
                    labels.append((piece[start:end], term_id))
                    runs.append("")
                    start_of_rest = end
                runs[-1] += piece[start_of_rest:]
            if placeholder is not None:
                runs[-1] += placeholder.group()
                inside = max(0, inside + self._nesting(int(placeholder.group(1))))
                cursor = placeholder.end()
        for number, (label, term_id) in enumerate(labels):
            target = self.extension.targets[term_id]
            link = etree.Element(
                "a",
                {
                    "href": relative(self.page.path or "", target.location),
                    "class": "glossary-link",
                    # Python-Markdown leaves "&…;" in attributes alone: escape every "&" so the tooltip reads as typed.
                    "title": target.summary.replace("&", "&amp;"),
                },
            )
            link.text = label
            link.tail = runs[number + 1]
            parent.insert(position + number, link)
        return runs[0], len(labels), inside

    def _nesting(self, index: int) -> int:
        """+1 if stashed raw HTML `index` opens an element not linked into, -1 if it closes one, else 0."""
        stashed = self.md.htmlStash.rawHtmlBlocks[index] if index < len(self.md.htmlStash.rawHtmlBlocks) else None
        tag = _RAW_TAG.match(stashed) if isinstance(stashed, str) else None
        if tag is None or tag.group(2).lower() not in SKIPPED_TAGS or tag.group(3):
            return 0
        return -1 if tag.group(1) else 1


def _is_atomic(text: str) -> bool:
    return type(text).__name__ == "AtomicString"


class GlossaryLinks(Extension):
    """Links the first mention of each glossary term on a page to its entry."""

    def __init__(self, matcher: TermMatcher, targets: dict[str, TermTarget]) -> None:
        super().__init__()
        self.matcher = matcher
        self.targets = targets
        self.fingerprint = hash((matcher.fingerprint, tuple(sorted(targets.items()))))
        """Equal for extensions that link the same mentions to the same places (within one process)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        page = _Page()
        # Before raw HTML is taken out of the text (20), so the marker is still a line of its own.
        md.preprocessors.register(_ReadPageMarker(md, page), "glossary_links_page", 25)
        # After inline parsing (20) and the table of contents (5); before MkDocs rewrites links (0).
        md.treeprocessors.register(_LinkFirstMentions(md, self, page), "glossary_links", 1)

    def to_json(self) -> bytes:
        """The terms as the JSON file `makeExtension` reads."""
        data = {
            "phrases": [list(phrase) for phrase in self.matcher.phrases],
            "targets": {
                term_id: {"summary": t.summary, "page": t.location.page, "anchor": t.location.anchor}
                for term_id, t in self.targets.items()
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8")


@lru_cache(maxsize=4)
def _from_file(path: str, stamp: tuple[int, int]) -> GlossaryLinks:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    matcher = TermMatcher((text, term_id, bool(exact)) for text, term_id, exact in data["phrases"])
    targets = {
        term_id: TermTarget(term_id, target["summary"], Location(target["page"], target["anchor"]))
        for term_id, target in data["targets"].items()
    }
    return GlossaryLinks(matcher, targets)


def makeExtension(**settings: Any) -> GlossaryLinks:  # noqa: N802 - the name Python-Markdown looks for
    """The extension as named in ``markdown_extensions`` (``explainer.glossary_links: {terms: FILE}``)."""
    terms = Path(str(settings.get("terms", "")))
    if not terms.is_file():
        raise ValueError(f"explainer.glossary_links: 'terms' must name the JSON file that render writes, not {terms}")
    stat = terms.stat()
    return _from_file(str(terms.resolve()), (stat.st_mtime_ns, stat.st_size))
