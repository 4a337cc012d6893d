"""The side-by-side version diff: rows, kinds, counts and formatting."""

from policies.diff import formatted, side_by_side


def test_identical_texts_give_only_equal_rows():
    diff = side_by_side("a\nb", "a\nb")
    assert diff.identical and diff.removed == diff.added == 0
    assert [(r.left.number, r.right.number) for r in diff.rows] == [(1, 1), (2, 2)]
    assert not any(row.changed for row in diff.rows)


def test_a_changed_line_is_paired_removed_left_added_right():
    diff = side_by_side("a\nb\nc", "a\nB\nc")
    row = diff.rows[1]
    assert (row.left.kind, row.left.text, row.right.kind, row.right.text) == (
        "removed", "b", "added", "B")
    assert (diff.removed, diff.added) == (1, 1)


def test_inserted_lines_get_an_empty_filler_on_the_left():
    diff = side_by_side("a\nc", "a\nb1\nb2\nc")
    kinds = [(r.left.kind, r.right.kind) for r in diff.rows]
    assert kinds == [("equal", "equal"), ("empty", "added"), ("empty", "added"),
                     ("equal", "equal")]
    assert [r.right.number for r in diff.rows] == [1, 2, 3, 4]
    assert [r.left.number for r in diff.rows] == [1, None, None, 2]
    assert (diff.removed, diff.added) == (0, 2)


def test_deleted_lines_get_an_empty_filler_on_the_right():
    diff = side_by_side("a\nx\ny\nz", "a\nz")
    assert [(r.left.kind, r.right.kind) for r in diff.rows][1:3] == [
        ("removed", "empty"), ("removed", "empty")]
    assert (diff.removed, diff.added) == (2, 0)


def test_unequal_replace_blocks_pair_then_pad():
    diff = side_by_side("a\nb\nc\nd", "a\nX\nd")
    assert [(r.left.text, r.right.text, r.right.kind) for r in diff.rows] == [
        ("a", "a", "equal"), ("b", "X", "added"), ("c", "", "empty"), ("d", "d", "equal")]


def test_formatted_reindents_json_and_leaves_other_text_alone():
    assert formatted('{"a":[1,2]}') == '{\n    "a": [\n        1,\n        2\n    ]\n}'
    assert formatted('{"b":1,"a":2}').index('"b"') < formatted('{"b":1,"a":2}').index('"a"')
    assert formatted("not json {") == "not json {"
    assert formatted('{"s":"é"}') == '{\n    "s": "é"\n}'


def test_compact_and_indented_copies_of_a_document_are_identical_once_formatted():
    compact = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*"}]}'
    indented = formatted(compact)
    assert not side_by_side(compact, indented).identical
    assert side_by_side(formatted(compact), formatted(indented)).identical
