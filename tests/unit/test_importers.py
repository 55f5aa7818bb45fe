"""Importing prepared timelines from CSV and Markdown (facilitation.importers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from debrief_desktop.facilitation.importers import (
    ImportedEvent,
    ImportedTimeline,
    ImportFormatError,
    decode_text,
    parse_csv,
    parse_markdown,
    read_timeline,
)
from debrief_desktop.facilitation.timeline_import import store_timeline
from debrief_desktop.facilitation.timeparse import ParsedTime, TimelineClock
from debrief_desktop.store import Store
from debrief_desktop.store.models import EventKind, Precision

MARCH_1 = dt.date(2024, 3, 1)
EN_DASH = "\N{EN DASH}"
UNKNOWN_TIME = ParsedTime("", None, Precision.UNKNOWN, "")
# Markup, emoji, right-to-left and CJK text must come through unchanged.
AWKWARD_TEXT = "<b>&amp;</b> *not bold* `code` \\n 🚀🔥 שלום עולם مرحبا 漢字テスト"


def csv_timeline(text: str, clock: TimelineClock | None = None) -> ImportedTimeline:
    return parse_csv(text, "notes.csv", clock or TimelineClock(date=MARCH_1))


def md_timeline(text: str, clock: TimelineClock | None = None) -> ImportedTimeline:
    return parse_markdown(text, "notes.md", clock or TimelineClock(date=MARCH_1))


def instants(timeline: ImportedTimeline) -> list[str | None]:
    return [None if e.time.instant is None else e.time.instant.isoformat() for e in timeline.events]


def csv_error(text: str) -> str:
    with pytest.raises(ImportFormatError) as caught:
        csv_timeline(text)
    return str(caught.value)


# --- decode_text --------------------------------------------------------------------


def test_decode_text_reads_utf8() -> None:
    assert decode_text("time,text\n14:02,Grüße 🚀\n".encode(), "notes.csv") == (
        "time,text\n14:02,Grüße 🚀\n"
    )


def test_decode_text_drops_a_byte_order_mark() -> None:
    assert decode_text(b"\xef\xbb\xbftime,text\n", "notes.csv") == "time,text\n"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"time,text\n14:02,ok\n14:03,\x00\x01\x02\n", 3),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 1),
        (b"time,text\n14:02,caf\xe9\n", 2),  # Latin-1, not UTF-8
        ("time,text\n".encode("utf-16"), 1),
        (b"time,text\n14:02,\x00 ok\n14:03,caf\xe9\n", 2),  # the first bad byte counts
    ],
)
def test_decode_text_rejects_binary_data_naming_the_line(data: bytes, line: int) -> None:
    with pytest.raises(ImportFormatError) as caught:
        decode_text(data, "notes.csv")

    assert str(caught.value) == (
        f"notes.csv:{line}: not a text file (binary data or an encoding other than UTF-8)"
    )
    assert (caught.value.source, caught.value.line) == ("notes.csv", line)


def test_import_format_error_is_a_value_error_with_its_parts() -> None:
    error = ImportFormatError("notes.csv", 7, "bad quoting")

    assert isinstance(error, ValueError)
    assert str(error) == "notes.csv:7: bad quoting"
    assert (error.source, error.line, error.message) == ("notes.csv", 7, "bad quoting")


# --- CSV: happy paths -----------------------------------------------------------


def test_csv_with_commas() -> None:
    timeline = csv_timeline("time,text\n14:02,Pager fires\n14:05,Alice acknowledges\n")

    assert timeline == ImportedTimeline(
        None,
        [
            ImportedEvent(
                2,
                ParsedTime(
                    "14:02",
                    dt.datetime(2024, 3, 1, 14, 2, tzinfo=dt.UTC),
                    Precision.EXACT,
                    "UTC",
                ),
                "",
                "Pager fires",
                EventKind.NOTE,
                False,
            ),
            ImportedEvent(
                3,
                ParsedTime(
                    "14:05",
                    dt.datetime(2024, 3, 1, 14, 5, tzinfo=dt.UTC),
                    Precision.EXACT,
                    "UTC",
                ),
                "",
                "Alice acknowledges",
                EventKind.NOTE,
                False,
            ),
        ],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("time\ttext\n14:02\tPager fires, loudly; twice\n", "Pager fires, loudly; twice"),
        ("time;text;who\n14:02;Pager fires, loudly;\n", "Pager fires, loudly"),
        ('time;text\n14:02;"Pager fires, loudly; twice"\n', "Pager fires, loudly; twice"),
        ('time,text\n14:02,"Pager fires, loudly; twice"\n', "Pager fires, loudly; twice"),
        ('time, text\n14:02, "Pager fires, loudly; twice"\n', "Pager fires, loudly; twice"),
        ('time,text\r\n14:02,"Pager fires,\r\nloudly"\r\n', "Pager fires,\nloudly"),
    ],
    ids=["tab", "semicolon", "semicolon-quoted", "comma-quoted", "space-after-comma", "crlf"],
)
def test_csv_delimiters(text: str, expected: str) -> None:
    timeline = csv_timeline(text)

    assert [(e.line, e.time.text, e.text) for e in timeline.events] == [(2, "14:02", expected)]


def test_csv_with_a_byte_order_mark() -> None:
    text = decode_text(b"\xef\xbb\xbfTime,Text\n14:02,Pager fires\n", "notes.csv")

    assert [e.text for e in csv_timeline(text).events] == ["Pager fires"]


def test_csv_quoted_multiline_text_keeps_later_line_numbers() -> None:
    text = (
        "time,text\n"
        '14:02,"Pager fires.\nNobody answers.\n\nStill nothing."\n'
        "\n"
        '14:05,"Alice says ""on it"""\n'
        "14:06,Bob joins\n"
    )

    timeline = csv_timeline(text)

    assert [(e.line, e.text) for e in timeline.events] == [
        (2, "Pager fires.\nNobody answers.\n\nStill nothing."),
        (7, 'Alice says "on it"'),
        (8, "Bob joins"),
    ]


def test_csv_blank_lines_are_skipped() -> None:
    timeline = csv_timeline("\n\ntime,text\n\n14:02,a\n  \n,\n14:03,b\n")

    assert [(e.line, e.text) for e in timeline.events] == [(5, "a"), (8, "b")]


def test_csv_text_is_kept_exactly() -> None:
    timeline = csv_timeline(f'time,text\n14:02,"{AWKWARD_TEXT}"\n')

    assert timeline.events[0].text == AWKWARD_TEXT


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("Timestamp,Description", "14:02,x"),
        ("WHEN,What", "14:02,x"),
        ("datetime,summary", "14:02,x"),
        ("Date/Time,Message", "14:02,x"),
        ("text,time", "x,14:02"),
        ("event,Time ", "x,14:02"),
        ("What happened,when", "x,14:02"),
        ("date,event", "14:02,x"),  # a lone date column holds the whole time
    ],
)
def test_csv_column_names_have_synonyms(header: str, row: str) -> None:
    timeline = csv_timeline(f"{header}\n{row}\n")

    assert [(e.time.text, e.text) for e in timeline.events] == [("14:02", "x")]


def test_csv_actor_kind_and_pivot_columns() -> None:
    text = (
        "Time,Who,Event,Type,Pivot\n"
        "14:02,Alice,Pager fires,Observation,yes\n"
        "14:03,Bob,Restart,ACTION,X\n"
        "14:04,,Roll back,decision,no\n"
        "14:05,Carol,Tell support,,\n"
        "14:06,Dan,Assume cache,assumption,1\n"
    )

    timeline = csv_timeline(text)

    assert [(e.actor, e.kind, e.pivot) for e in timeline.events] == [
        ("Alice", EventKind.OBSERVATION, True),
        ("Bob", EventKind.ACTION, True),
        ("", EventKind.DECISION, False),
        ("Carol", EventKind.NOTE, False),
        ("Dan", EventKind.ASSUMPTION, True),
    ]


def test_csv_short_rows_leave_optional_columns_empty() -> None:
    timeline = csv_timeline("time,text,actor\n14:02,x\n14:03,y,,\n")

    assert [(e.text, e.actor) for e in timeline.events] == [("x", ""), ("y", "")]


def test_csv_date_and_time_columns_are_combined() -> None:
    text = (
        "date,time,text\n"
        "2024-03-05,23:50,late\n"
        ",00:05,after midnight\n"
        "2024-03-07,~09:00,morning\n"
        "2024-03-08,,all day\n"
    )

    timeline = csv_timeline(text)

    assert [(e.time.text, e.time.precision) for e in timeline.events] == [
        ("2024-03-05 23:50", Precision.EXACT),
        ("00:05", Precision.EXACT),
        ("2024-03-07 ~09:00", Precision.APPROXIMATE),
        ("2024-03-08", Precision.DATE),
    ]
    assert instants(timeline) == [
        "2024-03-05T23:50:00+00:00",
        "2024-03-06T00:05:00+00:00",
        "2024-03-07T09:00:00+00:00",
        "2024-03-08T00:00:00+00:00",
    ]


def test_csv_header_can_name_the_zone_of_the_times() -> None:
    text = "Time (America/New_York),Text\n2024-03-01 09:00,a\n2024-03-01 15:00 UTC,b\n"

    timeline = csv_timeline(text, TimelineClock("Europe/Berlin"))

    assert [(e.time.timezone) for e in timeline.events] == ["America/New_York", "UTC"]
    assert instants(timeline) == ["2024-03-01T14:00:00+00:00", "2024-03-01T15:00:00+00:00"]


def test_csv_unreadable_times_are_kept_as_text() -> None:
    timeline = csv_timeline("time,text\nafter lunch,a\n,b\n")

    assert [e.time for e in timeline.events] == [
        ParsedTime("after lunch", None, Precision.UNKNOWN, ""),
        UNKNOWN_TIME,
    ]


# --- CSV: malformed files ---------------------------------------------------------


def test_csv_unterminated_quote_at_end_of_file() -> None:
    text = 'time,text\n14:02,ok\n14:03,"never closed\nmore text\n'

    assert csv_error(text) == 'notes.csv:3: a quoted field that starts here has no closing "'


def test_csv_bad_quoting_names_the_line() -> None:
    text = 'time,text\n14:01,"two\nlines"\n14:02,"ab"c\n'

    assert csv_error(text) == "notes.csv:4: bad quoting: ',' expected after '\"'"


def test_csv_missing_text_column() -> None:
    assert csv_error("\ntime,who\n14:02,Alice\n") == (
        "notes.csv:2: no text column: the header must name one of: "
        "text, event, description, what, summary, message, what happened"
    )


def test_csv_missing_time_column() -> None:
    assert csv_error("who,text\nAlice,x\n") == (
        "notes.csv:1: no time column: the header must name one of: "
        "time, timestamp, when, datetime, date/time, date time, date and time"
    )


def test_csv_two_columns_for_one_role() -> None:
    assert csv_error("time,timestamp,text\n14:02,14:02,x\n") == (
        "notes.csv:1: two columns for the time: 'time' and 'timestamp'"
    )


def test_csv_row_with_more_fields_than_the_header() -> None:
    text = 'time,text\n14:01,"multi\nline"\n14:02,x,surplus\n'

    assert csv_error(text) == "notes.csv:4: 3 fields, but the header names only 2 columns"


def test_csv_unknown_kind_lists_the_allowed_ones() -> None:
    text = "time,text,kind\n14:02,x,action\n14:03,y,Blame\n"

    assert csv_error(text) == (
        "notes.csv:3: unknown kind 'Blame': use one of action, observation, decision, "
        "expectation, assumption, communication, note (or leave it empty)"
    )


def test_csv_unknown_pivot_value() -> None:
    assert csv_error("time,text,pivot\n14:02,x,maybe\n") == (
        "notes.csv:2: unknown pivot value 'maybe': use yes/true/1/x/y for a pivot point, "
        "no/false/0/n or empty otherwise"
    )


def test_csv_row_without_text() -> None:
    assert csv_error("time,text,actor\n14:02,x,\n14:03,,Alice\n") == (
        "notes.csv:3: the text of this event is empty"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "  \n\t\n"])
def test_csv_empty_file(text: str) -> None:
    assert csv_error(text) == "notes.csv:1: empty file: expected a header line naming the columns"


def test_csv_header_without_rows() -> None:
    assert csv_error("time,text\n\n\n") == "notes.csv:1: no events found: the header has no rows"


# --- Markdown -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- 14:02 UTC — Pager fires",
        "* 14:02 - Pager fires",
        "1. 14:02: Pager fires",
        f"- 14:02 {EN_DASH} Pager fires",
        "- 14:02 | Pager fires",
        "+ 14:02—Pager fires",
        "- 14:02 Pager fires",
        "- [14:02] Pager fires",
        "- **14:02** — Pager fires",
        "2) 2:02 PM — Pager fires",
        "- 2024-03-01 14:02:00 UTC: Pager fires",
    ],
)
def test_markdown_list_item_styles(line: str) -> None:
    timeline = md_timeline(f"{line}\n")

    [event] = timeline.events
    assert (event.line, event.text, event.time.precision) == (1, "Pager fires", Precision.EXACT)
    assert instants(timeline) == ["2024-03-01T14:02:00+00:00"]


def test_markdown_times_may_hold_separators() -> None:
    timeline = md_timeline("- 2024-03-01 14:02:30 - 05:00 - unclear\n- ~14:05: Ack: Alice\n")

    assert [(e.time.text, e.text) for e in timeline.events] == [
        ("2024-03-01 14:02:30", "05:00 - unclear"),
        ("~14:05", "Ack: Alice"),
    ]


def test_markdown_title_and_sections() -> None:
    text = (
        "# Checkout outage\n"
        "\n"
        "Some prose about the incident, not an event.\n"
        "\n"
        "## Timeline\n"
        "\n"
        "- 14:02 Pager fires\n"
        "\n"
        "## Follow-up\n"
        "\n"
        "# Another level-one heading\n"
    )

    timeline = md_timeline(text)

    assert timeline.title == "Checkout outage"
    assert [(e.line, e.text) for e in timeline.events] == [(7, "Pager fires")]


def test_markdown_title_with_a_date_dates_the_events() -> None:
    timeline = md_timeline("# 2024-03-05 Checkout outage\n- 14:02 x\n")

    assert timeline.title == "2024-03-05 Checkout outage"
    assert instants(timeline) == ["2024-03-05T14:02:00+00:00"]


def test_markdown_without_a_title() -> None:
    assert md_timeline("## Timeline\n- 14:02 x\n").title is None


def test_markdown_heading_events_take_the_paragraphs_under_them() -> None:
    text = (
        "### 2024-03-01 14:02 UTC\n"
        "\n"
        "Pager fires for checkout.\n"
        "Nobody is on call.\n"
        "\n"
        "Alice sees it in chat.\n"
        "\n"
        "### 14:10 Eastern — Rollback\n"
        "Bob rolls back.\n"
        "## 15:00\n"
    )

    timeline = md_timeline(text)

    assert [(e.line, e.time.text, e.text) for e in timeline.events] == [
        (
            1,
            "2024-03-01 14:02 UTC",
            "Pager fires for checkout.\nNobody is on call.\n\nAlice sees it in chat.",
        ),
        (8, "14:10 Eastern", "Rollback\n\nBob rolls back."),
        (10, "15:00", ""),
    ]
    # "15:00" names no zone: it is in the zone written last, Eastern.
    assert instants(timeline) == [
        "2024-03-01T14:02:00+00:00",
        "2024-03-01T19:10:00+00:00",
        "2024-03-01T20:00:00+00:00",
    ]


def test_markdown_date_headings_date_the_events_after_them() -> None:
    text = (
        "## 2024-03-05\n- 23:50 late\n- 00:05 after midnight\n## March 7, 2024\n- 09:00 morning\n"
    )

    timeline = md_timeline(text)

    assert [e.line for e in timeline.events] == [2, 3, 5]
    assert instants(timeline) == [
        "2024-03-05T23:50:00+00:00",
        "2024-03-06T00:05:00+00:00",
        "2024-03-07T09:00:00+00:00",
    ]


def test_markdown_relative_headings_need_an_amount() -> None:
    text = "- 14:00 start\n### 5 minutes later\nthings calm down\n## Afterwards\nprose\n"

    timeline = md_timeline(text)

    assert [(e.time.text, e.text) for e in timeline.events] == [
        ("14:00", "start"),
        ("5 minutes later", "things calm down"),
    ]


def test_markdown_items_without_a_time_keep_all_their_text() -> None:
    timeline = md_timeline("- 14:02 x\n- Later the team met: all of it\n- Checked logs - nothing\n")

    assert [(e.time, e.text) for e in timeline.events[1:]] == [
        (UNKNOWN_TIME, "Later the team met: all of it"),
        (UNKNOWN_TIME, "Checked logs - nothing"),
    ]


def test_markdown_relative_and_approximate_items() -> None:
    timeline = md_timeline("- 14:00 start\n- 2 minutes later — next\n- ~14:10 — guess\n")

    assert [(e.time.text, e.time.precision) for e in timeline.events] == [
        ("14:00", Precision.EXACT),
        ("2 minutes later", Precision.RELATIVE),
        ("~14:10", Precision.APPROXIMATE),
    ]
    assert instants(timeline)[1] == "2024-03-01T14:02:00+00:00"


def test_markdown_continuation_lines_belong_to_the_item_above() -> None:
    text = (
        "- 14:02 Pager fires\n"
        "  for checkout only\n"
        "  - nested detail\n"
        "lazy continuation\n"
        "\n"
        "  second paragraph\n"
        "\n"
        "Prose after the list.\n"
        "- 14:05 Ack\n"
    )

    timeline = md_timeline(text)

    assert [(e.line, e.text) for e in timeline.events] == [
        (
            1,
            "Pager fires\nfor checkout only\n- nested detail\nlazy continuation\n\n"
            "second paragraph",
        ),
        (9, "Ack"),
    ]


def test_markdown_text_is_kept_exactly() -> None:
    timeline = md_timeline(f"- 14:02 — {AWKWARD_TEXT}\n")

    assert timeline.events[0].text == AWKWARD_TEXT


@pytest.mark.parametrize(
    ("line", "actor", "text"),
    [
        ("- 14:02 — **Alice**: restarts the pool", "Alice", "restarts the pool"),
        ("- 14:02 — **Alice Smith** — restarts the pool", "Alice Smith", "restarts the pool"),
        ("- 14:02 — **Alice:** restarts the pool", "Alice", "restarts the pool"),
        ("- 14:02 — restarts **the** pool", "", "restarts **the** pool"),
    ],
)
def test_markdown_actor(line: str, actor: str, text: str) -> None:
    [event] = md_timeline(f"{line}\n").events

    assert (event.actor, event.text) == (actor, text)


@pytest.mark.parametrize(
    ("line", "pivot", "text"),
    [
        ("- 14:02 — Roll back (pivot)", True, "Roll back"),
        ("- 14:02 — Roll back (Pivot) now", True, "Roll back now"),
        ("- 14:02 — ⚑ Roll back", True, "Roll back"),
        ("- ⚑ 14:02 — Roll back", True, "Roll back"),
        ("- 14:02 — [pivot] Roll back", True, "Roll back"),
        ("- 14:02 — **Alice**: ⚑ Roll back", True, "Roll back"),
        ("- 14:02 — Roll back", False, "Roll back"),
    ],
)
def test_markdown_pivot_markers(line: str, pivot: bool, text: str) -> None:
    [event] = md_timeline(f"{line}\n").events

    assert (event.pivot, event.text) == (pivot, text)


def test_markdown_timeline_tables_are_read_like_csv() -> None:
    text = (
        "# Outage\n"
        "| Time | Who | What | Kind |\n"
        "|:-----|-----|------|------|\n"
        "| 14:02 | Alice | Pager \\| fires | observation |\n"
        "| 14:05 | Bob | Restart | |\n"
        "\n"
        "| Metric | Value |\n"
        "|---|---|\n"
        "| errors | 12% |\n"
    )

    timeline = md_timeline(text)

    assert [(e.line, e.actor, e.text, e.kind) for e in timeline.events] == [
        (4, "Alice", "Pager | fires", EventKind.OBSERVATION),
        (5, "Bob", "Restart", EventKind.NOTE),
    ]


def test_markdown_table_errors_name_the_line() -> None:
    text = "| Time | What | Kind |\n|---|---|---|\n| 14:02 | x | note |\n| 14:03 | y | oops |\n"

    with pytest.raises(ImportFormatError, match=r"^notes\.md:4: unknown kind 'oops'"):
        md_timeline(text)


def test_plain_text_lines_that_start_with_a_time_are_events() -> None:
    text = "Notes from the bridge\n2024-03-01\n23:58 Pager fires\n00:03 Alice joins\nthanks all\n"

    timeline = md_timeline(text, TimelineClock())

    assert [(e.line, e.text) for e in timeline.events] == [
        (3, "Pager fires"),
        (4, "Alice joins\nthanks all"),
    ]
    assert instants(timeline) == ["2024-03-01T23:58:00+00:00", "2024-03-02T00:03:00+00:00"]


def test_markdown_code_blocks_keep_their_indentation() -> None:
    text = "### 14:02 Config\n```yaml\nretries:\n  max: 3\n# not a heading\n```\n"

    [event] = md_timeline(text).events

    assert event.text == "Config\n\n```yaml\nretries:\n  max: 3\n# not a heading\n```"


def test_markdown_code_blocks_are_not_items() -> None:
    text = "- 14:02 Ran\n  ```\n  - 14:03 not an item\n  ```\n"

    [event] = md_timeline(text).events

    assert event.text == "Ran\n```\n- 14:03 not an item\n```"


@pytest.mark.parametrize(
    "text", ["", "# Title only\n", "Just prose.\n\n## Section\n\nMore prose.\n", "## 2024-03-01\n"]
)
def test_markdown_without_events(text: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        md_timeline(text)

    assert str(caught.value).startswith("notes.md:1: no events found")


# --- read_timeline ----------------------------------------------------------------


CSV_TEXT = "time,text\n14:02,from csv\n"
MARKDOWN_TEXT = "# Title\n- 14:02 from markdown\n"


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("notes.csv", CSV_TEXT, "from csv"),
        ("notes.CSV", CSV_TEXT, "from csv"),
        ("notes.tsv", "time\ttext\n14:02\tfrom tsv\n", "from tsv"),
        ("notes.md", MARKDOWN_TEXT, "from markdown"),
        ("notes.markdown", MARKDOWN_TEXT, "from markdown"),
        ("notes.txt", "14:02 from plain text\n", "from plain text"),
        ("notes.txt", "- time, text, from markdown\n- 14:02 x\n", "time, text, from markdown"),
        ("notes", CSV_TEXT, "from csv"),
        ("notes.log", "When;What\n14:02;sniffed csv\n", "sniffed csv"),
        ("notes.log", MARKDOWN_TEXT, "from markdown"),
        (
            "notes.log",
            "Hello, world\n- 14:02 commas but no time column\n",
            "commas but no time column",
        ),
    ],
)
def test_read_timeline_dispatches_by_suffix_then_content(
    tmp_path: Path, name: str, content: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    timeline = read_timeline(path, date=MARCH_1)

    assert timeline.events[0].text == text


def test_read_timeline_applies_timezone_and_date(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b"\xef\xbb\xbftime,text\n23:50,a\n00:05,b\n")

    timeline = read_timeline(path, timezone="America/New_York", date=MARCH_1)

    assert instants(timeline) == ["2024-03-02T04:50:00+00:00", "2024-03-02T05:05:00+00:00"]
    assert {e.time.timezone for e in timeline.events} == {"America/New_York"}


def test_read_timeline_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b"time,text\n14:02,ok\n14:03,\xff\xfe\n")

    with pytest.raises(ImportFormatError) as caught:
        read_timeline(path)

    assert caught.value.source == str(path)
    assert str(caught.value).startswith(f"{path}:3: not a text file")


def test_read_timeline_refuses_an_unknown_timezone(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")

    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus_Mons'"):
        read_timeline(path, timezone="Mars/Olympus_Mons")


# --- no date given: undated times stay unknown but keep their text ----------------
#
# The helpers above date the first rows with MARCH_1; these read as an import
# without --date does, with a fresh clock.


def undated(timeline: ImportedTimeline) -> list[tuple[int, str, str, Precision, str | None]]:
    """(line, time as written, text, precision, instant) of each event."""
    return [
        (
            e.line,
            e.time.text,
            e.text,
            e.time.precision,
            None if e.time.instant is None else e.time.instant.isoformat(),
        )
        for e in timeline.events
    ]


UNKNOWN = Precision.UNKNOWN
EXACT = Precision.EXACT


def test_csv_without_a_date_keeps_the_times_it_cannot_place() -> None:
    text = "time,text\n14:02,Alert fires\n14:05 UTC,Ack\n2024-03-01 14:20,Rollback\n14:30,Done\n"

    timeline = csv_timeline(text, TimelineClock())

    assert undated(timeline) == [
        (2, "14:02", "Alert fires", UNKNOWN, None),
        (3, "14:05 UTC", "Ack", UNKNOWN, None),
        (4, "2024-03-01 14:20", "Rollback", EXACT, "2024-03-01T14:20:00+00:00"),
        (5, "14:30", "Done", EXACT, "2024-03-01T14:30:00+00:00"),
    ]


def test_markdown_list_without_a_date_splits_off_the_times() -> None:
    text = (
        "- 14:02 UTC — Alert fires\n"
        "- [14:05] Ack\n"
        "- ~14:07: **Bob**: looks at graphs\n"
        "- 2024-03-01 14:20 UTC — Rollback\n"
        "- 14:30 — Recovered\n"
    )

    timeline = md_timeline(text, TimelineClock())

    assert undated(timeline) == [
        (1, "14:02 UTC", "Alert fires", UNKNOWN, None),
        (2, "14:05", "Ack", UNKNOWN, None),
        (3, "~14:07", "looks at graphs", UNKNOWN, None),
        (4, "2024-03-01 14:20 UTC", "Rollback", EXACT, "2024-03-01T14:20:00+00:00"),
        (5, "14:30", "Recovered", EXACT, "2024-03-01T14:30:00+00:00"),
    ]
    assert timeline.events[2].actor == "Bob"


def test_markdown_headings_without_a_date_are_events() -> None:
    text = (
        "# O\n\n### 14:02 UTC\nAlert fires.\n\n### 14:05 UTC\nAck.\n\n"
        "### 2024-03-01 14:20 UTC\nRollback.\n"
    )

    timeline = md_timeline(text, TimelineClock())

    assert timeline.title == "O"
    assert undated(timeline) == [
        (3, "14:02 UTC", "Alert fires.", UNKNOWN, None),
        (6, "14:05 UTC", "Ack.", UNKNOWN, None),
        (9, "2024-03-01 14:20 UTC", "Rollback.", EXACT, "2024-03-01T14:20:00+00:00"),
    ]


def test_plain_lines_without_a_date_are_events() -> None:
    text = (
        "Notes from the bridge\n"
        "14:02 Pager fires\n"
        "14:05 Alice joins\n"
        "thanks all\n"
        "2024-03-01\n"
        "14:20 Rollback\n"
    )

    timeline = md_timeline(text, TimelineClock())

    assert undated(timeline) == [
        (2, "14:02", "Pager fires", UNKNOWN, None),
        (3, "14:05", "Alice joins\nthanks all", UNKNOWN, None),
        (6, "14:20", "Rollback", EXACT, "2024-03-01T14:20:00+00:00"),
    ]


def test_undated_times_are_reported_as_not_understood(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("### 14:02 UTC\nAlert fires.\n\n- 14:05 — Ack\n", encoding="utf-8")

    with Store.open(tmp_path / "library.sqlite") as store:
        result = store_timeline(store, read_timeline(path), "O")
        events = store.events(result.debrief_id)

    assert result.unknown_time_lines == [1, 4]
    assert [(e.time_text, e.text) for e in events] == [
        ("14:02 UTC", "Alert fires."),
        ("14:05", "Ack"),
    ]


# --- clock-like times that cannot be read ------------------------------------------


@pytest.mark.parametrize(
    ("text", "time", "rest"),
    [
        ("- 14:02-14:05 — Outage window\n", "14:02-14:05", "Outage window"),
        ("- [14:02-14:05] Outage window\n", "14:02-14:05", "Outage window"),
        ("- 14:02-14:05 Outage window\n", "14:02-14:05", "Outage window"),
        ("- 14:02:61 UTC — Outage\n", "14:02:61 UTC", "Outage"),
        ("- 99:99 server down — paging\n", "99:99", "server down — paging"),
        ("### 14:02-14:05 — Outage window\nDetails.\n", "14:02-14:05", "Outage window\n\nDetails."),
        ("### 14:02-14:05\nDetails.\n", "14:02-14:05", "Details."),
        # prose, not a time
        ("- 5 servers down at 14:02 — paging\n", "", "5 servers down at 14:02 — paging"),
        ("- 1:1 with Bob — notes\n", "", "1:1 with Bob — notes"),
    ],
)
def test_clock_like_times_that_cannot_be_read_keep_their_text(
    text: str, time: str, rest: str
) -> None:
    [event] = md_timeline(text).events

    assert (event.time, event.text) == (ParsedTime(time, None, UNKNOWN, ""), rest)


# --- the zone and the year carry from row to row -----------------------------------


def test_markdown_bare_times_take_the_zone_written_last() -> None:
    timeline = md_timeline("- 2024-03-01 14:00 PST — a\n- 14:30 — b\n")

    assert [(e.time.precision, e.time.timezone) for e in timeline.events] == [
        (EXACT, "America/Los_Angeles"),
        (EXACT, "America/Los_Angeles"),
    ]
    assert instants(timeline) == ["2024-03-01T22:00:00+00:00", "2024-03-01T22:30:00+00:00"]


def test_csv_bare_times_take_the_zone_written_last() -> None:
    timeline = csv_timeline("time,text\n2024-03-01 14:00 PST,a\n14:30,b\n")

    assert instants(timeline) == ["2024-03-01T22:00:00+00:00", "2024-03-01T22:30:00+00:00"]


def test_dates_without_a_year_roll_over_the_year() -> None:
    timeline = md_timeline("- 2023-12-31 23:50 — a\n- Jan 1 00:10 — b\n")

    assert [e.time.text for e in timeline.events] == ["2023-12-31 23:50", "Jan 1 00:10"]
    assert instants(timeline) == ["2023-12-31T23:50:00+00:00", "2024-01-01T00:10:00+00:00"]


# --- columns of no known role -------------------------------------------------------


def test_csv_other_columns_become_lines_of_the_text() -> None:
    text = (
        "Time,Text,Notes,Link,Owner\n"
        "14:02,Pager fires,see graph,https://example.com/1,\n"
        "14:05,Ack,,,Alice\n"
        '14:07,Restart,"two\r\nlines",,\n'
        "14:09,Quiet,,,\n"
    )

    timeline = csv_timeline(text)

    assert [e.text for e in timeline.events] == [
        "Pager fires\nNotes: see graph\nLink: https://example.com/1",
        "Ack\nOwner: Alice",
        "Restart\nNotes: two\nlines",
        "Quiet",
    ]


def test_csv_unnamed_columns_are_kept_too() -> None:
    timeline = csv_timeline("time,text,\n14:02,a,extra\n")

    assert [e.text for e in timeline.events] == ["a\nColumn 3: extra"]


def test_markdown_table_other_columns_become_lines_of_the_text() -> None:
    text = "| Time | What | Link |\n|---|---|---|\n| 14:02 | x | https://example.com |\n"

    assert [e.text for e in md_timeline(text).events] == ["x\nLink: https://example.com"]
