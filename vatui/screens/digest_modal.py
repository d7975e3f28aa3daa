"""`s` on the report screen: which client's weekly digest to write, and to which file."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from vatui.core.errors import ValidationError
from vatui.core.models import Client
from vatui.exports.output_file import check_output_file
from vatui.i18n import N_, _
from vatui.widgets.form_input import FormInput, KeysInOrder
from vatui.widgets.form_widgets import FormButton, FormSelect


@dataclass(frozen=True)
class DigestRequest:
    client_id: int
    path: Path


def default_folder() -> Path:
    """The user's home if it can be written to, else the current folder."""
    try:
        home = Path.home()
        if home.is_dir() and os.access(home, os.W_OK):
            return home
    except (RuntimeError, OSError):
        pass
    return Path.cwd()


def default_digest_path(client: Client, first_day: date, folder: Path | None = None) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", client.name.casefold()).strip("-") or "client"
    return (folder or default_folder()) / f"{slug}-update-{first_day:%Y-%m-%d}.md"


def check_target(text: str, base: Path | None = None) -> tuple[Path | None, str | None]:
    """The file the user typed, or why it cannot be written there. A relative name is read in
    `base`, the folder of the file the form proposed, not in the folder vatui was started from."""
    try:
        return check_output_file(text, base=base if base is not None else default_folder(), field="path"), None
    except ValidationError as exc:
        return None, exc.message


class DigestModal(ModalScreen[DigestRequest | None], KeysInOrder):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel-digest", tooltip=N_("Close without writing"))]

    DEFAULT_CSS = """
    DigestModal { align: center middle; }
    DigestModal > #digest-form {
        width: 80%; max-width: 90; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    DigestModal #digest-week { color: $text-muted; margin-bottom: 1; }
    DigestModal Label { margin-top: 1; }
    DigestModal .field-error { color: $error; height: auto; }
    DigestModal #digest-buttons { height: auto; margin-top: 1; }
    DigestModal #digest-buttons Button { margin-right: 2; }
    """

    def __init__(self, clients: Sequence[Client], chosen: int | None, week_words: str, first_day: date) -> None:
        super().__init__()
        self.clients = [c for c in clients if c.id is not None]
        self.chosen = chosen if chosen is not None else (self.clients[0].id if self.clients else None)
        self.week_words = week_words
        self.first_day = first_day
        self._default = ""
        self._confirmed: Path | None = None  # an existing file the user agreed to replace

    def _client(self, client_id: object) -> Client | None:
        return next((c for c in self.clients if c.id == client_id), None)

    def compose(self) -> ComposeResult:
        client = self._client(self.chosen)
        self._default = str(default_digest_path(client, self.first_day)) if client else ""
        with Vertical(id="digest-form") as form:
            form.border_title = _("Write the weekly digest")
            yield Static(self.week_words, id="digest-week")
            yield Label(_("Client"))
            yield FormSelect([(c.name, c.id) for c in self.clients], value=self.chosen, allow_blank=False, id="digest-client",
                         compact=True)
            yield Label(_("File (Markdown)"))
            yield FormInput(self._default, id="digest-path", compact=True)
            yield Static("", id="digest-path-error", classes="field-error")
            with Horizontal(id="digest-buttons"):
                yield FormButton(_("Write"), id="digest-write", variant="primary", compact=True)
                yield FormButton(_("Cancel"), id="digest-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#digest-path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        client = self._client(event.value)
        box = self.query_one("#digest-path", Input)
        if client is not None and box.value == self._default:
            self._default = str(default_digest_path(client, self.first_day))
            box.value = self._default
        self._error("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirmed = None

    def _error(self, text: str) -> None:
        self.query_one("#digest-path-error", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "digest-write":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        client_id = self.query_one("#digest-client", Select).value
        if self._client(client_id) is None:
            self._error(_("Choose a client"))
            return
        base = Path(self._default).parent if self._default else None
        path, problem = check_target(self.query_one("#digest-path", Input).value, base)
        if problem or path is None:
            self._error(problem or "")
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self._error(_("{name} already exists: press Enter again to replace it").format(name=path.name))
            return
        self.dismiss(DigestRequest(int(client_id), path))  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)
