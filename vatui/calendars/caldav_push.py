"""`vatui calendar push`: the plan (time blocks, open tasks' due times) written to a CalDAV
calendar, and the same push for the cockpit's background worker (`push_in_background`).

What a push does, for the window [start, end):
- every block and due time overlapping the window is written, as the event `vatui export --ics`
  makes for it (same UID), marked as vatui's (see vatui.calendars.plan_events);
- an event of this data file already on the server is rewritten only when its content changed,
  so pushing twice changes nothing and nothing is doubled;
- an event of this data file found in the window whose block was removed (or whose task is done
  or lost its due time) is deleted; one whose block moved out of the window is moved with it.
  Events without vatui's mark and this data file's UIDs, the user's own, are never touched.

A push only reads the data file (and, once, keeps the calendar id in it): a failing server costs
nothing but the push, which the next one redoes whole.

caldav (and the HTTP library under it) is imported only when a push runs.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from vatui.core.errors import ValidationError, VatuiError
from vatui.i18n import _, ngettext

if TYPE_CHECKING:
    from vatui.core.settings import CalDavSettings, Settings
    from vatui.store import Store

DEFAULT_DAYS = 14  # the window when no --to is given: --from (default today) and the 14 days after it
PASSWORD_TIMEOUT = 30.0  # seconds a password_command may take (a vault that asks for its passphrase)
HTTP_TIMEOUT = 20  # seconds for each request to the server
# Characters that mean the password_command is shell syntax (a pipe, a variable, a redirection):
# such a command runs through /bin/sh; any other is split into words and run directly.
SHELL_SYNTAX = set("|&;<>()$`*?~\n")


class CalDavError(VatuiError):
    """The server could not be reached or refused the push (exit code 1)."""


@dataclass
class PushResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def counts(self) -> str:
        """e.g. "2 created, 1 updated, 0 deleted, 5 unchanged"."""
        return ", ".join([
            ngettext("{n} created", "{n} created", self.created).format(n=self.created),
            ngettext("{n} updated", "{n} updated", self.updated).format(n=self.updated),
            ngettext("{n} deleted", "{n} deleted", self.deleted).format(n=self.deleted),
            ngettext("{n} unchanged", "{n} unchanged", self.unchanged).format(n=self.unchanged),
        ])


def shown_url(url: str) -> str:
    """The address without any user:password@ in it, for messages."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def check_settings(caldav: CalDavSettings) -> None:
    """Refuse to push without a calendar or with a password in the config (ValidationError, exit 2)."""
    if caldav.password_in_config:
        raise ValidationError(_("caldav.password is set in the config file: remove it and set caldav.password_command "
                                'to a command that prints the password (e.g. "pass show caldav"); nothing was pushed'),
                              field="caldav.password")
    if not caldav.configured:
        raise ValidationError(_("no calendar to push to: set url (and username, password_command) under [caldav] in "
                                "the config file"), field="caldav.url")


def password_from_command(command: str, *, interactive: bool = True) -> str:
    """The first line the password_command prints. Plain words run directly (no shell); a command
    using shell syntax (|, ;, &, $, <, >, `, ...) runs through /bin/sh. `interactive`: the command
    may read the terminal (the CLI); the cockpit's worker gives it no input instead.
    A command that is missing, fails, hangs or prints nothing is a ValidationError (exit 2)."""
    needs_shell = any(ch in SHELL_SYNTAX for ch in command)
    try:
        args: Any = command if needs_shell else shlex.split(command)
    except ValueError as exc:  # an unclosed quote
        raise ValidationError(_("caldav.password_command {command!r} cannot be read ({problem})").format(
            command=command, problem=exc), field="caldav.password_command") from None
    if not args:
        raise ValidationError(_("caldav.password_command is empty"), field="caldav.password_command")
    try:
        done = subprocess.run(args, shell=needs_shell, capture_output=True, text=True, timeout=PASSWORD_TIMEOUT,
                              stdin=None if interactive else subprocess.DEVNULL)
    except FileNotFoundError:
        raise ValidationError(_("caldav.password_command: {program!r} was not found").format(program=args[0]),
                              field="caldav.password_command") from None
    except PermissionError:
        raise ValidationError(_("caldav.password_command: {program!r} cannot be run (permission denied)").format(
            program=args[0]), field="caldav.password_command") from None
    except subprocess.TimeoutExpired:
        raise ValidationError(_("caldav.password_command did not finish within {seconds} s").format(
            seconds=int(PASSWORD_TIMEOUT)), field="caldav.password_command") from None
    if done.returncode != 0:
        said = (done.stderr or "").strip().splitlines()
        raise ValidationError(_("caldav.password_command failed (exit code {code}){detail}").format(
            code=done.returncode, detail=f": {said[-1]}" if said else ""), field="caldav.password_command")
    lines = (done.stdout or "").splitlines()
    if not lines or not lines[0]:
        raise ValidationError(_("caldav.password_command printed no password"), field="caldav.password_command")
    return lines[0]


def default_window(today: date, first: date | None = None, last: date | None = None) -> tuple[date, date]:
    """--from (default today) and --to (default DEFAULT_DAYS after --from), both included."""
    first = first or today
    last = last or first + timedelta(days=DEFAULT_DAYS)
    if last < first:
        raise ValidationError(_("--to {last} is before --from {first}").format(last=last, first=first), field="--to")
    return first, last


def _network_error(exc: BaseException, url: str) -> CalDavError:
    """A failure while talking to the server, as one sentence (no traceback)."""
    from caldav.lib import error

    where = shown_url(url)
    if isinstance(exc, error.AuthorizationError):
        return CalDavError(_("{url} refused the username or password (nothing was lost; try again after fixing "
                             "[caldav])").format(url=where))
    if isinstance(exc, error.NotFoundError):
        return CalDavError(_("there is no calendar at {url}: check caldav.url").format(url=where))
    if isinstance(exc, error.DAVError):
        reason = " ".join(str(exc).split())[:200]
        return CalDavError(_("{url} refused the push ({reason})").format(url=where, reason=reason))
    return CalDavError(_("cannot reach {url} ({reason}); nothing was lost, push again later").format(
        url=where, reason=_connection_reason(exc)))


def _connection_reason(exc: BaseException) -> str:
    """Why a connection failed, in a few words: the HTTP library's own message is a paragraph
    naming its connection pool. Looks down the chain of causes for the socket's error."""
    import socket

    seen: list[BaseException] = []
    node: BaseException | None = exc
    while node is not None and node not in seen:
        seen.append(node)
        inner = getattr(node, "reason", None)  # urllib3's MaxRetryError keeps the real error here
        node = (inner if isinstance(inner, BaseException) else None) or node.__cause__ or node.__context__ or next(
            (a for a in node.args if isinstance(a, BaseException)), None)
    names = " ".join(type(e).__name__ for e in seen) + " " + " ".join(str(e) for e in seen)
    if any(isinstance(e, (TimeoutError, socket.timeout)) for e in seen) or "Timeout" in names or "timed out" in names:
        return _("no answer within {seconds} s").format(seconds=HTTP_TIMEOUT)
    if any(isinstance(e, ConnectionRefusedError) for e in seen) or "Connection refused" in names:
        return _("connection refused")
    if any(isinstance(e, socket.gaierror) for e in seen) or "NameResolution" in names or "Name or service" in names:
        return _("the server's name is not known")
    if "SSL" in names or "CERTIFICATE" in names.upper():
        return _("the server's certificate was not accepted")
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _overlaps(start: datetime, end: datetime, lo: datetime, hi: datetime) -> bool:
    return end > lo and start < hi


def push_plan(store: Store, settings: Settings, now: datetime, *, start: datetime, end: datetime,
              interactive: bool = True) -> PushResult:
    """Write the plan for [start, end) to [caldav]'s calendar. Raises ValidationError for the
    settings (exit 2) and CalDavError for the server (exit 1); never anything else."""
    caldav_settings = settings.caldav
    check_settings(caldav_settings)
    password = (password_from_command(caldav_settings.password_command, interactive=interactive)
                if caldav_settings.password_command else None)

    from vatui.calendars.plan_events import calendar_id, is_ours, plan_events

    cal_id = calendar_id(store)
    alive = plan_events(blocks=store.blocks.all(), tasks=store.tasks.all(),
                        clients={c.id: c for c in store.clients.all() if c.id is not None}, now=now, cal_id=cal_id)
    wanted = {uid for uid, ev in alive.items() if _overlaps(ev.start, ev.end, start, end)}
    url = caldav_settings.url
    result = PushResult()
    try:
        import caldav

        with caldav.DAVClient(url=url, username=caldav_settings.username or None, password=password,
                              timeout=HTTP_TIMEOUT) as client:
            calendar = client.calendar(url=url)
            found: dict[str, Any] = {}
            for obj in calendar.search(start=start, end=end, event=True, expand=False):
                try:
                    component = obj.icalendar_component
                except Exception:  # an event another program stored that does not parse: not ours, left alone
                    continue
                if component is not None and is_ours(component, cal_id):
                    found[str(component["uid"])] = (obj, str(component.get("X-VATUI-DIGEST", "")))
            for uid in sorted(wanted | (found.keys() & alive.keys())):
                event = alive[uid]
                if uid in found:
                    obj, digest = found[uid]
                    if digest == event.digest:
                        result.unchanged += 1
                        continue
                    obj.save(raw_data=event.ical.encode("utf-8"), increase_seqno=False)
                    result.updated += 1
                else:
                    calendar.add_event(event.ical, increase_seqno=False)
                    result.created += 1
            for uid in sorted(found.keys() - alive.keys()):
                found[uid][0].delete()
                result.deleted += 1
    except VatuiError:
        raise
    except Exception as exc:  # caldav and its HTTP library raise many kinds; each becomes one message
        raise _network_error(exc, url) from None
    return result


def push_in_background(store: Store, settings: Settings, now: datetime) -> str | None:
    """For the cockpit: push the default window (today and the DEFAULT_DAYS after it, in my zone)
    after a change, from a worker thread. No Textual here. Returns a short note to show, "Calendar
    pushed: 1 created, ..." or "Calendar push failed: <why>", or None when there is nothing to
    say: no [caldav] url set, or the calendar already matched. Never raises: a failed push is a
    note, the edit is already saved. The password_command gets no terminal input here."""
    from vatui.core.periods import local_midnight, local_today

    zone = settings.me_zone
    if not settings.caldav.configured and not settings.caldav.password_in_config:
        return None
    try:
        first, last = default_window(local_today(now, zone))
        result = push_plan(store, settings, now, start=local_midnight(first, zone),
                           end=local_midnight(last + timedelta(days=1), zone), interactive=False)
    except VatuiError as exc:
        return _("Calendar push failed: {reason}").format(reason=exc)
    except Exception as exc:  # the note is the only place a worker's failure can go
        return _("Calendar push failed: {reason}").format(reason=exc)
    return _("Calendar pushed: {counts}").format(counts=result.counts()) if result.changed else None
