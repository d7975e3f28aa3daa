"""The server behind `vatui serve`, over real HTTP and WebSockets with real cockpit processes
(no browser: tests/e2e does that). It refuses other sites and other host names, serves a page
with no third-party requests, runs one cockpit per WebSocket, and ends each cleanly."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import WSCloseCode, WSMsgType, test_utils

from vatui.cli.serve import tab_command
from vatui.web.server import CockpitServer

GUARD = 60  # seconds: only so that a broken build fails instead of hanging; not a speed check


@pytest.fixture
def command(demo_store, tmp_path):
    return tab_command(demo_store.path, tmp_path / "config.toml", demo=True)


@pytest.fixture
async def client(command):
    server = CockpitServer(command, host="127.0.0.1", port=0)
    async with test_utils.TestClient(test_utils.TestServer(server.make_app())) as client:
        client.cockpit_server = server
        yield client


def origin(client) -> str:
    return f"http://{client.host}:{client.port}"


async def screen_text_until(ws, *wanted: str) -> str:
    """Read the cockpit's output until each of `wanted` has been drawn; returns everything read."""
    seen = b""
    while not all(w.encode() in seen for w in wanted):
        message = await ws.receive()
        if message.type == WSMsgType.BINARY:
            seen += message.data
        elif message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.ERROR):
            raise AssertionError(f"the session ended before {wanted!r} was drawn: {seen[-500:]!r}")
    return seen.decode("utf-8", "replace")


async def test_the_page(client):
    response = await client.get("/")
    assert response.status == 200
    page = await response.text()
    assert "<title>vatui</title>" in page
    assert "googleapis" not in page and 'href="http' not in page and 'src="http' not in page  # no third party
    assert 'src="/static/js/textual.js"' in page
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    assert (await client.get("/static/js/textual.js")).status == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "192.168.1.5:8000"])
async def test_other_host_names_are_refused_on_loopback(client, host):
    """DNS rebinding: a site whose name now points at 127.0.0.1 still sends its own name."""
    for path in ("/", "/ws", "/static/js/textual.js"):
        response = await client.get(path, headers={"Host": host})
        assert response.status == 403, path


async def test_loopback_names_are_accepted(client):
    for host in (f"localhost:{client.port}", f"127.0.0.1:{client.port}"):
        assert (await client.get("/", headers={"Host": host})).status == 200


async def test_a_websocket_from_another_site_is_refused(client):
    """Cross-site WebSocket hijacking: a page elsewhere asks the browser to open our /ws."""
    for bad in ("https://evil.example", "null", f"http://localhost:{client.port + 1}"):
        with pytest.raises(Exception) as refused:
            await client.ws_connect("/ws", headers={"Origin": bad})
        assert "403" in str(refused.value)


async def test_a_tab_runs_a_cockpit_and_q_ends_its_session(client):
    ws = await client.ws_connect("/ws?width=120&height=36", headers={"Origin": origin(client)})
    async with asyncio.timeout(GUARD):
        # Every tab says that the shared file is demo data.
        await screen_text_until(ws, "Task queues", "DEMO DATA")
        await ws.send_str(json.dumps(["ping", "42"]))
        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        await ws.send_str(json.dumps(["stdin", "q"]))
        while (await ws.receive()).type not in (WSMsgType.CLOSE, WSMsgType.CLOSED):
            pass  # the page then says "Session ended" and offers Restart
    assert client.cockpit_server.sessions == {}


async def test_nonsense_from_the_browser_is_ignored(client):
    ws = await client.ws_connect("/ws", headers={"Origin": origin(client)})
    async with asyncio.timeout(GUARD):
        await screen_text_until(ws, "Task queues")
        for junk in ("not json", "[]", '["resize", "big"]', '["resize", {"width": "x"}]', '["stdin", 5]', "{}"):
            await ws.send_str(junk)
        await ws.send_str(json.dumps(["ping", "still here"]))
        while True:
            message = await ws.receive()
            if message.type == WSMsgType.TEXT:
                assert json.loads(message.data) == ["pong", "still here"]
                break
            assert message.type == WSMsgType.BINARY
        await ws.close()


async def test_stopping_the_server_closes_every_tab(command):
    server = CockpitServer(command, host="127.0.0.1", port=0)
    test_server = test_utils.TestServer(server.make_app())
    client = test_utils.TestClient(test_server)
    await client.start_server()
    try:
        tabs = [await client.ws_connect("/ws", headers={"Origin": origin(client)}) for _ in range(2)]
        async with asyncio.timeout(GUARD):
            for ws in tabs:
                await screen_text_until(ws, "Task queues")
            assert len(server.sessions) == 2

            async def browser(ws):  # a browser keeps reading, and answers the server's close
                while (await ws.receive()).type not in (WSMsgType.CLOSE, WSMsgType.CLOSED):
                    pass

            # What Ctrl+C does: aiohttp's shutdown (our on_shutdown), then cleanup.
            await asyncio.gather(test_server.close(), *(browser(ws) for ws in tabs))
            assert [ws.close_code for ws in tabs] == [WSCloseCode.GOING_AWAY] * 2
        assert server.sessions == {}
    finally:
        await client.close()
