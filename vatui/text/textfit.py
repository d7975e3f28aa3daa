"""Text that fits a width without being cut mid-word: the one rule every pane, report and the
plain-text agenda use (no Textual here, so quick commands can use it too)."""

from __future__ import annotations

from rich.cells import cell_len


def fit_words(text: str, width: int, *, cut_words: bool = True) -> str:
    """`text` if it fits in `width` cells; else the longest run of whole words that fits with "…".
    When not even the first word fits, it is cut (a name: better a part than nothing), or with
    `cut_words=False` nothing is shown (a note: a word cut in half helps nobody)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    if width == 1:
        return "…"
    body = text.lstrip(" ")
    lead = text[: len(text) - len(body)]
    if lead and len(lead) < width - 1:
        return lead + fit_words(body, width - len(lead))
    words = text.split(" ")
    out = ""
    for word in words:
        candidate = f"{out} {word}" if out else word
        if cell_len(candidate) + 1 > width:
            break
        out = candidate
    if not out and not cut_words:
        return ""
    if not out:
        chars = ""
        for ch in text:
            if cell_len(chars + ch) + 1 > width:
                break
            chars += ch
        out = chars
    return out.rstrip(" ·,;:-") + "…"



def wrap_words(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words (a word longer than a line
    is cut where it must be)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_len(word) > width > 0:  # no room for it whole on any line
            if line:
                lines.append(line)
                line = ""
            head = fit_words(word, width + 1, cut_words=True)[:-1] or word[:1]
            lines.append(head)
            word = word[len(head):]
        candidate = f"{line} {word}" if line else word
        if line and cell_len(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line or not lines:
        lines.append(line)
    return lines


def changed_span(old: str, new: str) -> tuple[int, int] | None:
    """Where one text differs from another of the same width, as (first cell, end cell): what a
    minute's change repaints ("12:08" -> "12:09": the last cell). None when they are equal or
    cannot be lined up cell for cell (other widths, wide characters): then all of it changed."""
    if old == new or len(old) != len(new) or cell_len(old) != len(old) or cell_len(new) != len(new):
        return None
    first = next(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    last = next(i for i in range(len(old) - 1, -1, -1) if old[i] != new[i])
    return first, last + 1
