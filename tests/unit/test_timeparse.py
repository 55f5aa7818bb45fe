"""Reading the times written in incident timelines (facilitation.timeparse)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from debrief_desktop.facilitation.timeparse import ParsedTime, TimelineClock, resolve_zone
from debrief_desktop.store.models import Precision

EXACT = Precision.EXACT
APPROXIMATE = Precision.APPROXIMATE
BEFORE = Precision.BEFORE
DATE = Precision.DATE
RELATIVE = Precision.RELATIVE
UNKNOWN = Precision.UNKNOWN

MARCH_1 = dt.date(2024, 3, 1)


def reading(parsed: ParsedTime) -> tuple[str | None, Precision, str]:
    """(instant as ISO 8601, precision, zone): what a table row expects."""
    instant = None if parsed.instant is None else parsed.instant.isoformat()
    return instant, parsed.precision, parsed.timezone


def read_all(clock: TimelineClock, texts: list[str]) -> list[tuple[str | None, Precision, str]]:
    return [reading(clock.parse(text)) for text in texts]


# Each time is read by a fresh clock whose default date is 2024-03-01 (winter:
# US and EU zones on standard time, Sydney on daylight time) and zone UTC.
ABSOLUTE = [
    # ISO 8601
    ("2024-03-01T14:02:00+01:00", "2024-03-01T13:02:00+00:00", EXACT, "+01:00"),
    ("2024-03-01T14:02:00-05:00", "2024-03-01T19:02:00+00:00", EXACT, "-05:00"),
    ("2024-03-01 14:02Z", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("2024-03-01T14:02:00.123Z", "2024-03-01T14:02:00.123000+00:00", EXACT, "UTC"),
    ("2024-03-01 14:02:00 +0000", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("2024-03-01T14:02:00+05:30", "2024-03-01T08:32:00+00:00", EXACT, "+05:30"),
    # spelled-out months, year first or last
    ("2024 March 1 14:02", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("2024-Mar-01 2:02 PM", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("March 1, 2024 2:02 PM", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("1 Mar 2024 14:02", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("Fri 1 Mar 2024 14:02", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("March 5 09:00", "2024-03-05T09:00:00+00:00", EXACT, "UTC"),
    # numeric dates whose day and month cannot be mixed up
    ("2024/03/05 09:00", "2024-03-05T09:00:00+00:00", EXACT, "UTC"),
    ("13/01/2024 10:00", "2024-01-13T10:00:00+00:00", EXACT, "UTC"),
    ("1/13/24 10:00", "2024-01-13T10:00:00+00:00", EXACT, "UTC"),
    # clocks
    ("14:02", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("14:02:30", "2024-03-01T14:02:30+00:00", EXACT, "UTC"),
    ("2:05 PM", "2024-03-01T14:05:00+00:00", EXACT, "UTC"),
    ("2:05pm", "2024-03-01T14:05:00+00:00", EXACT, "UTC"),
    ("2pm", "2024-03-01T14:00:00+00:00", EXACT, "UTC"),
    ("2 p.m.", "2024-03-01T14:00:00+00:00", EXACT, "UTC"),
    ("12:30 AM", "2024-03-01T00:30:00+00:00", EXACT, "UTC"),
    ("12:30 PM", "2024-03-01T12:30:00+00:00", EXACT, "UTC"),
    ("  14:02  ", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    # zone names and abbreviations
    ("14:02 UTC", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("14:02 GMT", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("14:02 Z", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("14:02 utc", "2024-03-01T14:02:00+00:00", EXACT, "UTC"),
    ("14:02 PST", "2024-03-01T22:02:00+00:00", EXACT, "America/Los_Angeles"),
    ("14:02 MST", "2024-03-01T21:02:00+00:00", EXACT, "America/Denver"),
    ("14:02 CST", "2024-03-01T20:02:00+00:00", EXACT, "America/Chicago"),
    ("14:02 EST", "2024-03-01T19:02:00+00:00", EXACT, "America/New_York"),
    ("14:02 CET", "2024-03-01T13:02:00+00:00", EXACT, "Europe/Berlin"),
    ("14:02 JST", "2024-03-01T05:02:00+00:00", EXACT, "Asia/Tokyo"),
    ("14:02 AEDT", "2024-03-01T03:02:00+00:00", EXACT, "Australia/Sydney"),
    ("14:02 IST", "2024-03-01T08:32:00+00:00", EXACT, "Asia/Kolkata"),
    ("14:02 (PST)", "2024-03-01T22:02:00+00:00", EXACT, "America/Los_Angeles"),
    # an abbreviation means its own offset, even on a day its region does not use it
    ("14:02 PDT", "2024-03-01T21:02:00+00:00", EXACT, "-07:00"),
    ("14:02 MDT", "2024-03-01T20:02:00+00:00", EXACT, "-06:00"),
    ("14:02 CDT", "2024-03-01T19:02:00+00:00", EXACT, "-05:00"),
    ("14:02 EDT", "2024-03-01T18:02:00+00:00", EXACT, "-04:00"),
    ("14:02 CEST", "2024-03-01T12:02:00+00:00", EXACT, "+02:00"),
    ("14:02 BST", "2024-03-01T13:02:00+00:00", EXACT, "+01:00"),
    ("14:02 AEST", "2024-03-01T04:02:00+00:00", EXACT, "+10:00"),
    ("2024-07-01 14:02 PDT", "2024-07-01T21:02:00+00:00", EXACT, "America/Los_Angeles"),
    ("2024-07-01 14:02 PST", "2024-07-01T22:02:00+00:00", EXACT, "-08:00"),
    ("2024-07-01 14:02 BST", "2024-07-01T13:02:00+00:00", EXACT, "Europe/London"),
    ("2024-07-01 14:02 CEST", "2024-07-01T12:02:00+00:00", EXACT, "Europe/Berlin"),
    # ... and picks the right side of the hour that repeats when DST ends
    ("2024-11-03 01:30 EDT", "2024-11-03T05:30:00+00:00", EXACT, "America/New_York"),
    ("2024-11-03 01:30 EST", "2024-11-03T06:30:00+00:00", EXACT, "America/New_York"),
    # region words follow daylight saving time
    ("14:02 Eastern", "2024-03-01T19:02:00+00:00", EXACT, "America/New_York"),
    ("14:02 Pacific", "2024-03-01T22:02:00+00:00", EXACT, "America/Los_Angeles"),
    ("14:02 Central", "2024-03-01T20:02:00+00:00", EXACT, "America/Chicago"),
    ("14:02 Mountain", "2024-03-01T21:02:00+00:00", EXACT, "America/Denver"),
    ("2pm Eastern Time", "2024-03-01T19:00:00+00:00", EXACT, "America/New_York"),
    ("2024-07-01 14:02 Eastern", "2024-07-01T18:02:00+00:00", EXACT, "America/New_York"),
    # IANA names
    ("14:02 Europe/Berlin", "2024-03-01T13:02:00+00:00", EXACT, "Europe/Berlin"),
    ("2024-07-01 14:02 Europe/Berlin", "2024-07-01T12:02:00+00:00", EXACT, "Europe/Berlin"),
    ("14:02 (Asia/Tokyo)", "2024-03-01T05:02:00+00:00", EXACT, "Asia/Tokyo"),
    # "UTC+2" means two hours ahead of UTC, as people mean it (not the POSIX way)
    ("14:02 UTC+2", "2024-03-01T12:02:00+00:00", EXACT, "+02:00"),
    ("14:02 GMT-5", "2024-03-01T19:02:00+00:00", EXACT, "-05:00"),
    ("10:00 (UTC+05:30)", "2024-03-01T04:30:00+00:00", EXACT, "+05:30"),
    # approximate
    ("~14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("±14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("approx. 14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("approximately 14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("around 14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("about 14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("ca. 14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("circa 14:05", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("14:05?", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("14:05ish", "2024-03-01T14:05:00+00:00", APPROXIMATE, "UTC"),
    ("~2pm PST", "2024-03-01T22:00:00+00:00", APPROXIMATE, "America/Los_Angeles"),
    # upper bounds
    ("by 23:02", "2024-03-01T23:02:00+00:00", BEFORE, "UTC"),
    ("before 23:02", "2024-03-01T23:02:00+00:00", BEFORE, "UTC"),
    ("no later than 23:02", "2024-03-01T23:02:00+00:00", BEFORE, "UTC"),
    ("By 2024-03-02 01:00 UTC", "2024-03-02T01:00:00+00:00", BEFORE, "UTC"),
    # dates without a time: midnight in the zone
    ("2024-03-01", "2024-03-01T00:00:00+00:00", DATE, "UTC"),
    ("March 1, 2024", "2024-03-01T00:00:00+00:00", DATE, "UTC"),
    ("Mar 7", "2024-03-07T00:00:00+00:00", DATE, "UTC"),
    ("2024-07-01 Europe/Berlin", "2024-06-30T22:00:00+00:00", DATE, "Europe/Berlin"),
]


@pytest.mark.parametrize(("text", "instant", "precision", "zone"), ABSOLUTE)
def test_absolute_times(text: str, instant: str, precision: Precision, zone: str) -> None:
    parsed = TimelineClock(date=MARCH_1).parse(text)

    assert reading(parsed) == (instant, precision, zone)
    assert parsed.text == text.strip()


UNREADABLE = [
    "",
    "   ",
    "sometime after lunch",
    "5",
    "Tuesday-ish",
    "n/a",
    "???",
    "1402",
    "2024",
    "March 2024",
    "after 14:05",
    "noon",
    "14:02 pm",
    "25:00",
    "Feb 30 2024 10:00",
    # a day without a month, or a weekday without a date: which day?
    "14:02 5",
    "Tuesday 14:02",
    # a weekday that contradicts the date
    "Thu 1 Mar 2024 14:02",
    # a zone nobody can place, or two zones at once
    "14:02 XYZ",
    "2024-03-01T14:02:00+01:00 CET",
    # two times at once, or a range
    "14:02 14:05",
    "14:02 - 14:05",
    "14:02-14:05",
    # day and month could be either way round
    "03/01/2024",
    "03/01/2024 14:02",
    "5.3.2024 09:00",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable_times_stay_unknown_and_keep_their_text(text: str) -> None:
    parsed = TimelineClock(date=MARCH_1).parse(text)

    assert parsed == ParsedTime(text.strip(), None, UNKNOWN, "")


# Each is read after "2024-03-01 14:00 UTC".
RELATIVE_TIMES = [
    ("two minutes later", "2024-03-01T14:02:00+00:00"),
    ("2 minutes later", "2024-03-01T14:02:00+00:00"),
    ("+5 min", "2024-03-01T14:05:00+00:00"),
    ("5 min after", "2024-03-01T14:05:00+00:00"),
    ("after 5 minutes", "2024-03-01T14:05:00+00:00"),
    ("an hour later", "2024-03-01T15:00:00+00:00"),
    ("a minute later", "2024-03-01T14:01:00+00:00"),
    ("half an hour later", "2024-03-01T14:30:00+00:00"),
    ("an hour and a half later", "2024-03-01T15:30:00+00:00"),
    ("1 hour 30 minutes later", "2024-03-01T15:30:00+00:00"),
    ("1 hour and 30 minutes later", "2024-03-01T15:30:00+00:00"),
    ("1.5 hours later", "2024-03-01T15:30:00+00:00"),
    ("+1h30m", "2024-03-01T15:30:00+00:00"),
    ("twenty minutes later", "2024-03-01T14:20:00+00:00"),
    ("ten seconds later", "2024-03-01T14:00:10+00:00"),
    ("Two Minutes Later", "2024-03-01T14:02:00+00:00"),
    ("~5 minutes later", "2024-03-01T14:05:00+00:00"),
    ("5 minutes earlier", "2024-03-01T13:55:00+00:00"),
    ("-5 min", "2024-03-01T13:55:00+00:00"),
    ("at the same time", "2024-03-01T14:00:00+00:00"),
    # no amount: relative, but no instant
    ("a few minutes later", None),
    ("a couple of minutes later", None),
    ("shortly after", None),
    ("later", None),
    ("moments later", None),
    ("next morning", None),
    ("the next day", None),
    ("later that day", None),
    ("before that", None),
    ("meanwhile", None),
]


@pytest.mark.parametrize(("text", "instant"), RELATIVE_TIMES)
def test_relative_times(text: str, instant: str | None) -> None:
    clock = TimelineClock()
    clock.parse("2024-03-01 14:00 UTC")

    parsed = clock.parse(text)

    assert reading(parsed) == (instant, RELATIVE, "" if instant is None else "UTC")
    assert parsed.text == text


def test_instants_are_utc() -> None:
    parsed = TimelineClock().parse("2024-03-01 14:02 Europe/Berlin")

    assert parsed.instant is not None
    assert parsed.instant.tzinfo is dt.UTC


# --- sequences: context carried from row to row -----------------------------


def test_a_time_without_a_date_takes_the_date_of_the_row_before() -> None:
    rows = read_all(TimelineClock(), ["2024-03-05 14:00", "14:05", "3:10 PM"])

    assert rows == [
        ("2024-03-05T14:00:00+00:00", EXACT, "UTC"),
        ("2024-03-05T14:05:00+00:00", EXACT, "UTC"),
        ("2024-03-05T15:10:00+00:00", EXACT, "UTC"),
    ]


def test_times_roll_over_midnight() -> None:
    rows = read_all(TimelineClock(), ["2024-03-01 23:50", "00:05", "00:10", "23:55", "00:01"])

    assert [instant for instant, _, _ in rows] == [
        "2024-03-01T23:50:00+00:00",
        "2024-03-02T00:05:00+00:00",
        "2024-03-02T00:10:00+00:00",
        "2024-03-02T23:55:00+00:00",
        "2024-03-03T00:01:00+00:00",
    ]


def test_a_slightly_earlier_time_does_not_roll_over() -> None:
    rows = read_all(TimelineClock(), ["2024-03-01 14:05", "14:03"])

    assert rows[1] == ("2024-03-01T14:03:00+00:00", EXACT, "UTC")


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        # 12 h 1 min before the last instant: the next day
        ("01:59", "2024-03-02T01:59:00+00:00"),
        # exactly 12 h before: the same day
        ("02:00", "2024-03-01T02:00:00+00:00"),
    ],
)
def test_rollover_starts_beyond_twelve_hours(text: str, instant: str) -> None:
    clock = TimelineClock()
    clock.parse("2024-03-01 14:00")

    assert reading(clock.parse(text)) == (instant, EXACT, "UTC")


def test_rollover_is_by_the_calendar_of_the_zone_applied() -> None:
    clock = TimelineClock("America/New_York")

    rows = read_all(clock, ["2024-03-01 23:50", "00:05"])

    assert rows == [
        ("2024-03-02T04:50:00+00:00", EXACT, "America/New_York"),
        ("2024-03-02T05:05:00+00:00", EXACT, "America/New_York"),
    ]


def test_a_date_row_dates_the_times_after_it_and_is_not_an_anchor() -> None:
    rows = read_all(
        TimelineClock(), ["2024-03-01 23:50", "March 3, 2024", "00:05", "two minutes later"]
    )

    assert rows == [
        ("2024-03-01T23:50:00+00:00", EXACT, "UTC"),
        ("2024-03-03T00:00:00+00:00", DATE, "UTC"),
        ("2024-03-03T00:05:00+00:00", EXACT, "UTC"),
        ("2024-03-03T00:07:00+00:00", RELATIVE, "UTC"),
    ]


def test_a_date_row_gives_the_year_to_dates_without_one() -> None:
    rows = read_all(TimelineClock(), ["2023-12-30", "Dec 31 23:00"])

    assert rows[1] == ("2023-12-31T23:00:00+00:00", EXACT, "UTC")


def test_relative_times_count_from_the_last_known_instant() -> None:
    rows = read_all(
        TimelineClock(),
        ["2024-03-01 14:00", "2 minutes later", "later", "n/a", "3 minutes later", "14:10"],
    )

    assert rows == [
        ("2024-03-01T14:00:00+00:00", EXACT, "UTC"),
        ("2024-03-01T14:02:00+00:00", RELATIVE, "UTC"),
        (None, RELATIVE, ""),
        (None, UNKNOWN, ""),
        ("2024-03-01T14:05:00+00:00", RELATIVE, "UTC"),
        ("2024-03-01T14:10:00+00:00", EXACT, "UTC"),
    ]


def test_relative_times_keep_the_zone_of_the_anchor() -> None:
    rows = read_all(TimelineClock(), ["2024-03-01 09:00 Eastern", "5 min later"])

    assert rows[1] == ("2024-03-01T14:05:00+00:00", RELATIVE, "America/New_York")


def test_unknown_and_relative_rows_keep_the_date_context() -> None:
    rows = read_all(
        TimelineClock(), ["2024-03-01 23:50", "sometime after lunch", "shortly after", "00:05"]
    )

    assert rows[3] == ("2024-03-02T00:05:00+00:00", EXACT, "UTC")


def test_a_relative_time_with_nothing_to_count_from_has_no_instant() -> None:
    clock = TimelineClock(date=MARCH_1)

    assert clock.parse("2 minutes later") == ParsedTime("2 minutes later", None, RELATIVE, "")


def test_a_time_without_any_date_is_unknown_until_a_row_gives_one() -> None:
    rows = read_all(TimelineClock(), ["14:02", "March 1 14:05", "2024-03-01", "14:10"])

    assert rows == [
        (None, UNKNOWN, ""),
        (None, UNKNOWN, ""),
        ("2024-03-01T00:00:00+00:00", DATE, "UTC"),
        ("2024-03-01T14:10:00+00:00", EXACT, "UTC"),
    ]


def test_the_default_date_dates_the_first_rows() -> None:
    rows = read_all(TimelineClock(date=MARCH_1), ["23:50", "00:05"])

    assert rows == [
        ("2024-03-01T23:50:00+00:00", EXACT, "UTC"),
        ("2024-03-02T00:05:00+00:00", EXACT, "UTC"),
    ]


def test_a_dated_row_overrides_the_default_date() -> None:
    rows = read_all(TimelineClock(date=MARCH_1), ["2024-05-10 09:00", "09:30"])

    assert rows[1] == ("2024-05-10T09:30:00+00:00", EXACT, "UTC")


@pytest.mark.parametrize(
    ("default_tz", "instant", "zone"),
    [
        ("UTC", "2024-07-01T14:02:00+00:00", "UTC"),
        ("utc", "2024-07-01T14:02:00+00:00", "UTC"),
        ("America/New_York", "2024-07-01T18:02:00+00:00", "America/New_York"),
        ("europe/berlin", "2024-07-01T12:02:00+00:00", "Europe/Berlin"),
        ("Eastern", "2024-07-01T18:02:00+00:00", "America/New_York"),
        # an abbreviation as the default means its region, with daylight saving time
        ("PST", "2024-07-01T21:02:00+00:00", "America/Los_Angeles"),
        ("+02:00", "2024-07-01T12:02:00+00:00", "+02:00"),
        ("-0530", "2024-07-01T19:32:00+00:00", "-05:30"),
        ("UTC+2", "2024-07-01T12:02:00+00:00", "+02:00"),
    ],
)
def test_the_default_zone_applies_to_times_without_one(
    default_tz: str, instant: str, zone: str
) -> None:
    clock = TimelineClock(default_tz, dt.date(2024, 7, 1))

    assert reading(clock.parse("14:02")) == (instant, EXACT, zone)


def test_a_written_zone_beats_the_default_zone() -> None:
    clock = TimelineClock("Europe/Berlin", MARCH_1)

    assert reading(clock.parse("14:02 UTC")) == ("2024-03-01T14:02:00+00:00", EXACT, "UTC")


def test_a_zone_given_for_one_call_beats_the_clock_default() -> None:
    clock = TimelineClock("UTC", MARCH_1)

    first = clock.parse("14:02", default_tz="Europe/Berlin")
    second = clock.parse("14:03")

    assert reading(first) == ("2024-03-01T13:02:00+00:00", EXACT, "Europe/Berlin")
    assert reading(second) == ("2024-03-01T14:03:00+00:00", EXACT, "UTC")


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", "XYZ", "+25:00"])
def test_an_unknown_default_zone_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        TimelineClock(name)


def test_peek_reads_without_changing_the_context() -> None:
    clock = TimelineClock(date=MARCH_1)

    peeked = clock.peek("2024-06-01 10:00")
    parsed = clock.parse("11:00")

    assert reading(peeked) == ("2024-06-01T10:00:00+00:00", EXACT, "UTC")
    assert reading(parsed) == ("2024-03-01T11:00:00+00:00", EXACT, "UTC")


# --- zones by name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("UTC", dt.UTC),
        ("GMT", dt.UTC),
        ("Z", dt.UTC),
        ("Europe/Berlin", ZoneInfo("Europe/Berlin")),
        ("europe/berlin", ZoneInfo("Europe/Berlin")),
        ("Eastern", ZoneInfo("America/New_York")),
        ("Pacific time", ZoneInfo("America/Los_Angeles")),
        ("PST", ZoneInfo("America/Los_Angeles")),
        ("IST", ZoneInfo("Asia/Kolkata")),
        ("+02:00", dt.timezone(dt.timedelta(hours=2))),
        ("-0500", dt.timezone(dt.timedelta(hours=-5))),
        ("UTC+2", dt.timezone(dt.timedelta(hours=2))),
        ("+00:00", dt.UTC),
    ],
)
def test_resolve_zone(name: str, expected: dt.tzinfo) -> None:
    assert resolve_zone(name) == expected


@pytest.mark.parametrize(
    "name", ["", "Mars/Olympus_Mons", "XYZ", "later", "+25:00", "+02:75", "+13:17"]
)
def test_resolve_zone_refuses_unknown_names(name: str) -> None:
    assert resolve_zone(name) is None


# --- the zone carries from row to row -------------------------------------------


def test_a_bare_time_takes_the_zone_written_last() -> None:
    rows = read_all(
        TimelineClock(), ["2024-03-01 14:00 PST", "14:30", "2024-03-01 15:00 UTC", "15:10"]
    )

    assert rows == [
        ("2024-03-01T22:00:00+00:00", EXACT, "America/Los_Angeles"),
        ("2024-03-01T22:30:00+00:00", EXACT, "America/Los_Angeles"),
        ("2024-03-01T15:00:00+00:00", EXACT, "UTC"),
        ("2024-03-01T15:10:00+00:00", EXACT, "UTC"),
    ]


def test_the_zone_written_last_beats_the_default_zone() -> None:
    rows = read_all(TimelineClock("Europe/Berlin"), ["2024-03-01T14:00:00-05:00", "~14:30"])

    assert rows[1] == ("2024-03-01T19:30:00+00:00", APPROXIMATE, "-05:00")


def test_a_carried_abbreviation_keeps_its_own_offset() -> None:
    # "PST" written in July means UTC-8, and so does the bare time after it.
    rows = read_all(TimelineClock(), ["2024-07-01 14:00 PST", "14:30"])

    assert rows[1] == ("2024-07-01T22:30:00+00:00", EXACT, "-08:00")


def test_a_zone_written_on_a_date_row_carries() -> None:
    rows = read_all(TimelineClock(), ["2024-07-01 Europe/Berlin", "14:02"])

    assert rows[1] == ("2024-07-01T12:02:00+00:00", EXACT, "Europe/Berlin")


def test_unreadable_and_relative_rows_do_not_change_the_carried_zone() -> None:
    rows = read_all(
        TimelineClock(), ["2024-03-01 14:00 Eastern", "14:02 XYZ", "5 min later", "14:30"]
    )

    assert rows[3] == ("2024-03-01T19:30:00+00:00", EXACT, "America/New_York")


def test_a_zone_given_for_one_call_beats_the_zone_written_last() -> None:
    clock = TimelineClock()
    clock.parse("2024-03-01 14:00 PST")

    header_zone = clock.parse("14:30", default_tz="UTC")
    bare = clock.parse("14:40")

    assert reading(header_zone) == ("2024-03-01T14:30:00+00:00", EXACT, "UTC")
    assert reading(bare) == ("2024-03-01T22:40:00+00:00", EXACT, "America/Los_Angeles")


# --- dates without a year roll over the year -------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # forwards, like 23:50 then 00:05
        (["2023-12-31 23:50", "Jan 1 00:10"], ("2024-01-01T00:10:00+00:00", EXACT, "UTC")),
        (["2023-12-31 23:50", "Jan 2"], ("2024-01-02T00:00:00+00:00", DATE, "UTC")),
        (["2023-12-30", "Jan 1 00:10"], ("2024-01-01T00:10:00+00:00", EXACT, "UTC")),
        (["2023-12-31 23:50", "by Jan 1 01:00"], ("2024-01-01T01:00:00+00:00", BEFORE, "UTC")),
        # backwards: a day half a year or more later is last year's
        (["2024-01-02 10:00", "Dec 30 09:00"], ("2023-12-30T09:00:00+00:00", EXACT, "UTC")),
        # within half a year: the same year, either way
        (["2024-03-01 10:00", "Jan 15 10:00"], ("2024-01-15T10:00:00+00:00", EXACT, "UTC")),
        (["2024-03-01 10:00", "Aug 15 10:00"], ("2024-08-15T10:00:00+00:00", EXACT, "UTC")),
        # Feb 29 a year from any leap day: no such day near
        (["2023-03-01 10:00", "Feb 29 10:00"], (None, UNKNOWN, "")),
    ],
)
def test_a_date_without_a_year_lands_within_half_a_year_of_the_row_before(
    rows: list[str], expected: tuple[str | None, Precision, str]
) -> None:
    assert read_all(TimelineClock(), rows)[-1] == expected


def test_the_year_rollover_counts_from_the_default_date() -> None:
    clock = TimelineClock(date=dt.date(2023, 12, 31))

    assert reading(clock.parse("Jan 1 00:10")) == ("2024-01-01T00:10:00+00:00", EXACT, "UTC")


# --- precision_if_dated ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("14:02", EXACT),
        ("14:02 UTC", EXACT),
        ("2:05 PM PST", EXACT),
        ("~14:05", APPROXIMATE),
        ("by 23:02", BEFORE),
        ("Mar 7", DATE),
        ("Mar 7 14:02", EXACT),
        ("Fri 1 Mar 14:02", EXACT),  # the weekday cannot be checked without a year
        ("2024-03-01 14:02", EXACT),
        ("2 minutes later", RELATIVE),
        ("later", RELATIVE),
        ("after lunch", UNKNOWN),
        ("Tuesday 14:02", UNKNOWN),
        ("14:02-14:05", UNKNOWN),
        ("14:02 XYZ", UNKNOWN),
        ("5", UNKNOWN),
        ("", UNKNOWN),
    ],
)
def test_precision_if_dated_sees_times_before_any_date(text: str, precision: Precision) -> None:
    clock = TimelineClock()

    assert clock.precision_if_dated(text) is precision


def test_precision_if_dated_does_not_change_the_context() -> None:
    clock = TimelineClock()

    assert clock.precision_if_dated("2024-06-01 14:00 PST") is EXACT
    assert clock.parse("14:02") == ParsedTime("14:02", None, UNKNOWN, "")


def test_precision_if_dated_is_the_peeked_precision_once_a_date_is_known() -> None:
    clock = TimelineClock(date=MARCH_1)

    assert clock.precision_if_dated("Thu 1 Mar 14:02") is UNKNOWN  # 2024-03-01 is a Friday
    assert clock.precision_if_dated("Fri 1 Mar 14:02") is EXACT
