"""A hostile contributor's catalogue of attacks, each placed in every kind of field and built.

Every attack either shows on the built pages exactly as typed (and adds no element, attribute
or link of its own) or is rejected with a file:line:col message before anything is built. The
rich fields sit in every wrapper the templates use: a ``<div markdown>`` (topic leads, glossary
definitions), a details block (FAQ answers), an admonition (cautions), a list item and plain
paragraphs (notes, section bodies, outlooks).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURE, ROOT, copy_project

pytestmark = pytest.mark.slow
SECRET = "SNIPPET-SECRET-MARKER-4f1c"
ATTACKS = {
    "script tag": "<script>alert('x')</script>",
    "event handler": '<img src=x onerror="alert(1)">',
    "javascript link": "[click](javascript:alert(1))",
    "entity-obfuscated javascript link": "[click](jav&#x61;script:alert(1))",
    "data link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "javascript autolink": "<javascript:alert(1)>",
    "attribute list": 'text {: onclick="alert(1)" }',
    "reference override": "[x]: https://evil.example/",
    "snippet include": '--8<-- "secret.txt"',
    "template expression": "{{ 7*7 }} {% raw %}",
    "table pipes": "a | b | c",
    "closing tags": "--></script></style></title><b>bold</b>",
    "attribute breakout": '" onmouseover="alert(1)" x="',
    "markdown extensions": ":smile: ==mark== ^^ins^^ ~~del~~ ++ctrl++ [^1] *[HTML]: x",
    "block syntax": "# heading !!! note ??? details /// details | x",
    # Inline code: md_in_html used to read HTML tags inside backticks, so these ended the wrapper.
    "backtick script": "`</div><script>alert(1)</script>`",
    "backtick iframe": "`<iframe src=https://evil.example/></iframe>`",
    "backtick closing the details": "`</p></details></div><img src=x onerror=alert(1)>`",
    "backtick object and svg": "`<object data=x></object><svg onload=alert(1)>`",
    "double backticks": "``</div>`<script>alert(1)</script>``",
    "backtick in emphasis and a link": "*`</div><script>alert(1)</script>`* [`<iframe>`](https://example.com/)",
    "backtick markdown attribute": '`<div markdown="1"><script>alert(1)</script></div>`',
}
RICH_ONLY = {
    "backticks in a list": "\n- `</li></ul></div><script>alert(1)</script>`\n- `<iframe src=x>`",
}
"""Attacks that only rich fields can hold (several lines)."""
SHOWN_IN_RICH_TEXT = {
    "backtick script": "</div><script>alert(1)</script>",
    "backtick iframe": "<iframe src=https://evil.example/></iframe>",
    "backtick closing the details": "</p></details></div><img src=x onerror=alert(1)>",
    "backtick object and svg": "<object data=x></object><svg onload=alert(1)>",
    "double backticks": "</div>`<script>alert(1)</script>",
    "backtick in emphasis and a link": "</div><script>alert(1)</script> <iframe>",
    "backtick markdown attribute": '<div markdown="1"><script>alert(1)</script></div>',
    "backticks in a list": "</li></ul></div><script>alert(1)</script> <iframe src=x>",
}
"""What a reader sees of the attacks that use Markdown in a rich field (code spans, emphasis, lists)."""
REJECTED_IN_RICH_TEXT = {"javascript link", "entity-obfuscated javascript link", "data link"}

PLAIN_FIELDS = [
    ("glossary.yaml", ("terms", 0, "term")),
    ("glossary.yaml", ("terms", 0, "summary")),
    ("glossary.yaml", ("terms", 0, "aliases", 0)),
    ("comparison.yaml", ("subjects", 0, "name")),
    ("comparison.yaml", ("subjects", 1, "short_name")),
    ("comparison.yaml", ("rows", 0, "criterion")),
    ("comparison.yaml", ("rows", 1, "cells", "llm")),
    ("comparison.yaml", ("rows", 0, "cells", "genai", "text")),
    ("content/faqs.yaml", ("groups", 0, "title")),
    ("content/faqs.yaml", ("faqs", 0, "question")),
    ("content/topics.yaml", ("topics", 0, "title")),
    ("content/topics.yaml", ("topics", 0, "description")),
    ("content/topics.yaml", ("topics", 0, "sections", 0, "heading")),
    ("content/topics.yaml", ("topics", 0, "examples", 0, "name")),
    ("content/use-cases.yaml", ("use_cases", 0, "task")),
    ("content/use-cases.yaml", ("use_cases", 0, "examples", 0)),
    ("content/applications.yaml", ("industries", 0, "name")),
    ("content/applications.yaml", ("industries", 0, "summary")),
    ("content/trends.yaml", ("trends", 0, "name")),
    ("content/trends.yaml", ("trends", 0, "shipped", 0, "text")),
    ("content/misconceptions.yaml", ("misconceptions", 0, "claim")),
    ("content/timeline.yaml", ("events", 0, "title")),
    ("content/timeline.yaml", ("events", 0, "summary")),
    ("content/diagram.yaml", ("title",)),
    ("content/diagram.yaml", ("layers", 0, "label")),
    ("content/diagram.yaml", ("families", 0, "note")),
    ("content/sources.yaml", ("sources", 0, "title")),
    ("content/sources.yaml", ("sources", 0, "authors")),
    ("content/sources.yaml", ("sources", 2, "note")),
]
RICH_FIELDS = [
    ("glossary.yaml", ("terms", 0, "definition")),
    ("content/faqs.yaml", ("faqs", 0, "answer")),
    ("content/topics.yaml", ("topics", 0, "lead")),
    ("content/topics.yaml", ("topics", 0, "sections", 0, "body")),
    ("comparison.yaml", ("rows", 0, "note")),
    ("content/use-cases.yaml", ("use_cases", 0, "why")),
    ("content/use-cases.yaml", ("takeaway",)),
    ("content/applications.yaml", ("industries", 0, "llm_uses")),
    ("content/applications.yaml", ("industries", 0, "other_uses")),
    ("content/applications.yaml", ("industries", 0, "caution")),
    ("content/trends.yaml", ("trends", 0, "ahead")),
    ("content/misconceptions.yaml", ("misconceptions", 0, "correction")),
]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def _pages(site: Path) -> Iterator[tuple[Path, _Page]]:
    for file in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(file.read_text(encoding="utf-8"))
        yield file, page


def _squash(text: str) -> str:
    return " ".join(text.split())


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _minimal_site_project(root: Path) -> Path:
    project = copy_project(root, FIXTURE)
    (project / "secret.txt").write_text(SECRET)
    (project / "docs" / "secret.txt").write_text(SECRET + " (inside docs/)")
    return project


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_site.py"),
            "--config",
            str(project / "mkdocs.yml"),
            "build",
            "--site-dir",
            str(project / "site"),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _attack(project: Path, fields: list[tuple[str, tuple[Any, ...]]], attack: str, rich: bool) -> list[str]:
    """Write the attack into every field (each with a unique prefix); returns the values written."""
    written = []
    by_file: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
    for number, (file, path) in enumerate(fields):
        by_file.setdefault(file, []).append((number, path))
    for file, entries in by_file.items():
        data = yaml.load((project / file).read_text(), Loader=yaml.BaseLoader)
        for number, path in entries:
            value = f"F{number}x {attack}" + ("\n" if rich else "")
            _set(data, path, value)
            written.append(value.strip())
        (project / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))
    return written


@pytest.fixture(scope="module")
def baseline_tags(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """Every (element, attribute) the clean site uses: an attack must not add one."""
    project = _minimal_site_project(tmp_path_factory.mktemp("clean") / "project")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    return {(tag, name) for _, page in _pages(project / "site") for tag, attrs in page.tags for name in [*attrs, ""]}


def _assert_harmless(site: Path, baseline_tags: set[tuple[str, str]]) -> tuple[str, str]:
    """No new elements or attributes, no event handlers, no script URLs; returns all text and attributes."""
    texts, attributes = [], []
    for file, page in _pages(site):
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                assert (tag, name) in baseline_tags, f"{file}: new <{tag} {name}>"
                assert not name.startswith("on"), f"{file}: event handler <{tag} {name}>"
                if name in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not re.match(r"^\s*(javascript|data|vbscript):", value, re.I), (
                        f"{file}: {tag} {name}={value}"
                    )
                attributes.append(value)
            assert (tag, "") in baseline_tags, f"{file}: new element <{tag}>"
        for script in page.scripts:
            if script.strip().startswith("{"):
                json.loads(script)  # JSON-LD still parses: nothing closed the script element
        texts.append(_squash(" ".join(page.text)))
    for file in site.rglob("*"):
        if file.is_file() and file.name != "secret.txt" and file.suffix in (".html", ".json", ".txt", ".xml"):
            assert SECRET not in file.read_text(encoding="utf-8", errors="replace"), f"{file} includes secret.txt"
    return " ".join(texts), " ".join(_squash(a) for a in attributes)


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attacks_in_plain_fields_show_literally(name: str, tmp_path: Path, baseline_tags: set[tuple[str, str]]) -> None:
    project = _minimal_site_project(tmp_path / "project")
    written = _attack(project, PLAIN_FIELDS, ATTACKS[name], rich=False)
    result = _build(project)
    assert result.returncode == 0, result.stderr
    text, attributes = _assert_harmless(project / "site", baseline_tags)
    exports = " ".join(_squash(f.read_text()) for f in (project / "site").glob("*.json"))
    for value in written:
        wanted = _squash(value)
        assert wanted in text or wanted in attributes or _squash(json.dumps(value)[1:-1]) in exports, (
            f"{wanted!r} does not appear as typed"
        )


@pytest.mark.parametrize("name", [name for name in {**ATTACKS, **RICH_ONLY} if name not in REJECTED_IN_RICH_TEXT])
def test_attacks_in_rich_fields_show_literally(name: str, tmp_path: Path, baseline_tags: set[tuple[str, str]]) -> None:
    project = _minimal_site_project(tmp_path / "project")
    written = _attack(project, RICH_FIELDS, {**ATTACKS, **RICH_ONLY}[name], rich=True)
    result = _build(project)
    assert result.returncode == 0, result.stderr
    text, _ = _assert_harmless(project / "site", baseline_tags)
    shown = SHOWN_IN_RICH_TEXT.get(name)
    for number, value in enumerate(written):
        wanted = f"F{number}x {shown}" if shown else value
        assert _squash(wanted) in text, f"{value!r} does not appear as typed"


@pytest.mark.parametrize("name", sorted(REJECTED_IN_RICH_TEXT))
def test_script_and_data_links_in_rich_fields_are_rejected(name: str, tmp_path: Path) -> None:
    project = _minimal_site_project(tmp_path / "project")
    _attack(project, RICH_FIELDS, ATTACKS[name], rich=True)
    result = _build(project)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(problems) == len(RICH_FIELDS)
    assert all(re.match(r"^[\w/.-]+\.yaml:\d+:\d+: error: link target '.+' is not allowed", p) for p in problems), (
        problems
    )
    assert not (project / "site").exists()


def test_a_line_break_in_a_table_cell_is_rejected(tmp_path: Path) -> None:
    project = _minimal_site_project(tmp_path / "project")
    comparison = project / "comparison.yaml"
    comparison.write_text(
        comparison.read_text().replace(
            "      llm: Next-token prediction", '      llm: "Next-token\\n| injected | row |"'
        )
    )
    result = _build(project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "comparison.yaml:23:12: error: the 'llm' cell of comparison row 'training-objective' must be a single line"
    )


def test_pipes_in_cells_do_not_add_cells(tmp_path: Path) -> None:
    project = _minimal_site_project(tmp_path / "project")
    _attack(project, [("comparison.yaml", ("rows", 1, "cells", "llm"))], "a | b | c", rich=False)
    assert _build(project).returncode == 0
    page = (project / "site" / "comparison" / "index.html").read_text()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert table.count("<td") == 4 and html.escape("F0x a | b | c", quote=False) in table
