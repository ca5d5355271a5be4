"""diagnostics: the plain and GitHub formats of the error contract."""

from __future__ import annotations

from explainer.diagnostics import Diagnostic, render_report

ERROR = Diagnostic("content/faqs.yaml", 7, 14, "unknown field 'anwser' in FAQ 'x' (did you mean 'answer'?)")


def test_plain_format_is_compiler_style_with_context() -> None:
    report = render_report([ERROR], sources={"content/faqs.yaml": ["a"] * 6 + ["    anwser: |"]})
    assert report == (
        "content/faqs.yaml:7:14: error: unknown field 'anwser' in FAQ 'x' (did you mean 'answer'?)\n"
        "    7 |     anwser: |\n"
        "      |              ^\n"
        "1 error, 0 warnings\n"
    )


def test_github_format_escapes_properties_and_data() -> None:
    odd = Diagnostic("a,b:c.yaml", 1, 2, "100% wrong\nsecond line", "warning")
    assert render_report([odd], "github") == "::warning file=a%2Cb%3Ac.yaml,line=1,col=2::100%25 wrong%0Asecond line\n"


def test_many_problems_are_capped_and_counted() -> None:
    many = [Diagnostic("f.yaml", line, 1, "bad") for line in range(1, 131)]
    lines = render_report(many, limit=100).splitlines()
    assert len(lines) == 102
    assert lines[-2:] == ["... and 30 more problems not shown", "130 errors, 0 warnings"]


def test_no_problems_no_output() -> None:
    assert render_report([]) == ""
