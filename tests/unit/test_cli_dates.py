"""`--date` takes the day words `due:` takes, through main([...]) at the fixed clock (Mon 23 Nov 2026)."""

import pytest


@pytest.fixture
def cli(make_cli):
    return make_cli('[me]\nzone = "Europe/Bucharest"\n')


@pytest.mark.parametrize(("word", "shown"), [("tomorrow", "2026-11-24"), ("fri", "2026-11-27"), ("-7d", "2026-11-16"),
                                             ("2026-12-24", "2026-12-24")])
def test_entries_date_takes_day_words(cli, word, shown):
    code, out, err = cli("entries", f"--date={word}")  # "=": argparse would read "-7d" as an option
    assert (code, err) == (0, "") and shown in out


def test_entries_date_refuses_a_non_day(cli):
    code, out, err = cli("entries", "--date", "blah")
    assert code == 2 and "'blah' is not a date" in err


@pytest.mark.parametrize("rate", ["1e400", "nan", "inf", "-5", "1000001"])
def test_client_add_refuses_a_rate_out_of_range(cli, rate):
    code, _, err = cli("client", "add", "Big", "--tz", "UTC", f"--rate={rate}")
    assert code == 2 and "rate" in err
    assert cli("client", "list")[1].count("Big") == 0


@pytest.mark.parametrize("args", [("report", "--from", "today", "--to", "fri"), ("report", "--from=-7d"),
                                  ("export", "--csv", "entries", "--from", "yesterday", "--to", "today"),
                                  ("invoice", "create", "--client", "acme", "--from=-7d", "--item", "Setup=1")])
def test_from_and_to_take_the_day_words_due_takes(make_cli, args):
    cli = make_cli()
    cli("client", "add", "Acme", "--tz", "UTC")
    code, _out, err = cli(*args)
    assert code == 0, err
