"""What the cockpit does in the background, beside its panes: reminders before reply-by and due
times (checked once a minute), and pushing the plan to the CalDAV calendar a few seconds after it
changed. A plain object given what it needs; the screen calls `tick(now)` each second and
`plan_changed(now)` after a change it shows.

Neither ever holds up a key: the reminder check and its record of what fired run on the store's
writer thread (in order with the edits), the push on a worker thread of its own. A push that
fails is a note; the edit is already saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from vatui.core.settings import Settings
from vatui.i18n import _
from vatui.text.invoice_text import hours

PUSH_AFTER = timedelta(seconds=5)  # a burst of edits makes one push, not one per key


class BackgroundJobs:
    def __init__(self, *, app: Any, store: Any, settings: Settings, writer: Any,
                 notify: Callable[[str, str, bool], None]) -> None:
        """`app`: runs the push's thread worker; `writer`: store/writer.py's StoreWriter;
        `notify(title, body, in_app_only)`: the notification chain."""
        self.app = app
        self.store = store
        self.settings = settings
        self.writer = writer
        self.notify = notify
        self._watch: Any = None  # timers.reminder_watch.ReminderWatch, made at the first check
        self._minute: datetime | None = None
        self._push_at: datetime | None = None

    # --- the tick ------------------------------------------------------------------------------
    def tick(self, now: datetime) -> None:
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute:
            self._minute = minute
            self._check_reminders(now)
            self._check_money(now)
        if self._push_at is not None and now >= self._push_at:
            self._push_at = None
            self._push(now)

    def _check_reminders(self, now: datetime) -> None:
        if not self.settings.reminders_before:
            return
        if self._watch is None:
            from vatui.timers.reminder_watch import ReminderWatch

            self._watch = ReminderWatch(self.store, self.settings.reminders_before,  # returns, never sends
                                        zone=self.settings.me_zone)
        watch = self._watch

        def said(notices: list) -> None:
            for n in notices:
                self.notify(n.title, n.body, n.in_app_only)

        self.writer.submit(lambda: watch.tick(now), done=said, title=_("Reminders"))

    # --- money: overdue invoices and retainer banks ---------------------------------------------
    def _check_money(self, now: datetime) -> None:
        """Once a minute: a "Chase invoice N" task for each invoice that turned overdue (once), and
        a note when a retainer's month reaches 80% and 100% of its bank (once each a month). The
        checks read memory; only what is new is written, on the writer thread."""
        store, zone = self.store, self.settings.me_zone
        retained = [c for c in store.clients.all() if c.billing.retainer is not None and not c.archived]
        if not retained and not len(store.invoices):
            return
        from vatui.core.periods import local_today

        today = local_today(now, zone)
        overdue = any(i.status(today) == "overdue" for i in store.invoices.all())
        if not overdue and not retained:
            return
        rounding = self.settings.billing_rounding

        def change() -> tuple[list, list[tuple[Any, int, Any]]]:
            from vatui.core.invoicing import retainer_usage
            from vatui.store.invoices import add_chase_tasks, retainer_notices

            chased = add_chase_tasks(store, now, today) if overdue else []
            reached = []
            for client in retained:
                own = [e for e in store.entries.all() if e.client_id == client.id]
                month = retainer_usage(client.billing.retainer, own, today, zone, rounding)
                reached += [(client, pct, month) for pct in retainer_notices(store, client, month)]
            return chased, reached

        def said(result: tuple[list, list[tuple[Any, int, Any]]]) -> None:
            chased, reached = result
            for task in chased:
                self.notify(_("Invoice overdue"), _("Added to the queue: {title}").format(title=task.title), False)
            for client, pct, month in reached:
                self.notify(_("Retainer {client}").format(client=client.name),
                            _("{pct}% of this month's {bank} h used ({used} h)").format(
                                pct=pct, bank=hours(month.bank), used=hours(month.used)), False)

        self.writer.submit(change, done=said, title=_("Invoices"))

    # --- the plan out --------------------------------------------------------------------------
    def plan_changed(self, now: datetime) -> None:
        caldav = self.settings.caldav
        if caldav.configured or caldav.password_in_config:
            self._push_at = now + PUSH_AFTER

    def _push(self, now: datetime) -> None:
        store, settings = self.store, self.settings

        def push() -> None:
            from vatui.calendars.caldav_push import push_in_background

            note = push_in_background(store, settings, now)
            if note:
                self.app.call_from_thread(self.notify, _("Calendar"), note, True)

        self.app.run_worker(push, thread=True, group="caldav-push", exit_on_error=False)
