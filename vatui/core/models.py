"""The records vatui keeps: clients, tasks, time blocks, time entries and templates.

All records are frozen; change one with `dataclasses.replace`. Timestamps are aware UTC
datetimes; where the zone something was entered in matters (a due time typed in the client's
zone) it is kept beside the instant. `id` is None until the store assigns one.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from vatui.core.client_billing import ClientBilling
from vatui.core.errors import ValidationError
from vatui.core.grammar import FIRST_YEAR, LAST_YEAR, supported_day
from vatui.core.hours import WeekHours
from vatui.core.money import parse_currency, parse_rate
from vatui.core.tzdb import city_of, validate_zone
from vatui.i18n import _

# Colours a client may be given by name; themes map them to actual shades so that they stay
# readable on light and dark backgrounds. Hex colours are accepted too.
CLIENT_COLOURS = ("blue", "orange", "green", "purple", "red", "teal", "yellow", "pink", "cyan", "brown")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")

DEFAULT_BATCHES = ("email", "social", "calendar", "admin", "invoicing", "research", "calls", "writing")


_ZERO = timedelta(0)


# C0 and C1 control characters and DEL: an escape in a title (ESC[2J) would act on the terminal of
# whoever lists it, and a NUL would go raw into an exported calendar. Tab and newline are kept
# where text may have lines (notes); elsewhere whitespace is already collapsed to single spaces.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(text: str, *, lines: bool = False) -> str:
    """`text` without control characters (tab and newline kept when `lines`)."""
    pattern = _CONTROLS if lines else _CONTROLS_IN_LINE
    return pattern.sub("", text) if pattern.search(text) else text


def _plain_field(record: object, name: str, *, lines: bool = False) -> None:
    value = getattr(record, name)
    cleaned = plain(value, lines=lines)
    if cleaned is not value:
        object.__setattr__(record, name, cleaned)


_FIRST = datetime(FIRST_YEAR, 1, 1, tzinfo=timezone.utc)
_AFTER_LAST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=timezone.utc)


def _require_supported(value: datetime | None, name: str) -> None:
    if value is not None and not _FIRST <= value < _AFTER_LAST:
        supported_day(value.date(), name)


def _require_utc(value: datetime | None, name: str) -> None:
    if value is None or value.tzinfo is timezone.utc:  # the usual case, checked first (every load)
        return
    if value.tzinfo is None or value.utcoffset() != _ZERO:
        raise ValueError(f"{name} must be an aware UTC datetime")


_SLUG_DROP = re.compile(r"[\s_\-.'’&]+")


def client_slug(name: str) -> str:
    """"Bondi Bakes" -> "bondibakes": what `@bondi-bakes`, `@BondiBakes` and `@bondi` are matched on."""
    return _SLUG_DROP.sub("", name.casefold())


def validate_colour(colour: str, *, field: str = "colour") -> str:
    c = colour.strip().lower()
    if c in CLIENT_COLOURS or _HEX.match(c):
        return c
    raise ValidationError(
        _("{field}: {text!r} is not a colour; use #rrggbb or one of {names}").format(
            field=field, text=colour, names=", ".join(CLIENT_COLOURS)),
        field=field,
    )


def validate_name(name: str, *, field: str = "name", what: str = "client") -> str:
    cleaned = " ".join(plain(name).split())
    template = what == "template"
    if not cleaned:
        message = _("{field}: a template needs a name") if template else _("{field}: a client needs a name")
        raise ValidationError(message.format(field=field), field=field)
    if len(cleaned) > 60:
        message = (_("{field}: keep the template name under 60 characters") if template
                   else _("{field}: keep the client name under 60 characters"))
        raise ValidationError(message.format(field=field), field=field)
    return cleaned


@dataclass(frozen=True, slots=True)
class Client:
    name: str
    tz: str
    city: str = ""
    hours: WeekHours = field(default_factory=WeekHours.default)
    colour: str = "blue"
    rate: Decimal = Decimal(0)
    currency: str = "USD"
    reply_by_hours: int = 24  # the reply-by promise, counted in the client's business hours
    notes: str = ""
    id: int | None = None
    holidays: str = ""  # public holidays: "AU-NSW", "US-NY", "RO" (checked by core.client_holidays.parse_region)
    closed: tuple[date, ...] = ()  # the client's own closed days, local dates
    archived: bool = False  # a former client: off the clock and the queues, kept for reports and invoices
    billing: ClientBilling = field(default_factory=ClientBilling)  # invoices: addressee, tax, retainer

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", validate_name(self.name))
        object.__setattr__(self, "tz", validate_zone(self.tz, field="tz"))
        object.__setattr__(self, "city", plain(self.city).strip() or city_of(self.tz))
        _plain_field(self, "notes", lines=True)
        object.__setattr__(self, "colour", validate_colour(self.colour))
        object.__setattr__(self, "currency", parse_currency(self.currency))
        object.__setattr__(self, "rate", parse_rate(self.rate))
        if not (0 < self.reply_by_hours <= 24 * 30):
            raise ValidationError(_("{field}: a promise is between 1 and 720 business hours").format(field="reply_by"),
                                  field="reply_by")

    @property
    def key(self) -> str:
        """Case-insensitive identity: names are unique ignoring case and spacing."""
        return self.name.casefold()


class Status(enum.StrEnum):
    TODO = "todo"
    DOING = "doing"
    WAITING = "waiting"  # waiting on the client: open, but not the VA's move
    DONE = "done"
    DEFERRED = "deferred"


class Quadrant(enum.StrEnum):
    """The Eisenhower quadrants, in the order they are worked."""

    DO = "do"  # urgent and important
    SCHEDULE = "schedule"  # important, not urgent
    DELEGATE = "delegate"  # urgent, not important
    DROP = "drop"  # neither

    @classmethod
    def of(cls, urgent: bool, important: bool) -> Quadrant:
        if urgent and important:
            return cls.DO
        if important:
            return cls.SCHEDULE
        if urgent:
            return cls.DELEGATE
        return cls.DROP

    @property
    def rank(self) -> int:
        return list(Quadrant).index(self)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    text: str
    done: bool = False

    def __post_init__(self) -> None:
        _plain_field(self, "text")


@dataclass(frozen=True, slots=True)
class Task:
    title: str
    created: datetime
    client_id: int | None = None
    batch: str = "admin"
    urgent: bool = False
    important: bool = False
    estimate: timedelta | None = None
    due: datetime | None = None
    due_zone: str | None = None  # the zone the due time was entered in (mine or the client's)
    reply_by: datetime | None = None  # promise deadline, already counted in business hours
    notes: str = ""
    checklist: tuple[ChecklistItem, ...] = ()
    status: Status = Status.TODO
    done_at: datetime | None = None
    defer_until: date | None = None
    rank: float | None = None  # manual reordering on top of the ordering rule
    repeat: str | None = None  # the series' rule (RRULE text or AFTER=3d, see core/recurrence.py)
    series: int | None = None  # the series id: the id of its first instance
    id: int | None = None

    def __post_init__(self) -> None:
        title = " ".join(plain(self.title).split())
        if not title:
            raise ValidationError(_("{field}: a task needs a title").format(field="title"), field="title")
        if title != self.title:  # else keep the string given: one copy per title, not two (a heavy year: 6,000)
            object.__setattr__(self, "title", title)
        batch = self.batch.strip().lower()
        if not batch or " " in batch:
            raise ValidationError(_("{field}: {text!r} is not a batch name (one word, e.g. email)").format(
                field="batch", text=self.batch), field="batch")
        if batch != self.batch:
            object.__setattr__(self, "batch", batch)
        _require_utc(self.created, "created")
        _require_utc(self.due, "due")
        _require_utc(self.reply_by, "reply_by")
        _require_utc(self.done_at, "done_at")
        _require_supported(self.due, "due")
        _require_supported(self.reply_by, "reply_by")
        if self.estimate is not None and self.estimate <= timedelta(0):
            raise ValidationError(_("{field}: must be longer than zero").format(field="estimate"), field="estimate")
        if self.due_zone is not None:
            validate_zone(self.due_zone, field="due_zone")
        if self.notes:
            _plain_field(self, "notes", lines=True)

    @property
    def quadrant(self) -> Quadrant:
        return Quadrant.of(self.urgent, self.important)

    @property
    def is_open(self) -> bool:
        return self.status is not Status.DONE


@dataclass(frozen=True, slots=True)
class TimeBlock:
    """A planned stretch of the day for one client or one batch of work."""

    start: datetime
    end: datetime
    client_id: int | None = None
    batch: str | None = None
    note: str = ""
    series: int | None = None  # the recurring-block series it was made from (core/block_series.py)
    id: int | None = None
    # Where a block that is not yours comes from: "calendar:NAME" for a meeting of a subscribed
    # calendar (core/meetings.py). Such a block is shown and counted, never stored or edited.
    source: str | None = None

    def __post_init__(self) -> None:
        _require_utc(self.start, "start")
        _require_utc(self.end, "end")
        if self.end <= self.start:
            raise ValidationError(_("a block must end after it starts"), field="end")
        _require_supported(self.start, "start")
        _require_supported(self.end, "end")
        if self.note:
            _plain_field(self, "note")

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    @property
    def readonly(self) -> bool:
        return self.source is not None


@dataclass(frozen=True, slots=True)
class TimeEntry:
    """Tracked time: what the Pomodoro, the stopwatch or a manual log recorded."""

    start: datetime
    end: datetime
    client_id: int | None
    task_id: int | None = None
    billable: bool = True
    note: str = ""
    source: str = "manual"  # "pomodoro", "stopwatch", "manual", "import"
    id: int | None = None

    def __post_init__(self) -> None:
        _require_utc(self.start, "start")
        _require_utc(self.end, "end")
        if self.end <= self.start:
            raise ValidationError(_("a time entry must end after it starts"), field="end")
        _require_supported(self.start, "start")
        _require_supported(self.end, "end")
        if self.note:
            _plain_field(self, "note")

    @property
    def duration(self) -> timedelta:
        # Aware UTC datetimes subtract to real elapsed time, across midnight and DST alike.
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class DayTemplateItem:
    start_minute: int  # minutes from local midnight on the day the template is applied to
    minutes: int
    client_id: int | None = None
    batch: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ChecklistTemplateItem:
    title: str
    batch: str = "admin"
    offset_days: int = 0  # due this many days after the start day
    estimate: timedelta | None = None
    urgent: bool = False
    important: bool = False

    def __post_init__(self) -> None:
        _plain_field(self, "title")


@dataclass(frozen=True, slots=True)
class Template:
    """A reusable plan: a day of blocks ("day") or a list of tasks ("checklist")."""

    kind: str
    name: str
    items: tuple[DayTemplateItem, ...] | tuple[ChecklistTemplateItem, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("day", "checklist"):
            raise ValidationError(_("template kind {kind!r} is not 'day' or 'checklist'").format(kind=self.kind), field="kind")
        object.__setattr__(self, "name", validate_name(self.name, what="template"))
