"""The cockpit in a real browser: `vatui serve --demo` on a free localhost port, headless
Chromium opening it, keys changing the screen, screenshots, and a clean stop.

The page draws the terminal on a canvas, so its text is not in the DOM. An init script keeps a
reference to the page's xterm.js terminal when textual-serve's script creates it, and reads the
rows through xterm.js's public buffer API: what the test checks is what the browser shows.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading

import pytest

GUARD_MS = 30_000  # a guard against hangs, not a speed check

# Runs before the page's own scripts. textual-serve's script does `this.terminal = new Terminal(...)`
# on an object of its own; a setter on Object.prototype sees that assignment once, keeps the
# terminal, and turns itself into a plain property on that object.
TERMINAL_PROBE = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active) { window.vatuiTerminal = value; }
  },
});
window.vatuiScreen = () => {
  const term = window.vatuiTerminal;
  if (!term) { return ""; }
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
};
"""

pytestmark = pytest.mark.slow  # a real terminal or browser: CI runs it, `-m "not slow"` skips it


def open_tab(browser, url: str, *, width: int = 1280, height: int = 800):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script(TERMINAL_PROBE)
    page.goto(url)
    return page


def screen(page) -> str:
    return page.evaluate("window.vatuiScreen()")


def wait_until_shown(page, *texts: str, absent: tuple[str, ...] = ()) -> str:
    """Wait until the terminal shows every one of `texts` and none of `absent`; returns the screen."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "([want, not_]) => { const s = window.vatuiScreen ? window.vatuiScreen() : '';"
            " return want.every(t => s.includes(t)) && !not_.some(t => s.includes(t)); }",
            arg=[list(texts), list(absent)], timeout=GUARD_MS,
        )
    except PlaywrightTimeout:
        raise AssertionError(f"wanted {texts} without {absent}; the page shows:\n{screen(page)}") from None
    return screen(page)


def press(page, *keys: str) -> None:
    """Type into the terminal as a user would, with keyboard focus on it (no mouse click, which
    the cockpit would also receive)."""
    page.focus("textarea.xterm-helper-textarea")
    for key in keys:
        page.keyboard.press(key)


PANES = ("1 World clock", "2 Today's blocks", "3 Task queues", "4 Pomodoro")


def test_the_cockpit_in_a_browser(served, browser, artifacts):
    page = open_tab(browser, served.url)
    try:
        wait_until_shown(page, *PANES, "DEMO DATA")
        assert page.title() == "vatui (demo)"
        page.screenshot(path=str(artifacts / "cockpit.png"))

        # z zooms the focused pane (the task queues) to the whole page; the others go.
        press(page, "z")
        wait_until_shown(page, "3 Task queues", absent=("1 World clock", "4 Pomodoro"))
        page.screenshot(path=str(artifacts / "cockpit-zoomed.png"))

        # 2 then z, in one burst: pane 2 is zoomed, not the pane focused before the 2.
        press(page, "z", "2", "z")
        wait_until_shown(page, "2 Today's blocks", absent=("3 Task queues", "1 World clock"))

        # ? opens the help, listing the real keys.
        press(page, "z", "?")
        wait_until_shown(page, "Keys", "Show the focused pane on the whole screen")
        page.screenshot(path=str(artifacts / "help.png"))
        press(page, "Escape")
        wait_until_shown(page, *PANES)

        # A second tab is a cockpit of its own: zooming in one leaves the other as it was.
        other = open_tab(browser, served.url, width=1000, height=600)
        wait_until_shown(other, *PANES)
        press(page, "3", "z")
        wait_until_shown(page, "3 Task queues", absent=("1 World clock",))
        assert all(p in screen(other) for p in PANES)

        # While both tabs are open on the demo file, the command line can still write to it.
        added = subprocess.run([sys.executable, "-m", "vatui", "--db", str(served.data_file), "add", "Typed in a terminal"],
                               capture_output=True, text=True, timeout=60)
        assert added.returncode == 0, added.stderr

        # Ctrl+C: the server ends both tabs' cockpits, says so, removes the demo file, and exits cleanly.
        assert served.stop() == 0, served.stderr
        for tab in (page, other):
            tab.wait_for_selector("body.-closed", timeout=GUARD_MS)  # "Session ended", with Restart
        page.screenshot(path=str(artifacts / "session-ended.png"))
    finally:
        page.context.close()
    assert "Traceback" not in served.stderr + served.stdout, served.stderr
    assert "stopped." in served.stdout
    assert not served.data_file.parent.exists()
    assert not served.group_alive(), "a cockpit outlived the server"


@pytest.fixture
def another_site(tmp_path):
    """A page on another origin (another port of this machine), as a site the user happens to
    have open would be."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<title>another site</title>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_from_another_site_cannot_open_a_cockpit(served, browser, another_site):
    """Cross-site WebSocket hijacking: a page elsewhere opens the server's WebSocket through the
    user's browser. The browser says where the page comes from (Origin); the server refuses."""
    page = browser.new_page()
    try:
        page.goto(another_site)
        outcome = page.evaluate(
            """(url) => new Promise(done => {
                 const ws = new WebSocket(url);
                 ws.onopen = () => done("opened");
                 ws.onerror = () => done("refused");
               })""",
            served.url.replace("http://", "ws://") + "/ws",
        )
        assert outcome == "refused"
    finally:
        page.context.close()
    assert served.stop() == 0
    assert "refused GET /ws" in served.stderr and "may not use this cockpit" in served.stderr, served.stderr


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))
