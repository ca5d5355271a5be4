"""text: plain fields escape everything; rich fields keep only the subset."""

from __future__ import annotations

import markdown
import pytest

from explainer.text import code_span, parse_rich, plain, rich, safe_url, script_json, visible_text

EXTENSIONS = ["tables", "attr_list", "md_in_html", "pymdownx.escapeall", "pymdownx.superfences"]


def to_html(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def resolve(kind: str, entry_id: str) -> str:
    return f"{kind}.md#{entry_id}"


@pytest.mark.parametrize(
    ("typed", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("*not emphasis*", "<p>*not emphasis*</p>"),
        ("{: onclick=alert(1) }", "<p>{: onclick=alert(1) }</p>"),
        ("[x]: https://evil.example", "<p>[x]: https://evil.example</p>"),
        ('--8<-- "README.md"', '<p>--8&lt;-- "README.md"</p>'),
        ("{{ 7*7 }}", "<p>{{ 7*7 }}</p>"),
        ("a | b", "<p>a | b</p>"),
        (":smile: &amp; \\", "<p>:smile: &amp;amp; \\</p>"),
        ("1. not a list", "<p>1. not a list</p>"),
        ("# not a heading", "<p># not a heading</p>"),
    ],
)
def test_plain_text_renders_exactly_as_typed(typed: str, html: str) -> None:
    assert to_html(plain(typed)) == html


def test_plain_text_in_a_table_cell_keeps_pipes() -> None:
    table = f"| a | b |\n|---|---|\n| {plain('x | y')} | z |"
    assert "<td>x | y</td>\n<td>z</td>" in to_html(table)


def test_rich_text_keeps_the_subset() -> None:
    document = parse_rich("Some *em*, **strong**, `code` and a [term](term:token).\n\n- one\n- two\n\n1. first\n")
    assert document.problems == ()
    assert to_html(rich(document, resolve)) == (
        '<p>Some <em>em</em>, <strong>strong</strong>, <code>code</code> and a <a href="term.md#token">term</a>.</p>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<!-- -->\n\n<ol>\n<li>first</li>\n</ol>"
    )


def test_rich_text_shows_html_entities_and_reference_definitions_literally() -> None:
    document = parse_rich('<b onmouseover="x">hi</b> &amp; [r]: https://evil.example')
    assert document.problems == ()
    assert to_html(rich(document, resolve)) == (
        '<p>&lt;b onmouseover="x"&gt;hi&lt;/b&gt; &amp;amp; [r]: https://evil.example</p>'
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("[x](javascript:alert(1))", "link target 'javascript:alert(1)' is not allowed"),
        ("[x](JaVaScRiPt:alert(1))", "link target 'JaVaScRiPt:alert(1)' is not allowed"),
        ("[x](jav&#x61;script:alert(1))", "link target 'javascript:alert(1)' is not allowed"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "link target 'data:text/html;base64,PHNjcmlwdD4=' is not allowed"),
        ("[x](vbscript:msgbox)", "link target 'vbscript:msgbox' is not allowed"),
        ("[x](/etc/passwd)", "link target '/etc/passwd' is not allowed"),
        ("[x](term:Not_A_Slug)", "link target 'term:Not_A_Slug' is not allowed"),
        ("# Heading", "headings are not supported in text fields"),
        ("![alt](https://example.com/x.png)", "images are not supported in text fields"),
        ("```\ncode\n```", "code blocks (use `inline code`) are not supported in text fields"),
        ("> quoted", "block quotes are not supported in text fields"),
        ("text\n\n---\n", "horizontal rules are not supported in text fields"),
    ],
)
def test_rich_text_outside_the_subset_is_a_problem(source: str, message: str) -> None:
    problems = parse_rich(source).problems
    assert len(problems) == 1 and problems[0].message.startswith(message)


def test_a_link_that_failed_validation_is_never_written_as_a_link() -> None:
    document = parse_rich("[click](javascript:alert(1))")
    assert to_html(rich(document, resolve)) == "<p>click</p>"


def test_code_spans_hold_backticks() -> None:
    assert to_html(code_span("a`b")) == "<p><code>a`b</code></p>"
    assert to_html(code_span("``")) == "<p><code>``</code></p>"


def test_safe_url_encodes_what_markdown_could_misread() -> None:
    assert safe_url("https://example.com/a (b)<c>") == "https://example.com/a%20%28b%29%3Cc%3E"


def test_script_json_cannot_close_its_script_element() -> None:
    assert "</script>" not in script_json({"a": "</script><script>alert(1)</script>"})
    assert script_json({"a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e"}'


def test_visible_text_drops_markup() -> None:
    assert visible_text(parse_rich("A *b* [c](term:x).\n\n- d\n")) == "A b c.\n- d"


@pytest.mark.parametrize(
    "source",
    [
        "plain words only",
        "*emphasis* and `code` and a list:\n\n- one\n- two\n",
        "numbers 1. 2. and symbols ! # > in the middle of a line",
        "[a link](term:token)",
        "# heading",
        "text\n===\n",
        "text\n---\n",
        "> quote",
        "```\ncode\n```",
        "    indented",
        "- item\n\n    more",
        "***",
        "![img](https://example.com/i.png)",
    ],
)
def test_the_quick_scan_agrees_with_the_full_parse(source: str) -> None:
    from explainer.text import rich_findings

    document = parse_rich(source)
    assert rich_findings(source) == (document.problems, document.links, document.dates)
