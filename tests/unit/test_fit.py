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
