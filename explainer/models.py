# Role: the typed content models — the data contract of every YAML file, as pydantic models.
"""Typed models for every content file.

The models only see what `read` produced: strings, ``True``/``False``, ``None``, lists and
dicts. Every scalar type below is a ``str`` subclass that checks its own shape, so a value
carries what it is (a term reference, a rich text, a date) into the later steps.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
# Characters that would end a line or hide in the page: line breaks of every kind and C0/C1 controls.
_LINE_BREAKS = re.compile("[\n\r\v\f\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_AS_OF = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_LOCATOR = re.compile(
    r"^(?:§|(?:sections?|tables?|figures?|fig\.|pages?|p\.|pp\.|appendix|appendices|articles?|art\.|recitals?|"
    r"annex|abstract|chapter|equation|eq\.|algorithm)(?![a-z]))",
    re.IGNORECASE,
)
ALLOWED_URL_SCHEMES = ("https", "http", "mailto")
SUMMARY_MAX = 200
KIND_LABELS = {"faq": "FAQ", "faq-group": "FAQ group", "row": "comparison row", "use-case": "use case"}
"""How a kind of entry is named in messages and the field reference, where its id does not read well."""
DESCRIPTION_MAX = 160


class _CheckedStr(str):
    """A string that validates its own shape; subclasses override `check`."""

    json_schema_extra: ClassVar[dict[str, Any]] = {}
    type_name: ClassVar[str] = "text"
    """How the field reference names this type."""

    @classmethod
    def check(cls, value: str) -> str:
        return value

    @classmethod
    def _validate(cls, value: str) -> _CheckedStr:
        control = _CONTROL.search(value)
        if control:
            raise PydanticCustomError(
                "control_character",
                "contains an invisible control character (U+{code}): delete it",
                {"code": f"{ord(control.group()):04X}"},
            )
        return cls(cls.check(value))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(cls._validate, core_schema.str_schema(strict=True))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", **cls.json_schema_extra}


class Line(_CheckedStr):
    """One line of plain text, shown exactly as typed (no Markdown)."""

    type_name: ClassVar[str] = "one line of text"

    json_schema_extra: ClassVar[dict[str, Any]] = {"minLength": 1, "pattern": r"^[^\n\r]*\S[^\n\r]*$"}

    @classmethod
    def check(cls, value: str) -> str:
        if _LINE_BREAKS.search(value):
            raise PydanticCustomError(
                "one_line", "must be a single line: remove the line break (use a plain or quoted string, not '|')"
            )
        if not value.strip():
            raise PydanticCustomError("empty_text", "must not be empty")
        return value


class Summary(Line):
    """One plain sentence, short enough for a tooltip."""

    type_name: ClassVar[str] = f"one line, at most {SUMMARY_MAX} characters"

    json_schema_extra: ClassVar[dict[str, Any]] = {**Line.json_schema_extra, "maxLength": SUMMARY_MAX}

    @classmethod
    def check(cls, value: str) -> str:
        value = super().check(value)
        if len(value) > SUMMARY_MAX:
            raise PydanticCustomError(
                "too_long",
                "is {length} characters long; keep it to {limit} so it fits in a tooltip",
                {"length": len(value), "limit": SUMMARY_MAX},
            )
        return value


class Description(Line):
    """A page's meta description, as shown by search engines."""

    type_name: ClassVar[str] = f"one line, at most {DESCRIPTION_MAX} characters"

    json_schema_extra: ClassVar[dict[str, Any]] = {**Line.json_schema_extra, "maxLength": DESCRIPTION_MAX}

    @classmethod
    def check(cls, value: str) -> str:
        value = super().check(value)
        if len(value) > DESCRIPTION_MAX:
            raise PydanticCustomError(
                "too_long",
                "is {length} characters long; keep it to {limit} so search engines show all of it",
                {"length": len(value), "limit": DESCRIPTION_MAX},
            )
        return value


class RichText(_CheckedStr):
    """Text in the small Markdown subset: paragraphs, emphasis, inline code, lists, links."""

    type_name: ClassVar[str] = "rich text (Markdown subset)"

    json_schema_extra: ClassVar[dict[str, Any]] = {"minLength": 1}

    @classmethod
    def check(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("empty_text", "must not be empty")
        return value


class Slug(_CheckedStr):
    """An id: lowercase letters, digits and single hyphens, e.g. ``next-token-prediction``."""

    type_name: ClassVar[str] = "id"

    json_schema_extra: ClassVar[dict[str, Any]] = {"pattern": SLUG_PATTERN}

    @classmethod
    def check(cls, value: str) -> str:
        if not _SLUG.match(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-entry"
            raise PydanticCustomError(
                "slug",
                "is not a valid id: use lowercase letters, digits and hyphens, e.g. '{suggestion}'",
                {"suggestion": suggestion},
            )
        return value


class Ref(Slug):
    """The id of another entry; `target` names the kind of entry it points at."""

    target: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.type_name = f"{KIND_LABELS.get(cls.target, cls.target)} id"


class TermRef(Ref):
    target = "term"


class SourceRef(Ref):
    target = "source"


class SubjectRef(Ref):
    target = "subject"


class FaqGroupRef(Ref):
    target = "faq-group"


class LayerRef(Ref):
    target = "layer"


class TopicRef(Ref):
    target = "topic"


class IsoDate(_CheckedStr):
    """A calendar date written ``"YYYY-MM-DD"`` (quoted)."""

    type_name: ClassVar[str] = 'date "YYYY-MM-DD"'

    json_schema_extra: ClassVar[dict[str, Any]] = {"pattern": _FULL_DATE.pattern, "format": "date"}

    @classmethod
    def check(cls, value: str) -> str:
        if not _FULL_DATE.match(value):
            raise PydanticCustomError("date_format", 'is not a date: write it as "YYYY-MM-DD", e.g. "2026-11-01"')
        _real_date(value)
        return value

    def as_date(self) -> dt.date:
        return dt.date.fromisoformat(self)


class PartialDate(_CheckedStr):
    """A year, month or day: ``"2017"``, ``"2017-06"`` or ``"2017-06-12"``."""

    type_name: ClassVar[str] = 'date "YYYY", "YYYY-MM" or "YYYY-MM-DD"'

    json_schema_extra: ClassVar[dict[str, Any]] = {"pattern": _PARTIAL_DATE.pattern}

    @classmethod
    def check(cls, value: str) -> str:
        if not _PARTIAL_DATE.match(value):
            raise PydanticCustomError(
                "date_format", 'is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD", e.g. "2017-06"'
            )
        _real_date(value + "-01-01"[len(value) - 4 :])
        return value

    @property
    def year(self) -> int:
        return int(self[:4])


class AsOf(_CheckedStr):
    """The month (or day) a time-sensitive statement was true: ``"2026-11"`` or ``"2026-11-20"``."""

    json_schema_extra: ClassVar[dict[str, Any]] = {"pattern": _AS_OF.pattern}
    type_name: ClassVar[str] = 'month "YYYY-MM" (or day "YYYY-MM-DD")'

    @classmethod
    def check(cls, value: str) -> str:
        if not _AS_OF.match(value):
            raise PydanticCustomError(
                "date_format", 'is not a month: write "YYYY-MM" (or "YYYY-MM-DD"), e.g. "2026-11"'
            )
        _real_date(value + "-01"[len(value) - 7 :])
        return value

    def first_day(self) -> dt.date:
        return dt.date.fromisoformat(self + "-01"[len(self) - 7 :])


class Locator(Line):
    """Where in a work a claim stands: "Table 3.1", "Section 2.1", "Figure 4", "p. 14", "Article 50"."""

    type_name: ClassVar[str] = "section, table, figure or page"

    @classmethod
    def check(cls, value: str) -> str:
        value = super().check(value)
        if not _LOCATOR.match(value):
            raise PydanticCustomError(
                "locator",
                "should say where in the work the claim stands, starting with Section (§), Table, Figure, "
                "page (p.), Appendix, Article, Recital, Annex or Abstract, e.g. 'Table 3.1'",
            )
        return value


class Url(_CheckedStr):
    """An absolute link using https, http or mailto."""

    type_name: ClassVar[str] = "https, http or mailto address"

    json_schema_extra: ClassVar[dict[str, Any]] = {"pattern": r"^(https?://|mailto:)\S+$", "format": "uri"}

    @classmethod
    def check(cls, value: str) -> str:
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        if scheme not in ALLOWED_URL_SCHEMES or re.search(r"\s", value):
            raise PydanticCustomError(
                "url_scheme",
                "is not an allowed link: use an https://, http:// or mailto: address without spaces",
            )
        if scheme in ("http", "https") and not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):
            raise PydanticCustomError("url_host", "has no host name after '{scheme}://'", {"scheme": scheme})
        return value


def _real_date(value: str) -> None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_value", "is not a real calendar date") from None


def _whole_number(value: object) -> object:
    """Editors type years unquoted; `read` hands them over as text, so parse them here."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,4}", value):
        return int(value)
    if isinstance(value, str):
        raise PydanticCustomError("year", "is not a year: write four digits, e.g. 2017")
    return value


Year = Annotated[int, BeforeValidator(_whole_number), Field(ge=1900, le=2100, json_schema_extra={"type": "integer"})]
WorkType = Literal[
    "paper", "report", "model card", "system card", "documentation", "specification", "law", "announcement", "news"
]
"""What kind of work a source is; an announcement or news is a secondary source."""
SECONDARY_TYPES = ("announcement", "news")
Fit = Literal["llm", "other", "both"]
BestFit = Literal["llm", "other", "both", "neither"]
"""For a task: an LLM, another kind of generative model, both, or neither (not a generation task at all)."""
"""Which kind of model suits a task: an LLM, another kind of generative model, or both together."""


class Model(BaseModel):
    """Base of every content model: unknown fields are errors, nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Entry(Model):
    """An entry with a stable id: its anchor on the page and the target of references."""

    kind: ClassVar[str] = "entry"
    id: Slug = Field(description="Stable id: lowercase slug, unique in this file; the entry's anchor.")


# --- content/sources.yaml -------------------------------------------------------------------


class Source(Entry):
    kind: ClassVar[str] = "source"
    title: Line = Field(description="Title of the work, as published.")
    authors: Line = Field(description="Authors, e.g. 'Vaswani et al.' or an organisation such as 'OpenAI'.")
    year: Year = Field(description="Year of publication, e.g. 2017.")
    venue: Line | None = Field(None, description="Where it appeared, e.g. 'NeurIPS' or 'OpenAI report'.")
    identifier: Line | None = Field(
        None, description="Stable identifier such as 'arXiv:1706.03762' or 'doi:10.1038/…'."
    )
    url: Url = Field(description="Link to the work (https).")
    type: WorkType = Field(
        description="What kind of work: a paper, report, model card, system card, documentation, specification or "
        "law (primary sources), or an announcement or news (secondary: the page marks them)."
    )
    note: Line | None = Field(None, description="Optional remark shown after the entry.")
    reviewed: IsoDate = Field(description="When someone last checked the work's details and link.")


class SourcesFile(Model):
    sources: list[Source] = Field(min_length=1, description="The bibliography; every `sources:` id resolves here.")


def _citation_from_id(value: object) -> object:
    return {"id": value} if isinstance(value, str) else value


class Citation(Model):
    """A work that backs a claim, and optionally where in it the claim stands."""

    id: SourceRef = Field(description="Id of the work in content/sources.yaml.")
    at: Locator | None = Field(
        None, description="Where in the work: a section, table, figure or page, e.g. 'Table 3.1' or 'p. 14'."
    )


Cited = Annotated[Citation, BeforeValidator(_citation_from_id, json_schema_input_type=SourceRef | Citation)]
"""A source id, or ``{id: …, at: …}`` to say where in the work the claim stands."""


# --- glossary.yaml --------------------------------------------------------------------------


class Term(Entry):
    kind: ClassVar[str] = "term"
    term: Line = Field(description="The term as a reader writes it, e.g. 'Transformer'.")
    aliases: list[Line] = Field(
        default_factory=list, description="Plurals and synonyms; mentions of these link to the term too."
    )
    abbreviation: Line | None = Field(None, description="Abbreviation, e.g. 'LLM'; matched case-sensitively.")
    summary: Summary = Field(description="One plain sentence for tooltips (at most 200 characters).")
    definition: RichText = Field(description="The definition, in the small Markdown subset.")
    related: list[TermRef] = Field(default_factory=list, description="Ids of related glossary terms.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(min_length=1, description="Ids from content/sources.yaml.")
    reviewed: IsoDate = Field(description="When someone last checked this entry against its sources.")


class GlossaryFile(Model):
    terms: list[Term] = Field(min_length=1, description="The glossary entries.")


# --- comparison.yaml ------------------------------------------------------------------------


class Subject(Entry):
    kind: ClassVar[str] = "subject"
    name: Line = Field(description="Column heading, e.g. 'Large language models'.")
    short_name: Line = Field(description="Short label used on phones, e.g. 'LLMs'.")


def _cell_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Cell(Model):
    text: Line = Field(description="What this subject is like for the row's criterion; one line.")
    sources: list[Cited] = Field(
        default_factory=list, description="Sources for this cell alone; the row's sources apply otherwise."
    )


class Row(Entry):
    kind: ClassVar[str] = "row"
    criterion: Line = Field(description="The row heading, e.g. 'Output modalities'.")
    cells: dict[SubjectRef, Annotated[Cell, BeforeValidator(_cell_from_text, json_schema_input_type=Line | Cell)]] = (
        Field(description="One cell per subject id: either a line of text or {text, sources}.")
    )
    note: RichText | None = Field(None, description="Optional nuance shown under the table.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(min_length=1, description="Sources backing the row.")
    reviewed: IsoDate = Field(description="When someone last checked this row.")


class ComparisonFile(Model):
    subjects: list[Subject] = Field(min_length=2, description="The table's columns.")
    rows: list[Row] = Field(min_length=1, description="The table's rows.")


# --- content/faqs.yaml ----------------------------------------------------------------------


class FaqGroup(Entry):
    kind: ClassVar[str] = "faq-group"
    title: Line = Field(description="Heading of the group on the FAQ page.")


class Faq(Entry):
    kind: ClassVar[str] = "faq"
    group: FaqGroupRef = Field(description="Id of the group this question is listed under.")
    question: Line = Field(description="The question, as a reader would ask it.")
    answer: RichText = Field(description="The answer, in the small Markdown subset; lead with the short answer.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(min_length=1, description="Sources backing the answer.")
    reviewed: IsoDate = Field(description="When someone last checked this answer.")


class FaqsFile(Model):
    groups: list[FaqGroup] = Field(min_length=1, description="Groups, in page order.")
    faqs: list[Faq] = Field(min_length=1, description="The questions, in page order within each group.")


# --- content/topics.yaml --------------------------------------------------------------------


class Section(Entry):
    kind: ClassVar[str] = "section"
    heading: Line = Field(description="Section heading.")
    body: RichText = Field(description="Section text in the small Markdown subset.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(default_factory=list, description="Sources backing the section.")


class Example(Model):
    name: Line = Field(description="Name of the system, e.g. 'GPT-4'.")
    maker: Line = Field(description="Who built it.")
    year: Year = Field(description="Year it was released or published.")
    note: Line = Field(description="One line on what it is and does.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(min_length=1, description="Sources for the note.")


class Topic(Entry):
    kind: ClassVar[str] = "topic"
    title: Line = Field(description="Page title.")
    nav_title: Line = Field(description="Short title for navigation and cards.")
    description: Description = Field(description="Meta description of the page (at most 160 characters).")
    lead: RichText = Field(description="The short answer shown first.")
    sections: list[Section] = Field(min_length=1, description="The page's sections, in order.")
    examples: list[Example] = Field(default_factory=list, description="Example systems, shown as a table.")
    reviewed: IsoDate = Field(description="When someone last checked this page.")


class TopicsFile(Model):
    topics: list[Topic] = Field(min_length=1, description="Each topic becomes a page named after its id.")


# --- content/use-cases.yaml -----------------------------------------------------------------


class UseCase(Entry):
    kind: ClassVar[str] = "use-case"
    task: Line = Field(description="The job to be done, e.g. 'Summarise long reports'.")
    best_fit: BestFit = Field(
        description="llm, other (another kind of generative model), both, or neither (the task is not generation)."
    )
    why: RichText = Field(description="Why that fits, in the small Markdown subset.")
    examples: list[Line] = Field(min_length=1, description="Real systems used for this task.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(min_length=1, description="Sources backing the choice and examples.")
    reviewed: IsoDate = Field(description="When someone last checked this entry.")


class UseCasesFile(Model):
    takeaway: RichText = Field(description="The short takeaway for product teams, shown after the guide.")
    use_cases: list[UseCase] = Field(min_length=1, description="The decision guide's rows.")


# --- content/applications.yaml --------------------------------------------------------------


class Industry(Entry):
    kind: ClassVar[str] = "industry"
    name: Line = Field(description="The industry, e.g. 'Healthcare'.")
    summary: Line = Field(description="One line on what generative AI does there.")
    llm_uses: RichText = Field(description="How language models are used.")
    other_uses: RichText | None = Field(None, description="How other generative models are used, if at all.")
    caution: RichText = Field(description="The main risk or limit to keep in mind.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(min_length=1, description="Sources backing the entry.")
    reviewed: IsoDate = Field(description="When someone last checked this entry.")


class ApplicationsFile(Model):
    industries: list[Industry] = Field(min_length=1, description="Industries, in page order.")


# --- content/trends.yaml --------------------------------------------------------------------


class Milestone(Model):
    date: PartialDate = Field(description='When it shipped: "YYYY", "YYYY-MM" or "YYYY-MM-DD".')
    text: Line = Field(description="What shipped, in one line.")
    sources: list[Cited] = Field(min_length=1, description="Source for the milestone.")


class Trend(Entry):
    kind: ClassVar[str] = "trend"
    name: Line = Field(description="Name of the trend.")
    summary: Line = Field(description="One line on what the trend is.")
    shipped: list[Milestone] = Field(min_length=1, description="What has already shipped, oldest first.")
    ahead: RichText = Field(description="What is still ahead or unsolved.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(default_factory=list, description="Sources for the outlook.")
    reviewed: IsoDate = Field(description="When someone last checked this trend.")


class TrendsFile(Model):
    trends: list[Trend] = Field(min_length=1, description="Trends, in page order.")


# --- content/misconceptions.yaml ------------------------------------------------------------


class Misconception(Entry):
    kind: ClassVar[str] = "misconception"
    claim: Line = Field(description="The mistaken claim, stated as people make it.")
    correction: RichText = Field(description="What is actually true, in the small Markdown subset.")
    as_of: AsOf | None = Field(
        None, description="For time-sensitive facts: the month they were true; the page shows 'as of Month YYYY'."
    )
    sources: list[Cited] = Field(min_length=1, description="Sources for the correction.")
    reviewed: IsoDate = Field(description="When someone last checked this entry.")


class MisconceptionsFile(Model):
    misconceptions: list[Misconception] = Field(min_length=1, description="Misconceptions, in page order.")


# --- content/timeline.yaml ------------------------------------------------------------------


class Event(Entry):
    kind: ClassVar[str] = "event"
    date: PartialDate = Field(description='When: "YYYY", "YYYY-MM" or "YYYY-MM-DD".')
    title: Line = Field(description="Short label drawn on the timeline.")
    summary: Line = Field(description="One line on why it matters.")
    lane: Fit = Field(description="Which story it belongs to: llm, other (other generative models) or both.")
    sources: list[Cited] = Field(min_length=1, description="Source for the milestone.")
    reviewed: IsoDate = Field(description="When someone last checked this milestone against its sources.")


class TimelineFile(Model):
    events: list[Event] = Field(min_length=2, description="Milestones; drawn in date order.")


# --- content/diagram.yaml -------------------------------------------------------------------


class Layer(Entry):
    kind: ClassVar[str] = "layer"
    label: Line = Field(description="Label drawn on the layer.")
    note: Line = Field(description="One line for the text alternative.")
    term: TermRef | None = Field(None, description="Glossary term the label links to.")


class Family(Entry):
    kind: ClassVar[str] = "family"
    label: Line = Field(description="Label drawn in the diagram.")
    layer: LayerRef = Field(description="The innermost layer this family belongs to.")
    crosses: LayerRef | None = Field(
        None, description="A layer whose border this family straddles (e.g. multimodal LLMs cross 'llm')."
    )
    note: Line = Field(description="One line for the text alternative.")
    term: TermRef | None = Field(None, description="Glossary term the label links to.")


class DiagramFile(Model):
    title: Line = Field(description="Title of the diagram.")
    topic: TopicRef = Field(description="Id of the topic page that shows the diagram, after its lead.")
    layers: list[Layer] = Field(min_length=2, description="Nested layers, outermost first.")
    families: list[Family] = Field(default_factory=list, description="Model families placed inside the layers.")
    sources: list[Cited] = Field(min_length=1, description="Sources for the picture the diagram draws.")
    reviewed: IsoDate = Field(description="When someone last checked the diagram against its sources.")


# --- the whole project ----------------------------------------------------------------------


class Content(Model):
    """All content files, validated and cross-checked."""

    glossary: GlossaryFile
    comparison: ComparisonFile
    sources: SourcesFile
    topics: TopicsFile
    faqs: FaqsFile
    use_cases: UseCasesFile
    applications: ApplicationsFile
    trends: TrendsFile
    misconceptions: MisconceptionsFile
    timeline: TimelineFile
    diagram: DiagramFile


CONTENT_FILES: dict[str, str] = {
    "glossary.yaml": "glossary",
    "comparison.yaml": "comparison",
    "content/sources.yaml": "sources",
    "content/topics.yaml": "topics",
    "content/faqs.yaml": "faqs",
    "content/use-cases.yaml": "use_cases",
    "content/applications.yaml": "applications",
    "content/trends.yaml": "trends",
    "content/misconceptions.yaml": "misconceptions",
    "content/timeline.yaml": "timeline",
    "content/diagram.yaml": "diagram",
}
"""Every content file, relative to the project root, and the attribute of `Content` holding it."""


def file_model(path: str) -> type[Model]:
    """The model of a content file's top level."""
    annotation = Content.model_fields[CONTENT_FILES[path]].annotation
    assert isinstance(annotation, type) and issubclass(annotation, Model)
    return annotation
