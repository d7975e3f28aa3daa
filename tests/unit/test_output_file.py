"""check_output_file: the file a user names for vatui to write, checked before anything is written,
with nothing created on the way (real folders under tmp_path)."""

from __future__ import annotations

import pytest

from vatui.core.errors import ValidationError
from vatui.exports.output_file import check_output_file


def refused(text, **kw) -> str:
    with pytest.raises(ValidationError) as info:
        check_output_file(text, **kw)
    return info.value.message


def test_a_missing_folder_is_refused_and_not_created(tmp_path):
    message = refused(str(tmp_path / "nowhere" / "x.ics"))
    assert "The folder" in message and "nowhere" in message and "does not exist" in message
    assert not (tmp_path / "nowhere").exists()


def test_a_relative_name_is_read_in_the_base_folder(tmp_path, monkeypatch):
    (tmp_path / "home").mkdir()
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    assert check_output_file("update.md", base=tmp_path / "home") == tmp_path / "home" / "update.md"
    assert check_output_file("update.md") == tmp_path / "cwd" / "update.md"  # the command line: as a shell tool
    assert "does not exist" in refused("sub/update.md", base=tmp_path / "home")


@pytest.mark.parametrize(("text", "words"), [("", "Give a file name"), ("   ", "Give a file name"),
                                             (".md", "only an extension"), (".", "is a folder")])
def test_names_that_are_not_files(tmp_path, text, words):
    assert words in refused(text, base=tmp_path)


def test_a_folder_is_not_a_file_and_a_good_name_passes(tmp_path):
    assert "is a folder" in refused(str(tmp_path))
    assert check_output_file(f"  {tmp_path}/week.ics ") == tmp_path / "week.ics"
