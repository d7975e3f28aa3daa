"""The masking rule for subscription addresses (vatui.calendars.mask)."""

from vatui.calendars.mask import mask_in, mask_source


def test_google_secret_path_is_hidden() -> None:
    src = "https://calendar.google.com/calendar/ical/abc%40group.calendar.google.com/private-0123456789abcdef/basic.ics"
    assert mask_source(src) == "https://calendar.google.com/…/basic.ics"
    assert "private-0123" not in mask_source(src)


def test_query_and_credentials_are_dropped() -> None:
    src = "webcal://user:pw@outlook.office365.com/owa/calendar/x/reachcalendar.ics?token=s3cret"
    masked = mask_source(src)
    assert masked == "webcal://outlook.office365.com/…/reachcalendar.ics?…"
    assert "s3cret" not in masked and "pw" not in masked


def test_short_paths_and_ports() -> None:
    assert mask_source("http://127.0.0.1:8123/cal.ics") == "http://127.0.0.1:8123/cal.ics"
    assert mask_source("https://example.org") == "https://example.org"


def test_file_paths_are_not_secret() -> None:
    assert mask_source("/home/me/acme.ics") == "/home/me/acme.ics"


def test_mask_in_error_message() -> None:
    src = "https://calendar.google.com/calendar/ical/x/private-abc/basic.ics"
    msg = f"cannot fetch {src}: HTTP 500"
    assert mask_in(msg, src) == "cannot fetch https://calendar.google.com/…/basic.ics: HTTP 500"


def test_a_last_segment_that_is_not_a_plain_file_name_is_hidden_too() -> None:
    # iCloud's published calendars and many others end in the token itself.
    for src, shown in [
        ("webcal://p55-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw", "webcal://p55-caldav.icloud.com/…"),
        ("http://127.0.0.1:8765/secret-token-abc123/", "http://127.0.0.1:8765/…"),
        ("https://cal.example.org/feeds/9f8e7d6c5b4a3210.ics", "https://cal.example.org/…"),
        ("https://user.fm/calendar/v1-aZ09/Calendar.ics", "https://user.fm/…/Calendar.ics"),
    ]:
        assert mask_source(src) == shown
