"""The yardstick: a bare Textual app of the cockpit's shape, doing the least Textual can.

A one-row top bar with a compact HH:MM:SS clock that ticks every second, four bordered Static
panes titled like vatui's ("1 World clock" ...), and a compact Footer. It answers the same keys
the harness presses in vatui with the cheapest equivalent:

- 1-4 focus a pane (its border changes colour), Tab moves on;
- down/up (or j/k) move a marker through a 40-line list in pane 3;
- a opens a small form (a modal with an Input), ? a help screen; Escape closes either;
- q quits.

    python benchmarks/bare_app.py
"""

from __future__ import annotations

from datetime import datetime

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

TITLES = ("1 World clock", "2 Today's blocks", "3 Task queues", "4 Pomodoro")
ROWS = 40


class Pane(Static, can_focus=True):
    DEFAULT_CSS = """
    Pane { border: round $panel-lighten-2; border-title-color: $text-muted; padding: 0 1; height: 1fr; }
    Pane:focus { border: round $primary; border-title-color: $primary; border-title-style: bold; }
    """


class Form(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]
    DEFAULT_CSS = """
    Form { align: center middle; }
    Form > Vertical { width: 60; height: auto; border: round $primary; padding: 0 1; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("New task")
            yield Input(placeholder="Title")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss()


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]
    DEFAULT_CSS = """
    Help { align: center middle; }
    Help > Static { width: 50; height: auto; border: round $primary; padding: 0 1; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Keys\n\n1-4  go to a pane\nj/k  move\na    new task\n?    help\nq    quit")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss()


class BareApp(App[None]):
    CSS = """
    #top { height: 1; background: $panel; color: $text-muted; }
    #top-text { width: 1fr; }
    #clock { width: 10; }
    #panes { height: 1fr; }
    #left, #right { width: 1fr; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("a", "form", "Add"),
        Binding("1", "pane(0)", "Clock", show=False),
        Binding("2", "pane(1)", "Blocks", show=False),
        Binding("3", "pane(2)", "Queues", show=False),
        Binding("4", "pane(3)", "Pomodoro", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cursor = 0
        self._shown_time = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(" bare · the yardstick for vatui's benchmark", id="top-text")
            yield Static(id="clock")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Pane("Nothing here.", id="p0")
                yield Pane("Nothing here.", id="p1")
            with Vertical(id="right"):
                yield Pane(self._queue_text(), id="p2")
                yield Pane("Nothing here.", id="p3")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for n, title in enumerate(TITLES):
            self.query_one(f"#p{n}", Pane).border_title = title
        self.query_one("#right").styles.height = "1fr"
        self.query_one("#p2").styles.height = "3fr"
        self.query_one("#p3").styles.height = "2fr"
        self.query_one("#p2", Pane).focus()
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        shown = datetime.now().strftime("%H:%M:%S")
        if shown != self._shown_time:
            self._shown_time = shown
            self.query_one("#clock", Static).update(shown)

    def _queue_text(self) -> str:
        return "\n".join(f"{'▶' if n == self.cursor else ' '} Task {n + 1}" for n in range(ROWS))

    def action_pane(self, n: int) -> None:
        self.query_one(f"#p{n}", Pane).focus()

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(ROWS - 1, self.cursor + step))
        self.query_one("#p2", Pane).update(self._queue_text())

    def action_form(self) -> None:
        self.push_screen(Form())

    def action_help(self) -> None:
        self.push_screen(Help())


if __name__ == "__main__":
    BareApp().run()
