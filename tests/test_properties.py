"""Property-based tests: whatever an editor types, no traceback and no markup of their own.

Uses the Markdown extensions of mkdocs.yml itself, so the properties hold for the real site.
"""

from __future__ import annotations

import contextlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

import build_site
from conftest import FIXTURE, ROOT, TODAY, copy_project
from explainer import models
from explainer.pipeline import read_project
from explainer.read import read_document
from explainer.text import parse_rich, plain, rich
from explainer.validate import validate

pytestmark = pytest.mark.slow
DIAGNOSTIC = re.compile(r"^[\w./-]+:\d+:\d+: (error|warning): \S.*$")
_CONFIG = load_config(str(ROOT / "mkdocs.yml"))
MARKDOWN = markdown.Markdown(extensions=_CONFIG.markdown_extensions, extension_configs=_CONFIG.mdx_configs)

# Characters that mean something to Markdown, HTML, YAML, Jinja or pymdown-extensions, plus anything else.
SPECIAL = [
    *"<>&\"'`*_[](){}#!|\\:-=+~^.;/@$%?,0123456789 \t",
    "--8<--",
    "{{",
    "}}",
    "{:",
    "](",
    "![",
    "&#x61;",
    "javascript:",
    "data:",
    "-->",
    "<!--",
    "\u00a0",
    "\u200b",
]
ANY_TEXT = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.characters(exclude_categories=("Cs", "Cc"))), max_size=60
).map("".join)
ONE_LINE = ANY_TEXT.filter(lambda text: text.strip() != "")
MULTI_LINE = st.lists(
    st.one_of(ANY_TEXT, st.sampled_from(["\n", "\n\n", "\n- ", "\n1. ", "\n    ", "\n# ", "\n> ", "\n```\n"])),
    max_size=12,
).map("".join)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "a" and ("class", "headerlink") in attrs:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", {}))


def html_of(source: str) -> Page:
    MARKDOWN.reset()
    page = Page()
    page.feed(MARKDOWN.convert(source))
    return page


def visible(text: str) -> str:
    return " ".join(text.split())


CONTEXTS = {
    "paragraph": ("{}", ["p"]),
    "table cell": ("| a |\n|---|\n| {} |", ["table", "thead", "tr", "th", "tbody", "tr", "td"]),
    "heading": ("## {} {{#anchor}}", ["h2", "a"]),
    "link text": ("[{}](faq.md#x)", ["p", "a"]),
    "html span": ('<p class="x" markdown="span">{}</p>', ["p"]),
    "details title": ("/// details | {}\n    type: question\n\nanswer\n///", ["details", "summary", "p"]),
}


@pytest.mark.parametrize("context", list(CONTEXTS))
@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=ONE_LINE)
def test_plain_fields_show_exactly_the_typed_text_and_nothing_else(context: str, typed: str) -> None:
    template, own_tags = CONTEXTS[context]
    page = html_of(template.format(plain(typed)))
    assert [tag for tag, _ in page.tags] == own_tags
    text = visible("".join(page.text))
    if context == "table cell":
        text = text.removeprefix("a ")
    if context == "details title":
        text = text.removesuffix(" answer")
    assert text == visible(typed)


ALLOWED_TAGS = {"p", "em", "strong", "code", "ul", "ol", "li", "a", "time", "!--"}


# --- rich text inside every wrapper of the real templates, after a real build --------------------

RICH_FIELDS_BY_WRAPPER = {
    "lead <div markdown>": ("content/topics.yaml", ("topics", 0, "lead")),
    "glossary entry <div markdown>": ("glossary.yaml", ("terms", 1, "definition")),
    "FAQ details block": ("content/faqs.yaml", ("faqs", 0, "answer")),
    "warning admonition": ("content/applications.yaml", ("industries", 0, "caution")),
    "section": ("content/topics.yaml", ("topics", 0, "sections", 0, "body")),
    "comparison note": ("comparison.yaml", ("rows", 0, "note")),
    "decision guide": ("content/use-cases.yaml", ("use_cases", 0, "why")),
    "takeaway": ("content/use-cases.yaml", ("takeaway",)),
    "trend outlook": ("content/trends.yaml", ("trends", 0, "ahead")),
    "misconception": ("content/misconceptions.yaml", ("misconceptions", 0, "correction")),
}
"""A rich field for each wrapper the templates put rich text in (and the plain sections)."""


def _built_shapes(site: Path) -> dict[str, tuple[set[tuple[str, str]], int]]:
    """Each page's (element, attribute) pairs and its number of script elements."""
    shapes = {}
    for file in sorted(site.rglob("*.html")):
        page = Page()
        page.feed(file.read_text(encoding="utf-8"))
        shapes[str(file.relative_to(site))] = (_shape(page), sum(tag == "script" for tag, _ in page.tags))
    return shapes


@pytest.fixture(scope="module")
def rich_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[set[tuple[str, str]], int]]]:
    project = copy_project(tmp_path_factory.mktemp("rich") / "project", FIXTURE)
    assert build_site.main(["--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")]) == 0
    return project, _built_shapes(project / "site")


def _buildable(typed: str) -> bool:
    """A rich text that check accepts: not blank, only the subset, internal links to entries that exist."""
    document = parse_rich(typed)
    return (
        bool(typed.strip())
        and not document.problems
        and all(
            (link.kind, link.target) in {("term", "token"), ("faq", "what-is-an-llm"), ("source", "brown2020")}
            for link in document.links
        )
    )


RICH_LINKS = st.sampled_from(["[a token](term:token)", "[](source:brown2020)", "[FAQ](faq:what-is-an-llm)"])
MARKUP = st.sampled_from(
    [
        "`",
        "``",
        " ",
        "</div>",
        "</p>",
        "</details>",
        "</li></ul>",
        "<script>alert(1)</script>",
        "<iframe src=x>",
        '<div markdown="1">',
        "<img src=x onerror=alert(1)>",
        "*",
        "\n- ",
        "\n\n",
        "&lt;",
        "\\",
    ]
)
"""Pieces that close or open the wrappers' HTML, in and out of code spans: what a break-out needs."""
IN_CODE = st.tuples(st.sampled_from(["`", "``"]), st.lists(MARKUP, min_size=1, max_size=4)).map(
    lambda fence_and_parts: fence_and_parts[0] + "".join(fence_and_parts[1]) + fence_and_parts[0]
)
"""The same pieces inside a code span, where Python-Markdown's md_in_html used to read them as HTML."""
RICH_TEXT = st.lists(st.one_of(MULTI_LINE, RICH_LINKS, MARKUP, IN_CODE, IN_CODE), min_size=1, max_size=8).map("".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    phases=[
        Phase.explicit,
        Phase.reuse,
        Phase.generate,
    ],  # a failing build is already small; shrinking it takes minutes
)
@given(typed=RICH_TEXT.filter(_buildable))
@example(typed="`</div><script>alert(1)</script>`")
@example(typed="Then `</p></details><img src=x onerror=alert(1)>` and ``</li></ul>`<iframe src=x>``")
@example(typed='- `</li></ul></div><script>alert(1)</script>`\n- *`<div markdown="1">`*')
def test_rich_text_in_every_wrapper_adds_nothing_to_the_built_pages(
    rich_project: tuple[Path, dict[str, tuple[set[tuple[str, str]], int]]], typed: str
) -> None:
    """Whatever an editor types in a rich field, the built pages gain no element, attribute or script."""
    import yaml

    project, baseline = rich_project
    for file, path in RICH_FIELDS_BY_WRAPPER.values():
        data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = typed + "\n"
        (project / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        code = build_site.main(["--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")])
    assert code == 0, (typed, errors.getvalue())
    for page, (shape, scripts) in _built_shapes(project / "site").items():
        known, known_scripts = baseline[page]
        rich_text = {(tag, "") for tag in ALLOWED_TAGS} | {("a", "href"), ("a", "class"), ("a", "title")}
        assert shape <= known | rich_text, (page, shape - known, typed)
        assert scripts == known_scripts, (page, typed)


@settings(max_examples=3000, deadline=None)
@given(typed=MULTI_LINE)
def test_rich_fields_produce_only_the_allowed_elements(typed: str) -> None:
    page = html_of(rich(parse_rich(typed), lambda kind, entry_id: f"{kind}.md#{entry_id}"))
    for tag, attributes in page.tags:
        assert tag in ALLOWED_TAGS, (tag, typed)
        assert set(attributes) <= {"a": {"href"}, "time": {"datetime"}}.get(tag, set()), (tag, attributes, typed)
        if tag == "a":
            assert re.match(r"^(https?://|mailto:|[a-z-]+\.md#[a-z0-9-]+$)", attributes["href"] or ""), attributes


@settings(max_examples=1500, deadline=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_give_a_tree_or_contract_diagnostics(data: bytes) -> None:
    document = read_document("content/faqs.yaml", data)
    assert (document.root is None) == bool(document.diagnostics)
    for diagnostic in document.diagnostics:
        assert DIAGNOSTIC.match(diagnostic.plain()), diagnostic.plain()


BASELINE = read_project(FIXTURE)
YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), ONE_LINE),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["id", "question", "answer", "group", "sources", "reviewed", "faqs", "groups", "x"]),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=YAML_VALUES, path=st.sampled_from(list(models.CONTENT_FILES)))
def test_any_yaml_document_gives_content_or_contract_diagnostics(value: object, path: str) -> None:
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    documents = dict(BASELINE)
    documents[path] = read_document(path, text.encode("utf-8"))
    outcome = validate(documents, TODAY, 365)
    for diagnostic in outcome.diagnostics:
        assert DIAGNOSTIC.match(diagnostic.plain()), diagnostic.plain()
    assert (outcome.content is None) == any(d.severity == "error" for d in outcome.diagnostics)


def test_the_baseline_fixture_is_valid() -> None:
    assert validate(BASELINE, TODAY, 365).content is not None
    assert Path(FIXTURE).is_dir()


# --- the same property through the real templates ------------------------------------------

FIELDS_ON_PAGES = [
    (("glossary", "terms", 0, "term"), "glossary/index.md"),
    (("glossary", "terms", 0, "summary"), "glossary/index.md"),
    (("glossary", "terms", 0, "aliases", 0), "glossary/index.md"),
    (("comparison", "subjects", 0, "name"), "comparison.md"),
    (("comparison", "subjects", 1, "short_name"), "comparison.md"),
    (("comparison", "rows", 0, "criterion"), "comparison.md"),
    (("comparison", "rows", 1, "cells", "llm", "text"), "comparison.md"),
    (("faqs", "faqs", 0, "question"), "faq.md"),
    (("faqs", "groups", 0, "title"), "faq.md"),
    (("topics", "topics", 0, "title"), "large-language-models.md"),
    (("topics", "topics", 0, "sections", 0, "heading"), "large-language-models.md"),
    (("topics", "topics", 0, "examples", 0, "note"), "large-language-models.md"),
    (("use_cases", "use_cases", 0, "task"), "when-to-use.md"),
    (("sources", "sources", 2, "note"), "references.md"),
    (("timeline", "events", 0, "title"), "timeline.md"),
    (("diagram", "layers", 0, "label"), "how-they-relate.md"),
]
FIXTURE_CONTENT = validate(BASELINE, TODAY, 365).content
_BASELINE_PAGES: dict[str, Page] = {}


def _replace(model: object, path: tuple[object, ...], value: str) -> object:
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(model, list):
        copy = list(model)
        copy[step] = _replace(model[step], rest, value)  # type: ignore[call-overload]
        return copy
    if isinstance(model, dict):
        return {**model, step: _replace(model[step], rest, value)}
    return model.model_copy(update={step: _replace(getattr(model, str(step)), rest, value)})  # type: ignore[attr-defined]


def _valid_line(text: str) -> bool:
    try:
        models.Line._validate(text)
    except Exception:
        return False
    return True


def _convert(site: object, page: str) -> tuple[Page, dict[str, object]]:
    from mkdocs.utils.meta import get_data

    body, meta = get_data(site.pages[page])  # type: ignore[attr-defined]
    converter = markdown.Markdown(
        extensions=[*_CONFIG.markdown_extensions, site.glossary_links],  # type: ignore[attr-defined]
        extension_configs=_CONFIG.mdx_configs,
    )
    parsed = Page()
    parsed.feed(converter.convert(body))
    return parsed, meta


def _shape(page: Page) -> set[tuple[str, str]]:
    return {(tag, name) for tag, attributes in page.tags for name in [*attributes, ""]}


@pytest.mark.parametrize(
    ("path", "page_name"), FIELDS_ON_PAGES, ids=["/".join(map(str, f[0])) for f in FIELDS_ON_PAGES]
)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=ONE_LINE.filter(_valid_line))
def test_plain_fields_in_the_real_templates(path: tuple[object, ...], page_name: str, typed: str) -> None:
    from explainer.render import render_site

    assert FIXTURE_CONTENT is not None
    baseline = _BASELINE_PAGES.get(page_name)
    if baseline is None:
        baseline = _BASELINE_PAGES[page_name] = _convert(render_site(FIXTURE_CONTENT, {}), page_name)[0]
    changed = _replace(FIXTURE_CONTENT, path, typed)
    page, _ = _convert(render_site(changed, {}), page_name)  # type: ignore[arg-type]
    assert _shape(page) <= _shape(baseline), (_shape(page) - _shape(baseline), typed)
    assert visible(typed) in visible(" ".join(page.text)) or any(
        visible(typed) in visible(value or "") for _, attributes in page.tags for value in attributes.values()
    ), typed


@settings(max_examples=2000, deadline=None)
@given(typed=MULTI_LINE)
def test_the_quick_scan_of_rich_text_never_misses_a_finding(typed: str) -> None:
    from explainer.text import rich_findings

    document = parse_rich(typed)
    assert rich_findings(typed) == (document.problems, document.links, document.dates)


WORDS = st.sampled_from(
    [
        "token",
        "Token",
        "tokens",
        "large",
        "language",
        "model",
        "models",
        "LLM",
        "LLMs",
        "llm",
        "Generative",
        "AI",
        "ai",
        "x-token",
        "token-level",
        "Straße",
        "STRASSE",
        "a",
        "the",
    ]
)
SEPARATORS = st.sampled_from([" ", "  ", ", ", ". ", "-", "_", "\n", " (", ") "])


@settings(max_examples=1500, deadline=None)
@given(parts=st.lists(st.tuples(WORDS, SEPARATORS), max_size=25))
def test_the_fast_term_finder_agrees_with_the_word_by_word_one(parts: list[tuple[str, str]]) -> None:
    from explainer.glossary_links import TermMatcher

    matcher = TermMatcher(
        [
            ("Token", "token", False),
            ("tokens", "token", False),
            ("Large language model", "llm", False),
            ("large language models", "llm", False),
            ("LLM", "llm", True),
            ("LLMs", "llm", True),
            ("Generative AI", "genai", False),
            ("AI", "ai", True),
            ("Straße", "street", False),
        ]
    )
    text = "".join(word + separator for word, separator in parts)
    by_words = list(matcher._find_by_words(text))
    assert list(matcher.find(text)) == by_words
    if len(text.casefold()) == len(text):  # else `find` itself goes word by word (casefolding moves offsets)
        assert list(matcher._find_by_search(text)) == by_words
