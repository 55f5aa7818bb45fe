"""The Markdown export: the same content as the PDF, valid tables, nothing private."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from test_pdf import FIELDS, NOW, PASTE, PREPARED, PRIVATE, PRIVATE_GENERAL, build_hostile

from debrief_desktop.export import export_debrief
from debrief_desktop.export.markdown import cell, escape
from debrief_desktop.store import Store
from debrief_desktop.store.models import Event

_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(markdown: str) -> str:
    """Roughly what a reader sees: escapes undone, cell breaks as spaces, spaces squashed."""
    text = _UNESCAPE.sub(r"\1", markdown.replace("<br>", " "))
    return " ".join(text.split())


def cells(row: str) -> list[str]:
    """The cells of a table row, split on pipes that are not escaped."""
    assert row.startswith("| ") and row.endswith(" |"), row[:80]
    return re.split(r"(?<!\\)\|", row[1:-1])


def tables(markdown: str) -> list[list[str]]:
    """Every table of the document, as its lines."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in markdown.split("\n"):
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


@pytest.fixture
def hostile_md(store: Store, tmp_path: Path) -> str:
    did = build_hostile(store)
    out = tmp_path / "notes.md"
    result = export_debrief(store, did, "markdown", out, now=NOW)
    assert result.pages is None and result.missing_glyphs == []
    return out.read_text(encoding="utf-8")


def test_escape_shows_text_as_typed() -> None:
    assert escape("a<b R&D &amp; *x* [l](u) `c`") == (
        "a\\<b R&D \\&amp; \\*x\\* \\[l\\](u) \\`c\\`"
    )
    assert escape("# not a heading\n- not a list\n1. not a list") == (
        "\\# not a heading\n\\- not a list\n1\\. not a list"
    )
    assert cell("a | b\nc") == "a \\| b<br>c"


def test_every_string_entered_is_in_the_markdown(hostile_md: str) -> None:
    text = shown(hostile_md)
    for name, value in FIELDS.items():
        assert " ".join(value.split()) in text, name
    assert "Bo's own account, kept apart." in text
    assert PASTE in text  # the 100 kB paste, whole: emoji, CJK and RTL are plain text here


def test_markup_is_never_raw(hostile_md: str) -> None:
    assert "<script>" not in hostile_md and "<b>" not in hostile_md
    assert "\\&amp;" in hostile_md  # an entity would show as "&"


def test_private_text_never_exported(hostile_md: str, store: Store) -> None:
    for secret in (PRIVATE, PRIVATE_GENERAL, PREPARED):
        assert secret.split()[0] not in hostile_md


def test_tables_are_valid(hostile_md: str) -> None:
    found = tables(hostile_md)
    headers = [t[0] for t in found]
    assert "| # | Time | Who | Kind | What happened |" in headers
    assert "| # | Action | Owner | Priority | Due | Status |" in headers
    for table in found:
        width = len(cells(table[0]))
        assert re.fullmatch(r"\|(---\|)+", table[1]) and table[1].count("---") == width
        for row in table[2:]:
            assert len(cells(row)) == width, row[:80]


def test_pipes_and_line_breaks_stay_inside_a_cell(store: Store) -> None:
    did = store.create_debrief("Pipes").id
    store.add(
        Event,
        debrief_id=did,
        time_text="",
        instant=None,
        precision="unknown",
        timezone="",
        actor="a|b",
        kind="note",
        text="first | second\nthird line",
        pivot=False,
    )
    data = io.BytesIO()
    export_debrief(store, did, "markdown", data, now=NOW)
    md = data.getvalue().decode()
    (timeline,) = [t for t in tables(md) if t[0].startswith("| # | Time")]
    assert len(timeline) == 3
    row = cells(timeline[2])
    assert len(row) == 5
    assert row[4].strip() == "first \\| second<br>third line"


def test_warnings_na_and_metrics(hostile_md: str) -> None:
    text = shown(hostile_md)
    assert "Needs attention" in text and "**no owner**" in hostile_md
    assert "Action item 2 “Nobody owns this one yet” has no owner and no priority." in text
    assert "◆ pivot" in text
    assert "Ana <Lead> (R&D manager):** My account" in text
    assert "1 of 2 said yes (half is 1)" in text
    assert "The room confirmed that this impact assessment is complete." in text


def test_pre_read_has_only_title_summary_and_timeline(store: Store) -> None:
    did = build_hostile(store)
    data = io.BytesIO()
    export_debrief(store, did, "markdown", data, pre_read=True, now=NOW)
    md = data.getvalue().decode()
    headings = re.findall(r"^## (.*)$", md, re.MULTILINE)
    assert headings == ["Summary", "Timeline"]
    assert "Pre-read" in md and "w16699" in md
    assert FIELDS["learning"] not in shown(md) and "Action items" not in md


def test_empty_sections_say_not_filled_in_or_na(store: Store) -> None:
    d = store.create_debrief("Sparse", na_reasons='{"learnings": "Nothing new | this time"}')
    data = io.BytesIO()
    export_debrief(store, d.id, "markdown", data, now=NOW)
    md = data.getvalue().decode()
    assert "*N/A — Nothing new | this time*" in md
    assert md.count("*Not filled in.*") == 10
