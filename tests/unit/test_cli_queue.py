"""`vatui add` (quick-add syntax), `tasks`, `done`, `next` and `template`, through main([...])."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vatui.core.models import Status
from vatui.store import Store


@pytest.fixture
def cli(make_cli):
    return make_cli('[me]\nzone = "Europe/Bucharest"\n')


@pytest.fixture
def clients(cli):
    assert cli("client", "add", "Acme", "--tz", "Australia/Sydney")[0] == 0
    assert cli("client", "add", "Hudson Realty", "--tz", "America/New_York", "--reply-by", "8")[0] == 0
    return cli


def tasks(cli):
    return sorted(Store(cli.db).tasks.all(), key=lambda t: t.id)


def test_add_in_quick_add_syntax(clients):
    code, out, err = clients("add", "Reply to invoice question @acme #email !u !i ~15m due:fri reply:24h")
    assert code == 0 and err == ""
    assert out.startswith("Added task 1: Reply to invoice question — Acme · #email · do first · ~15m")
    assert "reply by Thu 26 Nov 17:00 Sydney" in out
    (t,) = tasks(clients)
    assert (t.title, t.batch, t.urgent, t.important, t.estimate) == (
        "Reply to invoice question", "email", True, True, timedelta(minutes=15))
    assert t.due.astimezone(ZoneInfo("Europe/Bucharest")).replace(tzinfo=None) == datetime(2026, 11, 27, 17, 0)
    assert t.reply_by.astimezone(ZoneInfo("Australia/Sydney")).replace(tzinfo=None) == datetime(2026, 11, 26, 17, 0)


def test_add_without_quotes_and_with_options(clients):
    code, out, _ = clients("add", "Call", "the", "bank", "--client", "hud", "--batch", "Calls", "-u", "-i")
    assert code == 0
    (t,) = tasks(clients)
    assert t.title == "Call the bank" and t.batch == "calls" and t.urgent and t.important
    assert t.client_id == Store(clients.db).client_named("Hudson Realty").id


def test_add_due_in_the_clients_zone_and_default_promise(clients):
    assert clients("add", "Send lease @hud due:fri 17:00 client reply:")[0] == 0
    (t,) = tasks(clients)
    assert t.due_zone == "America/New_York"
    assert t.due == datetime(2026, 11, 27, 17, tzinfo=ZoneInfo("America/New_York"))
    # 08:00 in New York: an 8-business-hour promise is due at 17:00 today.
    assert t.reply_by == datetime(2026, 11, 23, 17, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    ("line", "token"),
    [("Reply @nobody", "@nobody"), ("Reply @acme ~15q", "~15q"), ("Reply due:frday", "due:frday"),
     ("Reply reply:24h", "reply:24h"), ("Reply !x", "!x"), ("@acme #email", "title"),
     ("Bad @acme due:fri 25:00", "25:00: not a time of day"), ("x @acme reply:-5h", "24h")],
)
def test_bad_tokens_exit_2_point_at_the_token_and_save_nothing(clients, line, token):
    code, out, err = clients("add", line)
    assert code == 2 and out == ""
    assert err.startswith("vatui: ") and token in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert tasks(clients) == []


def test_tasks_lists_open_tasks_next_first_with_filters_and_json(clients):
    clients("add", "Later thing @acme #admin")
    clients("add", "Urgent reply @hud #email !u !i reply:3h")
    clients("add", "Important post @acme #social !i")
    clients("add", "Finished @acme")
    clients("done", "4")
    code, out, _ = clients("tasks")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["ID", "Client", "Batch"]
    assert [line.split()[0] for line in lines[1:]] == ["2", "3", "1"]
    assert "reply by today 12:00 NY" in lines[1]  # the moment, on the client's clock, labelled
    code, out, _ = clients("tasks", "--client", "acme", "--batch", "social")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["3"]
    code, out, _ = clients("tasks", "--json", "--all")
    data = json.loads(out)
    assert [d["id"] for d in data] == [2, 3, 1, 4]
    assert data[0]["client_name"] == "Hudson Realty" and data[0]["quadrant"] == "do"
    assert data[0]["reply_state"] == "ok" and data[0]["reply_left_min"] == 180
    code, out, _ = clients("tasks", "--view", "client")
    assert "Acme · Sydney · 2 to do" in out and "  social · 1 to do" in out
    code, out, _ = clients("tasks", "--filter", "post")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["3"]


def test_done_marks_done_and_refuses_unknown_ids_without_changing_anything(clients):
    clients("add", "One @acme")
    clients("add", "Two @acme")
    code, _, err = clients("done", "1", "99")
    assert code == 2 and "99" in err
    assert all(t.status is Status.TODO for t in tasks(clients))
    code, out, _ = clients("done", "1", "2")
    assert code == 0 and "Done: 1 One" in out
    assert all(t.status is Status.DONE and t.done_at for t in tasks(clients))
    code, out, _ = clients("done", "1")
    assert code == 0 and "already done" in out
    with pytest.raises(SystemExit) as info:  # argparse's own usage error
        clients("done", "x")
    assert info.value.code == 2


def test_next_prints_the_next_task(clients):
    code, out, _ = clients("next")
    assert code == 1 and "Nothing to do" in out
    clients("add", "Low @acme")
    clients("add", "High @hud !u !i")
    code, out, _ = clients("next")
    assert code == 0 and out.startswith("2  High")
    code, out, _ = clients("next", "--client", "acme", "--json")
    assert json.loads(out)["title"] == "Low"


def test_templates_define_show_apply_and_remove(clients, tmp_path):
    code, out, _ = clients("template", "add", "Client onboarding",
                           "--item", "Send welcome email #email ~15m !i day:0",
                           "--item", "Collect logins #admin ~30m day:2")
    assert code == 0 and "2 items" in out
    code, out, _ = clients("template", "show", "client")
    assert out.splitlines() == ["# Client onboarding", "Send welcome email #email !i ~15m day:0",
                                "Collect logins #admin ~30m day:2"]
    code, _, err = clients("template", "add", "client onboarding", "--item", "x")
    assert code == 2 and "already a template" in err
    code, out, _ = clients("template", "apply", "onboarding", "--client", "acme", "--start", "2026-12-01")
    assert code == 0 and "Added 2 tasks for Acme" in out
    made = tasks(clients)
    assert [t.due for t in made] == [datetime(2026, 12, 1, 17, tzinfo=ZoneInfo("Australia/Sydney")),
                                     datetime(2026, 12, 3, 17, tzinfo=ZoneInfo("Australia/Sydney"))]
    code, out, _ = clients("template", "list")
    assert "Client onboarding" in out and "2 days" in out
    code, out, _ = clients("template", "list", "--json")
    assert json.loads(out)[0]["items"][0]["title"] == "Send welcome email"
    code, out, _ = clients("template", "remove", "client onboarding")
    assert code == 0 and Store(clients.db).templates.all() == [] and len(tasks(clients)) == 2


def test_template_from_a_file_or_stdin_and_replace(clients, tmp_path):
    items = tmp_path / "items.txt"
    items.write_text("# Monthly report\nExport time #invoicing day:0\n\nSend report #email !u day:2\n")
    assert clients("template", "add", "Monthly", "--file", str(items))[0] == 0
    assert len(Store(clients.db).templates.all()[0].items) == 2
    code, _, _ = clients("template", "add", "Monthly", "--replace", "--file", "-", stdin="Only one\n")
    assert code == 0
    (tpl,) = Store(clients.db).templates.all()
    assert [i.title for i in tpl.items] == ["Only one"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["template", "add", "X", "--item", "fine", "--item", "bad ~5q"], "item 2: ~5q"),
        (["template", "add", "X"], "give the items"),
        (["template", "apply", "nope", "--client", "acme"], "no checklist template"),
        (["template", "add", "X", "--file", "/nonexistent/items.txt"], "cannot read"),
    ],
)
def test_template_errors(clients, args, message):
    code, _, err = clients(*args)
    assert code == 2 and message in err
    assert Store(clients.db).templates.all() == []


def test_apply_with_a_bad_start_day(clients):
    clients("template", "add", "X", "--item", "a")
    code, _, err = clients("template", "apply", "X", "--client", "acme", "--start", "someday")
    assert code == 2 and "start" in err and "someday" in err
    assert tasks(clients) == []


def test_add_takes_a_short_pm_clock_after_due_and_refuses_a_wrong_one(cli):
    # "5p" is 17:00 (never left in the title); "13p" is a clock word that is no clock: refused, nothing saved
    code, _, err = cli("add", "x due:fri 5p")
    assert code == 0 and err == ""
    (t,) = tasks(cli)
    assert t.title == "x"
    assert t.due.astimezone(ZoneInfo("Europe/Bucharest")).replace(tzinfo=None) == datetime(2026, 11, 27, 17, 0)
    code, _, err = cli("add", "y due:fri 13p")
    assert code == 2 and "13p" in err
    assert len(tasks(cli)) == 1
