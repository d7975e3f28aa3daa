"""The config file: defaults when missing, and each bad value named with its key and replaced by
the default (never a crash)."""

from datetime import timedelta

from vatui.core.settings import Settings
from vatui.settings.config import load_config


def test_missing_file_means_defaults(tmp_path):
    loaded = load_config(tmp_path / "nope.toml")
    assert loaded.warnings == []
    assert loaded.settings.closing_soon == Settings().closing_soon


def test_good_values_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('closing_soon = "40m"\n[me]\nzone = "Asia/Kolkata"\ncity = "Pune"\nhours = "mon-sat 10-18"\n')
    s = load_config(path).settings
    assert (s.closing_soon, s.me_zone, s.me_city) == (timedelta(minutes=40), "Asia/Kolkata", "Pune")
    assert s.me_hours.format() == "mon-sat 10:00-18:00"


def test_bad_values_are_named_and_fall_back(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'closing_soon = "soon"\ntheme = 3\nweek_start = "someday"\ncolour = "blue"\n'
        '[me]\nzone = "Mars/Base"\nhours = "9-5pm"\n[pomodoro]\nlong_every = 0\n'
    )
    loaded = load_config(path)
    text = "\n".join(loaded.warnings)
    for key in ("closing_soon", "theme", "week_start", "me.zone", "me.hours", "pomodoro.long_every", "'colour'"):
        assert key in text, key
    assert "Mars/Base" in text and "using the default" in text
    s = loaded.settings
    assert s.closing_soon == Settings().closing_soon and s.theme == Settings().theme
    assert s.pomodoro.long_every == 4 and s.me_hours == Settings().me_hours
    assert s.me_zone != "Mars/Base"  # the machine's zone (or UTC)


def test_a_file_that_is_not_toml(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("closing_soon = [\n")
    loaded = load_config(path)
    assert len(loaded.warnings) == 1 and "not valid TOML" in loaded.warnings[0] and str(path) in loaded.warnings[0]


def test_a_keys_entry_that_is_not_text_is_named_and_the_others_kept(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nzoom-pane = "f8"\nnext-theme = 3\nhelp = ""\n')
    loaded = load_config(path)
    assert loaded.settings.keys == (("zoom-pane", "f8"),)
    assert len(loaded.warnings) == 2
    assert "keys.next-theme = 3" in loaded.warnings[0] and "in quotes" in loaded.warnings[0]
    assert "keys.help = ''" in loaded.warnings[1]


def test_the_start_up_note_lists_a_few_problems_in_full(tmp_path):
    from vatui.settings.config import problems_note

    path = tmp_path / "config.toml"
    note = problems_note(["config: a = 1 is not valid", "config: unknown key 'b' is ignored"], path, 36)
    assert note.splitlines() == [f"2 problems in {path}:", "• a = 1 is not valid", "• unknown key 'b' is ignored"]


def test_the_start_up_note_trims_a_long_list_and_says_where_the_rest_is(tmp_path):
    from vatui.settings.config import problems_note

    problems = [f"config: key{n} = 'x' is not valid (a long explanation of what is wrong, and how to put it right "
                f"with an example of a good value); using the default" for n in range(10)]
    note = problems_note(problems, tmp_path / "config.toml", 36)
    lines = note.splitlines()
    assert lines[0] == f"10 problems in {tmp_path / 'config.toml'}:"
    assert [line[2:].split(" ")[0] for line in lines if line.startswith("• ")] == ["key0", "key1", "key2"]
    assert len(lines) == 1 + 3 * 2 + 1 and all(len(line) <= 36 for line in lines[1:-1])
    assert lines[-1] == "…and 7 more: `vatui where` lists them all."
    assert "config: " not in note  # the heading names the file once
