"""The web server behind `vatui serve`: textual-serve, with vatui's rules on top.

textual-serve gives each browser tab (one WebSocket) its own process running `command` under
Textual's web driver, and relays keys and screen updates between the two. vatui adds:

- Requests must name this server in their Host header and, when a browser says where it comes
  from (Origin), come from this server's own page. A page on another site cannot open a cockpit
  session through the user's browser (cross-site WebSocket hijacking), nor through DNS rebinding
  when the server listens on loopback only. The page may not be framed (clickjacking).
- The page makes no third-party request (textual-serve's loads a Google font) and takes the
  WebSocket address from the address the browser used, so `ssh -L 9000:localhost:8000` works too.
- A tab whose process ends for any reason is told so ("Session ended", with Restart).
- Ctrl+C (or SIGTERM) closes every tab's session, lets each cockpit quit, and returns.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from vatui.i18n import _
from vatui.web import is_loopback

log = logging.getLogger("vatui.serve")

TEMPLATES = Path(__file__).parent / "templates"
SHUTDOWN_SECONDS = 5.0  # how long a stopping server waits for the tabs' cockpits to quit
MAX_CELLS = 1000  # a resize larger than this (columns or rows) is clamped


def _cells(value: Any, default: int) -> int:
    try:
        return max(1, min(MAX_CELLS, int(value)))
    except (TypeError, ValueError):
        return default


class TabSession(AppService):
    """One browser tab's cockpit process. When its output ends (the user pressed q, the server is
    stopping, or it could not start), the process is waited for (killed if it hangs), so that no
    cockpit outlives its tab, and the tab's WebSocket is closed so the page says "Session ended"
    instead of freezing."""

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            # textual-serve keeps the process to itself; getattr so that a rename there only
            # skips the wait rather than breaking every tab.
            process = getattr(self, "_process", None)
            if process is not None and process.returncode is None:
                try:
                    await asyncio.wait_for(process.wait(), SHUTDOWN_SECONDS)
                except TimeoutError:
                    log.warning("a cockpit did not quit within %.0f s; stopping it", SHUTDOWN_SECONDS)
                    process.kill()
                    await process.wait()
            await self.remote_close()


class CockpitServer(Server):
    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str = "vatui",
        language: str = "en",
        on_ready: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self.language = language
        self.on_ready = on_ready
        self.loopback_only = is_loopback(host)
        self.sessions: dict[web.WebSocketResponse, TabSession] = {}  # the open tabs

    # --- the aiohttp application ---------------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    def refusal(self, request: web.Request) -> str | None:
        """Why this request is refused, or None when it may proceed."""
        host_header = request.headers.get("Host", "")
        try:
            host = request.url.host or ""
        except ValueError:
            return _("bad Host header")
        if self.loopback_only and not is_loopback(host):
            return _("Host {host!r} is not this machine (vatui serve listens on loopback only)").format(host=host_header)
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1].lower() != host_header.lower():
            return _("a page from {origin!r} may not use this cockpit").format(origin=origin)
        return None

    @web.middleware
    async def guard(self, request: web.Request, handler: Callable[[web.Request], Any]) -> web.StreamResponse:
        reason = self.refusal(request)
        if reason is not None:
            log.warning("refused %s %s: %s", request.method, request.path, reason)
            raise web.HTTPForbidden(text=_("vatui serve: refused: {reason}").format(reason=reason) + "\n")
        response: web.StreamResponse = await handler(request)
        if not response.prepared:  # a WebSocket has already sent its headers
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        context = {
            "language": self.language,
            "font_size": _cells(request.query.get("fontsize", "16"), 16),
            "websocket_path": str(request.app.router["websocket"].url_for()),
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
            "text": {"start": _("Start"), "ended": _("Session ended."), "restart": _("Restart")},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    # --- one tab -------------------------------------------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        session = TabSession(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.sessions[websocket] = session
        try:
            await session.start(_cells(request.query.get("width"), 80), _cells(request.query.get("height"), 24))
            await self.relay(websocket, session)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("a browser session failed")
        finally:
            self.sessions.pop(websocket, None)
            await session.stop()  # asks the cockpit to quit and waits for it
            await websocket.close()
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, session: TabSession) -> None:
        """Pass the browser's keys, mouse and size on to the tab's cockpit until the tab closes."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *rest = message.json()
            except (ValueError, TypeError):
                continue
            data = rest[0] if rest else None
            if kind == "stdin" and isinstance(data, str):
                await session.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await session.set_terminal_size(_cells(data.get("width"), 80), _cells(data.get("height"), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab; each handler then lets its cockpit quit (within SHUTDOWN_SECONDS)."""
        sockets = list(self.sessions)
        if sockets:
            await asyncio.gather(
                *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"vatui serve stopped") for ws in sockets),
                return_exceptions=True,
            )

    # --- running -------------------------------------------------------------------------------
    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("vatui serve: %(message)s"))
        for name in ("vatui.serve", "textual-serve"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.DEBUG if self.debug else logging.WARNING)
            logger.propagate = False

    def serve(self, debug: bool = False) -> None:
        """Listen until Ctrl+C or SIGTERM, then close every tab and return. Raises OSError when
        the address cannot be used (port taken, unknown host)."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(
            self.make_app(),
            host=self.host,
            port=self.port,
            shutdown_timeout=SHUTDOWN_SECONDS,
            access_log=None,
            handle_signals=True,
            print=lambda _banner: self.on_ready and self.on_ready(),
        )
