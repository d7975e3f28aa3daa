"""Settings that shape the domain's answers. Read from the config file by `vatui.settings.config`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from vatui.core.hours import WeekHours

NOTIFY_CHANNELS = ("desktop", "terminal", "bell")
NOTIFY_TERMINAL_STYLES = ("auto", "osc777", "osc9", "osc99")  # the terminal escape to send
ROUNDING_CHOICES = {"none": None, "6m": timedelta(minutes=6), "15m": timedelta(minutes=15)}


DEFAULT_ME_NAME = "Me"  # shown in the user's language while the config leaves it as is

@dataclass(frozen=True, slots=True)
class PomodoroSettings:
    focus: timedelta = timedelta(minutes=25)
    short_break: timedelta = timedelta(minutes=5)
    long_break: timedelta = timedelta(minutes=15)
    long_every: int = 4  # a long break after every N focus sessions
    auto_start: bool = False  # start the next phase on its own when one ends


@dataclass(frozen=True, slots=True)
class CalDavSettings:
    """[caldav]: the calendar that `vatui calendar push` writes the plan to. The password is never
    kept here: `password_command` prints it when a push needs it."""

    url: str = ""  # the calendar's own address (a CalDAV collection); empty: no pushing
    username: str = ""
    password_command: str = ""
    password_in_config: bool = False  # the file holds caldav.password: refused, never read

    @property
    def configured(self) -> bool:
        return bool(self.url)


@dataclass(frozen=True, slots=True)
class Settings:
    me_zone: str = "UTC"  # resolved from the machine by vatui.settings.config when the file does not set it
    me_city: str = ""
    me_name: str = DEFAULT_ME_NAME
    me_hours: WeekHours = field(default_factory=WeekHours.default)
    week_start: int = 0  # 0 = Monday ... 6 = Sunday
    language: str | None = None  # None: from LANG / LC_ALL / LC_MESSAGES
    theme: str = "vatui-dark"
    closing_soon: timedelta = timedelta(minutes=60)  # "closes in 40m" below this
    block_buffer: timedelta = timedelta(minutes=10)
    pomodoro: PomodoroSettings = field(default_factory=PomodoroSettings)
    forgotten_after: timedelta = timedelta(minutes=30)  # past a timer's planned end, ask keep/trim/discard
    notify: tuple[str, ...] = NOTIFY_CHANNELS
    notify_terminal: str = "auto"  # auto: OSC 9 for iTerm2, OSC 99 for kitty, OSC 777 elsewhere
    billing_rounding: timedelta | None = None  # round each entry up to this, or not at all
    me_holidays: str = ""  # my public holidays, "RO" or "AU-NSW" ([me] holidays); "" for none
    reminders_before: tuple[timedelta, ...] = (timedelta(hours=1), timedelta(minutes=15))  # [reminders] before
    keys: tuple[tuple[str, str], ...] = ()  # binding id -> keys, for Textual's keymap
    caldav: CalDavSettings = field(default_factory=CalDavSettings)
