"""Read a prepared timeline from a CSV or Markdown file.

A facilitator usually builds the timeline before the meeting, in a spreadsheet
or a wiki page (DESIGN.md, "Prepare"). These importers turn such a file into
:class:`ImportedTimeline`, all or nothing: a malformed file raises
:class:`ImportFormatError` naming the line, and nothing that the file holds is
dropped without an error. Times are read by
:class:`~debrief_desktop.facilitation.timeparse.TimelineClock`, row by row, so
dates carry over and roll over midnight as a reader expects. JSON debriefs are
read elsewhere.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from debrief_desktop.facilitation.timeparse import ParsedTime, TimelineClock, resolve_zone
from debrief_desktop.store.models import EventKind, Precision

__all__ = [
    "ImportFormatError",
    "ImportedEvent",
    "ImportedTimeline",
    "decode_text",
    "parse_csv",
    "parse_markdown",
    "read_timeline",
]


class ImportFormatError(ValueError):
    """A file that cannot be imported; ``str()`` is ``'source:line: what is wrong'``.

    Attributes:
        source: The file as named to the user.
        line: 1-based line where the problem is.
        message: What is wrong, without the location.
    """

    def __init__(self, source: str, line: int, message: str) -> None:
        """Make the error for ``message`` at ``line`` of ``source``."""
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ImportedEvent:
    """One event of an imported timeline.

    Attributes:
        line: 1-based line in the source where the event starts.
        time: The event's time as written and as read.
        actor: Who acted, or ``""``.
        text: What happened, exactly as written (outer whitespace removed).
        kind: The kind of event; :attr:`EventKind.NOTE` when the source does not say.
        pivot: Whether the source marks the event as a pivot point.
    """

    line: int
    time: ParsedTime
    actor: str
    text: str
    kind: EventKind
    pivot: bool


@dataclass(frozen=True)
class ImportedTimeline:
    """The events of one imported file, in the file's order.

    Attributes:
        title: The file's title (a Markdown ``# Title``), or ``None``.
        events: The events, in order.
    """

    title: str | None
    events: list[ImportedEvent]


_NOT_TEXT = "not a text file (binary data or an encoding other than UTF-8)"
_UNKNOWN_TIME = ParsedTime("", None, Precision.UNKNOWN, "")


def decode_text(data: bytes, source: str) -> str:
    """Decode a file's bytes as UTF-8, with or without a byte-order mark.

    Args:
        data: The file's contents.
        source: The file as named to the user, for errors.

    Returns:
        The text, without a byte-order mark.

    Raises:
        ImportFormatError: The data holds a NUL byte or is not valid UTF-8; the
            error names the line of the first bad byte.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    bad = data.find(b"\0")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start if bad < 0 else min(bad, error.start)
    if bad >= 0:
        raise ImportFormatError(source, data.count(b"\n", 0, bad) + 1, _NOT_TEXT)
    return text


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- columns (CSV and Markdown tables) ---------------------------------------

_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "time": ("time", "timestamp", "when", "datetime", "date/time", "date time", "date and time"),
    "date": ("date", "day"),
    "text": ("text", "event", "description", "what", "summary", "message", "what happened"),
    "actor": ("actor", "who", "person", "author"),
    "kind": ("kind", "type"),
    "pivot": ("pivot", "pivot point"),
}
_ROLE_OF_NAME = {name: role for role, names in _COLUMN_NAMES.items() for name in names}
# "Time (UTC)": the parenthesis may name the zone of the column's times.
_HEADER = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<note>[^)]*)\))?$")
_PIVOT_YES = frozenset({"yes", "y", "true", "1", "x", "✓", "✔", "pivot"})
_PIVOT_NO = frozenset({"", "no", "n", "false", "0", "-"})
_KINDS = ", ".join(kind.value for kind in EventKind)


@dataclass(frozen=True)
class _Columns:
    index: dict[str, int]
    zone: str | None  # from a "Time (UTC)" header
    width: int
    # Columns of no known role ("Notes", "Link"): (position, name as written).
    others: tuple[tuple[int, str], ...] = ()


def _column_role(header: str) -> tuple[str | None, str | None]:
    match = _HEADER.match(header.strip())
    assert match is not None  # the pattern matches any string
    name = " ".join(match["name"].replace("_", " ").split()).lower()
    note = match["note"]
    return _ROLE_OF_NAME.get(name), None if note is None else note.strip()


def _map_columns(cells: Sequence[str], source: str, line: int) -> _Columns:
    index: dict[str, int] = {}
    zone: str | None = None
    others: list[tuple[int, str]] = []
    for position, cell in enumerate(cells):
        role, note = _column_role(cell)
        if role is None:
            others.append((position, cell.strip() or f"Column {position + 1}"))
            continue
        if role in index:
            raise ImportFormatError(
                source,
                line,
                f"two columns for the {role}: {cells[index[role]].strip()!r} and {cell.strip()!r}",
            )
        index[role] = position
        if role in ("time", "date") and note and resolve_zone(note) is not None:
            zone = note
    if "time" not in index and "date" in index:
        # A lone "Date" column often holds whole timestamps.
        index["time"] = index.pop("date")
    for role in ("time", "text"):
        if role not in index:
            accepted = ", ".join(_COLUMN_NAMES[role])
            raise ImportFormatError(
                source, line, f"no {role} column: the header must name one of: {accepted}"
            )
    return _Columns(index, zone, len(cells), tuple(others))


def _cell(cells: Sequence[str], columns: _Columns, role: str) -> str:
    position = columns.index.get(role)
    if position is None or position >= len(cells):
        return ""
    return cells[position].strip()


def _row_time(date: str, time: str, clock: TimelineClock, zone: str | None) -> ParsedTime:
    if not date:
        return clock.parse(time, default_tz=zone)
    if not time:
        return clock.parse(date, default_tz=zone)
    if clock.peek(date, default_tz=zone).precision is Precision.DATE:
        # The date sets the day for the time, which may carry its own markers ("~14:05").
        clock.parse(date, default_tz=zone)
        parsed = clock.parse(time, default_tz=zone)
        return ParsedTime(f"{date} {time}", parsed.instant, parsed.precision, parsed.timezone)
    return clock.parse(f"{date} {time}", default_tz=zone)


def _row_event(
    cells: Sequence[str], columns: _Columns, line: int, source: str, clock: TimelineClock
) -> ImportedEvent:
    extra = [cell for cell in cells[columns.width :] if cell.strip()]
    if extra:
        raise ImportFormatError(
            source, line, f"{len(cells)} fields, but the header names only {columns.width} columns"
        )
    text = _cell(cells, columns, "text")
    if not text:
        raise ImportFormatError(source, line, "the text of this event is empty")
    kind_text = _cell(cells, columns, "kind").lower()
    try:
        kind = EventKind(kind_text) if kind_text else EventKind.NOTE
    except ValueError:
        raise ImportFormatError(
            source,
            line,
            f"unknown kind {_cell(cells, columns, 'kind')!r}: "
            f"use one of {_KINDS} (or leave it empty)",
        ) from None
    pivot_text = _cell(cells, columns, "pivot").lower()
    if pivot_text not in _PIVOT_YES | _PIVOT_NO:
        raise ImportFormatError(
            source,
            line,
            f"unknown pivot value {_cell(cells, columns, 'pivot')!r}: use yes/true/1/x/y "
            "for a pivot point, no/false/0/n or empty otherwise",
        )
    time = _row_time(
        _cell(cells, columns, "date"), _cell(cells, columns, "time"), clock, columns.zone
    )
    # Columns of no known role are kept as "Name: value" lines under the text.
    others = [
        f"{name}: {cells[position].strip()}"
        for position, name in columns.others
        if position < len(cells) and cells[position].strip()
    ]
    if others:
        text = "\n".join([text, *others])
    return ImportedEvent(
        line=line,
        time=time,
        actor=_cell(cells, columns, "actor"),
        text=_normalize_newlines(text),
        kind=kind,
        pivot=pivot_text in _PIVOT_YES,
    )


# --- CSV ----------------------------------------------------------------------------

_DELIMITERS = (",", "\t", ";")


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _delimiter(header: str) -> str:
    counts = {delimiter: _count_outside_quotes(header, delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_rows(text: str, source: str, delimiter: str) -> Iterable[tuple[int, list[str]]]:
    """Yield (line where the record starts, fields), skipping blank lines."""
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, strict=True, skipinitialspace=True
    )
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "end of data" in str(error):  # EOF inside a quoted field
                raise ImportFormatError(
                    source, start, 'a quoted field that starts here has no closing "'
                ) from None
            raise ImportFormatError(source, reader.line_num, f"bad quoting: {error}") from None
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def parse_csv(text: str, source: str, clock: TimelineClock) -> ImportedTimeline:
    """Read a timeline from CSV (comma-, tab- or semicolon-separated) text.

    The first non-blank line is the header. It must name a time column and a
    text column; actor, kind, pivot and a separate date column are optional.
    Nothing else is dropped: a column with any other name ("Notes", "Link",
    "Owner") adds its non-empty value to the event's text as a line
    ``Name: value`` after the text, in the columns' order (an unnamed column
    is ``Column 3``). A header "Time (UTC)" gives the zone of times in that
    column that name none.

    Args:
        text: The decoded file (see :func:`decode_text`).
        source: The file as named to the user, for errors.
        clock: Reads the times, carrying dates from row to row.

    Returns:
        The timeline, with no title.

    Raises:
        ImportFormatError: The file is empty, has no events, its header lacks
            a time or text column, a quote is not closed, a row has more fields
            than the header, or a kind or pivot value is not one of the allowed.
    """
    text = _normalize_newlines(text)
    first = next((line for line in text.split("\n") if line.strip()), None)
    if first is None:
        raise ImportFormatError(source, 1, "empty file: expected a header line naming the columns")
    rows = iter(_csv_rows(text, source, _delimiter(first)))
    header_line, header = next(rows)
    columns = _map_columns(header, source, header_line)
    events = [_row_event(cells, columns, line, source, clock) for line, cells in rows]
    if not events:
        raise ImportFormatError(source, header_line, "no events found: the header has no rows")
    return ImportedTimeline(None, events)


# --- Markdown -----------------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}(?P<level>#{1,6})(?:\s+(?P<text>.*?))?(?:\s+#+)?\s*$")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,9}[.)])\s+(?P<text>.*)$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_SEPARATOR = re.compile(r"^\s*:?-+:?\s*$")
_EM_DASH, _EN_DASH = "\N{EM DASH}", "\N{EN DASH}"
_TIME_SEPARATORS = (f" {_EM_DASH} ", _EM_DASH, f" {_EN_DASH} ", _EN_DASH, " - ", ": ", " | ", "\t")
_ACTOR = re.compile(
    rf"^\*\*(?P<name>[^*\n]+?)\*\*\s*(?::|{_EM_DASH}|{_EN_DASH}|-)\s*"
    r"|^\*\*(?P<colon_name>[^*\n]+?):\*\*\s*"
)
_PIVOT_PREFIX = re.compile(r"^(?:⚑|\[pivot\])\s*", re.IGNORECASE)
_PIVOT_ANYWHERE = re.compile(r"[ \t]*\(pivot\)", re.IGNORECASE)
_LONGEST_TIME = 80  # as in timeparse: longer is prose, and trying it would be slow
# Times of day; UNKNOWN is one that looks like a clock but cannot be read ("14:02-14:05").
_TIMES_OF_DAY = frozenset(
    {Precision.EXACT, Precision.APPROXIMATE, Precision.BEFORE, Precision.UNKNOWN}
)
_CLOCK_START = re.compile(r"^(?:[~±]\s*)?(?=\d)")
_CLOCK_DIGITS = re.compile(r"\d{1,2}:\d{2}")
_ZONE_WORD = re.compile(r"^\(?[A-Za-z]{1,5}\)?$")


class _TimeSplit(NamedTuple):
    written: str  # the time as written
    shape: Precision  # its precision once a date is known (see TimelineClock.precision_if_dated)
    rest: str  # the text after it


def _strip_emphasis(text: str) -> str:
    return text.strip().strip("*_`").strip()


def _looks_like_clock(text: str) -> bool:
    """Whether ``text`` is a clock time written wrongly: "14:02-14:05", "2024-03-01 25:61 UTC".

    It starts with a digit (after ``~`` or ``±``), holds ``h:mm``, and has at
    most three words, all with digits but for a zone-like last one.
    """
    start = _CLOCK_START.match(text)
    if start is None or _CLOCK_DIGITS.search(text) is None:
        return False
    words = text[start.end() :].split()
    return (
        len(words) <= 3
        and all(any(char.isdigit() for char in word) for word in words[:-1])
        and (any(char.isdigit() for char in words[-1]) or bool(_ZONE_WORD.match(words[-1])))
    )


def _split_time(content: str, clock: TimelineClock) -> _TimeSplit | None:
    """Find the longest leading part of ``content`` that reads as a time.

    Tries the splits at separators ("14:02 UTC — text"), the whole content, and
    splits at spaces ("14:02 Pager fired"); the last two only for parts that
    hold a digit, so that "Later the team met" stays text. A time counts even
    when the timeline has given no date yet ("14:02 UTC" at the top of an
    undated list): the clock reads it as unknown then, but it is still the
    time, not part of the text. When no part reads as a time, a leading part
    that looks like a clock written wrongly ("14:02-14:05 — outage") is taken
    as an unknown time, so that its text is kept and reported, not glued to
    the event's text or lost with a heading.

    Returns:
        The split, or ``None`` when ``content`` does not start with a time.
    """
    # (end of the time, start of the rest); a time is short, so only the head is searched.
    head = content[: _LONGEST_TIME + 8]
    splits: list[tuple[int, int]] = []
    bracket = re.match(r"\[([^\]]+)\]\s*", head)
    if bracket:
        splits.append((bracket.end(1), bracket.end()))
    for separator in _TIME_SEPARATORS:
        start = head.find(separator)
        while start > 0:
            splits.append((start, start + len(separator)))
            start = head.find(separator, start + 1)
    spaces = [(match.start(), match.end()) for match in re.finditer(r"\s+", head)]
    separated = sorted(splits)
    splits += spaces
    splits.append((len(content), len(content)))
    for end, rest_start in sorted(splits, key=lambda split: -split[0]):
        time_text = content[:end].removeprefix("[")
        written = _strip_emphasis(time_text)
        if not written or len(written) > _LONGEST_TIME:
            continue
        is_separated = rest_start > end and not content[end:rest_start].isspace()
        # A split at a space, or no split at all, needs a digit: "Later the team met" is text.
        if not is_separated and not any(char.isdigit() for char in written):
            continue
        shape = clock.precision_if_dated(written)
        if shape is not Precision.UNKNOWN:
            return _TimeSplit(written, shape, content[rest_start:].strip())
    # Nothing reads as a time: the first separated part, or else the first word,
    # when it looks like a clock.
    first_word = spaces[:1] if spaces and spaces[0][0] > 0 else []
    for end, rest_start in [*separated, *first_word, (len(content), len(content))]:
        written = _strip_emphasis(content[:end].removeprefix("["))
        if written and len(written) <= _LONGEST_TIME and _looks_like_clock(written):
            return _TimeSplit(written, Precision.UNKNOWN, content[rest_start:].strip())
    return None


@dataclass
class _Block:
    """An event being collected: a list item or a timed heading, and the lines after it."""

    line: int
    time: ParsedTime
    pivot: bool
    paragraphs: list[str]
    # An item's next line continues its first line; a heading's starts a paragraph.
    paragraph_open: bool

    def add(self, text: str, *, new_paragraph: bool) -> None:
        if new_paragraph or not self.paragraph_open:
            self.paragraphs.append(text)
        else:
            self.paragraphs[-1] += "\n" + text
        self.paragraph_open = True

    def event(self) -> ImportedEvent:
        text = "\n\n".join(part for part in self.paragraphs if part).strip()
        pivot = self.pivot
        if _PIVOT_PREFIX.match(text):
            pivot, text = True, _PIVOT_PREFIX.sub("", text, count=1)
        actor = ""
        match = _ACTOR.match(text)
        if match:
            actor = (match["name"] or match["colon_name"]).strip()
            text = text[match.end() :]
        if _PIVOT_PREFIX.match(text):
            pivot, text = True, _PIVOT_PREFIX.sub("", text, count=1)
        if _PIVOT_ANYWHERE.search(text):
            pivot, text = True, _PIVOT_ANYWHERE.sub("", text)
        return ImportedEvent(self.line, self.time, actor, text.strip(), EventKind.NOTE, pivot)


class _MarkdownReader:
    """Reads Markdown line by line; see :func:`parse_markdown` for the rules."""

    def __init__(self, source: str, clock: TimelineClock) -> None:
        self.source = source
        self.clock = clock
        self.title: str | None = None
        self.events: list[ImportedEvent] = []
        self.block: _Block | None = None
        self.kind = "item"  # what opened the block: "item", "line" or "heading"
        self.fence_indent: int | None = None  # inside a fenced code block
        self.table: list[tuple[int, str]] = []

    def read(self, text: str) -> ImportedTimeline:
        blank_before = False
        for number, line in enumerate(_normalize_newlines(text).split("\n"), start=1):
            if not line.strip() and self.fence_indent is None:
                blank_before = True
                continue
            self.read_line(number, line, blank_before=blank_before)
            blank_before = False
        self.close()
        if not self.events:
            raise ImportFormatError(
                self.source,
                1,
                "no events found: expected list items such as '- 14:02 UTC — what happened' "
                "or headings such as '### 2024-03-01 14:02 UTC'",
            )
        return ImportedTimeline(self.title, self.events)

    def read_line(self, number: int, line: str, *, blank_before: bool) -> None:
        indent = len(line) - len(line.lstrip())
        fence = _FENCE.match(line) is not None
        if self.fence_indent is not None or fence:
            base = indent if self.fence_indent is None else self.fence_indent
            code = line[min(indent, base) :]
            if fence:
                self.fence_indent = indent if self.fence_indent is None else None
            # Code belongs to the event it is in; outside events it is prose.
            if self.block is not None:
                self.block.add(code, new_paragraph=blank_before)
            return
        if line.lstrip().startswith("|"):
            if blank_before:
                self.flush_table()
            self.table.append((number, line))
            return
        self.flush_table()
        heading = _HEADING.match(line)
        if heading:
            self.heading(number, len(heading["level"]), (heading["text"] or "").strip())
            return
        if _THEMATIC_BREAK.match(line):
            self.close()
            return
        in_item = self.block is not None and self.kind != "heading"
        indented = indent >= 2 or line.startswith("\t")
        item = _LIST_ITEM.match(line)
        if item and not (indented and in_item):
            self.close()
            self.start(number, item["text"].strip(), kind="item")
            return
        ends_block = (
            self.block is None
            or (in_item and blank_before and not indented)
            # in plain-text notes, each line that starts with a time is the next event
            or (self.kind == "line" and not indented and self.starts_with_time(line.strip()))
        )
        if ends_block:
            self.plain_line(number, line.strip())
        else:
            assert self.block is not None
            self.block.add(line.strip(), new_paragraph=blank_before)

    def close(self) -> None:
        self.flush_table()
        if self.block is not None:
            self.events.append(self.block.event())
            self.block = None

    def start(self, line: int, content: str, *, kind: str) -> None:
        pivot = False
        if _PIVOT_PREFIX.match(content):
            pivot, content = True, _PIVOT_PREFIX.sub("", content, count=1)
        split = _split_time(content, self.clock)
        if split is None:
            time, rest = _UNKNOWN_TIME, content
        else:
            time, rest = self.clock.parse(split.written), split.rest
        self.block = _Block(line, time, pivot, [rest], paragraph_open=kind != "heading")
        self.kind = kind

    def heading(self, line: int, level: int, content: str) -> None:
        self.close()
        split = _split_time(_PIVOT_PREFIX.sub("", content, count=1), self.clock)
        if split is not None:
            written, shape, rest = split
            if shape is Precision.DATE:
                self.clock.parse(written)  # a date heading dates what follows
                if level == 1 and self.title is None and rest:
                    self.title = content  # "# 2024-03-01 Checkout outage"
                return
            # "### 14:02 UTC" is an event, with or without a date to place it;
            # so is "### 5 minutes later"; "## Afterwards" is a section.
            if shape in _TIMES_OF_DAY or any(char.isdigit() for char in written):
                self.start(line, content, kind="heading")
                return
        if level == 1 and self.title is None and content:
            self.title = content

    def starts_with_time(self, content: str) -> bool:
        split = _split_time(content, self.clock)
        return split is not None and (
            split.shape in _TIMES_OF_DAY or (split.shape is Precision.DATE and not split.rest)
        )

    def plain_line(self, line: int, content: str) -> None:
        self.close()
        # Outside events, a line that starts with a time of day is an event
        # (plain-text notes such as "14:02 Pager fired"); a lone date dates what follows.
        split = _split_time(content, self.clock)
        if split is None:
            return
        written, shape, rest = split
        if shape is Precision.DATE and not rest:
            self.clock.parse(written)
        elif shape in _TIMES_OF_DAY:
            self.start(line, content, kind="line")

    def flush_table(self) -> None:
        rows, self.table = self.table, []
        if not rows:
            return
        cells = [_table_cells(text) for _, text in rows]
        columns: _Columns | None = None
        if len(rows) >= 2 and all(_TABLE_SEPARATOR.match(cell) for cell in cells[1]):
            try:
                columns = _map_columns(cells[0], self.source, rows[0][0])
            except ImportFormatError:
                columns = None  # a table of something else, such as metrics
        if columns is None:
            if self.block is not None:
                for _, text in rows:
                    self.block.add(text.strip(), new_paragraph=False)
            return
        if self.block is not None:
            self.events.append(self.block.event())
            self.block = None
        for (line, _), row in zip(rows[2:], cells[2:], strict=True):
            self.events.append(_row_event(row, columns, line, self.source, self.clock))


def _table_cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", inner)]


def parse_markdown(text: str, source: str, clock: TimelineClock) -> ImportedTimeline:
    """Read a timeline from Markdown (or plain-text notes).

    * ``# Title`` (the first level-1 heading without a time) is the title.
    * Each list item is an event: ``- 14:02 UTC — text``, ``* 14:02 - text``,
      ``1. 14:02: text``, ``- [14:02] text``. The time is the longest leading
      part that reads as a time; an item that does not start with one is an
      event with an unknown time. Indented lines (nested items too) and lazy
      continuation lines belong to the item above.
    * A heading that starts with a time (``### 2024-03-01 14:02 UTC``) is an
      event; its text is the rest of the heading and the paragraphs under it,
      with a blank line between paragraphs.
    * A heading that is a date (``## 2024-03-01``) dates the events after it.
      Other headings are sections.
    * A table whose header names a time and a text column is read like CSV
      (other columns become ``Name: value`` lines of the text).
    * Outside events, a line that starts with a time of day is an event.
    * A time of day is split off the text even when no date is known yet
      (no ``date`` given, no dated row before it), and even when it looks
      like a clock but cannot be read (``14:02-14:05``): the event keeps the
      time as written, with :attr:`Precision.UNKNOWN`, so the import can say
      which times it did not understand. Later dates do not date earlier rows.
    * ``**Name**:`` or ``**Name** —`` at the start of the text gives the actor;
      ``(pivot)`` anywhere, or ``⚑`` / ``[pivot]`` at the start, marks a pivot.

    Args:
        text: The decoded file (see :func:`decode_text`).
        source: The file as named to the user, for errors.
        clock: Reads the times, carrying dates from row to row.

    Returns:
        The timeline.

    Raises:
        ImportFormatError: The file has no events, or a timeline table has a
            malformed row.
    """
    return _MarkdownReader(source, clock).read(text)


# --- files --------------------------------------------------------------------

_CSV_SUFFIXES = frozenset({".csv", ".tsv"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".txt"})


def _looks_like_csv(text: str) -> bool:
    first = next((line for line in _normalize_newlines(text).split("\n") if line.strip()), "")
    for delimiter in _DELIMITERS:
        if delimiter in first:
            cells = next(csv.reader([first], delimiter=delimiter))
            if any(_column_role(cell)[0] == "time" for cell in cells):
                return True
    return False


def read_timeline(
    path: Path,
    *,
    timezone: str = "UTC",
    date: dt.date | None = None,
    data: bytes | None = None,
) -> ImportedTimeline:
    """Read a timeline file, choosing the reader by the file's suffix.

    ``.csv``/``.tsv`` are CSV, ``.md``/``.markdown``/``.txt`` Markdown; any
    other file is CSV when its first line is a header naming a time column,
    Markdown otherwise. Nothing in the file is dropped without an error: CSV
    columns of no known role ("Notes", "Link") are added to each event's text
    as ``Name: value`` lines (see :func:`parse_csv`), and a time that cannot
    be read keeps its text with :attr:`Precision.UNKNOWN`.

    Args:
        path: The file. Errors name it as given.
        timezone: Zone for times written without one.
        date: Date for times written without one, until the file gives a date.
        data: The file's bytes when the caller has read them already (a pipe
            such as ``/dev/stdin`` can be read only once).

    Returns:
        The timeline.

    Raises:
        ImportFormatError: The file is not text or is malformed.
        ValueError: ``timezone`` is not a known zone.
        OSError: The file cannot be read.
    """
    clock = TimelineClock(timezone, date)
    source = str(path)
    text = decode_text(path.read_bytes() if data is None else data, source)
    suffix = path.suffix.lower()
    if suffix in _CSV_SUFFIXES or (suffix not in _MARKDOWN_SUFFIXES and _looks_like_csv(text)):
        return parse_csv(text, source, clock)
    return parse_markdown(text, source, clock)
