"""The shared notes as Markdown: the same content as the PDF, readable as plain text.

Written for CommonMark with GitHub's tables (GitLab, Gitea and most wikis read
the same): tables for the timeline and the action items, ``<br>`` for a line
break inside a table cell. User text is escaped so that it shows as typed
instead of turning into markup, links or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from debrief_desktop.export.report import (
    BLAMELESS_STATEMENT,
    PRE_READ_STATEMENT,
    LearningRow,
    Report,
)
from debrief_desktop.store.models import LearningKind

_INLINE = re.compile(r"([\\`*_\[\]<>~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def escape(text: str) -> str:
    """User text as Markdown that shows exactly that text (line breaks kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)
    return text


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def block(text: str) -> str:
    """User text as Markdown paragraphs: a blank line separates paragraphs, a line break stays."""
    paragraphs = re.split(r"\n\s*\n", escape(text.strip("\n")))
    return "\n\n".join(
        "  \n".join(line.rstrip() for line in p.split("\n")) for p in paragraphs if p.strip()
    )


def cell(text: str) -> str:
    """User text for a table cell: pipes escaped, line breaks as ``<br>``."""
    text = escape(text.strip())
    text = text.replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.split("\n")) or "—"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GitHub-style table; cells must already be escaped with :func:`cell`."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


class _Writer:
    def __init__(self, report: Report) -> None:
        self.r = report
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, title: str) -> None:
        self.add("", f"## {title}", "")

    def placeholder(self, key: str) -> None:
        state = self.r.sections.get(key)
        if state is not None and state.placeholder is not None:
            self.add(f"*{escape(state.placeholder)}*")

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.add("- " + block(item).replace("\n", "\n  "))

    def title(self) -> None:
        r, d = self.r, self.r.debrief
        kind = "Pre-read · post-incident debrief" if r.pre_read else "Post-incident debrief"
        self.add(f"# {escape(' '.join(d.title.split()) or 'Untitled debrief')}", "")
        self.add(f"*{kind} · exported {r.exported_text}*", "")
        self.add(f"> {PRE_READ_STATEMENT if r.pre_read else BLAMELESS_STATEMENT}", "")
        facts = [
            ("Incident date", d.incident_date),
            ("Meeting date", d.meeting_date),
            ("Facilitator", d.facilitator),
            ("Note-taker", d.note_taker),
        ]
        self.add(*(f"- **{label}:** {cell(value)}" for label, value in facts))
        if r.pre_read:
            return
        self.heading("Attendees")
        if r.attendees:
            self.add(*table(["Name", "Role"], [[cell(a.name), cell(a.role)] for a in r.attendees]))
        else:
            self.placeholder("attendees")
        self.heading("Distribution list")
        if r.recipients:
            self.bullets(r.recipients)
        else:
            self.placeholder("distribution")

    def text_section(self, title: str, key: str, text: str) -> None:
        self.heading(title)
        if text.strip():
            self.add(block(text))
        else:
            self.placeholder(key)

    def impact(self) -> None:
        d = self.r.debrief
        self.text_section("Impact", "impact", d.impact)
        if d.impact.strip():
            self.add(
                "",
                "✓ The room confirmed that this impact assessment is complete."
                if d.impact_complete
                else "**Not yet confirmed complete:** the room has not said this impact"
                " assessment is complete.",
            )

    def timeline(self) -> None:
        r = self.r
        self.heading("Timeline")
        if not r.timeline:
            self.placeholder("timeline")
            return
        pivots = sum(1 for t in r.timeline if t.event.pivot)
        intro = f"{len(r.timeline)} events"
        if pivots:
            intro += f", {pivots} marked ◆ pivot (a decision point where things changed)"
        self.add(intro + ". Each person's account of an event is given under it.", "")
        rows = []
        for row in r.timeline:
            e = row.event
            time = cell(row.time) + (f"<br>{cell(row.time_detail)}" if row.time_detail else "")
            what = cell(e.text)
            for account in row.accounts:
                what += f"<br>**{cell(account.label)}:** {cell(account.text)}"
            for note in row.notes:
                what += f"<br>*Note:* {cell(note)}"
            kind = e.kind.value + (" **◆ pivot**" if e.pivot else "")
            rows.append([str(row.number), time, cell(e.actor), kind, what])
        self.add(*table(["#", "Time", "Who", "Kind", "What happened"], rows))
        if r.notes:
            self.add("", "### Other shared notes", "")
            self.bullets(r.notes)

    def learnings(self) -> None:
        r = self.r
        self.heading("Learnings")
        if not r.learnings:
            self.placeholder("learnings")
            return
        for title, kind in (
            ("What we learned", LearningKind.LEARNED),
            ("Surprises", LearningKind.SURPRISE),
            ("Assumptions called out", LearningKind.ASSUMPTION),
        ):
            rows = [row for row in r.learnings if row.learning.kind is kind]
            if rows:
                self.add("", f"### {title}", "")
                for row in rows:
                    self.add("- " + block(row.learning.text).replace("\n", "\n  ") + _tail(row))

    def guard_rails(self) -> None:
        r = self.r
        self.heading("Guard rails")
        if not (r.guard_rails_existing or r.guard_rails_proposed):
            self.placeholder("guard_rails")
            return
        for title, items in (
            ("Existing guard rails that helped", r.guard_rails_existing),
            ("Proposed guard rails", r.guard_rails_proposed),
        ):
            self.add("", f"### {title}", "")
            if items:
                self.bullets(items)
            else:
                self.add("*None recorded.*")

    def action_items(self) -> None:
        r = self.r
        self.heading("Action items")
        if not r.action_items:
            self.placeholder("action_items")
            return
        if r.action_warnings:
            self.add("> **⚠ Needs attention**", ">")
            for warning in r.action_warnings:
                self.add(f"> - {cell(warning)}")
            self.add("")
        rows = []
        for row in r.action_items:
            item = row.item
            action = cell(item.text)
            refs = []
            if row.learning is not None:
                refs.append(f"from learning {row.learning}")
            if row.events:
                refs.append(_refs(row.events))
            if refs:
                action += "<br>*" + " · ".join(refs) + "*"
            owner = "**no owner**" if row.unowned else cell(item.owner)
            priority = "**not set**" if row.unprioritized else cell(item.priority)
            rows.append(
                [str(row.number), action, owner, priority, cell(item.due), cell(item.status)]
            )
        self.add(*table(["#", "Action", "Owner", "Priority", "Due", "Status"], rows))

    def agenda(self) -> None:
        r = self.r
        self.heading("Agenda: planned and actual time")
        if not r.agenda:
            self.placeholder("agenda")
            return
        rows = [[cell(s.title), s.planned, s.actual, s.difference or "—"] for s in r.agenda]
        if r.agenda_total is not None:
            t = r.agenda_total
            rows.append([f"**{t.title}**", t.planned, t.actual, t.difference or "—"])
        self.add(*table(["Step", "Planned", "Actual", "Difference"], rows))

    def questions(self) -> None:
        r = self.r
        self.heading("Questions asked")
        if not r.asked:
            self.placeholder("questions")
            return
        rows = [
            [q.asked_at or "—", "—" if q.event is None else f"#{q.event}", cell(q.text)]
            for q in r.asked
        ]
        self.add(*table(["Asked at", "Event", "Question"], rows))

    def success_metrics(self) -> None:
        r = self.r
        m = r.metrics
        self.heading("Success metrics")
        if m is None or not m.measured:
            self.placeholder("success_metrics")
            return

        def verdict(value: bool | None) -> str:
            return "not measured" if value is None else ("**Yes**" if value else "**No**")

        self.add(
            *table(
                ["Measure", "Met?", "Answers"],
                [
                    [
                        "Did at least one person learn one thing that will change how they work?",
                        verdict(m.someone_learned),
                        f"{m.learned} of {m.people} said yes",
                    ],
                    [
                        "Would at least half of the attendees attend another debrief like this?",
                        verdict(m.half_would_attend),
                        f"{m.attend_again} of {m.people} said yes (half is {m.half_needed})",
                    ],
                ],
            )
        )
        if m.people > m.responses:
            self.add(
                "",
                f"{m.people - m.responses} of {m.people} people did not answer the survey;"
                " they count as not yes.",
            )
        if m.learned_what:
            self.add("", "### What people learned", "")
            self.bullets(list(m.learned_what))
        if len(r.trend) >= 2:
            self.add("", "### Across the library's debriefs", "")
            rows = [
                [
                    p.meeting_date or "—",
                    cell(p.title),
                    f"{p.metrics.learned} of {p.metrics.people}",
                    f"{p.metrics.attend_again} of {p.metrics.people}",
                ]
                for p in r.trend
            ]
            self.add(*table(["Meeting", "Debrief", "Learned", "Would attend again"], rows))

    def render(self) -> str:
        self.title()
        self.text_section("Summary", "summary", self.r.debrief.summary)
        if self.r.pre_read:
            self.timeline()
        else:
            self.impact()
            self.timeline()
            self.learnings()
            self.guard_rails()
            self.action_items()
            self.agenda()
            self.questions()
            self.success_metrics()
        return "\n".join(self.lines).strip("\n") + "\n"


def _refs(numbers: Sequence[int]) -> str:
    label = "event" if len(numbers) == 1 else "events"
    return f"{label} {', '.join(f'#{n}' for n in numbers)}"


def _tail(row: LearningRow) -> str:
    tail = []
    if row.learning.kind is LearningKind.ASSUMPTION and row.learning.intentional is not None:
        tail.append("intentional" if row.learning.intentional else "not intentional")
    if row.events:
        tail.append(_refs(row.events))
    return f" *({'; '.join(tail)})*" if tail else ""


def render_markdown(report: Report) -> str:
    """The report as one Markdown document."""
    return _Writer(report).render()
