"""validate.with_entry_edited: an edit inside one entry gives the content a full validation gives,
and anything else gives None (the live preview then reads the whole file again)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE, TODAY, copy_project
from explainer import models, pipeline
from explainer.validate import with_entry_edited

FAQS = "content/faqs.yaml"


@pytest.fixture(scope="module")
def checked() -> pipeline.Checked:
    checked = pipeline.check(FIXTURE, pipeline.Settings(), TODAY)
    assert checked.content is not None, checked.diagnostics
    return checked


def edited(checked: pipeline.Checked, old: str, new: str) -> models.Model | None:
    text = (FIXTURE / FAQS).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    assert checked.content is not None
    return with_entry_edited(checked.content.faqs, checked.documents[FAQS], tuple(text.replace(old, new).splitlines()))


def fully_validated(tmp_path: Path, old: str, new: str) -> models.Model:
    project = copy_project(tmp_path / "project", FIXTURE)
    faqs = project / FAQS
    faqs.write_text(faqs.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    again = pipeline.check(project, pipeline.Settings(), TODAY)
    assert again.content is not None, again.diagnostics
    return again.content.faqs


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("question: What is an LLM?", "question: What is a large language model?"),
        ("      A model of text.", "      A model of text.\n      It predicts the next token."),
        ("answer: |\n      A model of text.", "answer: A model of text."),
        ("    title: The basics", "    title: First things"),
    ],
    ids=["one line", "a line added", "a line removed", "an entry of the file's other list"],
)
def test_an_edit_inside_one_entry_gives_what_a_full_validation_gives(
    checked: pipeline.Checked, tmp_path: Path, old: str, new: str
) -> None:
    quick = edited(checked, old, new)
    assert quick is not None
    assert quick == fully_validated(tmp_path, old, new)
    assert checked.content is not None
    assert quick != checked.content.faqs


def test_the_entries_an_edit_leaves_alone_are_kept_as_they_were(checked: pipeline.Checked) -> None:
    assert checked.content is not None
    before = checked.content.faqs
    quick = edited(checked, "question: What is an LLM?", "question: What is a large language model?")
    assert isinstance(quick, models.FaqsFile)
    assert quick.faqs[0].question == "What is a large language model?"
    assert all(after is earlier for after, earlier in zip(quick.faqs[1:], before.faqs[1:], strict=True))
    assert quick.groups is before.groups


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - id: what-is-an-llm", "  - id: what-is-a-language-model"),  # another id: the site map changes
        ("question: What is an LLM?", "question: What is an LLM?\n    qestion: typo"),  # invalid on its own
        ("question: What is an LLM?", 'question: "What is an LLM?'),  # unreadable
        ("question: What is an LLM?", "question: &q What is an LLM?"),  # what content must not use
        (
            '    reviewed: "2026-11-01"\n  - id: is-an-llm-generative',
            '    reviewed: "2026-11-01"\n  - id: new-one\n    group: basics\n  - id: is-an-llm-generative',
        ),  # a new entry
        ("groups:", "# The FAQ page's groups\ngroups:"),  # outside every entry
    ],
    ids=["id", "invalid", "unreadable", "anchor", "new entry", "outside the entries"],
)
def test_any_other_edit_gives_none(checked: pipeline.Checked, old: str, new: str) -> None:
    assert edited(checked, old, new) is None


def test_an_edit_across_two_entries_gives_none(checked: pipeline.Checked) -> None:
    text = (FIXTURE / FAQS).read_text(encoding="utf-8")
    lines = text.replace("What is an LLM?", "What is it?").replace("Is an LLM generative AI?", "Is it?").splitlines()
    assert checked.content is not None
    assert with_entry_edited(checked.content.faqs, checked.documents[FAQS], tuple(lines)) is None
