"""`vatui serve`: the cockpit in a browser, for a machine with no terminal at hand.

Each browser tab runs its own `vatui` cockpit process on the same data file and config; the
store's lock and change detection keep the tabs, the terminal cockpit and the CLI in step.
textual-serve (and aiohttp under it) is an optional extra: `pip install 'vatui[web]'`.
"""

from __future__ import annotations

import argparse
import errno
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from vatui.cli.common import CliError, Context
from vatui.i18n import _, html_language
from vatui.web import is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "pip install 'vatui[web]'"


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("{value!r} is not a port number (1-65535)").format(value=text))
    return port


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    serve = sub.add_parser(
        "serve", parents=[common], help=_("open the cockpit in a web browser (each tab is its own cockpit)"),
        description=_("Serve the cockpit to a web browser with textual-serve. Each browser tab runs its own "
                      "cockpit on the same data file and config. It listens on this machine only; from "
                      "elsewhere, use an SSH tunnel: ssh -L 8000:localhost:8000 HOST, then open "
                      "http://localhost:8000."),
    )
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=_("address to listen on (default: {host}; anything else is reachable by others "
                              "and has no login of its own)").format(host=DEFAULT_HOST))
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT,
                       help=_("port to listen on (default: {port})").format(port=DEFAULT_PORT))
    serve.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                       help=_("serve demo data from one temporary file that every tab shares; it is removed "
                              "when the server stops"))
    serve.set_defaults(func=cmd_serve)


WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def exposure_warning(host: str, port: int) -> str:
    return _("Warning: vatui serve is listening on {host}, which other machines may reach. The cockpit has no "
             "login of its own: anyone who can reach this address on port {port} can read and change your data. "
             "Prefer the default (127.0.0.1) and an SSH tunnel from your own machine: "
             "ssh -L {port}:localhost:{port} THIS-HOST, then open http://localhost:{port}.").format(
        host=host, port=port)


def page_url(host: str, port: int) -> str:
    """The address to open: a wildcard listens on every address, this machine's own included."""
    if host in WILDCARDS:
        host = "localhost"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def tab_command(db: Path, config: Path, *, demo: bool) -> str:
    """The shell command each browser tab runs: this same Python and vatui, on the same files."""
    argv = [sys.executable, "-m", "vatui", "--db", str(db)]
    if config.exists():  # else the tab finds no file at the same place, as this process did: the defaults
        argv += ["--config", str(config)]
    if demo:
        argv.append("--demo-banner")
    if os.name == "nt":
        return subprocess.list2cmdline(argv)
    return "exec " + shlex.join(argv)  # exec: the cockpit replaces the shell, so signals reach it


def cmd_serve(ctx: Context) -> int:
    args = ctx.args
    try:
        from vatui.web.server import CockpitServer  # textual-serve and aiohttp: only when serving
    except ImportError as exc:
        raise CliError(_("vatui serve needs the optional web extra ({missing} is not installed). Install it "
                         "with: {hint}   (with pipx: pipx inject vatui textual-serve)").format(
            missing=(exc.name or "textual_serve").split(".")[0], hint=INSTALL_HINT)) from None
    if not is_loopback(args.host):
        print(exposure_warning(args.host, args.port), file=ctx.err, flush=True)

    settings = ctx.config.settings  # prints config warnings once, here, rather than in every tab
    demo = bool(getattr(args, "demo", False))
    folder: Path | None = None
    if demo:
        from vatui.store.demo import make_demo_store

        store, folder = make_demo_store(ctx.clock, settings.me_zone)
    else:
        store = ctx.store  # a data file vatui cannot use is refused now, not in every tab
    try:
        url = page_url(args.host, args.port)

        def ready() -> None:
            ctx.print(_("vatui serve: the cockpit is at {url}").format(url=url), flush=True)
            ctx.print(_("  data: {path}").format(path=store.path)
                      + ("  " + _("(demo data, removed when the server stops)") if demo else ""), flush=True)
            ctx.print(_("  config: {path}").format(path=ctx.config_location.path), flush=True)
            ctx.print(_("  Each browser tab is its own cockpit on this file. Press Ctrl+C to stop."), flush=True)

        server = CockpitServer(
            tab_command(store.path, ctx.config_location.path, demo=demo),
            host=args.host,
            port=args.port,
            title="vatui (demo)" if demo else "vatui",
            language=html_language(),
            on_ready=ready,
        )
        try:
            server.serve()
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CliError(_("port {port} on {host} is already in use (another vatui serve?); pick another "
                                 "with --port.").format(port=args.port, host=args.host)) from None
            raise CliError(_("cannot listen on {host} port {port}: {reason}").format(
                host=args.host, port=args.port, reason=exc.strerror or exc)) from None
        except KeyboardInterrupt:  # a second Ctrl+C while stopping
            pass
        ctx.print(_("vatui serve: stopped."), flush=True)
        return 0
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
