"""What the screens need from the app that runs them (vatui.app.VatuiApp), named here as a
protocol so that a screen can say so without importing the app, which imports the screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from vatui.core.clock import Clock
from vatui.core.settings import Settings
from vatui.store import Store
from vatui.store.writer import StoreWriter

if TYPE_CHECKING:
    from vatui.terminal.notify import Notifier


class VatuiHost(Protocol):
    """VatuiApp's own services, as the screens use them (Textual's App gives the rest)."""

    store: Store
    clock: Clock
    settings: Settings
    writer: StoreWriter
    config_path: Path
    keymap: dict[str, str]
    demo: bool

    my_zone: ZoneInfo

    @property
    def notifier(self) -> Notifier: ...
