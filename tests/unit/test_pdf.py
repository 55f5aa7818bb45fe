"""The PDF export, tested by what a reader sees: its extracted text and its pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from debrief_desktop.export import ExportResult, build_report, export_debrief
from debrief_desktop.export.fonts import FontSet, default_fonts
from debrief_desktop.export.pdf import render_pdf
from debrief_desktop.export.text import REPLACEMENT, TextFormatter, escape, visual_lines
from debrief_desktop.store import Store
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    AskedQuestion,
    Attendee,
    Debrief,
    Event,
    GuardRail,
    Learning,
    Note,
    Perspective,
    PrivateNote,
    Recipient,
    SurveyResponse,
)

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
Hostile = tuple[Store, int, Path, ExportResult]
PRIVATE = "PRIVATE-NOTE-q7x3 do not share"
PRIVATE_GENERAL = "PRIVATE-GENERAL-k2m9 keep to myself"
PREPARED = "PREPARED-QUESTION-v5n1 ask gently"
# Words of a 100 kB paste: every one must come out, in order.
PASTE = " ".join(f"w{i:05d}" for i in range(16_700))
HOSTILE = {
    "markup": "<script>alert(1)</script>",
    "lt": "a<b",
    "amp": "R&D",
    "entity": "&amp;",
    "combining": "cafe\u0301 nai\u0308ve",
    "chinese": "中文测试",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "emoji_shown": "😀",
    "emoji_missing": "🦄",
}
FIELDS = {
    "title": "Checkout <b>outage</b> a<b R&D",
    "summary": "Summary: <script>alert(1)</script> and a<b and R&D and &amp; end.",
    "impact": "Impact text with cafe\u0301 and 中文测试 here.",
    "actor": "R&D <team>",
    "time": "~14:05 <approx>",
    "event": "The event: مرحبا بالعالم then שלום עולם after.",
    "account": "My account: 😀 smiling and 🦄 unicorn.",
    "note": "Shared note: a<b<c & d",
    "learning": "Learning: nai\u0308ve assumptions & <tags>",
    "guard": "Guard rail: rate <limits> & retries",
    "action": "Action: fix the <config> & linter",
    "owner": "Zoë <ops>",
    "recipient": "team&co <list@example.org>",
    "attendee": "Ana <Lead>",
    "role": "R&D manager",
    "question": "What did you <expect> & why?",
    "step": "Walk the <timeline>",
    "learned_what": "That a<b is not b>a",
}


def build_hostile(store: Store) -> int:
    """A debrief with hostile text in every field a person can type, and private text."""
    d = store.create_debrief(
        FIELDS["title"],
        summary=FIELDS["summary"],
        impact=FIELDS["impact"],
        impact_complete=True,
        facilitator="Hannah",
        note_taker="Jonas",
        meeting_date="2026-11-23",
        timezone="UTC",
    )
    did = d.id
    ana = store.add(Attendee, debrief_id=did, name=FIELDS["attendee"], role=FIELDS["role"])
    bo = store.add(Attendee, debrief_id=did, name="Bo", role="")
    e1 = store.add(
        Event,
        debrief_id=did,
        time_text=FIELDS["time"],
        instant=None,
        precision="approximate",
        timezone="UTC",
        actor=FIELDS["actor"],
        kind="decision",
        text=FIELDS["event"],
        pivot=True,
    )
    store.add(
        Event,
        debrief_id=did,
        time_text="",
        instant=None,
        precision="unknown",
        timezone="",
        actor="",
        kind="note",
        text=PASTE,
        pivot=False,
    )
    store.set_perspective(e1.id, ana.id, FIELDS["account"])
    store.set_perspective(e1.id, bo.id, "Bo's own account, kept apart.")
    store.add(Note, debrief_id=did, event_id=e1.id, text=FIELDS["note"], created_at=store.now())
    store.add(PrivateNote, debrief_id=did, event_id=e1.id, text=PRIVATE, created_at=store.now())
    store.add(
        PrivateNote, debrief_id=did, event_id=None, text=PRIVATE_GENERAL, created_at=store.now()
    )
    store.add_prepared_question(e1.id, PREPARED)
    lrn = store.add(Learning, debrief_id=did, kind="assumption", text=FIELDS["learning"])
    store.set_linked_events("learning_event", lrn.id, [e1.id])
    store.add(GuardRail, debrief_id=did, status="proposed", text=FIELDS["guard"])
    store.add(
        ActionItem,
        debrief_id=did,
        text=FIELDS["action"],
        owner=FIELDS["owner"],
        priority="high",
        due="2026-12-01",
        status="open",
        learning_id=lrn.id,
    )
    store.add(
        ActionItem,
        debrief_id=did,
        text="Nobody owns this one yet",
        owner="",
        priority="",
        due="",
        status="open",
        learning_id=None,
    )
    store.add(Recipient, debrief_id=did, name=FIELDS["recipient"])
    store.add(
        AgendaStep,
        debrief_id=did,
        title=FIELDS["step"],
        hint="",
        timebox_seconds=600,
        scene="timeline",
        done=True,
        actual_seconds=780,
    )
    store.add(
        AskedQuestion,
        debrief_id=did,
        event_id=e1.id,
        question_id=None,
        text=FIELDS["question"],
        asked_at="2026-11-23T10:05:00+00:00",
    )
    store.add(
        SurveyResponse,
        debrief_id=did,
        attendee_id=ana.id,
        respondent="",
        learned=True,
        learned_what=FIELDS["learned_what"],
        attend_again=True,
    )
    return did


def squash(text: str) -> str:
    """Extracted text with every run of whitespace as one space, in NFC."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(data: bytes) -> str:
    return squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def pdftotext(path: Path) -> str:
    """Text as poppler extracts it (it puts right-to-left runs into logical order)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    # Shaped Arabic comes out as presentation forms; NFKC maps them back to letters.
    text = unicodedata.normalize("NFKC", out.decode("utf-8"))
    return " ".join(re.sub("[\u200e\u200f\u202a-\u202e]", "", text).split())


def needs_cjk() -> None:
    if default_fonts().cjk is None:
        pytest.skip("no CJK font on this system (fonts-wqy-microhei)")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    """The hostile debrief exported once for the module (the 100 kB paste takes a while)."""
    store = Store.memory(now=lambda: NOW)
    did = build_hostile(store)
    out = tmp_path_factory.mktemp("hostile") / "notes.pdf"
    result = export_debrief(store, did, "pdf", out, now=NOW)
    yield store, did, out, result
    store.close()


@pytest.fixture(scope="module")
def hostile_pre(hostile: Hostile) -> Path:
    """The pre-read of the hostile debrief."""
    store, did, out, _ = hostile
    pre = out.with_name("pre.pdf")
    export_debrief(store, did, "pdf", pre, pre_read=True, now=NOW)
    return pre


# ------------------------------------------------------------------ text helper


def test_escape_keeps_markup_characters_as_text() -> None:
    assert escape("a<b R&D &amp; <script>") == "a&lt;b R&amp;D &amp;amp; &lt;script&gt;"


def test_formatter_switches_fonts_per_run_and_replaces_uncovered() -> None:
    needs_cjk()
    fmt = TextFormatter(default_fonts())
    markup = fmt.markup("ab 中文 cd 🦄 e")
    assert f'<font name="{default_fonts().cjk}">中文</font>' in markup
    assert REPLACEMENT in markup and "🦄" not in markup
    assert list(fmt.missing) == ["🦄"]


def test_emoji_modifiers_join_their_replacement() -> None:
    fmt = TextFormatter(default_fonts())
    assert fmt.markup("👍🏽!").count(REPLACEMENT) == 1
    assert list(fmt.missing) == ["👍"]


def test_visual_lines_reverse_right_to_left_words_per_line() -> None:
    def measure(text: str, bold: bool) -> float:
        return 10.0 * len(text)

    # "one two" in Hebrew, inside English: the Hebrew words swap places on the line.
    lines, base = visual_lines([("go אחד שתיים now", False)], 1000, measure)
    assert base == "LTR"
    assert "".join(t for t, _ in lines) == "go שתיים אחד now"
    # A right-to-left paragraph wrapped on two lines: the first words stay on line one.
    lines, base = visual_lines([("א ב ג ד", False)], 45, measure)
    assert base == "RTL"
    assert "".join(t for t, _ in lines).split("\n") == ["ב א", "ד ג"]


# ----------------------------------------------------------------- the document


def test_every_string_entered_is_in_the_pdf(hostile: Hostile) -> None:
    _store, _did, out, _result = hostile
    text = pdf_text(out.read_bytes())
    for name, value in FIELDS.items():
        if name in ("event", "impact", "account"):
            continue  # right-to-left, CJK and emoji: checked below
        assert squash(value) in text, name
    assert "Bo's own account, kept apart." in text


def test_hostile_markup_is_shown_not_interpreted(hostile: Hostile) -> None:
    text = pdf_text(hostile[2].read_bytes())
    assert "<script>alert(1)</script>" in text
    assert "R&D and &amp; end." in text  # not "R&D;", not "&"
    assert "Checkout <b>outage</b>" in text  # not bold markup


def test_a_100_kb_paste_comes_out_whole(hostile: Hostile) -> None:
    text = pdf_text(hostile[2].read_bytes())
    words = re.findall(r"w\d{5}", text)
    assert words[0] == "w00000" and words[-1] == "w16699"
    assert words == PASTE.split()


def test_cjk_combining_and_emoji(hostile: Hostile) -> None:
    needs_cjk()
    _store, _did, out, result = hostile
    text = pdf_text(out.read_bytes())
    assert "中文测试" in text
    assert unicodedata.normalize("NFC", "cafe\u0301") in text
    assert unicodedata.normalize("NFC", "nai\u0308ve") in text
    assert "😀 smiling" in text  # DejaVu Sans draws this one
    assert f"{REPLACEMENT} unicorn" in text  # no font has a unicorn: visible replacement …
    assert result.missing_glyphs == ["🦄"]  # … and reported


def test_right_to_left_text_extracts_in_reading_order(
    hostile: Hostile,
) -> None:
    text = pdftotext(hostile[2])
    assert "مرحبا بالعالم" in text
    assert "שלום עולם" in text


def test_private_notes_and_prepared_questions_never_exported(
    hostile: Hostile, hostile_pre: Path
) -> None:
    _store, _did, out, _ = hostile
    for path in (out, hostile_pre):
        text = pdf_text(path.read_bytes())
        for secret in (PRIVATE, PRIVATE_GENERAL, PREPARED):
            assert secret.split()[0] not in text
    assert "Shared note" in pdf_text(out.read_bytes())  # the shared note is there


def test_page_x_of_y_header_and_export_date(hostile: Hostile) -> None:
    _store, _did, out, result = hostile
    reader = PdfReader(out)
    total = len(reader.pages)
    assert result.pages == total and total > 5  # the paste runs over several pages
    for number, page in enumerate(reader.pages, start=1):
        text = squash(page.extract_text())
        assert f"page {number} of {total}" in text
        assert "Exported 2026-11-24" in text
        if number > 1:
            assert "Checkout <b>outage</b>" in text  # the running header


def test_pages_are_not_blank(hostile: Hostile, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(hostile[2]), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == hostile[3].pages
    for png in pages:
        image = Image.open(png).convert("L")
        width, height = image.size
        # The body, without header and footer: something is printed there.
        body = image.crop((0, height // 8, width, height * 7 // 8))
        dark = sum(body.histogram()[:160])
        assert dark > 200, png.name


def test_sections_title_page_and_warnings(hostile: Hostile) -> None:
    text = pdf_text(hostile[2].read_bytes())
    for heading in (
        "POST-INCIDENT DEBRIEF",
        "written to learn, not to find someone to blame",
        "Summary",
        "Impact",
        "The room confirmed that this impact assessment is complete",
        "Timeline",
        "Learnings",
        "Guard rails",
        "Action items",
        "Agenda: planned and actual time",
        "Questions asked",
        "Success metrics",
    ):
        assert heading in text, heading
    assert "Ana <Lead> R&D manager" in text  # attendee with role
    assert "◆ pivot" in text
    assert "approx. · UTC" in text  # precision and time zone
    assert "Ana <Lead> (R&D manager): My account" in text  # labelled by person
    assert "Bo: Bo's own account" in text  # a separate account, not merged
    assert "Needs attention" in text and "no owner" in text and "not set" in text
    assert "Action item 2 “Nobody owns this one yet” has no owner and no priority." in text
    assert "10 min 13 min +3 min" in text  # agenda: planned, actual, difference
    assert "1 of 2 said yes (half is 1)" in text
    assert "half of the people" in text  # the chart


def test_empty_sections_say_not_filled_in_or_na_with_reason(store: Store) -> None:
    d = store.create_debrief("Sparse", na_reasons='{"guard_rails": "Covered under learnings"}')
    text = pdf_text(render_pdf(build_report(store, d.id, now=NOW), default_fonts()).data)
    assert "N/A — Covered under learnings" in text
    assert text.count("Not filled in.") == 10  # the 11 sections but guard rails


def test_pre_read_has_only_title_summary_and_timeline(hostile_pre: Path) -> None:
    text = pdf_text(hostile_pre.read_bytes())
    assert "PRE-READ" in text and "Summary" in text and "Timeline" in text
    assert "w16699" in text and squash(FIELDS["summary"]) in text
    for absent in (
        "Impact",
        "Learnings",
        "Guard rails",
        "Action items",
        "Agenda",
        "Questions asked",
        "Success metrics",
        FIELDS["learning"],
        FIELDS["action"],
        FIELDS["recipient"],
    ):
        assert absent not in text, absent


def test_same_input_gives_identical_bytes(store: Store, demo_store: tuple[Store, int]) -> None:
    s, did = demo_store
    first = io.BytesIO()
    second = io.BytesIO()
    export_debrief(s, did, "pdf", first, now=NOW)
    export_debrief(s, did, "pdf", second, now=NOW)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().startswith(b"%PDF")


def test_paper_sizes(demo_store: tuple[Store, int]) -> None:
    s, did = demo_store
    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        data = io.BytesIO()
        export_debrief(s, did, "pdf", data, paper=paper, now=NOW)  # type: ignore[arg-type]
        box = PdfReader(data).pages[0].mediabox
        assert (round(box.width), round(box.height)) == size


def test_long_timeline_repeats_its_header_on_every_page(store: Store) -> None:
    did = store.create_debrief("Long").id
    store.add_many(
        Event,
        (
            {
                "debrief_id": did,
                "time_text": f"{i // 60:02d}:{i % 60:02d}",
                "instant": None,
                "precision": "exact",
                "timezone": "UTC",
                "actor": "someone",
                "kind": "action",
                "text": f"step-{i:04d} happened",
                "pivot": False,
            }
            for i in range(700)
        ),
    )
    data = io.BytesIO()
    export_debrief(store, did, "pdf", data, pre_read=True, now=NOW)
    reader = PdfReader(data)
    pages = [squash(p.extract_text()) for p in reader.pages]
    timeline_pages = [p for p in pages if "step-" in p]
    assert len(timeline_pages) > 10
    for page in timeline_pages:
        assert "# Time Who Kind What happened" in page
    found = re.findall(r"step-(\d{4})", " ".join(pages))
    assert [int(n) for n in found] == list(range(700))


def test_without_a_cjk_font_chinese_is_replaced_and_reported(store: Store) -> None:
    did = store.create_debrief("CJK", summary="Before 中文 after").id
    fonts = FontSet(cjk_candidates=(), use_fontconfig=False)
    out = render_pdf(build_report(store, did, now=NOW), fonts)
    assert out.missing == ["中", "文"]
    assert f"Before {REPLACEMENT}{REPLACEMENT} after" in pdf_text(out.data)


def test_accounts_of_the_demo_are_labelled_by_person(demo_store: tuple[Store, int]) -> None:
    s, did = demo_store
    data = io.BytesIO()
    export_debrief(s, did, "pdf", data, now=NOW)
    text = pdf_text(data.getvalue())
    people = {a.id: a for a in s.rows(Attendee, debrief_id=did)}
    perspectives: list[Perspective] = s.perspectives(did)
    assert perspectives
    for p in perspectives:
        who = people[p.attendee_id]
        assert squash(f"{who.name} ({who.role}): {p.account}") in text


def test_export_replaces_the_file_whole_and_leaves_no_temporary(
    demo_store: tuple[Store, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s, did = demo_store
    out = tmp_path / "notes.pdf"
    out.write_bytes(b"the old notes")
    result = export_debrief(s, did, "pdf", out, now=NOW)
    assert result.path == out and out.read_bytes().startswith(b"%PDF")
    assert sorted(tmp_path.iterdir()) == [out]

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    s.update(Debrief, did, title="Changed")
    with pytest.raises(OSError, match="disk full"):
        export_debrief(s, did, "pdf", out, now=NOW)
    assert out.read_bytes() == result.path.read_bytes()  # the old, complete file
    assert sorted(tmp_path.iterdir()) == [out]


def test_a_right_to_left_list_item_keeps_its_bullet(store: Store, tmp_path: Path) -> None:
    from debrief_desktop.store.models import Learning

    d = store.create_debrief("Bullets")
    for text in ("The pool default was silent", "الإعداد الافتراضي كان صامتا", "第三条"):
        store.add(Learning, debrief_id=d.id, kind="learned", text=text)
    out = tmp_path / "b.pdf"
    export_debrief(store, d.id, "pdf", out)
    text = pdf_text(out.read_bytes())
    section = text[text.index("What we learned") :]
    # Whatever the bullet extracts as, every item has one, the Arabic one too.
    bullet = section.split("The pool")[0].strip()[-1]
    assert section.count(bullet) == 3


def test_a_time_zone_written_by_a_person_is_escaped(store: Store, tmp_path: Path) -> None:
    from debrief_desktop.store.models import Event

    d = store.create_debrief("Zones", timezone="a<b & R&D")
    store.add(Event, debrief_id=d.id, text="alert", time_text="14:02", precision="exact",
              instant="2026-11-18T14:02:00+00:00", timezone="")  # fmt: skip
    out = tmp_path / "z.pdf"
    export_debrief(store, d.id, "pdf", out)
    assert "a<b & R&D" in pdf_text(out.read_bytes())
