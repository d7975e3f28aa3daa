"""What every command shares: the global options, the opened store and config, output, and
looking up my zone, a client or a task."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from vatui.core.clock import Clock, SystemClock
from vatui.core.models import Client, Task
from vatui.i18n import _
from vatui.settings import paths
from vatui.settings.config import LoadedConfig, load_config
from vatui.store import Store
from vatui.text.formats import hm


class CliError(Exception):
    """A problem with what the user asked for: message on stderr, exit code 2."""


def add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--db and --config work before or after the command name. Subcommands use SUPPRESS so an
    option given before the command is not reset by the subcommand's default."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", metavar="PATH", default=default,
                        help=_("data file to use (default: VATUI_DB, then the user data folder)"))
    parser.add_argument("--config", metavar="PATH", default=default,
                        help=_("config file to use (default: VATUI_CONFIG, then the user config folder)"))


@dataclass
class Context:
    args: argparse.Namespace
    clock: Clock = field(default_factory=SystemClock)
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _store: Store | None = None
    # The cockpit runs for hours: its small edits go to the journal (vatui/store/journal.py) and
    # it folds them into the file when it quits. A one-shot command rewrites the file each time.
    journal: bool = False
    _config: LoadedConfig | None = None

    @property
    def data_location(self) -> paths.Location:
        """The data file. One the user named (--db, VATUI_DB) must be in a folder that exists: a
        typo in a path would otherwise make a new folder and open an empty cockpit. The default
        place is created on the first write."""
        found = paths.data_file(getattr(self.args, "db", None))
        if found.source != "default" and not found.path.parent.is_dir():
            raise CliError(_("the data file {path} ({source}) is in a folder that does not exist: {folder}. Create the "
                             "folder first, or check the path.").format(path=found.path, source=found.source,
                                                                        folder=found.path.parent))
        return found

    @property
    def config_location(self) -> paths.Location:
        """The config file. One named with --config must exist (a missing default, or one named by
        VATUI_CONFIG that is not there yet, means the defaults)."""
        found = paths.config_file(getattr(self.args, "config", None))
        if found.source == "--config" and not found.path.is_file():
            raise CliError(_("the config file {path} (--config) does not exist. Check the path, or leave --config out "
                             "to use {default}.").format(path=found.path, default=paths.config_file_default()))
        return found

    @property
    def config(self) -> LoadedConfig:
        if self._config is None:
            self._config = load_config(self.config_location.path)
            for warning in self._config.warnings:
                print(warning, file=self.err)
        return self._config

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.data_location.path, clock=self.clock, journal=self.journal)
        return self._store

    def print(self, *parts: Any, **kwargs: Any) -> None:
        print(*parts, file=self.out, **kwargs)


def log_ended_phases(ctx: Context) -> None:
    """Before a command reads or writes tracked time: a Pomodoro phase that ran its course while
    no cockpit was open is logged first, as the cockpit would have logged it."""
    from vatui.timers.timekeeping import TimeKeeper

    TimeKeeper(ctx.store, ctx.config.settings).log_ended_phases(ctx.clock.now())


def table(rows: list[list[str]], headers: list[str]) -> str:
    """Plain aligned columns, the width of their widest cell."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def my_zone(ctx: Context) -> ZoneInfo:
    return ZoneInfo(ctx.config.settings.me_zone)


def my_hm(ctx: Context, at: datetime) -> str:
    """`at` as a time of day on my clock, e.g. "14:05"."""
    return hm(at.astimezone(my_zone(ctx)))


def client_of(ctx: Context, client_id: int | None) -> Client | None:
    return ctx.store.clients.get(client_id) if client_id is not None else None


def task_of(ctx: Context, task_id: int | None) -> Task | None:
    return ctx.store.tasks.get(task_id) if task_id is not None else None
