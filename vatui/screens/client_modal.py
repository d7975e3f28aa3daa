"""Add or edit a client: a compact form that fits 80x24. The time-zone field finds zones as you
type ("sydn", "kolk", "NYC"). Every field is checked on save and each error is shown under its
field; nothing is returned (so nothing is saved) until the whole form is valid."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from vatui.core.errors import ValidationError
from vatui.core.hours import WeekHours
from vatui.core.models import CLIENT_COLOURS, Client, validate_colour, validate_name
from vatui.core.money import parse_currency, parse_rate
from vatui.core.tzdb import CITY_ALIASES, city_of, find_zones, validate_zone
from vatui.i18n import N_, _
from vatui.widgets.form_input import FormInput, KeysInOrder
from vatui.widgets.form_widgets import FormButton, FormOptionList

FIELDS = (
    ("name", N_("Name")),
    ("tz", N_("Time zone")),
    ("city", N_("City")),
    ("hours", N_("Hours")),
    ("rate", N_("Rate")),
    ("currency", N_("Currency")),
    ("colour", N_("Colour")),
    ("reply_by", N_("Reply by")),
)
MATCHES = 6


def field_message(error: ValidationError) -> str:
    """The message without its "field: " prefix: it is shown under the field already."""
    prefix = f"{error.field}: "
    return error.message[len(prefix):] if error.field and error.message.startswith(prefix) else error.message


def resolve_zone(text: str) -> str:
    """A zone name, or what people type for one: an alias ("NYC") or a city ("sydney")."""
    cleaned = text.strip()
    try:
        return validate_zone(cleaned, field="tz")
    except ValidationError:
        key = cleaned.lower().replace("_", " ")
        if key in CITY_ALIASES:
            return CITY_ALIASES[key]
        exact = [m.zone for m in find_zones(cleaned, limit=20) if city_of(m.zone).lower() == key]
        if len(exact) == 1:
            return exact[0]
        raise


class ZoneInput(FormInput):
    """The time-zone field: Down moves into the list of matching zones; Tab takes the only match."""

    BINDINGS = [
        Binding("tab", "screen.complete_zone", N_("Take the match"), id="client-form-zone-complete", show=False,
                tooltip=N_("Take the only matching time zone and go to the next field")),
        Binding("down", "screen.focus_matches", N_("Matches"), id="client-form-matches", show=False,
                tooltip=N_("Move into the list of matching time zones")),
    ]


class ClientModal(ModalScreen[Client | None], KeysInOrder):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="client-form-cancel", tooltip=N_("Close without saving")),
        Binding("ctrl+s", "save", N_("Save"), id="client-form-save", tooltip=N_("Check the form and save it")),
    ]

    DEFAULT_CSS = """
    ClientModal { align: center middle; }
    ClientModal #client-form {
        width: 90%; max-width: 76; height: auto; max-height: 95%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ClientModal .field { height: 1; margin-top: 1; }
    ClientModal .field-label { width: 11; color: $text-muted; }
    ClientModal .field Input { width: 1fr; }
    ClientModal .field-error { display: none; color: $error; height: auto; padding-left: 11; }
    ClientModal .field-error.-shown { display: block; }
    ClientModal #zone-matches { display: none; height: auto; max-height: 6; margin-left: 11; border: none; }
    ClientModal #zone-matches.-shown { display: block; }
    ClientModal #form-hint { color: $text-muted; margin-top: 1; height: auto; }
    ClientModal #form-buttons { height: 1; margin-top: 1; align-horizontal: right; }
    ClientModal #form-buttons Button { margin-left: 2; }
    ClientModal.-short .field { margin-top: 0; }
    ClientModal.-short #form-hint { display: none; }
    """

    def __init__(self, client: Client | None, *, taken: dict[str, str], default_colour: str = "blue") -> None:
        super().__init__(id="client-modal")
        self.client = client
        self.taken = taken  # other clients: key (casefolded name) -> name
        self.default_colour = default_colour
        self.checked: dict[str, str] = {}  # the fields as they were when last checked

    def _value(self, field: str) -> str:
        c = self.client
        if c is None:
            return {"currency": "USD", "reply_by": "24", "colour": self.default_colour}.get(field, "")
        return {
            "name": c.name, "tz": c.tz, "city": c.city, "hours": c.hours.format(), "rate": str(c.rate),
            "currency": c.currency, "colour": c.colour, "reply_by": str(c.reply_by_hours),
        }[field]

    def compose(self) -> ComposeResult:
        placeholders = {
            "name": _("e.g. Bondi Bakes"),
            "tz": _("type a city or zone: sydn, kolk, NYC"),
            "city": _("shown on the clock (default: from the zone)"),
            "hours": _("mon-fri 09:00-17:00 (in the client's zone)"),
            "rate": _("per hour, e.g. 40 or 37.50"),
            "currency": _("ISO code, e.g. USD, EUR, AUD"),
            "colour": _("{names} or #rrggbb").format(names=", ".join(CLIENT_COLOURS[:4]) + ", …"),
            "reply_by": _("business hours to reply in, e.g. 24"),
        }
        with VerticalScroll(id="client-form") as form:
            form.border_title = _("Add a client") if self.client is None else _("Edit {name}").format(name=self.client.name)
            form.border_subtitle = _("Enter saves · Esc cancels")
            for field, label in FIELDS:
                with Horizontal(classes="field"):
                    yield Label(_(label), classes="field-label")
                    kind = ZoneInput if field == "tz" else FormInput
                    yield kind(self._value(field), placeholder=placeholders[field], id=f"field-{field}", compact=True,
                               select_on_focus=False)
                if field == "tz":
                    yield FormOptionList(id="zone-matches")
                yield Static("", id=f"error-{field}", classes="field-error")
            yield Static(_("Hours: \"09:00-17:00\" means Monday to Friday; or e.g. \"mon-thu 9-17; fri 9-13\". "
                           "Down in the zone field picks from the matches."), id="form-hint")
            with Horizontal(id="form-buttons"):
                yield FormButton(_("Save"), id="save", variant="primary", compact=True)
                yield FormButton(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#field-name", Input).focus()
        if self.client is not None:
            self.query_one("#field-city", Input).placeholder = city_of(self.client.tz)

    def on_resize(self) -> None:
        self.set_class(self.size.height < 30, "-short")  # 80x24: one line per field, no hint

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        """An error is about what the field held when it was checked: once the field changes it
        is out of date, so it goes (the next save checks again)."""
        field = (event.input.id or "").removeprefix("field-")
        if field in dict(FIELDS) and event.value.strip() != self.checked.get(field):
            self._show_error(field, "")

    # --- the zone finder -------------------------------------------------------------------
    @on(Input.Changed, "#field-tz")
    def zone_typed(self, event: Input.Changed) -> None:
        matches = self.query_one("#zone-matches", OptionList)
        text = event.value.strip()
        found = []
        if text:
            try:
                validate_zone(text)
            except ValidationError:
                found = find_zones(text, limit=MATCHES)
        matches.clear_options()
        matches.add_options(Option(f"{m.zone}  ·  {m.city}", id=m.zone) for m in found)
        matches.set_class(bool(found), "-shown")
        if found:
            matches.highlighted = 0
        try:
            self.query_one("#field-city", Input).placeholder = city_of(resolve_zone(text))
        except ValidationError:
            pass

    def _only_match(self, text: str) -> str | None:
        """The zone `text` stands for when it names one, or has exactly one match; else None.
        Worked out from the text itself (not the list), so a burst of keys sees what was typed."""
        text = text.strip()
        if not text:
            return None
        try:
            return resolve_zone(text)
        except ValidationError:
            found = find_zones(text, limit=2)
            return found[0].zone if len(found) == 1 else None

    def action_complete_zone(self) -> None:
        """Tab in the zone field: its only match is taken; with several the text stays, the list
        shows them, and the focus moves on as Tab does."""
        tz = self.query_one("#field-tz", Input)
        zone = self._only_match(tz.value)
        if zone is not None and zone != tz.value:
            self._pick_zone(zone)
        else:
            self.focus_next()

    def action_focus_matches(self) -> None:
        matches = self.query_one("#zone-matches", OptionList)
        if matches.has_class("-shown"):
            matches.focus()

    @on(OptionList.OptionSelected, "#zone-matches")
    def zone_picked(self, event: OptionList.OptionSelected) -> None:
        self._pick_zone(event.option.id or "")

    def _pick_zone(self, zone: str) -> None:
        tz = self.query_one("#field-tz", Input)
        tz.value = zone
        tz.cursor_position = len(zone)
        self.query_one("#zone-matches", OptionList).remove_class("-shown")
        self._show_error("tz", "")
        self.query_one("#field-city", Input).focus()

    # --- saving ----------------------------------------------------------------------------
    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "field-tz":
            zone = self._only_match(event.value)
            if zone is not None and zone != event.value.strip():
                self._pick_zone(zone)  # Enter takes the only match
                return
            if zone is None and event.value.strip():
                found = find_zones(event.value.strip(), limit=1)
                if found:
                    self._pick_zone(found[0].zone)  # several: the first, as highlighted in the list
                    return
        self.action_save()

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        client = self.build()
        if client is not None:
            self.dismiss(client)

    def _show_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#error-{field}", Static)
        error.update(message)
        error.set_class(bool(message), "-shown")

    def build(self) -> Client | None:
        """The client the form describes, or None after showing every error at its field."""
        v = {field: self.query_one(f"#field-{field}", Input).value.strip() for field, _label in FIELDS}
        self.checked = v
        errors: dict[str, str] = {}
        parsed: dict[str, object] = {}

        def check(field: str, parse) -> None:  # noqa: ANN001
            try:
                parsed[field] = parse()
            except ValidationError as exc:
                errors[field] = field_message(exc)

        check("name", lambda: validate_name(v["name"]))
        if "name" in parsed and str(parsed["name"]).casefold() in self.taken:
            errors["name"] = _("there is already a client called {name}").format(
                name=self.taken[str(parsed["name"]).casefold()])
        check("tz", lambda: resolve_zone(v["tz"]) if v["tz"] else _raise("tz", _("choose a time zone: type a city, e.g. sydn")))
        check("hours", lambda: WeekHours.parse(v["hours"]) if v["hours"] else WeekHours.default())
        check("rate", lambda: parse_rate(v["rate"]) if v["rate"] else Decimal(0))
        check("currency", lambda: parse_currency(v["currency"] or "USD"))
        check("colour", lambda: validate_colour(v["colour"] or self.default_colour))
        check("reply_by", lambda: _reply_by(v["reply_by"]))
        client: Client | None = None
        if not errors:
            fields = dict(name=parsed["name"], tz=parsed["tz"], city=v["city"], hours=parsed["hours"], rate=parsed["rate"],
                          currency=parsed["currency"], colour=parsed["colour"], reply_by_hours=parsed["reply_by"])
            try:
                client = Client(**fields) if self.client is None else replace(self.client, **fields)  # type: ignore[arg-type]
            except ValidationError as exc:
                field = exc.field if exc.field in dict(FIELDS) else "name"
                errors[field] = field_message(exc)
        for field, _label in FIELDS:
            self._show_error(field, errors.get(field, ""))
        if errors:
            first = next(f for f, _label in FIELDS if f in errors)
            self.query_one(f"#field-{first}", Input).focus()
            return None
        return client


def _raise(field: str, message: str):  # noqa: ANN202
    raise ValidationError(message, field=field)


def _reply_by(text: str) -> int:
    if not text:
        return 24
    try:
        hours = int(text.lower().removesuffix("h").strip())
    except ValueError:
        raise ValidationError(_("{text!r} is not a whole number of business hours (e.g. 24)").format(text=text),
                              field="reply_by") from None
    if not 1 <= hours <= 720:
        raise ValidationError(_("a promise is between 1 and 720 business hours"), field="reply_by")
    return hours
