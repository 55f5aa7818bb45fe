"""Read the times people write in incident timelines.

Timelines come from chat logs, wiki pages and spreadsheets, so their times are
written every which way: ISO 8601, "March 1, 2024 2:02 PM", "~14:05 PST",
"by 23:02", "two minutes later". :class:`TimelineClock` reads the times of one
timeline in order and carries the date, the last known instant and the zone
from row to row, the way a reader does.

dateutil does the actual parsing. The code here is the glue around it that
keeps it honest: it never lets dateutil fill in today's date (every field it
did not read comes from the timeline's own context or the time stays unknown),
it reads zone names itself (dateutil only knows a handful and would warn about
the rest, and it reads "UTC+2" the POSIX way, as two hours *behind* UTC), and
it refuses numeric dates such as ``03/01/2024`` whose day and month cannot be
told apart. A time that cannot be read is kept as text with
:attr:`Precision.UNKNOWN`; it is never turned into a wrong instant.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil import parser as dateutil_parser

from debrief_desktop.store.models import Precision

__all__ = ["ParsedTime", "TimelineClock", "resolve_zone"]


@dataclass(frozen=True)
class ParsedTime:
    """One time as written in a timeline, and what it was read as.

    Attributes:
        text: The time exactly as written, stripped of surrounding whitespace.
        instant: The instant, timezone-aware in UTC; ``None`` when the time is
            unknown or relative to nothing known.
        precision: How well the time is known.
        timezone: The zone that was applied: ``"UTC"``, an IANA name such as
            ``"America/New_York"`` or a fixed offset such as ``"+02:00"``;
            ``""`` when there is no instant.
    """

    text: str
    instant: dt.datetime | None
    precision: Precision
    timezone: str


# --- zones -------------------------------------------------------------------


@dataclass(frozen=True)
class _Zone:
    tz: dt.tzinfo
    label: str
    # An abbreviation such as "PST" names one offset; it is checked against the
    # region's zone on the day in question (see _localize).
    literal_offset: dt.timedelta | None = None


_UTC_ZONE = _Zone(dt.UTC, "UTC")
_UTC_NAMES = frozenset({"UTC", "GMT", "Z", "UT", "ZULU", "UCT"})

_H = dt.timedelta(hours=1)
# Abbreviation -> (region zone, the offset the abbreviation itself means).
# Ambiguous ones are read the way English-language incident notes use them:
# CST is US Central (not China), IST is India (not Ireland or Israel).
_ABBREVIATIONS: dict[str, tuple[str, dt.timedelta]] = {
    "EST": ("America/New_York", -5 * _H),
    "EDT": ("America/New_York", -4 * _H),
    "CST": ("America/Chicago", -6 * _H),
    "CDT": ("America/Chicago", -5 * _H),
    "MST": ("America/Denver", -7 * _H),
    "MDT": ("America/Denver", -6 * _H),
    "PST": ("America/Los_Angeles", -8 * _H),
    "PDT": ("America/Los_Angeles", -7 * _H),
    "AKST": ("America/Anchorage", -9 * _H),
    "AKDT": ("America/Anchorage", -8 * _H),
    "HST": ("Pacific/Honolulu", -10 * _H),
    "WET": ("Europe/Lisbon", 0 * _H),
    "WEST": ("Europe/Lisbon", 1 * _H),
    "BST": ("Europe/London", 1 * _H),
    "CET": ("Europe/Berlin", 1 * _H),
    "CEST": ("Europe/Berlin", 2 * _H),
    "EET": ("Europe/Helsinki", 2 * _H),
    "EEST": ("Europe/Helsinki", 3 * _H),
    "MSK": ("Europe/Moscow", 3 * _H),
    "IST": ("Asia/Kolkata", dt.timedelta(hours=5, minutes=30)),
    "SGT": ("Asia/Singapore", 8 * _H),
    "HKT": ("Asia/Hong_Kong", 8 * _H),
    "KST": ("Asia/Seoul", 9 * _H),
    "JST": ("Asia/Tokyo", 9 * _H),
    "AEST": ("Australia/Sydney", 10 * _H),
    "AEDT": ("Australia/Sydney", 11 * _H),
    "NZST": ("Pacific/Auckland", 12 * _H),
    "NZDT": ("Pacific/Auckland", 13 * _H),
}

# Region words follow the zone's own daylight-saving rules.
_REGION_WORDS: dict[str, str] = {
    "eastern": "America/New_York",
    "et": "America/New_York",
    "central": "America/Chicago",
    "ct": "America/Chicago",
    "mountain": "America/Denver",
    "mt": "America/Denver",
    "pacific": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
}

_OFFSET_RE = re.compile(r"(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)


def _offset_label(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _fixed_zone(offset: dt.timedelta) -> _Zone | None:
    if offset == dt.timedelta(0):
        return _UTC_ZONE
    # Real offsets run from -12:00 to +14:00 in steps of 15 minutes; anything
    # else is more likely a range such as "14:02-14:05" than a zone.
    in_range = -12 * _H <= offset <= 14 * _H
    if not in_range or offset % dt.timedelta(minutes=15):
        return None
    return _Zone(dt.timezone(offset), _offset_label(offset))


@functools.cache
def _zone_keys_by_lower_name() -> dict[str, str]:
    return {key.lower(): key for key in available_timezones()}


def _iana_zone(name: str) -> _Zone | None:
    key = _zone_keys_by_lower_name().get(name.lower())
    if key is None:
        return None
    try:
        return _Zone(ZoneInfo(key), key)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _lookup_zone(name: str) -> _Zone | None:
    words = " ".join(name.split())
    if not words:
        return None
    upper = words.upper()
    if upper in _UTC_NAMES:
        return _UTC_ZONE
    if upper in _ABBREVIATIONS:
        region, offset = _ABBREVIATIONS[upper]
        zone = _iana_zone(region)
        return None if zone is None else replace(zone, literal_offset=offset)
    lower = words.lower().removesuffix(" time")
    if lower in _REGION_WORDS:
        return _iana_zone(_REGION_WORDS[lower])
    match = _OFFSET_RE.fullmatch(words)
    if match:
        sign, hours, minutes = match.groups()
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
        if int(minutes or 0) >= 60:
            return None
        return _fixed_zone(-offset if sign == "-" else offset)
    return _iana_zone(words)


def resolve_zone(name: str) -> dt.tzinfo | None:
    """Find the zone a person means by a name.

    Accepts ``UTC``/``GMT``/``Z``, IANA names (``Europe/Berlin``, any case),
    fixed offsets (``+02:00``, ``-0500``, ``UTC+2``: east of UTC is plus, as
    people mean it), US region words (``Eastern``, ``Pacific time``) and common
    abbreviations (``PST``, ``CEST``, ``IST`` for India). An abbreviation
    resolves to its region's zone (``PST`` -> ``America/Los_Angeles``), so a
    default zone given as ``PST`` follows daylight saving time.

    Args:
        name: The zone as written.

    Returns:
        The zone, or ``None`` when the name is not one this function knows.
    """
    zone = _lookup_zone(name)
    return None if zone is None else zone.tz


# --- patterns for the glue around dateutil ------------------------------------

_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_TIME_LIKE = re.compile(r"\d{1,2}:\d{2}|\d{1,2}\s*[ap]\.?\s?m\b\.?|\d{1,2}h\d{2}", re.IGNORECASE)
_DATE_LIKE = re.compile(
    rf"\b\d{{4}}\b|\b(?:{_MONTHS})[a-z]*\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b",
    re.IGNORECASE,
)
# Clock times, not counting the "01:00" of an offset "+01:00" or the seconds of "14:02:30".
_CLOCK_TIMES = re.compile(r"(?<![\d:+-])\d{1,2}:\d{2}")
# A numeric date such as 03/01/2024 or 03/01: which is the day?
_NUMERIC_DATE = re.compile(r"(?<![\d/.:-])(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?(?![\d/.:-])")
_WEEKDAYS: dict[str, int] = {
    name: index
    for index, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
# "UTC+2" anywhere: dateutil would read it the POSIX way (two hours behind UTC).
_UTC_OFFSET_IN_TEXT = re.compile(
    r"\(?(?<![A-Za-z/])(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\d)\)?", re.IGNORECASE
)
# A zone written after the time: "14:02 PST", "14:02 (Europe/Berlin)", "2pm Eastern Time".
_TRAILING_ZONE = re.compile(
    r"\s+\(?(?P<zone>[A-Za-z][A-Za-z_]*(?:/[A-Za-z0-9_+-]+)*(?:\s+time)?)\)?$", re.IGNORECASE
)

_APPROXIMATE_PREFIX = re.compile(
    r"^(?:~|±|\+/-|\+-|(?:approx|ca|c)\.|(?:approx|approximately|around|about|roughly|"
    r"circa|ca)\s)\s*",
    re.IGNORECASE,
)
_APPROXIMATE_SUFFIX = re.compile(r"\s*(?:\?+|-?ish)$", re.IGNORECASE)
_BEFORE_PREFIX = re.compile(
    r"^(?:by|before|no later than|not later than|prior to|at the latest)\s+", re.IGNORECASE
)

# --- relative times -------------------------------------------------------------

_NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}  # fmt: skip
_UNITS: dict[str, dt.timedelta] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), dt.timedelta(seconds=1)),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), dt.timedelta(minutes=1)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), dt.timedelta(hours=1)),
    **dict.fromkeys(("d", "day", "days"), dt.timedelta(days=1)),
}
_NUMBER = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TERM = re.compile(
    rf"(?P<half_of>half\s+an?\s+(?P<half_unit>hour|minute))"
    rf"|(?P<num>\d+(?:\.\d+)?|{_NUMBER})\s*(?P<unit>{_UNIT})(?![a-z])"
    rf"(?P<and_half>\s+and\s+a\s+half)?",
)
_TERM_SEPARATOR = re.compile(r"\s*(?:,|\band\b)?\s*")
_LATER_WORDS = re.compile(r"\s+(?:later|after|afterwards|after that|on)$")
_EARLIER_WORDS = re.compile(r"\s+(?:earlier|before|before that|prior)$")
_AFTER_PREFIX = re.compile(r"^after\s+")
_SAME_TIME = re.compile(r"^(?:at the same time|same time|simultaneously)$")
_VAGUE_RELATIVE = re.compile(
    r"^(?:"
    r"(?:a\s+)?(?:few|couple(?:\s+of)?|several|some|many)\s+"
    rf"(?:{_UNIT}|moments?)\s+(?:later|after|afterwards|earlier|before)"
    r"|(?:shortly|soon|immediately|right|just|directly|some\s*time|a\s+while|moments?"
    r"|a\s+moment)?\s*(?:after(?:wards)?(?:\s+that)?|later(?:\s+on)?|thereafter)"
    r"|later\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)"
    r"|(?:the\s+)?(?:next|following)\s+(?:morning|day|afternoon|evening|night|week)"
    r"|(?:that|the\s+same)\s+(?:morning|day|afternoon|evening|night)"
    r"|earlier|before\s+that|then|next|meanwhile"
    r")$"
)


def _amount(text: str) -> dt.timedelta | None:
    """Read "1 hour 30 minutes", "two minutes", "half an hour"; ``None`` if it is not one."""
    total = dt.timedelta(0)
    position = 0
    terms = 0
    while position < len(text):
        if terms:
            separator = _TERM_SEPARATOR.match(text, position)
            if separator:
                position = separator.end()
        term = _TERM.match(text, position)
        if term is None:
            return None
        if term["half_of"]:
            total += _UNITS[term["half_unit"]] / 2
        else:
            number = term["num"]
            count = float(number) if number[0].isdigit() else _NUMBER_WORDS[number]
            if term["and_half"]:
                count += 0.5
            total += _UNITS[term["unit"]] * count
        position = term.end()
        terms += 1
    return total if terms else None


def _relative(text: str) -> tuple[bool, dt.timedelta | None]:
    """Whether ``text`` is a relative time, and its offset from the previous event if stated."""
    words = " ".join(text.lower().split())
    if _SAME_TIME.match(words):
        return True, dt.timedelta(0)
    if _VAGUE_RELATIVE.match(words):
        return True, None
    sign = 1
    if words and words[0] in "+-":
        sign = -1 if words[0] == "-" else 1
        body = words[1:].strip()
    elif (later := _LATER_WORDS.search(words)) is not None:
        body = words[: later.start()]
    elif (earlier := _EARLIER_WORDS.search(words)) is not None:
        sign, body = -1, words[: earlier.start()]
    elif (after := _AFTER_PREFIX.match(words)) is not None:
        body = words[after.end() :]
    else:
        return False, None
    amount = _amount(body)
    if amount is None:
        return False, None
    return True, amount * sign


# --- dateutil, kept honest -----------------------------------------------------


class _ParserInfo(dateutil_parser.parserinfo):
    """dateutil's defaults, except that a two-digit year never depends on today's date."""

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        if year < 100 and not century_specified:
            return 2000 + year
        return year


_PARSER = dateutil_parser.parser(_ParserInfo())
# Two defaults that differ in every field: a field that comes out the same from
# both was read from the text; one that differs was filled in by dateutil.
_DEFAULT_A = dt.datetime(2000, 1, 1, 0, 0, 0, 0)
_DEFAULT_B = dt.datetime(2004, 2, 2, 1, 1, 1, 1)


@dataclass(frozen=True)
class _Fields:
    """What dateutil read from a string, with ``None`` for what the text did not say."""

    year: int | None
    month: int | None
    day: int | None
    time: dt.time | None
    zone_name: str | None
    zone_offset: dt.timedelta | None


# The shapes most timelines use, read without dateutil (two dateutil parses a
# row made a 10,000-row import take most of a second). Anything else, and any
# text with a zone left in it, goes to dateutil.
_FAST_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_FAST_12H = re.compile(r"(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\.?", re.IGNORECASE)
_FAST_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:(Z)|([+-]\d{2}:\d{2}))?)?)"
)


def _fast_fields(text: str) -> _Fields | None:
    if m := _FAST_CLOCK.fullmatch(text):
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return _Fields(None, None, None, dt.time(hour, minute, second), None, None)
        return None
    if m := _FAST_12H.fullmatch(text):
        hour, minute = int(m[1]), int(m[2] or 0)
        if 1 <= hour <= 12 and minute < 60:
            hour = hour % 12 + (12 if m[3].lower() == "p" else 0)
            return _Fields(None, None, None, dt.time(hour, minute), None, None)
        return None
    if m := _FAST_ISO.fullmatch(text):
        try:
            moment = dt.datetime.fromisoformat(text[: len(text) - len(m[2] or m[3] or "")])
            offset = (
                dt.datetime.fromisoformat(f"2000-01-01T00:00{m[3]}").utcoffset() if m[3] else None
            )
        except ValueError:
            return None
        time = moment.time() if len(text) > 10 else None
        if m[2] or offset == dt.timedelta(0):
            return _Fields(moment.year, moment.month, moment.day, time, "UTC", dt.timedelta(0))
        return _Fields(moment.year, moment.month, moment.day, time, None, offset)
    return None


def _dateutil_fields(text: str) -> _Fields | None:
    fast = _fast_fields(text.strip())
    if fast is not None:
        return fast
    return _slow_fields(text)


def _slow_fields(text: str) -> _Fields | None:
    zones: list[tuple[str | None, int | None]] = []

    def note_zone(name: str | None, offset: int | None) -> None:
        # Returning None keeps the result naive: the zone is applied by _localize.
        if name is not None or offset is not None:
            zones.append((name, offset))

    tzinfos: Callable[[str | None, int | None], None] = note_zone
    try:
        first = _PARSER.parse(text, default=_DEFAULT_A, tzinfos=tzinfos)
        second = _PARSER.parse(text, default=_DEFAULT_B, tzinfos=tzinfos)
    except (ValueError, OverflowError):
        return None
    if len(set(zones)) > 1:
        return None

    def given(attribute: str) -> int | None:
        value: int = getattr(first, attribute)
        return value if value == getattr(second, attribute) else None

    hour = given("hour")
    time = None
    if hour is not None:
        time = dt.time(hour, given("minute") or 0, given("second") or 0, given("microsecond") or 0)
    name, offset = zones[0] if zones else (None, None)
    return _Fields(
        year=given("year"),
        month=given("month"),
        day=given("day"),
        time=time,
        zone_name=name,
        zone_offset=None if offset is None else dt.timedelta(seconds=offset),
    )


def _ambiguous_numeric_date(text: str) -> bool:
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match[1]), int(match[2])
        if first != second and first <= 12 and second <= 12:
            return True
    return False


def _weekday(text: str) -> int | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _WEEKDAYS:
            return _WEEKDAYS[word]
    return None


def _split_zone(text: str) -> tuple[str, _Zone | None, bool]:
    """Take a written zone off ``text``: (the rest, the zone, whether a zone was written)."""
    match = _UTC_OFFSET_IN_TEXT.search(text)
    if match:
        zone = _lookup_zone(match[0].strip("()"))
        rest = (text[: match.start()] + " " + text[match.end() :]).strip()
        return rest, zone, True
    match = _TRAILING_ZONE.search(text)
    if match:
        zone = _lookup_zone(match["zone"])
        if zone is not None:
            return text[: match.start()].strip(), zone, True
    return text, None, False


def _localize(day: dt.date, time: dt.time, zone: _Zone) -> tuple[dt.datetime, str]:
    """The instant of a wall-clock time in a zone, and the label of the zone applied."""
    naive = dt.datetime.combine(day, time)
    if zone.literal_offset is None:
        return naive.replace(tzinfo=zone.tz), zone.label
    # "14:02 PST" means UTC-8. Keep the region's name when it agrees on that
    # day (the fold picks the right side of a DST change); otherwise the
    # abbreviation's own offset wins ("PST" written in July).
    for fold in (0, 1):
        local = naive.replace(tzinfo=zone.tz, fold=fold)
        if local.utcoffset() == zone.literal_offset:
            return local, zone.label
    fixed = _fixed_zone(zone.literal_offset)
    assert fixed is not None  # the table holds only valid offsets
    return naive.replace(tzinfo=fixed.tz), fixed.label


# --- the clock -----------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    last: dt.datetime | None = None  # last known instant (UTC)
    last_zone: str = ""
    date: dt.date | None = None  # a date given on its own (a heading, --date)
    date_is_fresh: bool = False  # the date came after the last instant
    zone: _Zone | None = None  # the zone last written in a row ("14:00 PST")
    assumed: bool = False  # a made-up date, to see what a text would be read as


@dataclass(frozen=True)
class _Reading:
    time: ParsedTime
    context: _Context


_ROLLOVER = dt.timedelta(hours=12)
# A month and day without a year land within half a year of the date before them.
_YEAR_ROLLOVER = dt.timedelta(days=183)
# Stands in for the date a timeline has not given yet (see precision_if_dated).
_ASSUMED_DATE = dt.date(2000, 1, 1)
# Longer text is prose, not a time; the limit also keeps parsing fast on huge pastes.
_LONGEST_TIME = 80


def _day_near(month: int, day: int, reference: dt.date) -> dt.date | None:
    """``month``/``day`` in the year that puts it within half a year of ``reference``.

    The midnight rollover one level up: "Jan 1" after 2023-12-31 is 2024-01-01.
    ``None`` when no such day exists (Feb 29 far from a leap year, April 31).
    """
    candidates: list[dt.date] = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    near = [c for c in candidates if abs(c - reference) <= _YEAR_ROLLOVER]
    # On a tie (half a year either way) the earlier day wins, as at midnight.
    return min(near, key=lambda c: (abs(c - reference), c), default=None)


class TimelineClock:
    """Parses the times of one timeline in order, carrying context from row to row.

    Rules, in the order a reader applies them:

    * A time without a zone is in the zone last written in an earlier row
      ("14:00 PST" then "14:30" is 14:30 PST), or in ``default_tz`` when no
      row has written one. A zone given for one call (a CSV column headed
      "Time (UTC)") applies to that call's time before either.
    * A time without a date takes its date from the row before it: a date
      given on its own (a date-only row or heading, or ``date`` before the
      first row) is used as is; otherwise the date of the last known instant,
      rolled over midnight when the time would fall more than 12 hours before
      that instant (23:50 then 00:05 is the next day; 14:05 then 14:03 is not).
    * A month and day without a year ("Jan 1 00:10") take the year that puts
      them within half a year of that date, the same rule a year up: after
      2023-12-31, "Jan 1" is 2024-01-01; after 2024-01-02, "Dec 30" is
      2023-12-30.
    * A time without any date to take (no ``date``, no earlier dated row)
      stays :attr:`Precision.UNKNOWN` with no instant: a date made up would
      be silently wrong.
    * A date on its own is :attr:`Precision.DATE` at local midnight and sets
      the date for the rows after it; it does not count as a known instant.
    * A relative time ("2 minutes later") counts from the last known instant;
      with no amount ("later") or nothing to count from it has no instant.
      Rows without an instant leave the context as it was.

    Args:
        default_tz: Zone for times written without one (see :func:`resolve_zone`).
        date: Date for times written without one, until a row gives a date.

    Raises:
        ValueError: ``default_tz`` is not a zone :func:`resolve_zone` knows.
    """

    def __init__(self, default_tz: str = "UTC", date: dt.date | None = None) -> None:
        """Start a timeline; see the class docstring for the arguments."""
        self._default = self._zone(default_tz)
        self._context = _Context(date=date, date_is_fresh=date is not None)

    @staticmethod
    def _zone(name: str) -> _Zone:
        zone = _lookup_zone(name)
        if zone is None:
            raise ValueError(
                f"unknown time zone {name!r}: use an IANA name such as 'Europe/Berlin', "
                "an offset such as '+02:00', or 'UTC'"
            )
        return replace(zone, literal_offset=None)

    def parse(self, text: str, *, default_tz: str | None = None) -> ParsedTime:
        """Read the next time of the timeline and remember its context for the rows after it.

        Args:
            text: The time as written.
            default_tz: Zone for this time when it names none, instead of the
                clock's (a CSV column headed "Time (UTC)").

        Returns:
            What the time was read as.

        Raises:
            ValueError: ``default_tz`` is not a known zone.
        """
        reading = self._read(text, default_tz)
        self._context = reading.context
        return reading.time

    def peek(self, text: str, *, default_tz: str | None = None) -> ParsedTime:
        """Read a time as :meth:`parse` would, without changing the context.

        Importers use it to try where a time ends in a line of text.

        Args:
            text: The time as written.
            default_tz: As for :meth:`parse`.

        Returns:
            What the time would be read as.
        """
        return self._read(text, default_tz).time

    def precision_if_dated(self, text: str, *, default_tz: str | None = None) -> Precision:
        """The precision :meth:`peek` would give ``text`` if the timeline had given a date.

        Before any row (or ``date``) gives a date, "14:02 UTC" reads as
        :attr:`Precision.UNKNOWN`, just like "after lunch"; this tells the two
        apart, so that importers can still see where a time ends. Once a date
        is known it is the precision :meth:`peek` gives. The context is not
        changed.

        Args:
            text: The time as written.
            default_tz: As for :meth:`parse`.

        Returns:
            :attr:`Precision.UNKNOWN` when ``text`` is no time even with a date.
        """
        context = self._context
        if context.date is None and context.last is None:
            context = replace(context, date=_ASSUMED_DATE, date_is_fresh=True, assumed=True)
        return self._read(text, default_tz, context).time.precision

    def _read(self, text: str, default_tz: str | None, context: _Context | None = None) -> _Reading:
        context = self._context if context is None else context
        written = text.strip()
        unknown = _Reading(ParsedTime(written, None, Precision.UNKNOWN, ""), context)
        if default_tz is not None:
            default = self._zone(default_tz)
        else:
            default = self._default if context.zone is None else context.zone

        # Relative first: "before that" is relative, not an upper bound on "that".
        is_relative, delta = _relative(written)
        if len(written) > _LONGEST_TIME:
            return unknown
        body, marker = self._strip_markers(written)
        if not is_relative and body:
            is_relative, delta = _relative(body)
        if is_relative:
            return self._relative(context, written, delta)
        if not body:
            return unknown
        reading = self._absolute(context, written, body, default)
        if reading is None:
            return unknown
        if marker is not None and reading.time.precision is Precision.EXACT:
            return replace(reading, time=replace(reading.time, precision=marker))
        return reading

    @staticmethod
    def _strip_markers(text: str) -> tuple[str, Precision | None]:
        marker: Precision | None = None
        while True:
            if match := _BEFORE_PREFIX.match(text):
                marker, text = Precision.BEFORE, text[match.end() :]
            elif match := _APPROXIMATE_PREFIX.match(text):
                marker = marker or Precision.APPROXIMATE
                text = text[match.end() :]
            elif (match := _APPROXIMATE_SUFFIX.search(text)) and match.group().strip():
                marker = marker or Precision.APPROXIMATE
                text = text[: match.start()]
            else:
                return text.strip(), marker

    @staticmethod
    def _relative(context: _Context, written: str, delta: dt.timedelta | None) -> _Reading:
        if delta is None or context.last is None:
            return _Reading(ParsedTime(written, None, Precision.RELATIVE, ""), context)
        instant = context.last + delta
        return _Reading(
            ParsedTime(written, instant, Precision.RELATIVE, context.last_zone),
            replace(context, last=instant, date_is_fresh=False),
        )

    def _absolute(
        self, context: _Context, written: str, body: str, default: _Zone
    ) -> _Reading | None:
        # Without something that looks like a clock time or a date, dateutil
        # would happily read "5" as the 5th of some month.
        if not (_TIME_LIKE.search(body) or _DATE_LIKE.search(body)):
            return None
        if _ambiguous_numeric_date(body) or len(_CLOCK_TIMES.findall(body)) > 1:
            return None  # 03/01/2024: March or January? "14:02 14:05": which?
        rest, written_zone, zone_was_written = _split_zone(body)
        if zone_was_written and written_zone is None:
            return None
        fields = _dateutil_fields(rest)
        if fields is None:
            return None
        zone, zone_is_written = self._zone_of(fields, written_zone, default)
        if zone is None:
            return None
        carried_zone = zone if zone_is_written else context.zone
        has_date = fields.day is not None and fields.month is not None
        if (fields.day is None) != (fields.month is None):
            return None  # "14:02 5", "March 2024": not a day we can name
        if fields.time is None and not has_date:
            return None
        weekday = _weekday(rest)
        if weekday is not None and not has_date:
            return None  # "Tuesday 14:02": which Tuesday?

        if has_date:
            assert fields.month is not None and fields.day is not None
            if fields.year is not None:
                try:
                    day: dt.date | None = dt.date(fields.year, fields.month, fields.day)
                except ValueError:
                    return None
            else:
                reference = self._reference_day(context, zone)
                if reference is None:
                    return None
                day = _day_near(fields.month, fields.day, reference)
            if day is None:
                return None
            # A made-up year says nothing about the weekday written with it.
            weekday_known = not (context.assumed and fields.year is None)
            if weekday is not None and weekday_known and day.weekday() != weekday:
                return None
            local, label = _localize(day, fields.time or dt.time(), zone)
        else:
            assert fields.time is not None
            found = self._date_for_time(context, fields.time, zone)
            if found is None:
                return None
            local, label = found

        instant = local.astimezone(dt.UTC)
        if fields.time is None:
            return _Reading(
                ParsedTime(written, instant, Precision.DATE, label),
                replace(context, date=local.date(), date_is_fresh=True, zone=carried_zone),
            )
        return _Reading(
            ParsedTime(written, instant, Precision.EXACT, label),
            _Context(
                last=instant,
                last_zone=label,
                date=local.date(),
                date_is_fresh=False,
                zone=carried_zone,
                assumed=context.assumed,
            ),
        )

    @staticmethod
    def _zone_of(
        fields: _Fields, written: _Zone | None, default: _Zone
    ) -> tuple[_Zone | None, bool]:
        """The zone of a time, and whether the text wrote it; ``None`` when unplaceable."""
        from_dateutil: _Zone | None = None
        if fields.zone_name is not None and fields.zone_name.upper() != "UTC":
            from_dateutil = _lookup_zone(fields.zone_name)
            if from_dateutil is None:
                return None, True  # "14:02 XYZ": a zone we cannot place
        elif fields.zone_offset is not None:
            from_dateutil = _fixed_zone(fields.zone_offset)
            if from_dateutil is None:
                return None, True
        elif fields.zone_name is not None:
            from_dateutil = _UTC_ZONE
        if written is not None and from_dateutil is not None:
            return None, True  # two zones in one time: which one is meant?
        explicit = written or from_dateutil
        return (default, False) if explicit is None else (explicit, True)

    @staticmethod
    def _reference_day(context: _Context, zone: _Zone) -> dt.date | None:
        """The day a date without a year is placed near: the date or instant before it."""
        if context.date is not None and (context.date_is_fresh or context.last is None):
            return context.date
        if context.last is not None:
            return context.last.astimezone(zone.tz).date()
        return None

    @staticmethod
    def _date_for_time(
        context: _Context, time: dt.time, zone: _Zone
    ) -> tuple[dt.datetime, str] | None:
        if context.date is not None and (context.date_is_fresh or context.last is None):
            return _localize(context.date, time, zone)
        if context.last is None:
            return None
        day = context.last.astimezone(zone.tz).date()
        local, label = _localize(day, time, zone)
        if local < context.last - _ROLLOVER:
            local, label = _localize(day + dt.timedelta(days=1), time, zone)
        return local, label
