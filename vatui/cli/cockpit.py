"""Starting the full-screen cockpit (the default command)."""

from __future__ import annotations

import argparse
import gc
import shutil

from vatui.cli.common import Context
from vatui.core.errors import VatuiError
from vatui.i18n import _
from vatui.store import Store


def add_cockpit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help=_("open the cockpit on demo data in a temporary file (your own file is not touched)"))
    # Set by `vatui serve --demo` on each browser tab's cockpit: the --db file is its shared demo file.
    parser.add_argument("--demo-banner", action="store_true", help=argparse.SUPPRESS)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The cockpit is the default command; nothing to register under a name."""


def cmd_cockpit(ctx: Context) -> int:
    # Start-up allocates hundreds of thousands of objects (Textual's modules, the data file's
    # records, the widgets) and none of them is garbage: the collector would only walk them again
    # and again (with it on, a heavy year starts ~40% slower in benchmarks/run.py). The cockpit freezes what
    # start-up made and resumes collection once it is on screen (CockpitScreen.first_paint_done).
    gc.disable()
    settings = ctx.config.settings
    folder = None
    if getattr(ctx.args, "demo", False):
        from vatui.store.demo import make_demo_store

        store, folder = make_demo_store(ctx.clock, settings.me_zone)
    else:
        ctx.journal = True
        store = ctx.store
    try:
        from vatui.app import VatuiApp  # Textual is imported only here

        app = VatuiApp(
            store=store,
            clock=ctx.clock,
            settings=settings,
            config_path=ctx.config_location.path,
            config_warnings=ctx.config.warnings,
            demo=folder is not None or getattr(ctx.args, "demo_banner", False),
            user_data_path=ctx.data_location.path,
        )
        app.run()
        return app.return_code or 0
    finally:
        gc.enable()  # a start that failed before the first paint
        close_store(ctx, store)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def close_store(ctx: Context, store: Store) -> None:
    """Fold the cockpit's journal into the data file. If that fails, nothing is lost: the journal
    stays and the next start reads it; the user is told why the file was not rewritten."""
    try:
        store.close()
    except VatuiError as exc:
        print(exc, file=ctx.err)
