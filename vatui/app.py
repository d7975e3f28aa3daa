"""VatuiApp: wires the store, clock, settings, themes and the one tick to the cockpit screen."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme

from vatui.core.clock import Clock
from vatui.core.settings import Settings
from vatui.i18n import N_, _, choose_language
from vatui.screens.commands import ActionCommands
from vatui.screens.key_bindings import collect
from vatui.screens.key_gate import KeyGate
from vatui.settings import paths
from vatui.settings.config import problems_note
from vatui.settings.themes import APP_COLOURS, DEFAULT_THEME, load_themes
from vatui.store import Store
from vatui.store.writer import StoreWriter

if TYPE_CHECKING:
    from vatui.terminal.notify import Notifier

TICK_SECONDS = 1.0


class VatuiApp(KeyGate, App[int]):
    CSS_PATH = "app.tcss"
    ALLOW_IN_MAXIMIZED_VIEW = "KeyFooter"  # a zoomed pane keeps its keys (Textual's default names its Footer)
    TITLE = "vatui"
    COMMANDS = App.COMMANDS | {ActionCommands}
    BINDINGS = [
        Binding("question_mark", "help", N_("Help"), id="help", tooltip=N_("Show every key")),
        Binding("q", "quit", N_("Quit"), id="quit"),
        Binding("t", "next_theme", N_("Theme"), id="next-theme", show=False,
                tooltip=N_("Switch to the next theme (remembered)")),
    ]

    def __init__(
        self,
        *,
        store: Store,
        clock: Clock,
        settings: Settings,
        config_path: Path | None = None,
        config_warnings: Sequence[str] = (),
        demo: bool = False,
        user_data_path: Path | None = None,
        tick: bool = True,
        terminal_writer: Callable[[str], None] | None = None,
    ) -> None:
        # The language first: every widget's words are made in it. The config's `language`, else
        # LANG/LC_ALL/LC_MESSAGES; a language vatui does not speak gives English and a note.
        self.language_note = choose_language(settings.language)
        super().__init__()
        self.store = store
        self.clock = clock
        self.settings = settings
        self.my_zone = ZoneInfo(settings.me_zone)
        self.config_path = config_path or paths.config_file().path
        self.config_warnings = list(config_warnings)
        self.keymap: dict[str, str] = {}  # the user's [keys] remaps that were accepted (vatui.settings.keymap)
        self.demo = demo
        self.user_data_path = user_data_path
        self.writer = StoreWriter(self)
        self._ticking = tick
        self.vatui_themes: list[str] = []
        self._help: Screen | None = None  # the help screen last shown, kept for the next `?`
        self.notices: deque[str] = deque(maxlen=100)  # what was said in toasts, newest last
        self._terminal_writer = terminal_writer  # raw escapes to the terminal (vatui/terminal/driver.py)
        # The theme before anything is styled: set later (on mount), every style would be
        # worked out and every cell painted twice.
        self._theme_warnings = self._register_themes()

    # --- raw terminal output (notifications, bell) --------------------------------------------
    @cached_property
    def notifier(self) -> Notifier:
        """Made at the first notification, not at start-up: nothing of it is on the first frame."""
        from vatui.terminal.notify import Notifier

        return Notifier(self, self.settings.notify, terminal_style=self.settings.notify_terminal)

    def get_driver_class(self):  # type: ignore[no-untyped-def]
        from vatui.terminal.driver import with_terminal_writer

        return with_terminal_writer(super().get_driver_class())

    def attach_terminal(self, write: Callable[[str], None]) -> None:
        """Called by the driver once it exists; a writer given to __init__ (tests) wins."""
        if self._terminal_writer is None:
            self._terminal_writer = write

    def write_terminal(self, text: str) -> bool:
        """Write an escape sequence to the terminal, from the app thread. Never in a browser."""
        if self.is_web or self._terminal_writer is None:
            return False
        self._terminal_writer(text)
        return True

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """Toasts vanish; keep their text so it can be read again (and checked in tests)."""
        self.notices.append(message)
        super().notify(message, *args, **kwargs)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(APP_COLOURS)

    def get_default_screen(self) -> Screen:
        # The cockpit is the bottom screen, not pushed over Textual's blank default one: that
        # blank screen would be styled, laid out and painted first, a whole frame for nothing.
        from vatui.screens.cockpit import CockpitScreen

        return CockpitScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.keys:
            from vatui.settings.keymap import check_keymap

            self.keymap, problems = check_keymap(dict(self.settings.keys))
            self.config_warnings += problems
            self.set_keymap(self.keymap)
        self._tell_start_up_problems()
        if self._ticking:
            self.set_interval(TICK_SECONDS, self.tick)

    def _tell_start_up_problems(self) -> None:
        """One toast per kind (config, themes, language), however many problems each has: one
        toast each would pile up past the top of the screen."""
        if self.config_warnings:
            # The text room of a toast: Textual's are 60 cells wide, at most half the screen,
            # less a border and padding.
            room = min(60, self.size.width // 2) - 4
            self.notify(problems_note(self.config_warnings, self.config_path, room), title=_("Config"),
                        severity="warning", timeout=15, markup=False)
        if self._theme_warnings:
            self.notify("\n".join(self._theme_warnings), title=_("Theme"), severity="warning", timeout=12, markup=False)
        if self.language_note:
            self.notify(self.language_note, title=_("Language"), severity="warning", timeout=12, markup=False)

    async def on_event(self, event: events.Event) -> None:
        # Every key reaches the app before any widget can stop it: the one place to tell that
        # someone is at the keyboard (a forgotten timer is one nobody touched).
        if isinstance(event, events.Key):
            from vatui.screens.cockpit import CockpitScreen

            for screen in self.screen_stack:
                if isinstance(screen, CockpitScreen):
                    screen.someone_is_here()
        await super().on_event(event)

    def tick(self) -> None:
        """The one tick: the cockpit decides what, if anything, needs repainting."""
        from vatui.screens.cockpit import CockpitScreen

        for screen in self.screen_stack:
            if isinstance(screen, CockpitScreen):
                screen.tick(self.clock.now())

    # --- themes --------------------------------------------------------------------------------
    def _register_themes(self) -> list[str]:
        """Register the shipped and the user's themes and choose one; returns what to tell the
        user once the app runs."""
        found = load_themes(paths.shipped_themes_dir(), paths.user_themes_dir(self.config_path))
        for theme in found.themes.values():
            self.register_theme(theme)
        self.vatui_themes = list(found.themes)
        warnings = list(found.warnings)
        wanted = self.store.get_state("theme") or self.settings.theme
        if wanted not in self.available_themes:
            fallback = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
            if wanted in found.refused:
                warnings.append(_("Theme {name!r} is not used: its file was refused (the problem above); "
                                  "using {default}.").format(name=wanted, default=fallback))
            elif wanted != self.settings.theme or self.settings.theme != DEFAULT_THEME:
                warnings.append(_("Theme {name!r} was not found; using {default}.").format(name=wanted, default=fallback))
            wanted = fallback
        self.theme = wanted
        return warnings

    def _remember_theme(self, theme: Theme) -> None:
        # Only a choice that differs from what the next start would pick anyway is written: the
        # theme set at start-up is announced too, and a write there would rewrite the data file
        # (and refresh every pane) on every start.
        if (self.store.get_state("theme") or self.settings.theme) != theme.name:
            self.writer.submit(lambda: self.store.set_state("theme", theme.name))

    def action_next_theme(self) -> None:
        names = self.vatui_themes or [DEFAULT_THEME]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(_("Theme: {name}").format(name=self.theme), timeout=2)

    # --- Textual's own words, in the user's language --------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands in the palette (their words are marked in vatui.screens.key_bindings.TEXTUAL_WORDS)."""
        for command in super().get_system_commands(screen):
            yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)

    def action_command_palette(self) -> None:
        """Textual's action, with the search field's placeholder translated."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        """Textual's theme picker, with the placeholder translated."""
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    # --- help ----------------------------------------------------------------------------------
    def action_help(self) -> None:
        from vatui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        sections = collect(self.screen, self.keymap)
        if self._help is not None and self._help in self.screen_stack:
            # Open further down (a screen over it asked for help): a fresh one, not kept.
            self.push_screen(HelpScreen(sections))
            return
        # The same keys as last time (the usual case): show the same screen again, already laid
        # out and drawn, rather than build and measure its tables anew (~60 ms a press).
        if self._help is None or self._help.sections != sections:
            if self._help is not None:
                self.uninstall_screen(self._help)
                self._help.remove()  # uninstalled after it was popped, it would stay attached
            self._help = HelpScreen(sections)
            self.install_screen(self._help, "help")
        self.push_screen(self._help)
