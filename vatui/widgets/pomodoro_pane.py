"""The Pomodoro pane: phase, a big remaining-time display, the bound task and client, focus
sessions today and tracked time today / this week.

Repaint budget. Only the two-cell `#pomo-clock` changes every second; the big digits show
whole minutes and change once a minute; every other piece changes when the phase, binding or
minute-rounded totals do, and repaints only then (the phase row and the three lines under the
clock are one widget each: pomodoro_lines.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from vatui.i18n import N_
from vatui.text.textfit import fit_words
from vatui.widgets.big_digits import BigDigits
from vatui.widgets.pane import Pane
from vatui.widgets.pomodoro_lines import PhaseRow, TextLines

PHASE_CLASSES = ("-focus", "-break", "-stopwatch", "-idle")
SEP = " · "


def fit_parts(text: str, width: int) -> str:
    """`text` made of " · "-separated parts, cut to `width` cells by dropping whole parts from the
    end ("●○○○ · 1 focus today · 2 interruptions" -> "●○○○ · 1 focus today"); the first part alone
    is cut at a word boundary. A width of 0 or less (not laid out yet) leaves the text whole."""
    if width <= 0 or cell_len(text) <= width:
        return text
    parts = text.split(SEP)
    while len(parts) > 1:
        parts.pop()
        joined = SEP.join(parts)
        if cell_len(joined) <= width:
            return joined
    return fit_words(parts[0], width)


@dataclass(frozen=True, slots=True)
class PomodoroDisplay:
    """Everything the pane shows, as text. Built by the controller from the timer's View."""

    kind: str  # one of PHASE_CLASSES
    phase: str  # "FOCUS", "SHORT BREAK", "IDLE", … (a word: state is never colour alone)
    meta: str  # right of the phase: cycle dots, focus sessions today, interruptions
    big: str  # the big digits: whole minutes
    clock: str  # "24:13"; shown as "24:" (changes each minute) and "13" (the only per-second text)
    note: str  # after the clock: "left · ends 15:25", "elapsed", "focus next"
    task: str  # the bound task and client
    today: str
    week: str
    info: str  # in the border title
    paused: bool = False


class SecondsCell(Widget):
    """The seconds (the one write every second) and one blank cell after them, which is the
    space before the note. When a repainted region ends exactly where the next widget starts,
    Textual also sends a cursor move to that widget with nothing to draw: 8 of ~75 bytes each
    second. Repainting only the digits keeps the region off that edge."""

    DEFAULT_CSS = """
    SecondsCell { width: auto; height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""

    def set_text(self, text: str) -> None:
        if text == self.text:
            return
        relayout = cell_len(text) != cell_len(self.text)
        self.text = text
        if relayout:
            self.refresh(layout=True)
        else:
            self.refresh(Region(0, 0, cell_len(text), 1))

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001 - Textual's Size types
        return cell_len(self.text) + 1

    def render(self) -> str:
        return self.text + " "


class PomodoroPane(Pane):
    PANE_TITLE = N_("Pomodoro")

    BINDINGS = [
        Binding("s", "command('start')", N_("Start"), id="start-pomodoro",
                tooltip=N_("Start the next phase; a focus binds to the selected task when none is bound")),
        Binding("p", "command('pause')", N_("Pause"), id="pause-pomodoro",
                tooltip=N_("Pause or resume the running phase")),
        Binding("k", "command('skip')", N_("Skip"), id="skip-phase",
                tooltip=N_("End this phase now and go to the next (a skipped focus is logged)")),
        Binding("x", "command('stop')", N_("Stop"), id="stop-pomodoro",
                tooltip=N_("Stop the timer; a focus or stopwatch is logged as time worked")),
        Binding("i", "command('interrupt')", N_("Interrupt"), id="log-interruption", show=False,
                tooltip=N_("Log an interruption of the focus in progress")),
        Binding("w", "command('stopwatch')", N_("Stopwatch"), id="toggle-stopwatch", show=False,
                tooltip=N_("Start or stop a stopwatch on the selected task (no Pomodoro phases)")),
        Binding("e", "command('entries')", N_("Entries"), id="show-entries",
                tooltip=N_("Today's time entries: edit, delete, add by hand")),
    ]

    DEFAULT_CSS = """
    PomodoroPane #pomo-body { height: 1fr; }
    PomodoroPane #pomo-big { width: 1fr; height: 1fr; min-height: 0; }
    PomodoroPane #pomo-clock-row { height: 1; align-horizontal: center; }
    PomodoroPane #pomo-clock-head, PomodoroPane #pomo-clock { width: auto; }
    PomodoroPane #pomo-note { width: auto; color: $text-muted; }
    PomodoroPane.-focus .phase-row--phase, PomodoroPane.-focus BigDigits, PomodoroPane.-focus #pomo-clock-head,
    PomodoroPane.-focus #pomo-clock, PomodoroPane.-stopwatch .phase-row--phase, PomodoroPane.-stopwatch BigDigits,
    PomodoroPane.-stopwatch #pomo-clock-head, PomodoroPane.-stopwatch #pomo-clock { color: $pomodoro-focus; }
    PomodoroPane.-break .phase-row--phase, PomodoroPane.-break BigDigits, PomodoroPane.-break #pomo-clock-head,
    PomodoroPane.-break #pomo-clock { color: $pomodoro-break; }
    PomodoroPane.-idle .phase-row--phase, PomodoroPane.-idle BigDigits { color: $text-muted; }
    PomodoroPane.-paused BigDigits, PomodoroPane.-paused #pomo-clock-head,
    PomodoroPane.-paused #pomo-clock { text-style: dim; }
    """

    @dataclass(eq=False)
    class CommandPicked(Message):
        """A timer key was pressed in the pane: start, pause, skip, stop, interrupt, stopwatch, entries."""

        command: str

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        # Idle until told otherwise: the usual first phase costs no restyle of the pane.
        super().__init__(number, id=id, classes=f"-idle {classes or ''}".strip())
        self.shown: PomodoroDisplay | None = None
        self.fitted: tuple[str, str] = ("", "")  # (meta, note) as shown, cut to the pane's width

    def compose(self) -> ComposeResult:
        body = Vertical(id="pomo-body")
        body.can_focus = True
        with body:
            yield PhaseRow(id="pomo-head")
            yield BigDigits("", id="pomo-big")
            # The clock row stays three widgets: Textual resends a repainted line from the left
            # edge of its widget, so the seconds, the one write every second, are a widget of
            # their own (32 B a second; drawn inside one row widget they cost ~120 B).
            with Horizontal(id="pomo-clock-row"):
                yield Static("", id="pomo-clock-head")
                yield SecondsCell(id="pomo-clock")
                yield Static("", id="pomo-note")
            yield TextLines(3, id="pomo-lines")

    def action_command(self, command: str) -> None:
        self.post_message(self.CommandPicked(command))

    # --- showing: each row repaints only what changed in it -----------------------------------
    def show(self, d: PomodoroDisplay) -> None:
        old = self.shown
        self.shown = d
        if old is None or old.kind != d.kind or old.paused != d.paused:
            self.update_classes({**{cls: cls == d.kind for cls in PHASE_CLASSES}, "-paused": d.paused})
        self._draw_fitted(d, old)
        if old is None or old.big != d.big:
            self.query_one("#pomo-big", BigDigits).update(d.big)
        self.query_one("#pomo-lines", TextLines).show([d.task, d.today, d.week])
        self.set_info(d.info)

    def _draw_fitted(self, d: PomodoroDisplay, old: PomodoroDisplay | None) -> None:
        """The phase row and the clock row, their meta and note cut to the pane's width; `old`
        is what was shown before (None at first)."""
        meta, note = self._fit(d)
        old_note = self.fitted[1] if old is not None else None
        self.fitted = (meta, note)
        self.query_one("#pomo-head", PhaseRow).show(d.phase, meta)
        # "24:" changes once a minute, the seconds every second: each its own widget. Laid out
        # again only when a width changes (a stopwatch passing an hour: "59:" -> "1:00:").
        head, _, seconds = d.clock.rpartition(":")
        old_head = old.clock.rpartition(":")[0] if old is not None else None
        if old_head != head:
            self.query_one("#pomo-clock-head", Static).update(
                head + ":", layout=old_head is None or len(old_head) != len(head))
        self.query_one("#pomo-clock", SecondsCell).set_text(seconds)
        if old_note != note:
            self.query_one("#pomo-note", Static).update(note, layout=True)

    def _fit(self, d: PomodoroDisplay) -> tuple[str, str]:
        """The meta and note texts cut (by whole " · " parts) to what the head and clock rows leave
        them, so a narrow pane or a longer language never pushes them into the phase or past the
        edge. Only the width matters, so this costs nothing per second."""
        width = self.query_one("#pomo-body").content_size.width
        meta = fit_parts(d.meta, width - cell_len(d.phase) - 1)  # at least one space after the phase
        # The note's leading space is the blank cell the clock row leaves after the seconds.
        note = fit_parts(d.note, width - cell_len(d.clock)).removeprefix(" ")
        return meta, note

    def on_resize(self) -> None:
        if self.shown is not None:
            self._draw_fitted(self.shown, self.shown)  # the body has its new size already (laid out in the same pass)
