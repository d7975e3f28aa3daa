"""The Pomodoro pane: phase, a big remaining-time display, the bound task and client, focus
sessions today and tracked time today / this week.

Repaint budget. Only the seconds (two cells of the clock row) change every second; the big
digits show whole minutes and change once a minute; every other piece changes when the phase,
binding or minute-rounded totals do. Each row repaints only the piece that changed
(pomodoro_lines.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message

from vatui.i18n import N_
from vatui.textfit import fit_words
from vatui.widgets.big_digits import BigDigits
from vatui.widgets.pane import Pane
from vatui.widgets.pomodoro_lines import CountdownRow, PhaseRow, TextLines

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
    PomodoroPane.-focus .phase-row--phase, PomodoroPane.-focus BigDigits, PomodoroPane.-focus .countdown-row--clock,
    PomodoroPane.-stopwatch .phase-row--phase, PomodoroPane.-stopwatch BigDigits,
    PomodoroPane.-stopwatch .countdown-row--clock { color: $pomodoro-focus; }
    PomodoroPane.-break .phase-row--phase, PomodoroPane.-break BigDigits,
    PomodoroPane.-break .countdown-row--clock { color: $pomodoro-break; }
    PomodoroPane.-idle .phase-row--phase, PomodoroPane.-idle BigDigits { color: $text-muted; }
    PomodoroPane.-paused BigDigits, PomodoroPane.-paused .countdown-row--clock { text-style: dim; }
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
            yield CountdownRow(id="pomo-clock-row")
            yield TextLines(3, id="pomo-lines")

    def action_command(self, command: str) -> None:
        self.post_message(self.CommandPicked(command))

    # --- showing: each row repaints only what changed in it -----------------------------------
    def show(self, d: PomodoroDisplay) -> None:
        old = self.shown
        self.shown = d
        if old is None or old.kind != d.kind or old.paused != d.paused:
            self.update_classes({**{cls: cls == d.kind for cls in PHASE_CLASSES}, "-paused": d.paused})
        self._draw_fitted(d)
        if old is None or old.big != d.big:
            self.query_one("#pomo-big", BigDigits).update(d.big)
        self.query_one("#pomo-lines", TextLines).show([d.task, d.today, d.week])
        self.set_info(d.info)

    def _draw_fitted(self, d: PomodoroDisplay) -> None:
        """The phase row and the clock row, their meta and note cut to the pane's width. The
        seconds are their own piece of the clock row: the one write every second."""
        meta, note = self._fit(d)
        self.fitted = (meta, note)
        self.query_one("#pomo-head", PhaseRow).show(d.phase, meta)
        head, _, seconds = d.clock.rpartition(":")
        self.query_one("#pomo-clock-row", CountdownRow).show(head + ":", seconds, note)

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
            self._draw_fitted(self.shown)  # the body has its new size already (laid out in the same pass)
