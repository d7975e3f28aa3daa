"""`vatui report`, `vatui digest`, `vatui export --ics/--csv entries`, `vatui import --csv tasks`:
exact figures, golden files (tests/golden/), an .ics round trip, all-or-nothing imports, exit codes.

Golden files are compared byte for byte. After an intended change of output, regenerate them with
VATUI_UPDATE_GOLDEN=1 and review the diff before committing.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from vatui.core.models import Client, Status, Task, TimeBlock, TimeEntry
from vatui.store import Store

GOLDEN = Path(__file__).parent.parent / "golden"
UTC = timezone.utc
BUC = ZoneInfo("Europe/Bucharest")
NY = ZoneInfo("America/New_York")


def buc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BUC).astimezone(UTC)


def ny(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NY).astimezone(UTC)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("VATUI_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"no golden file {path}; run with VATUI_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_bytes().decode("utf-8")


def seed_week(store: Store) -> None:
    """Two clients and the week of Mon 16 - Sun 22 Nov 2026 (my zone: Bucharest)."""
    with store.transaction():
        hudson, regent = store.clients.add_many([
            Client(name="Hudson Realty", tz="America/New_York", rate=Decimal("40"), currency="USD"),
            Client(name="Regent Law", tz="Europe/London", rate=Decimal("32"), currency="GBP"),
        ])
        created = buc(2026, 11, 10, 9)
        flyer, photo, approve, buyers, crm, inbox = store.tasks.add_many([
            Task(title="Send open-house flyer", created=created, client_id=hudson.id, batch="email",
                 status=Status.DONE, done_at=buc(2026, 11, 18, 12)),
            Task(title="Book the photographer", created=created, client_id=hudson.id, batch="calls",
                 status=Status.DONE, done_at=buc(2026, 11, 20, 17)),
            Task(title="Approve listing copy", created=created, client_id=hudson.id, batch="writing",
                 status=Status.WAITING, due=ny(2026, 11, 25, 12), due_zone="America/New_York"),
            Task(title="Answer buyer questions", created=created, client_id=hudson.id, batch="email", urgent=True,
                 important=True, due=ny(2026, 11, 23, 12), due_zone="America/New_York", notes="5th Ave listing"),
            Task(title="Compare CRM plans", created=created, client_id=hudson.id, batch="research"),
            Task(title="Triage partner inbox", created=created, client_id=regent.id, batch="email"),
        ])
        store.entries.add_many([
            TimeEntry(start=buc(2026, 11, 16, 9), end=buc(2026, 11, 16, 10, 30), client_id=hudson.id, task_id=flyer.id),
            TimeEntry(start=buc(2026, 11, 17, 14), end=buc(2026, 11, 17, 14, 7), client_id=hudson.id, task_id=buyers.id),
            TimeEntry(start=buc(2026, 11, 18, 23, 30), end=buc(2026, 11, 19, 0, 45), client_id=hudson.id,
                      task_id=photo.id, note="late call, NY afternoon"),
            TimeEntry(start=buc(2026, 11, 19, 11), end=buc(2026, 11, 19, 11, 25), client_id=regent.id, task_id=inbox.id),
            TimeEntry(start=buc(2026, 11, 20, 16), end=buc(2026, 11, 20, 16, 50), client_id=hudson.id, billable=False),
        ])
        store.blocks.add_many([
            TimeBlock(start=buc(2026, 11, 23, 9), end=buc(2026, 11, 23, 9, 30), batch="email", note="Inbox zero"),
            TimeBlock(start=buc(2026, 11, 23, 14), end=buc(2026, 11, 23, 15, 30), client_id=hudson.id,
                      note="Buyers, open house"),
            TimeBlock(start=buc(2026, 11, 24, 10), end=buc(2026, 11, 24, 11), client_id=regent.id),
        ])
        del approve, crm


@pytest.fixture
def cli(make_cli):
    return make_cli('[me]\nzone = "Europe/Bucharest"\nname = "Ana Pop"\n\n[billing]\nrounding = "6m"\n')


@pytest.fixture
def week(cli, clock):
    seed_week(Store(cli.db, clock=clock))
    return cli


# --- report -------------------------------------------------------------------------------------


def test_report_json_has_exact_figures_per_currency(week):
    code, out, err = week("report", "--from", "2026-11-16", "--to", "2026-11-22", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["period"] == {"kind": "range", "from": "2026-11-16", "to": "2026-11-22", "zone": "Europe/Bucharest",
                              "start": "2026-11-15T22:00:00Z", "end": "2026-11-22T22:00:00Z"}
    assert data["rounding_minutes"] == 6
    rows = {r["client"]: r for r in data["rows"]}
    # Hudson: 90 + 7 + 75 + 50 (not billable) = 222 min = 3.70 h; billed 90 + 12 + 78 = 180 min = 120.00 USD.
    assert rows["Hudson Realty"]["tracked_hours"] == "3.70"
    assert rows["Hudson Realty"]["billable_hours"] == "2.87"  # 172 min
    assert rows["Hudson Realty"]["billed_hours"] == "3.00"
    assert rows["Hudson Realty"]["amounts"] == {"USD": "120.00"}
    # Regent: 25 min -> 30 min billed at 32 GBP = 16.00 GBP.
    assert rows["Regent Law"]["amounts"] == {"GBP": "16.00"}
    assert data["totals"]["amounts"] == {"GBP": "16.00", "USD": "120.00"}
    assert data["totals"]["tracked_seconds"] == 247 * 60


def test_report_by_day_splits_the_midnight_entry(week):
    code, out, _ = week("report", "--from", "2026-11-18", "--to", "2026-11-19", "--by", "day", "--format", "csv",
                        "--rounding", "none")
    assert code == 0
    # Wed 18: 23:30-24:00 = 0.50 h (20.00 USD). Thu 19: 00:00-00:45 Hudson (30.00 USD) + 25 min Regent (13.33 GBP).
    assert out == ("date,tracked_hours,billable_hours,billed_hours,amount_GBP,amount_USD\n"
                   "2026-11-18,0.50,0.50,0.50,,20.00\n"
                   "2026-11-19,1.17,1.17,1.17,13.33,30.00\n")


def test_report_markdown_golden(week):
    code, out, _ = week("report", "--from", "2026-11-16", "--to", "2026-11-22", "--format", "md", "--by", "task")
    assert code == 0
    check_golden("report_by_task.md", out)


def test_report_table_for_one_client(week):
    code, out, _ = week("report", "--from", "2026-11-16", "--to", "2026-11-22", "--client", "regent")
    assert code == 0
    assert "Regent Law" in out and "Hudson" not in out and "16.00 GBP" in out
    assert "each entry rounded up to 6 minutes" in out


def test_this_week_is_empty_and_says_so(week):
    code, out, _ = week("report")
    assert code == 0 and "Mon 23 Nov to Sun 29 Nov 2026" in out and "Nothing tracked in this period." in out


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2026-13-01"], "not a date"),
    (["--from", "2026-11-20", "--to", "2026-11-10"], "before"),
    (["--to", "2026-11-10"], "--to needs --from"),
    (["--month", "--from", "2026-11-01"], "not both"),
    (["--client", "nobody"], "no client called 'nobody'"),
    (["--from", "2026-12-01"], "after today"),
])
def test_report_bad_input_exits_2(week, args, message):
    code, out, err = week("report", *args)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_report_unknown_grouping_exits_2(week):
    with pytest.raises(SystemExit) as exc:
        week("report", "--by", "colour")
    assert exc.value.code == 2


# --- digest -------------------------------------------------------------------------------------


def test_digest_markdown_golden(week):
    code, out, err = week("digest", "--client", "hudson", "--last-week")
    assert code == 0, err
    check_golden("digest_hudson.md", out)


def test_digest_this_week_and_bad_client(week):
    code, out, _ = week("digest", "--client", "hudson", "--week")
    assert code == 0 and "Nothing was finished in this period." in out and "Approve listing copy" in out
    code, _, err = week("digest", "--client", "nobody")
    assert code == 2 and "no client called" in err


# --- export: CSV entries and iCalendar ----------------------------------------------------------


def test_entries_csv_golden(week):
    code, out, _ = week("export", "--csv", "entries", "--from", "2026-11-16", "--to", "2026-11-22")
    assert code == 0
    check_golden("entries_week.csv", out)
    header = out.splitlines()[0].split(",")
    assert header[:9] == ["date", "start", "end", "duration", "client", "task", "billable", "amount", "currency"]


def test_entries_csv_clips_to_the_period(week):
    code, out, _ = week("export", "--csv", "entries", "--from", "2026-11-19", "--to", "2026-11-19")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    # Only the 45 minutes after midnight of the 23:30-00:45 call; it keeps the 6-minute rounding's
    # extra 3 minutes, which belong to the entry's last day: 48 min = 32.00 USD.
    assert lines[1] == ("2026-11-19,00:00:00,00:45:00,0:45:00,Hudson Realty,Book the photographer,yes,32.00,USD,"
                        "2026-11-19,0:48:00,calls,\"late call, NY afternoon\"")


def test_exported_amounts_add_up_to_the_report_total(make_cli):
    # The QA walkthrough: three 20-minute entries at 40 USD/h, no billing rounding. The report
    # says 40.00 USD; the exported rows used to say 13.33 three times (39.99).
    cli = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    cli("client", "add", "Hudson Realty", "--tz", "America/New_York", "--rate", "40", "--currency", "USD")
    for start in ("09:00", "10:00", "11:00"):
        end = start[:3] + "20"
        assert cli("log", "--client", "hud", "--from", start, "--to", end, "--date", "2026-11-20")[0] == 0
    period = ("--from", "2026-11-16", "--to", "2026-11-22")
    code, out, _ = cli("report", *period, "--format", "csv")
    assert code == 0 and out.splitlines()[-1].endswith(",40.00,USD")
    code, out, _ = cli("export", "--csv", "entries", *period)
    amounts = [Decimal(line.split(",")[7]) for line in out.splitlines()[1:]]
    assert amounts == [Decimal("13.33"), Decimal("13.34"), Decimal("13.33")] and sum(amounts) == Decimal("40.00")


@pytest.mark.parametrize("fmt", [["--ics"], ["--csv", "entries"], ["--json"]])
def test_export_to_a_missing_folder_is_refused_and_creates_nothing(week, tmp_path, fmt):
    before = week.db.read_bytes()
    target = tmp_path / "nowhere" / "deeper" / "x.out"
    code, out, err = week("export", *fmt, "-o", str(target))
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"The folder {target.parent} does not exist" in err and "Wrote" not in err
    assert not (tmp_path / "nowhere").exists()
    assert week.db.read_bytes() == before  # not even the calendar id was saved


def test_ics_round_trip_through_the_icalendar_parser(week):
    code, out, _ = week("export", "--ics", "--from", "2026-11-23", "--to", "2026-11-25")
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR\r\n") and out.endswith("END:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(out)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//vatui//")
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries == [
        "email: Inbox zero",
        "Hudson Realty: Buyers, open house",
        "Due: Answer buyer questions (Hudson Realty)",
        "Regent Law",
        "Due: Approve listing copy (Hudson Realty)",
    ]
    for e in events:
        assert e.decoded("DTSTART").utcoffset() == timedelta(0) and e.decoded("DTEND") > e.decoded("DTSTART")
        assert str(e["UID"]).endswith("@vatui") and e.decoded("DTSTAMP") == datetime(2026, 11, 23, 13, tzinfo=UTC)
    assert "DTSTART:20261123T120000Z" in out  # 14:00 Bucharest, written in UTC
    due = events[2]
    assert due.decoded("DTSTART") == ny(2026, 11, 23, 12) and str(due["TRANSP"]) == "TRANSPARENT"
    assert str(events[1]["TRANSP"]) == "OPAQUE"
    # UIDs are stable from one export to the next, so re-importing updates instead of doubling.
    _, again, _ = week("export", "--ics", "--from", "2026-11-23", "--to", "2026-11-25")
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")] == [str(e["UID"]) for e in events]
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_ics_without_bounds_has_everything_open(week):
    code, out, _ = week("export", "--ics")
    events = list(icalendar.Calendar.from_ical(out).walk("VEVENT"))
    assert code == 0 and len(events) == 5  # 3 blocks + 2 open tasks with a due date (done ones are left out)


def test_export_to_a_file_and_to_a_folder(week, tmp_path):
    target = tmp_path / "entries.csv"  # an existing folder: a missing one is refused (test above)
    code, out, err = week("export", "--csv", "entries", "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    assert target.read_text().startswith("date,start,end,duration")
    code, _, err = week("export", "--ics", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_export_bad_input_exits_2(week):
    assert week("export", "--csv", "entries", "--from", "someday")[0] == 2
    assert week("export", "--json", "--from", "2026-11-01")[0] == 2
    with pytest.raises(SystemExit) as exc:
        week("export", "--csv", "clients")
    assert exc.value.code == 2


# --- import --csv tasks -------------------------------------------------------------------------

GOOD = (
    "title,client,batch,urgent,important,estimate,due,due_zone,notes,checklist,status\n"
    'Call the florist,hudson,calls,yes,no,15m,2026-11-24,client,"Ask about\nFriday delivery",Colours; Price,\n'
    "Write the newsletter,Regent Law,writing,no,yes,1h30,2026-11-25 10:00,,,,waiting\n"
    "Inbox zero,,email,,,,,,,,\n"
)

BAD = (
    "title,client,estimate,due\n"
    "Good one,hudson,30m,\n"
    ",hudson,,\n"
    "Bad estimate,hudson,30,\n"
    "Bad client,nobody,,\n"
    "Bad due,hudson,,tomorrow\n"
    "Fine,,,\n"
)


def test_import_csv_tasks(week, tmp_path, clock):
    (tmp_path / "t.csv").write_text(GOOD)
    code, out, err = week("import", "--csv", "tasks", str(tmp_path / "t.csv"))
    assert code == 0 and "Imported 3 tasks." in out, err
    tasks = {t.title: t for t in Store(week.db).tasks.all()}
    florist = tasks["Call the florist"]
    assert florist.batch == "calls" and florist.urgent and not florist.important
    assert florist.estimate == timedelta(minutes=15) and florist.notes == "Ask about\nFriday delivery"
    assert florist.due == ny(2026, 11, 24, 17) and florist.due_zone == "America/New_York"  # a day alone: 17:00
    assert [i.text for i in florist.checklist] == ["Colours", "Price"]
    news = tasks["Write the newsletter"]
    assert news.due == buc(2026, 11, 25, 10) and news.status is Status.WAITING and news.important
    assert tasks["Inbox zero"].client_id is None and tasks["Inbox zero"].created == clock.now()


def test_import_is_all_or_nothing(week, tmp_path):
    (tmp_path / "bad.csv").write_text(BAD)
    before = week.db.read_bytes()
    code, out, err = week("import", "--csv", "tasks", str(tmp_path / "bad.csv"))
    assert code == 2 and out == ""
    assert "line 3: title: a task needs a title" in err
    assert "line 4: estimate: '30' is not a duration" in err
    assert "line 5: client: no client called 'nobody'" in err
    assert "line 6: due: 'tomorrow' is not a date" in err
    assert "4 bad rows; nothing was imported" in err and "--skip-bad to import the 2 good rows" in err
    assert week.db.read_bytes() == before


def test_import_refusal_counts_good_rows_in_words(week, tmp_path):
    (tmp_path / "one.csv").write_text("title,estimate\nGood,10m\nBad,ten\n")
    code, _, err = week("import", "--csv", "tasks", str(tmp_path / "one.csv"))
    assert code == 2 and "1 bad row; nothing was imported" in err and "to import the 1 good row)" in err


def test_import_skip_bad_takes_the_good_rows(week, tmp_path):
    (tmp_path / "bad.csv").write_text(BAD)
    count = len(Store(week.db).tasks)
    code, out, err = week("import", "--csv", "tasks", str(tmp_path / "bad.csv"), "--skip-bad")
    assert code == 0 and "Imported 2 tasks. Skipped 4 bad rows." in out
    assert "line 4" in err
    titles = [t.title for t in Store(week.db).tasks.all()]
    assert len(titles) == count + 2 and "Good one" in titles and "Fine" in titles


def test_import_line_numbers_count_multi_line_cells(week, tmp_path):
    (tmp_path / "m.csv").write_text('title,notes,estimate\nA,"one\ntwo\nthree",10m\nB,,ten\n')
    code, _, err = week("import", "--csv", "tasks", str(tmp_path / "m.csv"))
    assert code == 2 and "line 5: estimate" in err


def test_import_semicolons_and_a_byte_order_mark(week, tmp_path):
    (tmp_path / "excel.csv").write_bytes("\ufefftitle;client;important\nRenew domain;hudson;x\n".encode())
    code, out, _ = week("import", "--csv", "tasks", str(tmp_path / "excel.csv"))
    assert code == 0 and "Imported 1 task." in out
    assert next(t for t in Store(week.db).tasks.all() if t.title == "Renew domain").important


@pytest.mark.parametrize(("content", "message"), [
    ("title,priority\nA,high\n", "unknown column 'priority'"),
    ("client,batch\nhudson,email\n", "no 'title' column"),
    ("", "the file is empty"),
    ("title,client\n", "has no task rows"),
    ("title,title\nA,B\n", "appears twice"),
    ("title,client\nA,hudson,extra\n", "line 2: 3 cells"),
    # A quote never closed swallows the rest of the file into one cell: refused, not imported.
    ('title,client\n"unterminated,acme\n', "line 2: a quoted cell opens here and is never closed"),
    ('title,client\nA,hudson\n"unterminated,acme\nB,hudson\n', "line 3: a quoted cell opens here"),
    ('title,client\n"Quoted" then more,hudson\n', "line 2: text after the closing quote"),
])
def test_import_file_problems_exit_2(week, tmp_path, content, message):
    (tmp_path / "x.csv").write_text(content)
    before = week.db.read_bytes()
    code, _, err = week("import", "--csv", "tasks", str(tmp_path / "x.csv"))
    assert code == 2 and message in err and "Traceback" not in err
    assert week.db.read_bytes() == before


def test_import_usage_errors_exit_2(week, tmp_path):
    assert week("import", "--csv", "entries", str(tmp_path / "x.csv"))[0] == 2
    assert week("import", "--csv", "tasks", str(tmp_path / "missing.csv"))[0] == 2
    (tmp_path / "latin1.csv").write_bytes("title\nCaf\xe9\n".encode("latin-1"))
    code, _, err = week("import", "--csv", "tasks", str(tmp_path / "latin1.csv"))
    assert code == 2 and "UTF-8" in err
    (tmp_path / "ok.csv").write_text("title\nA\n")
    assert week("import", "--csv", "tasks", str(tmp_path / "ok.csv"), "--merge")[0] == 2
    assert week("import", "--json", str(tmp_path / "ok.csv"), "--skip-bad")[0] == 2


def test_tasks_exported_as_csv_import_back_as_the_same_tasks(make_cli, tmp_path):
    cli = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    cli("client", "add", "Acme", "--tz", "America/New_York")
    cli("client", "add", "Bondi Bakes", "--tz", "Australia/Sydney")
    cli("add", "Reply to wholesale enquiry @bondi #email !u !i ~1h30 due:2026-11-27 10:00 client // ring first")
    cli("add", 'Plan "Q1"; budget, draft @acme #invoicing ~25m due:2026-11-30')
    cli("add", "Tidy inbox")
    code, csv_text, err = cli("export", "--csv", "tasks")
    assert code == 0, err
    source = tmp_path / "tasks.csv"
    source.write_text(csv_text, encoding="utf-8")
    other = tmp_path / "other.json"
    cli("client", "add", "Acme", "--tz", "America/New_York", db_path=other)
    cli("client", "add", "Bondi Bakes", "--tz", "Australia/Sydney", db_path=other)
    code, _out, err = cli("import", "--csv", "tasks", str(source), db_path=other)
    assert code == 0, err

    def shape(db):
        return sorted((t.title, t.client_id, t.batch, t.urgent, t.important, t.estimate, t.due, t.due_zone, t.notes,
                       t.status) for t in Store(db).tasks.all())

    assert shape(other) == shape(cli.db)
    assert cli("export", "--csv", "tasks", db_path=other)[1] == csv_text  # and out again, byte for byte
    code, _out, err = cli("export", "--csv", "tasks", "--from", "2026-11-01")
    assert code == 2 and "--csv tasks writes every task" in err
