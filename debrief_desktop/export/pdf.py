"""The shared notes as a printable PDF (reportlab platypus).

One style sheet, one page template with a running header (the debrief title)
and a footer (export date, "page X of Y"), and a story of flowables built from
a :class:`~debrief_desktop.export.report.Report`. User text reaches reportlab
only through :class:`~debrief_desktop.export.text.TextFormatter`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from debrief_desktop.export.fonts import FontSet
from debrief_desktop.export.report import (
    BLAMELESS_STATEMENT,
    PRE_READ_STATEMENT,
    LearningRow,
    Report,
    TimelineRow,
)
from debrief_desktop.export.text import Segment, TextFormatter
from debrief_desktop.store.models import LearningKind

Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
# One table of 10,000 rows lays out much slower than 20 tables of 500 rows
# (reportlab re-splits the remainder on every page); 300 keeps each split cheap.
TIMELINE_CHUNK = 300
# A row with more text than this may be taller than a page: it gets a table of
# its own that may split inside the row. (Splitting inside rows is off
# elsewhere: reportlab then repeats the header row in mid-page.)
TALL_ROW_CHARS = 2500
TRENDS_SHOWN = 12

INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6475")
ACCENT = colors.HexColor("#1f5a8a")
RULE = colors.HexColor("#c9cfd9")
HEADER_FILL = colors.HexColor("#e8edf3")
PIVOT_FILL = colors.HexColor("#fff4d6")
PIVOT_INK = colors.HexColor("#8a5a00")
WARN_FILL = colors.HexColor("#fdecea")
WARN_INK = colors.HexColor("#9b1c1c")
OK_INK = colors.HexColor("#1d6b3a")
BAR_BACK = colors.HexColor("#e3e7ee")
BAR_OTHER = colors.HexColor("#8fb3d3")

MARGIN = 18 * mm
FRAME_PADDING = 6  # points: reportlab's Frame default on each side


@dataclass(frozen=True)
class PdfOutput:
    """A rendered PDF."""

    data: bytes
    pages: int
    missing: list[str]


class _Styles:
    """The one style sheet of the document."""

    def __init__(self, fonts: FontSet) -> None:
        regular, bold = fonts.regular, fonts.bold

        def style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {
                "fontName": regular,
                "fontSize": 10,
                "leading": 13.6,
                "textColor": INK,
                "splitLongWords": 1,
            }
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = style("body", spaceAfter=5)
        self.kicker = style("kicker", fontName=bold, fontSize=9, textColor=ACCENT, spaceAfter=6)
        self.title = style("title", fontName=bold, fontSize=22, leading=27, spaceAfter=10)
        self.statement = style("statement", fontSize=10.5, leading=14.5, textColor=MUTED)
        self.h1 = style(
            "h1", fontName=bold, fontSize=15, leading=19, textColor=ACCENT, spaceBefore=14,
            spaceAfter=6, keepWithNext=1,
        )  # fmt: skip
        self.h2 = style(
            "h2", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4,
            keepWithNext=1,
        )  # fmt: skip
        self.placeholder = style("placeholder", textColor=MUTED)
        self.bullet = style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=3)
        self.cell = style("cell", fontSize=8.5, leading=11)
        self.cell_bold = style("cell_bold", fontName=bold, fontSize=8.5, leading=11)
        self.cell_small = style("cell_small", fontSize=7.5, leading=9.5, textColor=MUTED)
        self.account = style(
            "account", fontSize=8, leading=10.5, leftIndent=8, spaceBefore=2.5, textColor=INK
        )
        self.note = style(
            "note", fontSize=8, leading=10.5, leftIndent=8, spaceBefore=2.5, textColor=MUTED
        )
        self.label = style("label", fontName=bold, fontSize=9, leading=12, textColor=MUTED)
        self.value = style("value", fontSize=10, leading=13)
        self.warning = style("warning", fontSize=9, leading=12, textColor=WARN_INK)
        self.header = style("header", fontSize=7.5, leading=9, textColor=MUTED)


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas that knows the page count when it saves, for "page X of Y"."""

    footer_font = "Helvetica"
    paper_width = 0.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self.setFont(self.footer_font, 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(
                self.paper_width - MARGIN, MARGIN - 9 * mm, f"page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


class _Builder:
    def __init__(self, report: Report, fonts: FontSet, paper: Paper) -> None:
        self.report = report
        self.fonts = fonts
        self.fmt = TextFormatter(fonts)
        self.s = _Styles(fonts)
        self.size = PAPER_SIZES[paper]
        # The frame of SimpleDocTemplate pads each side by 6 pt: a table as wide as
        # the margins allow would run 12 pt past the right one.
        self.width = self.size[0] - 2 * MARGIN - 2 * FRAME_PADDING

    # ------------------------------------------------------------ helpers

    def para(self, text: str | Sequence[Segment], style: ParagraphStyle) -> Paragraph:
        return self.fmt.paragraph(text, style)

    def static(self, markup: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph of this module's own markup (never user text)."""
        return Paragraph(markup, style)

    def texts(self, text: str, style: ParagraphStyle) -> list[Flowable]:
        """User text as paragraphs, one per blank-line-separated block."""
        blocks = [b.strip("\n") for b in text.replace("\r\n", "\n").split("\n\n")]
        return [self.para(b, style) for b in blocks if b.strip()]

    def heading(self, title: str) -> Paragraph:
        return self.static(title, self.s.h1)

    def placeholder(self, key: str) -> list[Flowable]:
        state = self.report.sections.get(key)
        if state is None or state.placeholder is None:
            return []
        return [self.para(state.placeholder, self.s.placeholder)]

    def bullets(self, items: Sequence[str | Sequence[Segment]]) -> list[Flowable]:
        out: list[Flowable] = []
        for item in items:
            p = self.para(item, self.s.bullet)
            p.bulletText = "•"
            out.append(p)
        return out

    def table(
        self,
        rows: list[list[Any]],
        widths: Sequence[float],
        extra: Sequence[tuple[Any, ...]] = (),
        header: bool = True,
        tall: bool = False,
    ) -> Table:
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("FONTNAME", (0, 0), (-1, 0), self.fonts.bold),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
            ]
        table = Table(
            rows,
            colWidths=list(widths),
            repeatRows=1 if header else 0,
            splitInRow=1 if tall or not header else 0,
            hAlign="LEFT",
        )
        table.setStyle(TableStyle([*commands, *extra]))
        return table

    def cols(self, *fractions: float) -> list[float]:
        return [self.width * f for f in fractions]

    # ------------------------------------------------------------ sections

    def title_page(self) -> list[Flowable]:
        r, d = self.report, self.report.debrief
        kicker = "PRE-READ · POST-INCIDENT DEBRIEF" if r.pre_read else "POST-INCIDENT DEBRIEF"
        out: list[Flowable] = [
            self.static(kicker, self.s.kicker),
            self.para(d.title or "Untitled debrief", self.s.title),
            self.static(
                PRE_READ_STATEMENT if r.pre_read else BLAMELESS_STATEMENT, self.s.statement
            ),
            Spacer(1, 8 * mm),
        ]
        facts = [
            ("Incident date", d.incident_date),
            ("Meeting date", d.meeting_date),
            ("Facilitator", d.facilitator),
            ("Note-taker", d.note_taker),
            ("Exported", r.exported_text),
        ]
        rows = [
            [self.static(label, self.s.label), self.para(value or "—", self.s.value)]
            for label, value in facts
        ]
        out.append(
            self.table(
                rows,
                self.cols(0.22, 0.78),
                header=False,
                extra=[("LINEBELOW", (0, 0), (-1, -1), 0, colors.white)],
            )
        )
        if r.pre_read:
            return out
        out.append(self.static("Attendees", self.s.h2))
        if r.attendees:
            rows = [[self.static("Name", self.s.cell_bold), self.static("Role", self.s.cell_bold)]]
            rows += [
                [self.para(a.name, self.s.cell), self.para(a.role or "—", self.s.cell)]
                for a in r.attendees
            ]
            tall = _tall(t for a in r.attendees for t in (a.name, a.role))
            out.append(self.table(rows, self.cols(0.45, 0.55), tall=tall))
        else:
            out += self.placeholder("attendees")
        out.append(self.static("Distribution list", self.s.h2))
        out += self.bullets(r.recipients) if r.recipients else self.placeholder("distribution")
        out.append(PageBreak())
        return out

    def summary(self) -> list[Flowable]:
        out: list[Flowable] = [self.heading("Summary")]
        out += self.texts(self.report.debrief.summary, self.s.body) or self.placeholder("summary")
        return out

    def impact(self) -> list[Flowable]:
        d = self.report.debrief
        out: list[Flowable] = [self.heading("Impact")]
        body = self.texts(d.impact, self.s.body)
        if not body:
            return out + self.placeholder("impact")
        out += body
        if d.impact_complete:
            out.append(
                self.static(
                    f'<font color="{OK_INK.hexval()}">✓ The room confirmed that this impact'
                    " assessment is complete.</font>",
                    self.s.body,
                )
            )
        else:
            out.append(
                self.static(
                    f'<font color="{WARN_INK.hexval()}">Not yet confirmed complete: the room'
                    " has not said this impact assessment is complete.</font>",
                    self.s.body,
                )
            )
        return out

    def _event_cells(self, row: TimelineRow) -> list[Any]:
        e = row.event
        time: list[Segment] = [(row.time, False)]
        time_cell: list[Flowable] = [self.para(time, self.s.cell)]
        if row.time_detail:
            # The zone comes from the file or the debrief: user text, escaped like the rest.
            time_cell.append(self.para(row.time_detail, self.s.cell_small))
        what: list[Flowable] = [self.para(e.text or "—", self.s.cell)]
        for account in row.accounts:
            what.append(
                self.para([(account.label + ": ", True), (account.text, False)], self.s.account)
            )
        for note in row.notes:
            what.append(self.para([("Note: ", True), (note, False)], self.s.note))
        kind: Any = e.kind.value
        if e.pivot:
            kind = self.static(
                f'{e.kind.value}<br/><font name="{self.fonts.bold}" color="{PIVOT_INK.hexval()}">'
                "◆ pivot</font>",
                self.s.cell,
            )
        return [str(row.number), time_cell, self.para(e.actor or "—", self.s.cell), kind, what]

    def timeline(self) -> list[Flowable]:
        r = self.report
        out: list[Flowable] = [CondPageBreak(60 * mm), self.heading("Timeline")]
        if not r.timeline:
            return out + self.placeholder("timeline")
        pivots = sum(1 for t in r.timeline if t.event.pivot)
        intro = f"{len(r.timeline)} events"
        if pivots:
            intro += f", {pivots} marked ◆ pivot (a decision point where things changed)"
        intro += ". Each person's account of an event is given under it, in their own words."
        out.append(self.static(intro, self.s.placeholder))
        widths = self.cols(0.045, 0.12, 0.14, 0.155, 0.54)
        chunk: list[TimelineRow] = []
        for row in r.timeline:
            if _row_chars(row) > TALL_ROW_CHARS:
                if chunk:
                    out.append(self._timeline_table(chunk, widths))
                out.append(self._timeline_table([row], widths, tall=True))
                chunk = []
                continue
            chunk.append(row)
            if len(chunk) == TIMELINE_CHUNK:
                out.append(self._timeline_table(chunk, widths))
                chunk = []
        if chunk:
            out.append(self._timeline_table(chunk, widths))
        if r.notes:
            out.append(self.static("Other shared notes", self.s.h2))
            out += self.bullets(r.notes)
        return out

    def _timeline_table(
        self, chunk: Sequence[TimelineRow], widths: Sequence[float], tall: bool = False
    ) -> Table:
        rows: list[list[Any]] = [["#", "Time", "Who", "Kind", "What happened"]]
        extra: list[tuple[Any, ...]] = [("TEXTCOLOR", (0, 1), (0, -1), MUTED)]
        for i, row in enumerate(chunk, start=1):
            rows.append(self._event_cells(row))
            if row.event.pivot:
                extra.append(("BACKGROUND", (0, i), (-1, i), PIVOT_FILL))
        return self.table(rows, widths, extra, tall=tall)

    def learnings(self) -> list[Flowable]:
        r = self.report
        out: list[Flowable] = [self.heading("Learnings")]
        if not r.learnings:
            return out + self.placeholder("learnings")
        groups: list[tuple[str, LearningKind]] = [
            ("What we learned", LearningKind.LEARNED),
            ("Surprises", LearningKind.SURPRISE),
            ("Assumptions called out", LearningKind.ASSUMPTION),
        ]
        for title, kind in groups:
            rows = [row for row in r.learnings if row.learning.kind is kind]
            if not rows:
                continue
            out.append(self.static(title, self.s.h2))
            out += self.bullets([self._learning(row) for row in rows])
        return out

    def _learning(self, row: LearningRow) -> list[Segment]:
        segments: list[Segment] = [(row.learning.text, False)]
        tail = []
        if row.learning.kind is LearningKind.ASSUMPTION and row.learning.intentional is not None:
            tail.append("intentional" if row.learning.intentional else "not intentional")
        if row.events:
            tail.append(_event_refs(row.events))
        if tail:
            segments.append((f"  ({'; '.join(tail)})", False))
        return segments

    def guard_rails(self) -> list[Flowable]:
        r = self.report
        out: list[Flowable] = [self.heading("Guard rails")]
        if not (r.guard_rails_existing or r.guard_rails_proposed):
            return out + self.placeholder("guard_rails")
        for title, items in (
            ("Existing guard rails that helped", r.guard_rails_existing),
            ("Proposed guard rails", r.guard_rails_proposed),
        ):
            out.append(self.static(title, self.s.h2))
            out += (
                self.bullets(items)
                if items
                else [self.static("None recorded.", self.s.placeholder)]
            )
        return out

    def action_items(self) -> list[Flowable]:
        r = self.report
        out: list[Flowable] = [self.heading("Action items")]
        if not r.action_items:
            return out + self.placeholder("action_items")
        warnings = r.action_warnings
        if warnings:
            lines = "<br/>".join(self.fmt.markup(w) for w in warnings)
            box = Table(
                [
                    [
                        self.static(
                            f'<font name="{self.fonts.bold}">⚠ Needs attention</font><br/>{lines}',
                            self.s.warning,
                        )
                    ]
                ],
                colWidths=[self.width],
                style=TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, -1), WARN_FILL),
                        ("LINEBEFORE", (0, 0), (0, -1), 2.5, WARN_INK),
                        ("LEFTPADDING", (0, 0), (-1, -1), 8),
                        ("TOPPADDING", (0, 0), (-1, -1), 5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ]
                ),
                splitInRow=1,
            )
            out += [box, Spacer(1, 4 * mm)]
        rows: list[list[Any]] = [["#", "Action", "Owner", "Priority", "Due", "Status"]]
        missing_markup = f'<font name="{self.fonts.bold}" color="{WARN_INK.hexval()}">{{}}</font>'
        for row in r.action_items:
            item = row.item
            action: list[Flowable] = [self.para(item.text, self.s.cell)]
            refs = []
            if row.learning is not None:
                refs.append(f"from learning {row.learning}")
            if row.events:
                refs.append(_event_refs(row.events))
            if refs:
                action.append(self.static(" · ".join(refs), self.s.cell_small))
            owner = (
                self.static(missing_markup.format("no owner"), self.s.cell)
                if row.unowned
                else self.para(item.owner or "—", self.s.cell)
            )
            priority = (
                self.static(missing_markup.format("not set"), self.s.cell)
                if row.unprioritized
                else self.para(item.priority or "—", self.s.cell)
            )
            rows.append(
                [
                    str(row.number),
                    action,
                    owner,
                    priority,
                    self.para(item.due or "—", self.s.cell),
                    self.para(item.status or "—", self.s.cell),
                ]
            )
        extra = [("TEXTCOLOR", (0, 1), (0, -1), MUTED)]
        tall = _tall(t for row in r.action_items for t in (row.item.text, row.item.owner))
        widths = self.cols(0.045, 0.44, 0.16, 0.1, 0.13, 0.125)
        out.append(self.table(rows, widths, extra, tall=tall))
        return out

    def agenda(self) -> list[Flowable]:
        r = self.report
        out: list[Flowable] = [self.heading("Agenda: planned and actual time")]
        if not r.agenda:
            return out + self.placeholder("agenda")
        rows: list[list[Any]] = [["Step", "Planned", "Actual", "Difference"]]
        for step in r.agenda:
            rows.append(
                [self.para(step.title, self.s.cell), step.planned, step.actual, step.difference]
            )
        extra: list[tuple[Any, ...]] = []
        if r.agenda_total is not None:
            t = r.agenda_total
            rows.append([t.title, t.planned, t.actual, t.difference])
            extra += [
                ("FONTNAME", (0, -1), (-1, -1), self.fonts.bold),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED),
            ]
        tall = _tall(step.title for step in r.agenda)
        out.append(self.table(rows, self.cols(0.52, 0.16, 0.16, 0.16), extra, tall=tall))
        return out

    def questions(self) -> list[Flowable]:
        r = self.report
        out: list[Flowable] = [self.heading("Questions asked")]
        if not r.asked:
            return out + self.placeholder("questions")
        rows: list[list[Any]] = [["Asked at", "Event", "Question"]]
        for q in r.asked:
            rows.append(
                [
                    q.asked_at or "—",
                    "—" if q.event is None else f"#{q.event}",
                    self.para(q.text, self.s.cell),
                ]
            )
        tall = _tall(q.text for q in r.asked)
        out.append(self.table(rows, self.cols(0.12, 0.1, 0.78), tall=tall))
        return out

    def success_metrics(self) -> list[Flowable]:
        r = self.report
        m = r.metrics
        out: list[Flowable] = [self.heading("Success metrics")]
        if m is None or not m.measured:
            return out + self.placeholder("success_metrics")

        def verdict(value: bool | None) -> str:
            if value is None:
                return f'<font color="{MUTED.hexval()}">not measured</font>'
            ink = OK_INK if value else WARN_INK
            word = "Yes" if value else "No"
            return f'<font name="{self.fonts.bold}" color="{ink.hexval()}">{word}</font>'

        rows: list[list[Any]] = [
            ["Measure", "Met?", "Answers"],
            [
                self.static(
                    "Did at least one person learn one thing that will change how they work?",
                    self.s.cell,
                ),
                self.static(verdict(m.someone_learned), self.s.cell),
                self.static(f"{m.learned} of {m.people} said yes", self.s.cell),
            ],
            [
                self.static(
                    "Would at least half of the attendees attend another debrief like this?",
                    self.s.cell,
                ),
                self.static(verdict(m.half_would_attend), self.s.cell),
                self.static(
                    f"{m.attend_again} of {m.people} said yes (half is {m.half_needed})",
                    self.s.cell,
                ),
            ],
        ]
        out.append(self.table(rows, self.cols(0.55, 0.1, 0.35)))
        unanswered = m.people - m.responses
        if unanswered > 0:
            out.append(
                self.static(
                    f"{unanswered} of {m.people} people did not answer the survey; they count"
                    " as not yes.",
                    self.s.placeholder,
                )
            )
        out += [Spacer(1, 3 * mm), self._metrics_chart()]
        if m.learned_what:
            out.append(self.static("What people learned", self.s.h2))
            out += self.bullets(list(m.learned_what))
        if len(r.trend) >= 2:
            out += self._trend()
        return out

    def _metrics_chart(self) -> Drawing:
        m = self.report.metrics
        assert m is not None
        width, bar_h, gap, label_w = self.width, 14.0, 12.0, 150.0
        bars = [
            ("Learned one thing", m.learned, None),
            ("Would attend again", m.attend_again, m.people / 2),
        ]
        height = len(bars) * (bar_h + gap) + 16
        drawing = Drawing(width, height)
        scale_w = width - label_w - 60
        top = height - 4
        for i, (label, value, mark) in enumerate(bars):
            y = top - (i + 1) * (bar_h + gap) + gap
            drawing.add(
                String(0, y + 4, label, fontName=self.fonts.regular, fontSize=8.5, fillColor=INK)
            )
            drawing.add(Rect(label_w, y, scale_w, bar_h, fillColor=BAR_BACK, strokeColor=None))
            share = value / m.people if m.people else 0.0
            if share > 0:
                drawing.add(
                    Rect(
                        label_w,
                        y,
                        scale_w * min(share, 1.0),
                        bar_h,
                        fillColor=ACCENT,
                        strokeColor=None,
                    )
                )
            drawing.add(
                String(
                    label_w + scale_w + 6, y + 4, f"{value} of {m.people}",
                    fontName=self.fonts.regular, fontSize=8.5, fillColor=INK,
                )
            )  # fmt: skip
            if mark is not None and m.people:
                x = label_w + scale_w * 0.5
                drawing.add(
                    Line(
                        x,
                        y - 4,
                        x,
                        y + bar_h + 4,
                        strokeColor=WARN_INK,
                        strokeWidth=1.4,
                    )
                )
        drawing.add(
            String(
                label_w + scale_w * 0.5, 2, "half of the people",
                fontName=self.fonts.regular, fontSize=7, fillColor=WARN_INK, textAnchor="middle",
            )
        )  # fmt: skip
        return drawing

    def _trend(self) -> list[Flowable]:
        points = self.report.trend[-TRENDS_SHOWN:]
        out: list[Flowable] = [
            self.static("Across the library's debriefs", self.s.h2),
            self.static(
                f"Share of people who learned one thing and who would attend again, for the"
                f" {len(points)} most recent debriefs with a survey (this one last).",
                self.s.placeholder,
            ),
        ]
        width, height = self.width, 120.0
        drawing = Drawing(width, height)
        left, bottom, plot_h = 28.0, 26.0, height - 40
        plot_w = width - left - 10
        for pct in (0, 50, 100):
            y = bottom + plot_h * pct / 100
            drawing.add(
                Line(
                    left,
                    y,
                    left + plot_w,
                    y,
                    strokeColor=RULE if pct != 50 else WARN_INK,
                    strokeWidth=0.5,
                    strokeDashArray=[2, 2] if pct == 50 else None,
                )
            )
            drawing.add(
                String(
                    left - 4,
                    y - 3,
                    f"{pct}%",
                    fontName=self.fonts.regular,
                    fontSize=7,
                    fillColor=MUTED,
                    textAnchor="end",
                )
            )
        slot = plot_w / len(points)
        bar_w = min(18.0, slot / 3)
        for i, point in enumerate(points):
            x = left + slot * i + slot / 2
            for j, (share, fill) in enumerate(
                ((point.metrics.learned_share, BAR_OTHER), (point.metrics.attend_share, ACCENT))
            ):
                h = plot_h * (share or 0.0)
                drawing.add(
                    Rect(
                        x - bar_w + j * bar_w,
                        bottom,
                        bar_w - 1,
                        h,
                        fillColor=fill,
                        strokeColor=None,
                    )
                )
            label = point.meeting_date or f"#{i + 1}"
            drawing.add(
                String(
                    x,
                    bottom - 11,
                    label[:10],
                    fontName=self.fonts.regular,
                    fontSize=7,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
        legend_y = 4
        for j, (name, fill) in enumerate(
            (("learned one thing", BAR_OTHER), ("would attend again", ACCENT))
        ):
            lx = left + j * 120
            drawing.add(Rect(lx, legend_y, 8, 8, fillColor=fill, strokeColor=None))
            drawing.add(
                String(
                    lx + 11,
                    legend_y + 1,
                    name,
                    fontName=self.fonts.regular,
                    fontSize=7.5,
                    fillColor=INK,
                )
            )
        out.append(drawing)
        rows: list[list[Any]] = [["Meeting", "Debrief", "Learned", "Would attend again"]]
        for point in points:
            pm = point.metrics
            rows.append(
                [
                    point.meeting_date or "—",
                    self.para(point.title, self.s.cell),
                    f"{pm.learned} of {pm.people}",
                    f"{pm.attend_again} of {pm.people}",
                ]
            )
        tall = _tall(point.title for point in points)
        out.append(self.table(rows, self.cols(0.14, 0.5, 0.15, 0.21), tall=tall))
        return out

    # ------------------------------------------------------------ document

    def story(self) -> list[Flowable]:
        if self.report.pre_read:
            return [*self.title_page(), *self.summary(), *self.timeline()]
        return [
            *self.title_page(),
            *self.summary(),
            *self.impact(),
            *self.timeline(),
            *self.learnings(),
            *self.guard_rails(),
            *self.action_items(),
            *self.agenda(),
            *self.questions(),
            *self.success_metrics(),
        ]

    def header_paragraph(self) -> Paragraph:
        title = " ".join(self.report.debrief.title.split()) or "Untitled debrief"
        limit = self.width * 0.7
        if self.fonts.width(title[:300], 7.5) > limit:
            title = title[:300]
            while title and self.fonts.width(title + "…", 7.5) > limit:
                title = title[: max(0, len(title) - max(1, len(title) // 20))]
            title = title.rstrip() + "…"
        return self.para(title, self.s.header)

    def build(self) -> PdfOutput:
        buffer = io.BytesIO()
        d = self.report.debrief
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=_one_line(d.title, 200) + (" (pre-read)" if self.report.pre_read else ""),
            author=_one_line(d.facilitator, 200),
            subject="Post-incident debrief notes",
            creator="Debrief Desktop",
            invariant=1,
        )
        header = self.header_paragraph()
        header.wrap(self.width * 0.75, 20)
        footer = f"Exported {self.report.exported_text} · Debrief Desktop"
        kind = "Pre-read" if self.report.pre_read else "Debrief notes"

        def later(canvas: Canvas, _doc: Any) -> None:
            canvas.saveState()
            header.drawOn(canvas, MARGIN, self.size[1] - MARGIN + 5 * mm)
            canvas.setFont(self.fonts.regular, 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(self.size[0] - MARGIN, self.size[1] - MARGIN + 5 * mm + 1, kind)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            top_rule = self.size[1] - MARGIN + 3.5 * mm
            canvas.line(MARGIN, top_rule, self.size[0] - MARGIN, top_rule)
            first(canvas, _doc)
            canvas.restoreState()

        def first(canvas: Canvas, _doc: Any) -> None:
            canvas.saveState()
            canvas.setFont(self.fonts.regular, 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawString(MARGIN, MARGIN - 9 * mm, footer)
            canvas.restoreState()

        canvas_class = _canvas_class(self.fonts.regular, self.size[0])
        doc.build(self.story(), onFirstPage=first, onLaterPages=later, canvasmaker=canvas_class)
        return PdfOutput(buffer.getvalue(), doc.page, list(self.fmt.missing))


def _canvas_class(font: str, paper_width: float) -> Callable[..., Canvas]:
    return type(
        "DebriefCanvas", (_NumberedCanvas,), {"footer_font": font, "paper_width": paper_width}
    )


def _one_line(text: str, limit: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _tall(texts: Iterable[str]) -> bool:
    return any(len(t) > TALL_ROW_CHARS for t in texts)


def _row_chars(row: TimelineRow) -> int:
    return (
        len(row.event.text)
        + len(row.time)
        + len(row.event.actor)
        + sum(len(a.text) + len(a.label) for a in row.accounts)
        + sum(len(n) for n in row.notes)
    )


def _event_refs(numbers: Sequence[int]) -> str:
    label = "event" if len(numbers) == 1 else "events"
    return f"{label} {', '.join(f'#{n}' for n in numbers)}"


def render_pdf(report: Report, fonts: FontSet, paper: Paper = "a4") -> PdfOutput:
    """Lay a report out as a PDF.

    Returns:
        The PDF bytes, its page count, and the characters no font covers.
    """
    return _Builder(report, fonts, paper).build()
