"""The big digits: sizes that fit, and a change repaints only the cells that differ."""

from textual.geometry import Region

from vatui.widgets.big_digits import SMALL, changed_spans, draw, fit, glyph_lines, size_at


def test_the_largest_scale_that_fits_is_chosen():
    assert fit("24", 10, 3) == SMALL  # the 3x3 glyphs, like Textual's Digits
    assert fit("24", 28, 5) == (4, 2)
    assert fit("24", 200, 60) == (16, 8)
    assert fit("24", 5, 3) is None  # too narrow for anything: the one-row clock remains
    for scale in [(4, 2), (6, 3), SMALL]:
        lines = draw("1:23", scale)
        assert (len(lines[0]), len(lines)) == size_at("1:23", scale)
        assert len({len(line) for line in lines}) == 1


def test_a_minute_tick_repaints_only_the_changed_cells():
    old = glyph_lines("4", (4, 2), gap=False)
    new = glyph_lines("3", (4, 2), gap=False)
    # 4 = #.# #.# ### ..# ..#  and  3 = ### ..# ### ..# ###: rows 0, 1 and 4 differ.
    assert changed_spans(old, new) == [Region(4, 0, 4, 1), Region(0, 1, 4, 1), Region(0, 4, 8, 1)]
    assert changed_spans(new, new) == []
