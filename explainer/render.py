# Role: render — validated models → the Markdown text of every generated page (pure functions).
"""Render the content into MkDocs pages with Jinja2 templates.

YAML text only ever arrives in a template as a variable. Every ``{{ … }}`` output is escaped by
`_finalize` unless it is `text.Markdown` (output of a filter that built it safely), so forgetting
a filter can only make text show literally, never turn it into markup.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

import jinja2

from . import diagrams, models, text
from .glossary_links import GlossaryLinks, TermMatcher, TermTarget, with_page_marker
from .schemas import schema_name
from .sitemap import (
    COLLECTIONS,
    FIELD_REFERENCE,
    GLOSSARY_INDEX,
    GLOSSARY_INDEX_LIST,
    MAINTENANCE,
    Location,
    SiteMap,
    initial,
    letter_slug,
    relative,
)
from .validate import DatedStatement, FileCoverage

FIT_LABELS = {
    "llm": "An LLM",
    "other": "Another generative model",
    "both": "Both together",
    "neither": "Not generative AI",
}


@dataclass(frozen=True)
class RenderedSite:
    """Every page of the site as Markdown (path under docs/ → text) and the glossary linker for them.

    `pages` holds the generated pages, `handwritten` the site's own pages with their ``kind:id``
    links resolved; each page starts with the marker that tells the glossary linker where it is.
    """

    pages: dict[str, str]
    handwritten: dict[str, str]
    glossary_links: GlossaryLinks
    sitemap: SiteMap = field(repr=False)
    mentions: dict[str, list[Mention]] = field(default_factory=dict, repr=False)
    """For each glossary term, the places that mention it."""


DATED_LISTED = 200
"""The maintenance page lists this many dated statements, the oldest: past a few hundred the list
would make it the site's heaviest page (29 MB at 1000× the content), and the newest are the least
urgent; `check` warns about every statement older than the limit anyway."""


@dataclass(frozen=True)
class Survey:
    """What the maintenance page shows: the dated statements (the oldest `DATED_LISTED`) and each file's coverage."""

    dated: tuple[DatedStatement, ...] = ()
    coverage: tuple[FileCoverage, ...] = ()
    date: dt.date = dt.date(2026, 1, 1)
    """The day ages are counted from (the build's date, so that a build can be repeated)."""


@dataclass(frozen=True)
class CoverageRow:
    """One file's line of the coverage report (or the total)."""

    path: str
    entries: int
    citations: int
    located: int
    dated: int
    oldest_as_of: str
    """'2025-06 (18 months)', or '–'."""
    oldest_review: str
    """'2026-11-23 (10 days)', or '–'."""


def coverage_rows(survey: Survey) -> list[CoverageRow]:
    """The coverage report, file by file, then the total."""

    def months(date: str) -> str:
        first = models.AsOf(date).first_day()
        return f"{date} ({_count((survey.date.year - first.year) * 12 + survey.date.month - first.month, 'month')})"

    def days(date: str) -> str:
        return f"{date} ({_count((survey.date - dt.date.fromisoformat(date)).days, 'day')})"

    rows = [
        CoverageRow(
            f.path,
            f.entries,
            f.citations,
            f.located,
            len(f.dates),
            months(min(f.dates)) if f.dates else "–",
            days(f.oldest_review) if f.oldest_review else "–",
        )
        for f in survey.coverage
    ]
    every_date = [date for f in survey.coverage for date in f.dates]
    reviews = [f.oldest_review for f in survey.coverage if f.oldest_review]
    rows.append(
        CoverageRow(
            "total",
            sum(r.entries for r in rows),
            sum(r.citations for r in rows),
            sum(r.located for r in rows),
            len(every_date),
            months(min(every_date)) if every_date else "–",
            days(min(reviews)) if reviews else "–",
        )
    )
    return rows


def _age_below(dated: str) -> text.Markdown:
    """'2026-12 (3 months)' with the age on a line of its own, so a table column stays narrow."""
    date, _, age = dated.partition(" (")
    if not age:
        return text.plain(dated)
    return text.Markdown(f"{text.plain(date)}<br>{text.plain(age.removesuffix(')'))}")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def render_site(content: models.Content, handwritten: Mapping[str, str], survey: Survey | None = None) -> RenderedSite:
    """All generated pages, and the hand-written ones (docs/*.md: path → text) with their links resolved."""
    sitemap = SiteMap(content)
    matcher, targets = term_targets(content, sitemap)
    found = mentions(content, matcher, sitemap, handwritten)
    renderer = _Renderer(content, sitemap, found, survey or Survey())
    titles = entry_titles(content, renderer.labels)
    pages = {path: with_page_marker(path, markdown) for path, markdown in renderer.pages().items()}
    resolved = {
        path: with_page_marker(path, resolve_entry_links(path, markdown, sitemap, titles))
        for path, markdown in handwritten.items()
    }
    return RenderedSite(pages, resolved, GlossaryLinks(matcher, targets), sitemap, found)


def render_pages(
    content: models.Content, paths: Iterable[str], found: dict[str, list[Mention]], survey: Survey | None = None
) -> dict[str, str]:
    """Only the generated pages at `paths` (those that exist), as `render_site` would render them
    if the glossary's mentions were `found` (the live preview's first look at an edit)."""
    sitemap = SiteMap(content)
    makers = _Renderer(content, sitemap, found, survey or Survey()).page_makers()
    return {path: with_page_marker(path, makers[path]()) for path in paths if path in makers}


def resolve_entry_links(page: str, markdown: str, sitemap: SiteMap, titles: Mapping[tuple[str, str], str]) -> str:
    """A hand-written page whose ``[text](kind:id)`` links are ordinary relative links.

    A link with no text reads as the entry's title (``[](source:brown2020)`` → "Brown et al. 2020").
    Links to unknown entries stay as they are (`check` reports them).
    """
    pieces: list[str] = []
    position = 0
    for link in text.entry_links(markdown):
        if (link.kind, link.id) not in titles:
            continue
        target = sitemap.link(page, link.kind, link.id)
        label = f"[{text.plain(titles[(link.kind, link.id)])}]" if link.empty else ""
        pieces += [markdown[position : link.start], f"{label}({target})"]
        position = link.end
    return "".join(pieces) + markdown[position:]


def entry_titles(content: models.Content, labels: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """How a link to each entry reads when its text is left empty."""
    titles = {("source", source_id): label for source_id, label in labels.items()}
    titles |= {("term", t.id): t.term for t in content.glossary.terms}
    titles |= {("faq", f.id): f.question for f in content.faqs.faqs}
    titles |= {("topic", t.id): t.title for t in content.topics.topics}
    titles |= {("row", r.id): r.criterion for r in content.comparison.rows}
    titles |= {("use-case", u.id): u.task for u in content.use_cases.use_cases}
    titles |= {("industry", i.id): i.name for i in content.applications.industries}
    titles |= {("trend", t.id): t.name for t in content.trends.trends}
    titles |= {("misconception", m.id): m.claim for m in content.misconceptions.misconceptions}
    titles |= {("event", e.id): e.title for e in content.timeline.events}
    return titles


def term_targets(content: models.Content, sitemap: SiteMap) -> tuple[TermMatcher, dict[str, TermTarget]]:
    phrases: list[tuple[str, str, bool]] = []
    targets: dict[str, TermTarget] = {}
    for term in content.glossary.terms:
        phrases.append((term.term, term.id, False))
        phrases.extend((alias, term.id, False) for alias in term.aliases)
        if term.abbreviation:
            phrases.append((term.abbreviation, term.id, True))
        targets[term.id] = TermTarget(term.id, term.summary, sitemap.locate("term", term.id))
    return TermMatcher(phrases), targets


def cite_labels(sources: Iterable[models.Source]) -> dict[str, str]:
    """Author–year labels ("Vaswani et al. 2017"), with a/b suffixes where two would be equal."""
    base: dict[str, str] = {}
    for source in sources:
        names = [name.strip() for name in source.authors.split(",") if name.strip()]
        if len(names) >= 3:
            who = f"{names[0]} et al."
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = names[0] if names else source.authors
        base[source.id] = f"{who} {source.year}"
    counts: dict[str, int] = {}
    for label in base.values():
        counts[label] = counts.get(label, 0) + 1
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for source_id, label in base.items():
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            labels[source_id] = f"{label}{_letter_suffix(seen[label])}"
        else:
            labels[source_id] = label
    return labels


def _letter_suffix(number: int) -> str:
    """1 → 'a', 26 → 'z', 27 → 'aa': the a/b/c… that tells apart works with the same label."""
    suffix = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        suffix = chr(ord("a") + remainder) + suffix
    return suffix


@dataclass(frozen=True)
class Mention:
    """A place that mentions a glossary term: the label of the link and where it goes."""

    label: str
    location: Location


def mentions(
    content: models.Content, matcher: TermMatcher, sitemap: SiteMap, handwritten: Mapping[str, str]
) -> dict[str, list[Mention]]:
    """For each term, the pages, FAQs, comparison rows and entries that mention it."""
    found: dict[str, list[Mention]] = {}

    def scan(label: str, location: Location, *texts: str | None) -> None:
        for term_id in sorted(matcher.mentions(" \n".join(t for t in texts if t))):
            found.setdefault(term_id, []).append(Mention(label, location))

    for topic in content.topics.topics:
        for section in topic.sections:
            scan(f"{topic.nav_title}: {section.heading}", Location(f"{topic.id}.md", section.id), section.body)
    for row in content.comparison.rows:
        scan(
            f"Comparison: {row.criterion}",
            sitemap.locate("row", row.id),
            row.criterion,
            row.note,
            *(cell.text for cell in row.cells.values()),
        )
    for faq in content.faqs.faqs:
        scan(f"FAQ: {faq.question}", sitemap.locate("faq", faq.id), faq.question, faq.answer)
    for case in content.use_cases.use_cases:
        scan(f"When to use: {case.task}", sitemap.locate("use-case", case.id), case.task, case.why)
    for industry in content.applications.industries:
        scan(
            f"Applications: {industry.name}",
            sitemap.locate("industry", industry.id),
            industry.summary,
            industry.llm_uses,
            industry.other_uses,
            industry.caution,
        )
    for trend in content.trends.trends:
        scan(
            f"Trends: {trend.name}",
            sitemap.locate("trend", trend.id),
            trend.summary,
            trend.ahead,
            *(milestone.text for milestone in trend.shipped),
        )
    for misconception in content.misconceptions.misconceptions:
        scan(
            f"Misconception: {misconception.claim}",
            sitemap.locate("misconception", misconception.id),
            misconception.claim,
            misconception.correction,
        )
    for path, source in sorted(handwritten.items()):
        title = next((line[2:].strip() for line in source.splitlines() if line.startswith("# ")), path)
        scan(title, Location(path), source)
    return found


class _Renderer:
    def __init__(
        self,
        content: models.Content,
        sitemap: SiteMap,
        found: dict[str, list[Mention]],
        survey: Survey,
    ) -> None:
        self.survey = survey
        self.content = content
        self.sitemap = sitemap
        self.labels = cite_labels(content.sources.sources)
        self.sources = {source.id: source for source in content.sources.sources}
        self.terms = {term.id: term for term in content.glossary.terms}
        self.mentions = found

    def pages(self) -> dict[str, str]:
        return {path: make() for path, make in self.page_makers().items()}

    def page_makers(self) -> dict[str, Callable[[], str]]:
        """Every generated page (path under docs/), each as what renders it, so one can be rendered alone."""
        content = self.content
        pages: dict[str, Callable[[], str]] = {}
        for topic in content.topics.topics:
            diagram = content.diagram if content.diagram.topic == topic.id else None
            pages[f"{topic.id}.md"] = partial(self._page, "topic.md.j2", f"{topic.id}.md", topic=topic, diagram=diagram)
        extra: dict[str, dict[str, Any]] = {
            "row": {"subjects": content.comparison.subjects},
            "use-case": {"takeaway": content.use_cases.takeaway},
            "faq": {"groups": content.faqs.groups},
        }
        for collection in COLLECTIONS:
            parts = self.sitemap.pages[collection.kind]
            for number, (path, entries) in enumerate(parts, start=1):
                pager = _pager(path, [page for page, _ in parts])
                pages[path] = partial(
                    self._page,
                    f"{collection.first_page}.j2",
                    path,
                    entries=entries,
                    part=number,
                    pager=pager,
                    **extra.get(collection.kind, {}),
                )
        glossary = self.sitemap.glossary_pages
        letters = self._letters()
        for path, terms in glossary.items():
            pages[path] = partial(
                self._page,
                "glossary.md.j2",
                path,
                terms=terms,
                groups=_by_letter(terms),
                letters=letters,
                split=len(glossary) > 1,
            )
        if GLOSSARY_INDEX not in glossary:
            everything = sorted(content.glossary.terms, key=lambda term: (term.term.casefold(), term.id))
            listed = everything if len(everything) <= GLOSSARY_INDEX_LIST else []
            here = {letter for letter, _ in _by_letter(listed)}
            pages[GLOSSARY_INDEX] = partial(
                self._page,
                "glossary-index.md.j2",
                GLOSSARY_INDEX,
                letters=[
                    (letter, Location(GLOSSARY_INDEX, f"letter-{letter_slug(letter)}") if letter in here else where)
                    for letter, where in letters
                ]
                if listed
                else letters,
                groups=_by_letter(listed),
                terms=listed,
                count=len(everything),
            )
        pages[FIELD_REFERENCE] = lambda: self._page("fields.md.j2", FIELD_REFERENCE, files=_field_reference())
        pages[MAINTENANCE] = self._maintenance_page
        return pages

    def _maintenance_page(self) -> str:
        dated = sorted(self.survey.dated, key=lambda statement: (statement.date, statement.path, statement.line))
        listed = dated[:DATED_LISTED]
        return self._page(
            "maintenance.md.j2",
            MAINTENANCE,
            rows=coverage_rows(self.survey),
            dated=[(statement, self._place(statement.entry)) for statement in listed],
            dated_listed=DATED_LISTED,
            unlisted=len(dated) - len(listed),
            unlisted_from=dated[len(listed)].date if len(dated) > len(listed) else None,
            date=self.survey.date.isoformat(),
        )

    def _letters(self) -> list[tuple[str, Location | None]]:
        """A–Z (and '#'), each with where its first term is, or None if no term starts with it."""
        first: dict[str, Location] = {}
        for path, terms in self.sitemap.glossary_pages.items():
            for term in terms:
                first.setdefault(initial(term), Location(path, f"letter-{letter_slug(initial(term))}"))
        letters = [chr(code) for code in range(ord("A"), ord("Z") + 1)] + ["#"]
        return [(letter, first.get(letter)) for letter in letters]

    def _page(self, template: str, path: str, **variables: Any) -> str:
        return (
            _environment()
            .get_template(template)
            .render(
                page=path,
                renderer=self,
                glossary_terms=self.terms,
                labels=self.labels,
                mentions=self.mentions,
                **variables,
            )
        )

    # --- filters and helpers the templates call --------------------------------------------

    def link(self, page: str, kind: str, entry_id: str) -> text.Markdown:
        return text.Markdown(self.sitemap.link(page, kind, entry_id))

    def _place(self, entry: tuple[str, str] | None) -> Location | None:
        return self.sitemap.locate(*entry) if entry and self.sitemap.has(*entry) else None

    def to(self, page: str, location: Location) -> text.Markdown:
        return text.Markdown(relative(page, location))

    def rich(self, page: str, source: str) -> text.Markdown:
        return text.rich(text.parse_rich(source), lambda kind, entry_id: self.sitemap.link(page, kind, entry_id))

    def cite(self, page: str, citations: Iterable[models.Citation]) -> text.Markdown:
        """Author–year links to the references, each with where in the work: "Brown et al. 2020, Table 3.1"."""
        links = [
            f"[{text.plain(self.labels[citation.id] + (f', {citation.at}' if citation.at else ''))}]"
            f"({self.sitemap.link(page, 'source', citation.id)})"
            for citation in dict.fromkeys(citations)
        ]
        return text.Markdown(f'<span class="cite">{"; ".join(links)}</span>' if links else "")


def _by_letter(terms: list[models.Term]) -> list[tuple[str, list[models.Term]]]:
    groups: dict[str, list[models.Term]] = {}
    for term in terms:
        groups.setdefault(initial(term), []).append(term)
    return list(groups.items())


def _pager(current: str, parts: list[str]) -> text.Markdown:
    """Links between the pages of a long list ("Page 2 of 9: 1 2 3 …"), or nothing for one page."""
    if len(parts) == 1:
        return text.Markdown("")
    links = [
        f"**{number}**" if page == current else f"[{number}]({relative(current, Location(page))})"
        for number, page in enumerate(parts, start=1)
    ]
    position = parts.index(current) + 1
    return text.Markdown(
        f'<nav class="pager" aria-label="Pages of this list" markdown="span">Page {position} of {len(parts)}: '
        + " ".join(links)
        + "</nav>"
    )


def _finalize(value: object) -> object:
    """Escape every output that is not already safe Markdown."""
    if isinstance(value, text.Markdown):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("a boolean reached a template output")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return text.plain(value)
    raise TypeError(f"{type(value).__name__} reached a template output; format it with a filter")


@jinja2.pass_context
def _rich(context: Any, source: str) -> text.Markdown:
    renderer: _Renderer = context["renderer"]
    return renderer.rich(context["page"], source)


@jinja2.pass_context
def _cite(context: Any, citations: Iterable[models.Citation]) -> text.Markdown:
    renderer: _Renderer = context["renderer"]
    return renderer.cite(context["page"], citations)


@jinja2.pass_context
def _link(context: Any, entry_id: str, kind: str) -> text.Markdown:
    renderer: _Renderer = context["renderer"]
    return renderer.link(context["page"], kind, entry_id)


@jinja2.pass_context
def _to(context: Any, location: Location) -> text.Markdown:
    renderer: _Renderer = context["renderer"]
    return renderer.to(context["page"], location)


@jinja2.pass_context
def _sources_line(
    context: Any, citations: Iterable[models.Citation], label: str = "Sources", as_of: str | None = None
) -> text.Markdown:
    """ "Sources: …" under an entry, and its as-of date if it has one."""
    renderer: _Renderer = context["renderer"]
    cited = renderer.cite(context["page"], citations)
    dated = f" · {text.as_of_html(as_of).replace('>as of ', '>As of ', 1)}" if as_of else ""
    if not cited and not dated:
        return text.Markdown("")
    line = f"{text.plain(label)}: {cited}" if cited else ""
    return text.Markdown(f'<p class="sources" markdown="span">{line}{dated if line else dated[3:]}</p>')


def _as_of(date: str | None) -> text.Markdown:
    """'(as of November 2026)' after a table cell's text, or nothing."""
    return text.Markdown(f" ({text.as_of_html(date)})" if date else "")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One environment for every render, so each template is compiled once per process."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("explainer", "templates"),
        autoescape=False,  # noqa: S701 - the output is Markdown; `_finalize` escapes every value for it
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        rich=_rich,
        sources_line=_sources_line,
        as_of=_as_of,
        reviewed=lambda date: text.Markdown(
            f'<p class="reviewed">Last reviewed: {text.attribute(diagrams.display_date(date))}.</p>'
        ),
        fragment=lambda entry_id: text.Markdown("#" + models.Slug._validate(str(entry_id))),
        age_below=_age_below,
        cite=_cite,
        link=_link,
        to=_to,
        attr=lambda value: text.Markdown(text.attribute(str(value))),
        meta=lambda value: text.Markdown(json.dumps(html.escape(str(value), quote=True), ensure_ascii=False)),
        json_ld=lambda data: text.Markdown(json.dumps(text.script_json(data), ensure_ascii=False)),
        date=diagrams.display_date,
        as_of_words=text.as_of_words,
        months_before=lambda date, today: _count(
            (int(today[:4]) - int(date[:4])) * 12 + int(today[5:7]) - int(date[5:7]), "month"
        ),
        letter_slug=letter_slug,
        anchor=lambda entry_id: text.Markdown("{#" + models.Slug._validate(str(entry_id)) + "}"),
        url=lambda address: text.Markdown(text.safe_url(str(address))),
        code=lambda value: text.Markdown(text.code_span(str(value))),
    )
    env.globals.update(
        secondary_types=models.SECONDARY_TYPES,
        fit_labels=FIT_LABELS,
        lane_labels=diagrams.LANE_LABELS,
        relationship_svg=lambda diagram: text.Markdown(
            diagrams.relationship_svg(diagram) + diagrams.relationship_svg(diagram, narrow=True)
        ),
        timeline_svg=lambda events: text.Markdown(diagrams.timeline_svg(events)),
        faq_json_ld=_faq_json_ld,
        glossary_json_ld=_glossary_json_ld,
    )
    return env


def _faq_json_ld(faqs: list[models.Faq]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": text.visible_text(text.parse_rich(faq.answer))},
            }
            for faq in faqs
        ],
    }


def _glossary_json_ld(terms: list[models.Term], sitemap: SiteMap, page: str) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "name": "Glossary of LLM and generative AI terms",
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": _page_relative_url(page, sitemap.locate("term", term.id)),
                "name": term.term,
                "description": term.summary,
                **({"termCode": term.abbreviation} if term.abbreviation else {}),
            }
            for term in terms
        ],
    }


def _page_relative_url(page: str, location: Location) -> str:
    """A URL relative to the built page (directory URLs), for data that MkDocs does not rewrite."""
    from .sitemap import page_url

    here = page_url(page)
    there = page_url(location.page)
    depth = here.count("/")
    path = "" if here == there else "../" * depth + there
    return path + (f"#{location.anchor}" if location.anchor else "")


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    title: str
    fields: list[FieldDoc]


@dataclass(frozen=True)
class FileDoc:
    path: str
    schema: str
    models: list[ModelDoc]


def _field_reference() -> list[FileDoc]:
    """Every field of every content file, from the models themselves (so the guide cannot drift)."""
    files: list[FileDoc] = []
    for path in models.CONTENT_FILES:
        seen: list[type[models.Model]] = []
        _collect_models(models.file_model(path), seen)
        docs = [
            ModelDoc(
                _model_title(model, path),
                [
                    FieldDoc(name, _type_name(info.annotation), info.is_required(), info.description or "")
                    for name, info in model.model_fields.items()
                ],
            )
            for model in seen
        ]
        files.append(FileDoc(path, schema_name(path), docs))
    return files


def _collect_models(model: type[models.Model], seen: list[type[models.Model]]) -> None:
    if model in seen:
        return
    seen.append(model)
    for info in model.model_fields.values():
        for nested in _nested_models(info.annotation):
            _collect_models(nested, seen)


def _nested_models(annotation: Any) -> list[type[models.Model]]:
    import typing

    origin = typing.get_origin(annotation)
    if origin is not None:
        return [model for arg in typing.get_args(annotation) for model in _nested_models(arg)]
    return [annotation] if isinstance(annotation, type) and issubclass(annotation, models.Model) else []


def _model_title(model: type[models.Model], path: str) -> str:
    if issubclass(model, models.Entry):
        return f"Each {model.kind.replace('-', ' ')} entry"
    if model is models.file_model(path):
        return "Top level"
    return f"Each {model.__name__.lower()}"


def _type_name(annotation: Any) -> str:
    import typing

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}"
    if origin is typing.Literal:
        return " or ".join(f"`{arg}`" for arg in args)
    if origin is not None and type(None) in args:
        return _type_name(next(arg for arg in args if arg is not type(None))) + " (optional)"
    if isinstance(annotation, type) and issubclass(annotation, models.Model):
        return annotation.__name__.lower()
    if annotation is int:
        return "year"
    return str(getattr(annotation, "type_name", getattr(annotation, "__name__", annotation)))
