"""The command-line skeleton: clients, tasks, where, export/import, and clean failures."""

import json
import subprocess
import sys

import pytest

from vatui import __version__
from vatui.store import Store


@pytest.fixture
def cli(make_cli):
    return make_cli()


def test_client_add_and_list(cli):
    code, out, _ = cli("client", "add", "Acme", "--tz", "Australia/Sydney", "--rate", "40", "--currency", "aud",
                       "--hours", "mon-thu 9-17; fri 9-13")
    assert code == 0 and "Added client Acme" in out
    code, out, _ = cli("client", "list")
    assert code == 0
    assert "Acme" in out and "Sydney" in out and "40 AUD" in out and "fri 09:00-13:00" in out


def test_unknown_zone_exits_2_with_a_message(cli):
    code, out, err = cli("client", "add", "Acme", "--tz", "Mars/Base")
    assert code == 2
    assert "Mars/Base" in err and "Traceback" not in err
    assert not cli.db.exists()


def test_duplicate_client_refused(cli):
    cli("client", "add", "Acme", "--tz", "UTC")
    code, _, err = cli("client", "add", "acme", "--tz", "UTC")
    assert code == 2 and "already a client" in err


def test_add_task_for_a_client(cli):
    cli("client", "add", "Hudson Realty", "--tz", "America/New_York")
    code, out, _ = cli("add", "Send contract", "--client", "hudson", "--batch", "email")
    assert code == 0 and "Hudson Realty" in out
    task = Store(cli.db).tasks.all()[0]
    assert task.title == "Send contract" and task.batch == "email"


def test_add_task_for_unknown_client(cli):
    code, _, err = cli("add", "x", "--client", "nobody")
    assert code == 2 and "no client called 'nobody'" in err


def test_where_names_every_location(cli, tmp_path):
    code, out, _ = cli("where")
    assert code == 0
    assert str(cli.db) in out and "[--db]" in out
    assert str(tmp_path / "config.toml") in out and "[VATUI_CONFIG]" in out
    assert str(tmp_path / "themes") in out


def test_where_lists_every_config_problem_remaps_included(make_cli, tmp_path):
    cli = make_cli('week_start = "someday"\ncolour = "blue"\n[pomodoro]\nfocus = "abc"\nlong_every = 99\n'
                   '[keys]\nzoom-pane = "notakey+++"\nno-such-binding = "f9"\nhelp = "f1"\n')
    code, out, err = cli("where")
    assert code == 0 and err == ""  # the problems are the answer here, on stdout, once
    listed = out.split(f"6 problems in {tmp_path / 'config.toml'}:\n", 1)[1].splitlines()
    assert len(listed) == 6 and all(line.startswith("  • ") for line in listed)
    text = "\n".join(listed)
    for words in ("week_start", "'colour'", "pomodoro.focus", "pomodoro.long_every", "keys.zoom-pane",
                  "keys.no-such-binding"):
        assert words in text, words
    assert "keys.help" not in text


def test_where_says_nothing_more_when_the_config_is_fine(make_cli):
    code, out, _err = make_cli('[keys]\nzoom-pane = "f8"\n')("where")
    assert code == 0 and "problem" not in out


def test_export_import_round_trip(cli, tmp_path):
    cli("client", "add", "Acme", "--tz", "Asia/Kolkata", "--rate", "1500", "--currency", "INR")
    cli("add", "Invoice", "--client", "acme")
    code, out, _ = cli("export", "--json")
    doc = json.loads(out)
    assert doc["kind"] == "vatui-export" and doc["clients"][0]["name"] == "Acme"
    assert doc["settings"]["pomodoro"]["focus"] == "25m"
    dump = tmp_path / "export.json"
    dump.write_text(out)
    other = tmp_path / "other.json"
    code, out, _ = cli("import", "--json", str(dump), db_path=other)
    assert code == 0 and "1 clients" in out
    assert Store(other).tasks.all() == Store(cli.db).tasks.all()
    # Importing again into a non-empty file needs a choice; --merge matches the client by name.
    code, _, err = cli("import", "--json", str(dump), db_path=other)
    assert code == 2 and "--replace" in err
    code, _, _ = cli("import", "--json", str(dump), "--merge", db_path=other)
    merged = Store(other)
    assert code == 0 and len(merged.clients) == 1 and len(merged.tasks) == 1  # the same task: not added twice


def test_merging_the_same_file_twice_adds_nothing_the_second_time(cli, tmp_path):
    cli("client", "add", "Acme", "--tz", "Asia/Kolkata")
    cli("add", "Invoice", "--client", "acme")
    cli("template", "add", "Onboarding", "--item", "Send the welcome pack", "--item", "Book the kick-off call")
    cli("block", "add", "9:30-11 @acme")
    cli("log", "--client", "acme", "--from", "09:00", "--to", "10:00")
    dump = tmp_path / "export.json"
    dump.write_text(cli("export", "--json")[1])
    other = tmp_path / "other.json"
    cli("client", "add", "Bondi", "--tz", "Australia/Sydney", db_path=other)
    for _round in range(2):
        code, _out, err = cli("import", "--json", str(dump), "--merge", db_path=other)
        assert code == 0, err
    merged = Store(other)
    assert (len(merged.clients), len(merged.tasks), len(merged.templates), len(merged.blocks), len(merged.entries)) == \
        (2, 1, 1, 1, 1)
    code, out, err = cli("template", "show", "Onboarding", db_path=other)
    assert code == 0 and "Book the kick-off call" in out, err


def test_bad_import_touches_nothing(cli, tmp_path):
    cli("client", "add", "Acme", "--tz", "UTC")
    before = cli.db.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"kind": "vatui-export", "schema": 1, "clients": [{"id": 1, "name": "B", "tz": "Nope/Zone"}]}))
    code, _, err = cli("import", "--json", str(bad), "--replace")
    assert code == 2 and "clients item 1" in err and "Nope/Zone" in err
    bad.write_text("{oops")
    code, _, err = cli("import", "--json", str(bad), "--replace")
    assert code == 2 and "not valid JSON" in err
    assert cli.db.read_bytes() == before


def test_corrupt_data_file_exits_1_without_traceback(cli):
    cli.db.write_text("{broken")
    code, _, err = cli("client", "list")
    assert code == 1
    assert str(cli.db) in err and "not valid JSON" in err and "Traceback" not in err
    assert cli.db.read_text() == "{broken"


def test_version_help_and_bad_arguments_as_a_user_runs_them(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "vatui", *args], capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "VATUI_DB": str(tmp_path / "d.json")})

    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"vatui {__version__}"
    helped = run("--help")
    assert helped.returncode == 0 and "client" in helped.stdout and "--db" in helped.stdout
    bad = run("client", "add")
    assert bad.returncode == 2 and "usage:" in bad.stderr and "Traceback" not in bad.stderr
    bad = run("frobnicate")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_a_data_file_in_a_folder_that_does_not_exist_is_refused(cli, tmp_path, monkeypatch):
    missing = tmp_path / "no-such-folder" / "vatui.json"
    code, _out, err = cli("tasks", db_path=missing)
    assert code == 2 and "in a folder that does not exist" in err and str(missing.parent) in err
    monkeypatch.setenv("VATUI_DB", str(missing))
    code, _out, err = cli("where", db_path="")  # no --db: VATUI_DB is used, and refused the same way
    assert code == 2 and "(VATUI_DB)" in err
    assert not missing.parent.exists()


def test_a_config_named_with_config_must_exist(cli, tmp_path):
    code, _out, err = cli("--config", str(tmp_path / "nope.toml"), "tasks")
    assert code == 2 and "nope.toml (--config) does not exist" in err


def test_where_lists_an_unknown_theme(make_cli):
    code, out, _err = make_cli('theme = "no-such-theme"\n')("where")
    assert code == 0 and "Theme 'no-such-theme' was not found; using vatui-dark." in out


def test_today_names_me_in_the_users_language(make_cli):
    code, out, _err = make_cli('language = "ro"\n')("today")
    assert code == 0 and "⌂ Eu " in out and "⌂ Me " not in out


def test_invalid_utf8_in_an_argument_is_refused_and_nothing_is_saved(tmp_path):
    db = tmp_path / "d.json"
    done = subprocess.run([sys.executable.encode(), b"-m", b"vatui", b"--db", str(db).encode(), b"add", b"bad \xff title"],
                          capture_output=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C.UTF-8"})
    err = done.stderr.decode()
    assert done.returncode == 2 and "'bad \\xff title' is not valid UTF-8" in err and "Traceback" not in err
    assert not db.exists()


def test_output_the_terminal_cannot_encode_degrades_after_the_save(tmp_path):
    db = tmp_path / "d.json"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONIOENCODING": "latin-1"}
    done = subprocess.run([sys.executable, "-m", "vatui", "--db", str(db), "add", "emoji 😀"], capture_output=True, env=env)
    assert done.returncode == 0 and b"Added task 1: emoji ?" in done.stdout and b"Traceback" not in done.stderr
    listed = subprocess.run([sys.executable, "-m", "vatui", "--db", str(db), "tasks"], capture_output=True, env=env)
    assert listed.returncode == 0 and b"emoji ?" in listed.stdout
    assert [t.title for t in Store(db).tasks.all()] == ["emoji 😀"]


def test_an_archived_client_leaves_the_clock_and_queues_and_stays_in_reports(make_cli, clock):
    cli = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    cli("client", "add", "Acme", "--tz", "America/New_York", "--rate", "40")
    cli("client", "add", "Bondi Bakes", "--tz", "Australia/Sydney")
    cli("add", "Acme follow-up @acme")
    cli("log", "--client", "acme", "--from", "09:00", "--to", "10:00")
    code, out, _ = cli("client", "archive", "acme")
    assert code == 0 and "Archived Acme" in out
    assert cli("client", "archive", "acme")[1].strip() == "Acme is already archived."
    code, out, _ = cli("client", "list")
    assert "Acme (archived)" in out
    assert json.loads(cli("client", "list", "--json")[1])[0]["archived"] is True
    code, out, _ = cli("today")
    clocks, _rest = out.split("Today's blocks", 1)
    assert "Bondi Bakes" in clocks and "Acme" not in clocks and "Acme follow-up" not in out
    assert "Acme" in out.split("Tracked today", 1)[1]  # its time still counts
    code, out, _ = cli("tasks", "--view", "client")
    assert "Acme follow-up" not in out
    code, out, _ = cli("report", "--today")
    assert "Acme" in out and "40.00 USD" in out  # its time still counts
    code, out, _ = cli("client", "unarchive", "Acme")
    assert code == 0 and "back on the clock" in out
    assert "Acme" in cli("today")[1].split("Today's blocks", 1)[0]


def test_client_names_are_read_as_quick_add_reads_them_and_an_unknown_one_offers_a_few(make_cli):
    cli = make_cli()
    for n in range(30):
        cli("client", "add", f"Client {n:02d}", "--tz", "UTC")
    cli("client", "add", "Bondi Bakes", "--tz", "Australia/Sydney")
    cli("add", "Order flour", "--client", "bondi-bakes")
    assert cli("add", "Order sugar", "--client", "bon")[0] == 0  # a unique start
    code, out, _ = cli("tasks", "--client", "Bondi")
    assert "Order flour" in out and "Order sugar" in out
    code, _, err = cli("report", "--today", "--client", "bondy bakes")
    assert code == 2 and "did you mean Bondi Bakes?" in err
    code, _, err = cli("report", "--today", "--client", "zzz")
    assert code == 2 and "and 23 more" in err and err.count(",") <= 8  # at most 8 names, not 31


@pytest.mark.parametrize(("args", "says"), [
    (("add", "x ~99999999999999h"), "not an estimate"),
    (("add", "x due:9999-12-31 23:59"), "outside the years vatui works with (1970-2199)"),
    (("add", "x @acme reply:721h"), "a promise is between 1 and 720 business hours"),
    (("add", "x @acme reply:99999h"), "a promise is between 1 and 720 business hours"),
    (("log", "--client", "acme", "--from", "09:00", "--for", "9" * 400 + "h"), "for:"),
    (("log", "--client", "acme", "--from", "09:00", "--to", "10:00", "--date", "9999-12-31"), "outside the years"),
    (("log", "--client", "acme", "--from", "09:00", "--to", "10:00", "--date", "0001-01-01"), "outside the years"),
    (("block", "add", "9:00-10:00", "--date", "9999-12-31"), "outside the years"),
    (("block", "shift", "9" * 400, "--after", "1"), "shift"),
    (("report", "--from", "0001-01-01", "--to", "9999-12-31"), "outside the years"),
    (("client", "add", "Big", "--tz", "UTC", "--rate", "1e400"), "rate"),
])
def test_out_of_range_input_is_refused_up_front_with_nothing_saved(make_cli, args, says):
    cli = make_cli()
    cli("client", "add", "Acme", "--tz", "America/New_York")
    cli("block", "add", "8:00-9:00")
    before = cli.db.read_bytes()
    code, _out, err = cli(*args)
    assert code == 2 and says in err and "Traceback" not in err, err
    assert cli.db.read_bytes() == before
    assert cli("tasks")[0] == 0 and cli("report", "--week")[0] == 0  # later reads still work
