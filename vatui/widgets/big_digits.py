"""Big digits that grow with the space they are given.

A 3x5 pixel font drawn with half blocks (two pixel rows per text row), scaled by whole numbers
to the largest size that fits the widget: 3 rows at the smallest, 10 or more in a zoomed pane.
It is meant for text that changes rarely (the Pomodoro's minutes): even repainting only the
cells that changed, a second-by-second clock belongs in a small widget of its own.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD
from textual.strip import Strip
from textual.widget import Widget

# Each glyph: rows of pixels, "#" on, "." off. All five rows tall.
FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
}
ROWS = 5
# (columns per pixel, half rows per pixel): largest first. Pixels twice as wide as tall look
# square-ish in a terminal cell; narrower ones are the fallback. One half row per pixel draws
# badly, so the smallest size is Textual's 3x3 digit glyphs instead (SMALL).
SCALES = [(2 * s, s) for s in range(8, 1, -1)] + [(s, s) for s in range(4, 1, -1)]
SMALL = (0, 0)
_LINES = list(DIGITS3X3_BOLD)
SMALL_GLYPHS = {ch: tuple(_LINES[i * 3: i * 3 + 3]) for i, ch in enumerate(DIGITS)}


def pixels(text: str) -> list[str]:
    """The text as five rows of pixels, one blank pixel column between glyphs."""
    glyphs = [FONT.get(ch, FONT[" "]) for ch in text]
    return [".".join(g[r] for g in glyphs) for r in range(ROWS)]


def _small(text: str) -> list[str]:
    def cell(ch: str, row: int) -> str:
        line = SMALL_GLYPHS.get(ch, SMALL_GLYPHS[" "])[row]
        return (line.strip() or " ") if ch == ":" else line.ljust(3)[:3]

    return ["".join(cell(ch, r) for ch in text) for r in range(3)]


def size_at(text: str, scale: tuple[int, int]) -> tuple[int, int]:
    """(columns, rows) the text takes at `scale`."""
    if scale == SMALL:
        return len(_small(text)[0]), 3
    sx, sy = scale
    width = len(pixels(text)[0]) * sx
    return width, -(-ROWS * sy // 2)


def fit(text: str, width: int, height: int) -> tuple[int, int] | None:
    for scale in [*SCALES, SMALL]:
        w, h = size_at(text, scale)
        if w <= width and h <= height:
            return scale
    return None


def draw(text: str, scale: tuple[int, int]) -> list[str]:
    """The text at `scale`, as lines of half-block characters."""
    if scale == SMALL:
        return _small(text)
    sx, sy = scale
    grid = pixels(text)
    tall = [row for row in grid for _ in range(sy)]  # pixel rows, each sy half-rows tall
    if len(tall) % 2:
        tall.append("." * len(tall[0]))
    lines = []
    for top, bottom in zip(tall[0::2], tall[1::2]):
        chars = []
        for t, b in zip(top, bottom):
            ch = "█" if t == "#" and b == "#" else "▀" if t == "#" else "▄" if b == "#" else " "
            chars.append(ch * sx)
        lines.append("".join(chars))
    return lines


def glyph_lines(ch: str, scale: tuple[int, int], *, gap: bool) -> list[str]:
    """One character at `scale`, with the space after it when `gap` (not for the last one)."""
    lines = draw(ch, scale)
    if gap and scale != SMALL:  # Textual's 3x3 glyphs carry their own spacing
        lines = [line + " " * scale[0] for line in lines]
    return lines


def changed_spans(old: list[str], new: list[str]) -> list[Region]:
    """The cells that differ between two drawings of the same size, one span per row."""
    spans = []
    for y, (a, b) in enumerate(zip(old, new)):
        diff = [x for x, (ca, cb) in enumerate(zip(a, b)) if ca != cb]
        if diff:
            spans.append(Region(diff[0], y, diff[-1] - diff[0] + 1, 1))
    return spans


def drawing(text: str, scale: tuple[int, int]) -> list[str]:
    """The whole text at `scale`, glyph after glyph, as lines."""
    columns = [glyph_lines(ch, scale, gap=i < len(text) - 1) for i, ch in enumerate(text)]
    return ["".join(col[r] for col in columns) for r in range(len(columns[0]))] if columns else []


def canvas(text: str, width: int, height: int) -> tuple[tuple[int, int] | None, list[str]]:
    """The scale that fits and the whole widget's lines: the text centred, blanks around it
    (no lines when nothing fits)."""
    scale = fit(text, width, height) if width > 0 and height > 0 else None
    if scale is None:
        return None, []
    drawn = drawing(text, scale)
    left = (width - (len(drawn[0]) if drawn else 0)) // 2
    top = (height - len(drawn)) // 2
    blank = " " * width
    body = [(" " * left + line).ljust(width) for line in drawn]
    return scale, [blank] * top + body + [blank] * (height - top - len(body))


class BigDigits(Widget):
    """Shows `text` as big as the widget allows, centred; nothing if even the smallest size does
    not fit (the caller shows the same time in a one-row widget).

    One widget drawn line by line from its own size: the digits are right in the first frame.
    (With a child widget per glyph, mounted once the size was known, the first frames showed no
    digits and every start laid the pane out again.) A new text repaints only the cells that
    differ: 4 -> 3 resends a few spans, so the minute tick stays small."""

    DEFAULT_CSS = """
    BigDigits { width: 1fr; height: 1fr; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text
        self._drawn: tuple[tuple[str, int, int], tuple[tuple[int, int] | None, list[str]]] | None = None

    def _canvas(self, text: str) -> tuple[tuple[int, int] | None, list[str]]:
        key = (text, self.size.width, self.size.height)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, canvas(*key))
        return self._drawn[1]

    @property
    def scale(self) -> tuple[int, int] | None:
        return self._canvas(self.text)[0]

    def update(self, text: str) -> None:
        if text == self.text:
            return
        _, old = self._canvas(self.text)
        self.text = text
        _, new = self._canvas(text)
        if len(old) != len(new):
            self.refresh()
            return
        spans = changed_spans(old, new)
        if spans:
            self.refresh(*spans)

    def render_line(self, y: int) -> Strip:
        _, lines = self._canvas(self.text)
        line = lines[y] if y < len(lines) else " " * self.size.width
        return Strip([Segment(line, self.rich_style)], self.size.width)

    def rendered(self) -> str:
        """The digits as text (for tests and screen readers), without the blanks around them."""
        scale = self.scale
        return "" if scale is None else "\n".join(drawing(self.text, scale))
