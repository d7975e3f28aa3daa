"""Shortening text at a word boundary, never mid-word when a whole word fits."""

import pytest

from vatui.widgets.fit import fit_words


@pytest.mark.parametrize("text, width, shown", [
    ("Hudson Realty", 20, "Hudson Realty"),
    ("Hudson Realty", 13, "Hudson Realty"),
    ("Hudson Realty", 12, "Hudson…"),
    ("Hudson Realty", 7, "Hudson…"),
    ("Hudson Realty", 6, "Hudso…"),  # not even one whole word fits: the only choice left
    ("a; b c", 4, "a…"),  # no dangling punctuation before the ellipsis
    (" vatui · Mon 23 Nov", 12, " vatui…"),  # a leading space is kept; no dangling "·"
    ("x", 0, ""),
    ("Sydney", 1, "…"),
    ("東京 Tokyo", 5, "東京…"),  # wide characters are measured in cells
])
def test_fit_words(text, width, shown):
    assert fit_words(text, width) == shown


def test_wrap_words_breaks_between_words_and_cuts_only_a_word_too_long_for_any_line():
    from vatui.text.textfit import wrap_words

    assert wrap_words("Move the clock's cursor one hour back", 16) == ["Move the clock's", "cursor one hour", "back"]
    assert wrap_words("short", 16) == ["short"]
    assert wrap_words("", 10) == [""]
    assert wrap_words("a supercalifragilistic word", 8) == ["a", "supercal", "ifragili", "stic", "word"]
    assert all(len(line) <= 8 for line in wrap_words("a supercalifragilistic word", 8))


def test_changed_span_is_where_two_texts_of_one_width_differ():
    from vatui.text.textfit import changed_span

    assert changed_span("12:08", "12:09") == (4, 5)
    assert changed_span("in 10m", "in 9m") is None  # another width: all of it changed
    assert changed_span("same", "same") is None
    assert changed_span("闭店 1", "闭店 2") is None  # wide characters: cells are not characters
    assert changed_span("── 15:33 now ──", "── 15:34 now ──") == (7, 8)
