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
    from vatui.textfit import wrap_words

    assert wrap_words("Move the clock's cursor one hour back", 16) == ["Move the clock's", "cursor one hour", "back"]
    assert wrap_words("short", 16) == ["short"]
    assert wrap_words("", 10) == [""]
    assert wrap_words("a supercalifragilistic word", 8) == ["a", "supercal", "ifragili", "stic", "word"]
    assert all(len(line) <= 8 for line in wrap_words("a supercalifragilistic word", 8))
