"""read: the hardened YAML reader keeps positions and refuses what content must not use."""

from __future__ import annotations

import pytest

from explainer.read import (
    MAX_BYTES,
    MAX_DEPTH,
    Mapping,
    Pos,
    Scalar,
    Sequence,
    find,
    position_in,
    read_document,
    read_part,
    to_data,
)


def problems(data: bytes) -> list[str]:
    return [d.plain() for d in read_document("t.yaml", data).diagnostics]


def test_plain_values_stay_text_except_true_false_and_null() -> None:
    document = read_document(
        "t.yaml", b"a: no\nb: 'yes'\nc: 1.10\nd: 017\ne: 2024-02-30\nf: true\ng: false\nh:\ni: ~\nj: null\nk: 'null'\n"
    )
    assert document.root is not None
    assert to_data(document.root) == {
        "a": "no",
        "b": "yes",
        "c": "1.10",
        "d": "017",
        "e": "2024-02-30",
        "f": True,
        "g": False,
        "h": None,
        "i": None,
        "j": None,
        "k": "null",
    }


def test_nodes_remember_1_based_line_and_column() -> None:
    document = read_document("t.yaml", b"terms:\n  - id: token\n    summary: A piece of text.\n")
    assert isinstance(document.root, Mapping)
    key, node = find(document.root, ("terms", 0, "summary"))
    assert key is not None and key.pos == Pos(3, 5)
    assert isinstance(node, Scalar) and node.pos == Pos(3, 14) and node.text == "A piece of text."


def test_find_stops_at_the_deepest_existing_node() -> None:
    document = read_document("t.yaml", b"terms:\n  - id: token\n")
    assert document.root is not None
    _, node = find(document.root, ("terms", 0, "summary"))
    assert isinstance(node, Mapping) and node.pos == Pos(2, 5)
    _, node = find(document.root, ("terms", 5))
    assert isinstance(node, Sequence)


def test_position_inside_a_literal_block() -> None:
    document = read_document("t.yaml", b"a: |\n  first line\n  second [x](bad) line\n")
    assert document.root is not None
    _, node = find(document.root, ("a",))
    assert isinstance(node, Scalar)
    assert position_in(node, node.text.index("[x]"), document.lines) == Pos(3, 10)


def test_position_inside_a_quoted_scalar() -> None:
    document = read_document("t.yaml", b'a: "see [x](bad)"\n')
    assert document.root is not None
    _, node = find(document.root, ("a",))
    assert isinstance(node, Scalar)
    assert position_in(node, 4, document.lines) == Pos(1, 9)


REFUSALS = [
    (b"a: 1\nb: 2\na: 3\n", "t.yaml:3:1: error: duplicate key 'a' (first at line 1, column 1): keep one of them"),
    (b"a: &x 1\nb: *x\n", "t.yaml:1:4: error: anchors (&x) are not allowed: write each value out in full"),
    (b"a: *x\n", "t.yaml:1:4: error: aliases (*name) are not allowed: write the value out in full"),
    (b"a: !!binary aGk=\n", "t.yaml:1:4: error: tags (!!binary) are not allowed: remove the tag"),
    (b"a: !custom x\n", "t.yaml:1:4: error: tags (!custom) are not allowed: remove the tag"),
    (b"b:\n  <<: {y: 2}\n", "t.yaml:2:3: error: merge keys (<<) are not allowed: write the fields out in full"),
    (
        b"a: ok\nb: caf\xe9\n",
        "t.yaml:2:7: error: byte 0xE9 is not valid UTF-8: save the file as UTF-8 (was it pasted from another encoding?)",
    ),
    (b"a: x\xef\xbb\xbfy\n", "t.yaml:1:5: error: contains a byte-order mark (U+FEFF): delete it"),
    (b"a: x\x07y\n", "t.yaml:1:5: error: contains an invisible control character (U+0007): delete it"),
    (b"", "t.yaml:1:1: error: file is empty: it needs at least its top-level key, e.g. 'terms:'"),
    (
        b"# only a comment\n\n",
        "t.yaml:1:1: error: file is empty: it needs at least its top-level key, e.g. 'terms:'",
    ),
    (b"a:\n\tb: 1\n", "t.yaml:2:1: error: tab used for indentation: indent with spaces only"),
    (b"a: b: c\n", "t.yaml:1:5: error: unexpected ':' in a value: put the whole value in double quotes"),
    (b'a: "abc\nb: 1\n', "t.yaml:1:4: error: the file ends inside a quoted value: add the closing quote"),
    (
        b"a:\n  b: 1\n c: 2\n",
        "t.yaml:3:2: error: this line does not line up with the fields around it: check its indentation",
    ),
    (b"a: @x\n", "t.yaml:1:4: error: a value cannot start with '@': put the whole value in double quotes"),
    (b"a: 1\n---\nb: 2\n", "t.yaml:2:1: error: a second YAML document ('---'): keep one document per file"),
    (b"? [a]\n: 1\n", "t.yaml:1:3: error: a key must be plain text, not a list or mapping"),
]


@pytest.mark.parametrize(("data", "message"), REFUSALS)
def test_refusals_are_one_plain_message_at_the_right_place(data: bytes, message: str) -> None:
    assert problems(data) == [message]


def test_a_leading_byte_order_mark_is_read_past() -> None:
    document = read_document("t.yaml", b"\xef\xbb\xbfa: 1\nb: two\n")
    assert document.diagnostics == () and document.root is not None
    assert to_data(document.root) == {"a": "1", "b": "two"}
    assert problems(b"\xef\xbb\xbfa: x\xef\xbb\xbfy\n") == [
        "t.yaml:1:5: error: contains a byte-order mark (U+FEFF): delete it"
    ]


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    assert problems(b"[" * 100_000) == [
        f"t.yaml:1:{MAX_DEPTH + 1}: error: nested more than {MAX_DEPTH} levels deep: flatten it"
    ]
    assert problems(b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 60))) != []


def test_oversized_files_are_refused_before_parsing() -> None:
    message = problems(b"a: " + b"x" * MAX_BYTES)[0]
    assert message.startswith("t.yaml:1:1: error: file is ") and message.endswith(": split it up")


def test_an_alias_bomb_is_refused_at_its_first_anchor() -> None:
    bomb = b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    assert problems(bomb) == ["t.yaml:1:4: error: anchors (&a) are not allowed: write each value out in full"]


def test_part_of_a_file_is_read_with_the_positions_it_has_in_the_file() -> None:
    part = read_part("  - id: a\n    question: Why?\n", 12)
    assert isinstance(part, Sequence)
    entry = part.items[0]
    assert isinstance(entry, Mapping)
    assert [(key.text, key.pos) for key, _ in entry.pairs] == [("id", Pos(12, 5)), ("question", Pos(13, 5))]


@pytest.mark.parametrize(
    "text", ["  - id: &a x\n", "  - id: 'x\n", "  - id: x\n  - id: x\n    id: y\n", "  - id: \x07\n"]
)
def test_part_of_a_file_that_cannot_be_read_alone_gives_none(text: str) -> None:
    assert read_part(text, 3) is None
