"""The Today's blocks pane (placeholder until its issue lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from vatui.i18n import N_, _
from vatui.widgets.pane import Pane


class BlocksPane(Pane):
    PANE_TITLE = N_("Today's blocks")

    def compose(self) -> ComposeResult:
        body = Static(_("Coming soon."), classes="pane-body")
        body.can_focus = True
        yield body
