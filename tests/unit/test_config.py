"""The config file: defaults when missing, and each bad value named with its key and replaced by
the default (never a crash)."""

from datetime import timedelta

from vatui.config import load_config
from vatui.core.settings import Settings


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
