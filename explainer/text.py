# Role: text — escaping plain fields and the small, safe Markdown subset for rich fields.
"""How YAML text becomes Markdown that can only mean what the editor typed.

Plain fields go through `plain()`: every ASCII punctuation mark is backslash-escaped (the site
enables ``pymdownx.escapeall``, so every escape is honoured), which leaves no Markdown, HTML,
attribute list, snippet marker or template syntax to act on.

Rich fields are parsed with markdown-it (CommonMark) restricted to the subset — paragraphs,
emphasis, inline code, lists and links — and written back out as Markdown in which every piece
of text is escaped again. Raw HTML, entities, link-reference definitions and autolinks are not
parsed at all, so they show literally; headings, images, code blocks, block quotes and rules
are reported as problems; links must use https, http, mailto or an internal ``kind:id`` target.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import models
from .sitemap import LINKABLE_KINDS

_SLUG = re.compile(models.SLUG_PATTERN)
EXTERNAL_SCHEMES = ("https", "http", "mailto")
_PUNCTUATION = frozenset(string.punctuation)
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_ESCAPES = {ord(char): _ENTITIES.get(char, "\\" + char) for char in _PUNCTUATION}


class Markdown(str):
    """Markdown text that is safe to place into a page as it is (already escaped)."""


def plain(text: str) -> Markdown:
    """Markdown whose rendering is exactly `text`, in any inline context (paragraph, cell, heading, link).

    ``<``, ``>`` and ``&`` become HTML entities (md_in_html reads raw HTML before Markdown escapes
    apply); every other ASCII punctuation mark is backslash-escaped.
    """
    return Markdown(plain_inline(text.strip()))


def attribute(text: str) -> str:
    """Text for an HTML attribute value or element content."""
    return html.escape(text, quote=True)


def script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no closing tag, no comment opener)."""
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- rich text ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Emphasis:
    strong: bool
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    target: str
    kind: str | None  # None for external links, else an internal kind such as "term"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class AsOf:
    """A dated statement's marker, ``[as of 2026-11]``: shown as "as of November 2026"."""

    date: str


Inline = Text | Code | Emphasis | Link | AsOf


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]


Block = Paragraph | ListBlock


@dataclass(frozen=True)
class Problem:
    """Something in a rich text outside the subset, at character `offset` of the text."""

    offset: int
    message: str


@dataclass(frozen=True)
class InternalLink:
    kind: str
    target: str
    offset: int


@dataclass(frozen=True)
class DateMark:
    """Where a rich text says ``[as of …]``, with the date."""

    date: str
    offset: int


@dataclass(frozen=True)
class RichDocument:
    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...]
    links: tuple[InternalLink, ...]
    dates: tuple[DateMark, ...] = ()


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").disable(["html_block", "html_inline", "reference", "entity", "autolink"])
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # `_classify` checks every target
    return parser


_PARSER = _parser()
_BLOCK_NAMES = {
    "heading_open": "headings",
    "code_block": "indented code blocks (remove the indentation)",
    "fence": "code blocks (use `inline code`)",
    "blockquote_open": "block quotes",
    "hr": "horizontal rules",
}


@lru_cache(maxsize=65536)
def parse_rich(source: str) -> RichDocument:
    """Parse a rich field into the subset; what falls outside it comes back as problems."""
    line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
    problems: list[Problem] = []
    links: list[InternalLink] = []
    dates: list[DateMark] = []

    def offset_of_line(token: Token) -> int:
        line = token.map[0] if token.map else 0
        return line_starts[min(line, len(line_starts) - 1)]

    def inlines(token: Token) -> tuple[Inline, ...]:
        base = offset_of_line(token)
        stack: list[tuple[str, str | None, str | None, list[Inline]]] = [("root", None, None, [])]
        for child in token.children or []:
            current = stack[-1][3]
            if child.type == "text":
                current.extend(text_and_dates(child.content, base))
            elif child.type in ("softbreak", "hardbreak"):
                current.append(Text(" "))
            elif child.type == "code_inline":
                current.append(Code(child.content))
            elif child.type in ("em_open", "strong_open"):
                stack.append((child.type, None, None, []))
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                offset = _find(source, href, base)
                kind, message = _classify(href)
                if message:
                    problems.append(Problem(offset, message))
                elif kind:
                    links.append(InternalLink(kind, href.split(":", 1)[1], offset))
                stack.append(("link", href, kind, []))
            elif child.type in ("em_close", "strong_close", "link_close") and len(stack) > 1:
                opened, target, kind, children = stack.pop()
                node: Inline = (
                    Link(target or "", kind, tuple(children))
                    if opened == "link"
                    else Emphasis(opened == "strong_open", tuple(children))
                )
                stack[-1][3].append(node)
            elif child.type == "image":
                problems.append(Problem(_find(source, "![", base), "images are not supported in text fields"))
            else:  # pragma: no cover - the disabled rules produce no other inline tokens
                current.append(Text(child.content))
        return tuple(stack[0][3])

    def blocks(tokens: list[Token], start: int, stop: int) -> tuple[Block, ...]:
        out: list[Block] = []
        index = start
        while index < stop:
            token = tokens[index]
            if token.type == "paragraph_open":
                out.append(Paragraph(inlines(tokens[index + 1])))
                index += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                close = _closing(tokens, index)
                items: list[tuple[Block, ...]] = []
                item = index + 1
                while item < close:
                    item_close = _closing(tokens, item)
                    content = blocks(tokens, item + 1, item_close)
                    if content:  # an empty item would read as a heading underline to Python-Markdown
                        items.append(content)
                    item = item_close + 1
                if items:
                    out.append(ListBlock(token.type == "ordered_list_open", tuple(items)))
                index = close + 1
            else:
                name = _BLOCK_NAMES.get(token.type, token.type.replace("_open", "") + " blocks")
                problems.append(Problem(offset_of_line(token), f"{name} are not supported in text fields"))
                index = _closing(tokens, index) + 1 if token.nesting == 1 else index + 1
        return tuple(out)

    def text_and_dates(content: str, base: int) -> list[Inline]:
        """Plain text, with each ``[as of YYYY-MM]`` marker in it as an `AsOf`."""
        pieces: list[Inline] = []
        cursor = 0
        for mark in _AS_OF_MARK.finditer(content):
            offset = _find(source, mark.group(0), base)
            if not _AS_OF_DATE.fullmatch(mark.group(1).strip()):
                problems.append(Problem(offset, _AS_OF_PROBLEM.format(mark.group(1).strip())))
                continue
            pieces += [Text(content[cursor : mark.start()]), AsOf(mark.group(1).strip())]
            dates.append(DateMark(mark.group(1).strip(), offset))
            cursor = mark.end()
        return [*pieces, Text(content[cursor:])] if pieces else [Text(content)]

    tokens = _PARSER.parse(source)
    document = blocks(tokens, 0, len(tokens))
    return RichDocument(document, tuple(problems), tuple(links), tuple(dates))


_AS_OF_MARK = re.compile(r"\[as of ([^\]\n]*)\]", re.IGNORECASE)
_AS_OF_DATE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?")
_AS_OF_PROBLEM = "'[as of {}]' needs a month written YYYY-MM (or a day, YYYY-MM-DD), e.g. '[as of 2026-11]'"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def as_of_words(date: str) -> str:
    """'2026-11' or '2026-11-20' → 'as of November 2026'."""
    return f"as of {MONTHS[int(date[5:7]) - 1]} {date[:4]}"


def as_of_html(date: str) -> str:
    """The marker as the page shows it: a ``<time>`` element (the date is checked, so nothing else gets in)."""
    assert _AS_OF_DATE.fullmatch(date), date
    return f'<time datetime="{date}">{as_of_words(date)}</time>'


# Anything that could make a link, an image or a refused block, also inside list items:
# only texts containing one of these need the full parse.
_LIST_MARKERS = r"(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*"
_NEEDS_PARSE = re.compile(
    r"[\[>#]|```|~~~|^(?: {4}| {0,3}\t)"
    rf"|^[ \t]*{_LIST_MARKERS}([-*_])(?:[ \t]*\1){{2,}}[ \t]*$"
    rf"|^[ \t]*{_LIST_MARKERS}(?:=+|-+)[ \t]*$",
    re.MULTILINE,
)


def rich_findings(source: str) -> tuple[tuple[Problem, ...], tuple[InternalLink, ...], tuple[DateMark, ...]]:
    """The problems and internal links of a rich field, parsing only texts that can have any."""
    if not _NEEDS_PARSE.search(source):
        return (), (), ()
    document = parse_rich(source)
    return document.problems, document.links, document.dates


def _closing(tokens: list[Token], index: int) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _find(source: str, needle: str, start: int) -> int:
    found = source.find(needle, start) if needle else -1
    return found if found >= 0 else start


def _classify(href: str) -> tuple[str | None, str | None]:
    """(internal kind or None, problem or None) for a link target."""
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme in EXTERNAL_SCHEMES and re.match(r"^(https?://[^/\s]+|mailto:\S+)", href, re.IGNORECASE):
        return None, None
    if scheme in LINKABLE_KINDS and _SLUG.match(href.split(":", 1)[1]):
        return scheme, None
    kinds = ", ".join(f"{kind}:ID" for kind in ("term", "faq", "topic"))
    return None, (
        f"link target '{href}' is not allowed: use an https://, http:// or mailto: address, "
        f"or an internal id such as {kinds}"
    )


# --- links to entries in hand-written pages -------------------------------------------------


@dataclass(frozen=True)
class EntryLink:
    """A ``[text](kind:id)`` link in a hand-written page."""

    kind: str
    id: str
    start: int
    end: int
    """What to replace: ``(kind:id)``, or the whole ``[](kind:id)`` when the text is empty."""
    empty: bool
    """The link has no text of its own: it reads as the entry's title."""
    line: int
    col: int
    """Where ``kind:id`` starts (1-based)."""


_PAGE_PARSER = MarkdownIt("commonmark").enable("table")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)


def entry_links(markdown: str) -> list[EntryLink]:
    """Every ``[text](kind:id)`` link of a hand-written page, found as a Markdown parser reads the page.

    markdown-it decides what is a link and what is code, so a link inside a code span stays text
    and a stray backtick hides nothing. HTML blocks marked ``markdown`` are read as Markdown inside,
    as Python-Markdown's md_in_html reads them.
    """
    return [link for link in _links(markdown) if link.kind in LINKABLE_KINDS]


@dataclass(frozen=True)
class PageLink:
    """A ``[text](path#anchor)`` link from a hand-written page to a page of the site."""

    path: str
    """The target page as written, relative to the linking page ("" for the same page)."""
    anchor: str
    line: int
    col: int


def page_links(markdown: str) -> list[PageLink]:
    """Every link of a hand-written page to another page of the site (or a place on the same page)."""
    links: list[PageLink] = []
    for link in _links(markdown):
        target = link.kind + ":" + link.id if link.kind else link.id
        if link.kind or target.startswith("/") or target.startswith("//"):
            continue
        path, _, anchor = target.partition("#")
        links.append(PageLink(path.split("?", 1)[0], anchor, link.line, link.col))
    return links


def heading_anchors(markdown: str) -> set[str]:
    """The anchors a hand-written page has: its headings' ids as Python-Markdown's toc makes them,
    ids set with ``{#id}``, and ``id="..."`` attributes in its HTML."""
    from markdown.extensions.toc import slugify, unique

    front = _FRONT_MATTER.match(markdown)
    body = markdown[front.end() :] if front else markdown
    tokens = _PAGE_PARSER.parse(body)
    anchors: set[str] = set(re.findall(r"""\bid=["']([^"']+)["']""", body))
    seen: set[str] = set()
    for heading, inline in itertools.pairwise(tokens):
        if heading.type != "heading_open":
            continue
        text = inline.content
        explicit = re.search(r"\{:?[^}]*#([\w-]+)[^}]*\}\s*$", text)
        if explicit:
            anchors.add(explicit.group(1))
            continue
        plain = "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))
        anchors.add(unique(slugify(plain, "-"), seen))
    return anchors


def _links(markdown: str) -> list[EntryLink]:
    """Every inline link of a page with where its target is written (kind "" for a target with no scheme)."""
    front = _FRONT_MATTER.match(markdown)
    body_start = front.end() if front else 0
    line_starts = [0] + [match.end() for match in re.finditer("\n", markdown)]
    skipped_lines = markdown.count("\n", 0, body_start)
    links: list[EntryLink] = []
    for token in _PAGE_PARSER.parse(markdown[body_start:]):
        if token.type == "inline":
            children = token.children or []
        elif token.type == "html_block" and re.search(r"\bmarkdown\b", token.content):
            children = _PAGE_PARSER.parseInline(token.content)[0].children or []
        else:
            continue
        assert token.map is not None
        first, last = (skipped_lines + line for line in token.map)
        cursor, stop = line_starts[first], line_starts[last] if last < len(line_starts) else len(markdown)
        for child in children:
            if child.type == "code_inline":
                cursor = _after_code_span(markdown, child.markup, cursor, stop)
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                written = _written_link(href).search(markdown, cursor, stop)
                if written is None:  # a reference-style link, or an autolink: nothing written here to replace
                    continue
                scheme, colon, rest = href.partition(":")
                kind, entry_id = (scheme, rest) if colon and re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme) else ("", href)
                empty = written.group(1) is not None
                target = written.start(2)
                line = markdown.count("\n", 0, target) + 1
                links.append(
                    EntryLink(
                        kind,
                        entry_id,
                        written.start() if empty else written.start() + 1,
                        written.end(),
                        empty,
                        line,
                        target - line_starts[line - 1] + 1,
                    )
                )
                cursor = written.end()
    return links


def _written_link(href: str) -> re.Pattern[str]:
    """How a link to `href` is written: ``](href)``, or ``[](href)`` with no text (group 1); group 2 is `href`."""
    return re.compile(r"(?<!\\)(\[[ \t]*)?\]\([ \t]*(" + re.escape(href) + r")[ \t]*\)")


def _after_code_span(markdown: str, fence: str, cursor: int, stop: int) -> int:
    """Where the next code span opened by `fence` (a run of backticks) ends, searching from `cursor`."""
    run = re.compile(rf"(?<!`){re.escape(fence)}(?!`)")
    opening = run.search(markdown, cursor, stop)
    if opening is None:
        return cursor
    closing = run.search(markdown, opening.end(), stop)
    return closing.end() if closing else opening.end()


# --- writing the subset back out as Markdown -----------------------------------------------

Resolver = Callable[[str, str], str]
"""(kind, id) → the Markdown link target of that entry, relative to the page being written."""


def rich(document: RichDocument, resolve: Resolver) -> Markdown:
    """Markdown for a parsed rich text; `resolve` turns internal links into page links."""
    parts: list[str] = []
    for previous, block in zip((None, *document.blocks), document.blocks, strict=False):
        if isinstance(previous, ListBlock) and isinstance(block, ListBlock):
            parts.append("<!-- -->")  # Python-Markdown would merge two adjacent lists into one
        parts.append(_block(block, resolve, ""))
    return Markdown("\n\n".join(parts))


def _block(block: Block, resolve: Resolver, indent: str) -> str:
    if isinstance(block, Paragraph):
        return indent + _inlines(block.inlines, resolve)
    lines: list[str] = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}. " if block.ordered else "- "
        parts = [_block(child, resolve, indent + "    ") for child in item]
        first = parts[0][len(indent) + 4 :]
        body = "\n\n".join([indent + marker + first, *parts[1:]]) if len(parts) > 1 else indent + marker + first
        lines.append(body)
    loose = any(len(item) > 1 for item in block.items)
    return ("\n\n" if loose else "\n").join(lines)


def _inlines(nodes: tuple[Inline, ...], resolve: Resolver) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(plain_inline(node.text))
        elif isinstance(node, Code):
            out.append(code_span(node.text))
        elif isinstance(node, AsOf):
            out.append(as_of_html(node.date))
        elif isinstance(node, Emphasis):
            marker = "**" if node.strong else "*"
            inner = _inlines(node.children, resolve).strip()
            out.append(f"{marker}{inner}{marker}" if inner else "")
        else:
            label = _inlines(node.children, resolve).strip() or plain_inline(node.target)
            if node.kind:
                out.append(f"[{label}]({resolve(node.kind, node.target.split(':', 1)[1])})")
            elif _classify(node.target)[1] is None:
                out.append(f"[{label}]({safe_url(node.target)})")
            else:  # never written as a link, even if validation was skipped
                out.append(label)
    return "".join(out)


def plain_inline(text: str) -> str:
    """Like `plain`, but keeps surrounding spaces (for pieces of a longer line)."""
    return text.translate(_ESCAPES)


def code_span(text: str) -> str:
    """Inline code that shows `text` literally, as a ``<code>`` element whose text is escaped.

    Not a Markdown code span: inside an HTML block with a ``markdown`` attribute, Python-Markdown's
    md_in_html reads HTML tags before it looks for backticks, so a code span holding
    ``</div><script>`` would close the block and start a live script. Here ``<``, ``>`` and ``&``
    become entities and every other ASCII punctuation mark is backslash-escaped (as in `plain`), so
    no parser after this one reads any of the text as markup, whatever block it lands in.
    """
    return "<code>" + plain_inline(re.sub(r"\s+", " ", text).strip()) + "</code>"


def safe_url(url: str) -> str:
    """A link target Markdown cannot misread: anything but plain URL characters is percent-encoded."""
    return quote(url, safe="/:?#[]@!$&'*+,;=%-._~")


def visible_text(document: RichDocument) -> str:
    """The words a reader sees, without any markup (for JSON-LD, exports and llms.txt)."""
    parts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            parts.append(_visible_inlines(block.inlines))
        else:
            for item in block.items:
                parts.append("- " + visible_text(RichDocument(item, (), ())))
    return "\n".join(parts)


def _visible_inlines(nodes: tuple[Inline, ...]) -> str:
    return "".join(
        node.text
        if isinstance(node, Text | Code)
        else as_of_words(node.date)
        if isinstance(node, AsOf)
        else _visible_inlines(node.children)
        for node in nodes
    ).strip()
