"""A debrief as plain data for the exporters: what the shared report says, in order.

Both the PDF and the Markdown are drawn from a :class:`Report`, so they carry
the same content. A report is built only from what is shared with the room:
private facilitator notes, prepared questions and language hints are never
read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from debrief_desktop.facilitation.completeness import (
    SECTIONS,
    Problem,
    action_item_problems,
    find_problems,
    na_reasons,
    short,
)
from debrief_desktop.facilitation.metrics import SuccessMetrics, TrendPoint, compute, trend
from debrief_desktop.store import Store
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    AskedQuestion,
    Attendee,
    Debrief,
    Event,
    GuardRail,
    GuardRailStatus,
    Learning,
    LearningKind,
    Note,
    Precision,
    Recipient,
    SurveyResponse,
)

BLAMELESS_STATEMENT = (
    "These notes describe how the work looked to the people doing it at the time:"
    " they are written to learn, not to find someone to blame."
)
PRE_READ_STATEMENT = (
    "Pre-read: the timeline as we know it before the debrief. What is missing,"
    " and what happened differently from how it is told here? Bring it to the meeting."
)

MINUS = "\u2212"  # a real minus sign, as in "3 min under"
PRECISION_LABELS = {
    Precision.EXACT: "",
    Precision.APPROXIMATE: "approx.",
    Precision.BEFORE: "by this time",
    Precision.DATE: "date only",
    Precision.RELATIVE: "relative",
    Precision.UNKNOWN: "time unknown",
}
LEARNING_LABELS = {
    LearningKind.LEARNED: "Learned",
    LearningKind.SURPRISE: "Surprise",
    LearningKind.ASSUMPTION: "Assumption",
}


@dataclass(frozen=True)
class Account:
    """One person's account of an event, labelled by that person."""

    person: str
    role: str
    text: str

    @property
    def label(self) -> str:
        """``Name (role)``, or just the name."""
        return f"{self.person} ({self.role})" if self.role.strip() else self.person


@dataclass(frozen=True)
class TimelineRow:
    """An event as the report shows it.

    Attributes:
        number: 1-based position in the timeline (learnings and questions refer to it).
        time: the time as written, or the instant in the debrief's zone, or "—".
        time_detail: precision and time zone, e.g. ``approx. · UTC``.
        accounts: each person's account, never merged.
        notes: shared notes taken at this event.
    """

    number: int
    event: Event
    time: str
    time_detail: str
    accounts: tuple[Account, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class LearningRow:
    """A learning and the numbers of the events it refers to."""

    learning: Learning
    events: tuple[int, ...]

    @property
    def label(self) -> str:
        """Its kind, and for an assumption whether it was intentional."""
        label = LEARNING_LABELS.get(self.learning.kind, str(self.learning.kind))
        if self.learning.kind is LearningKind.ASSUMPTION and self.learning.intentional is not None:
            label += " (intentional)" if self.learning.intentional else " (not intentional)"
        return label


@dataclass(frozen=True)
class ActionRow:
    """An action item, what it refers to and what is missing from it."""

    number: int
    item: ActionItem
    learning: int | None  # 1-based number of the learning it follows from
    events: tuple[int, ...]
    problems: tuple[Problem, ...]

    @property
    def unowned(self) -> bool:
        """True when the item has no owner."""
        return any(p.kind == "no_owner" for p in self.problems)

    @property
    def unprioritized(self) -> bool:
        """True when the item has no priority."""
        return any(p.kind == "no_priority" for p in self.problems)

    @property
    def warning(self) -> str:
        """What is missing from the item, as one sentence ("" when nothing is)."""
        missing = [
            what
            for what, flag in (("no owner", self.unowned), ("no priority", self.unprioritized))
            if flag
        ]
        if not missing:
            return ""
        return (
            f"Action item {self.number} “{short(self.item.text, 50)}” has {' and '.join(missing)}."
        )


@dataclass(frozen=True)
class AgendaRow:
    """An agenda step with its planned and actual time."""

    title: str
    planned: str
    actual: str
    difference: str
    over: bool


@dataclass(frozen=True)
class AskedRow:
    """A question from the asked log."""

    asked_at: str
    event: int | None
    text: str


@dataclass(frozen=True)
class SectionState:
    """Whether a section has content, and its N/A reason if it has one."""

    key: str
    title: str
    filled: bool
    na_reason: str | None

    @property
    def placeholder(self) -> str | None:
        """What an empty section shows instead of content (None when it has content)."""
        if self.filled:
            return None
        if self.na_reason:
            return f"N/A — {self.na_reason}"
        return "Not filled in."


@dataclass(frozen=True)
class Report:
    """Everything a shared report of one debrief shows (see the module docstring)."""

    debrief: Debrief
    exported: datetime
    pre_read: bool
    attendees: tuple[Attendee, ...]
    recipients: tuple[str, ...]
    timeline: tuple[TimelineRow, ...]
    notes: tuple[str, ...]  # shared notes not tied to an event
    learnings: tuple[LearningRow, ...] = ()
    guard_rails_existing: tuple[str, ...] = ()
    guard_rails_proposed: tuple[str, ...] = ()
    action_items: tuple[ActionRow, ...] = ()
    agenda: tuple[AgendaRow, ...] = ()
    agenda_total: AgendaRow | None = None
    asked: tuple[AskedRow, ...] = ()
    metrics: SuccessMetrics | None = None
    trend: tuple[TrendPoint, ...] = ()
    sections: dict[str, SectionState] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def exported_text(self) -> str:
        """The export date as the document prints it."""
        return self.exported.strftime("%Y-%m-%d")

    def section(self, key: str) -> SectionState:
        """The state of one section."""
        return self.sections[key]

    @property
    def action_warnings(self) -> tuple[str, ...]:
        """One sentence per action item without an owner or a priority."""
        return tuple(row.warning for row in self.action_items if row.warning)


def zone(name: str) -> tzinfo | None:
    """A time zone from an IANA name or a ``+HH:MM`` offset (None when unreadable)."""
    name = name.strip()
    if not name:
        return None
    if name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    if name[0] in "+-" and len(name) in (3, 5, 6):
        digits = name[1:].replace(":", "")
        if digits.isdigit() and len(digits) in (2, 4):
            minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
            return timezone(timedelta(minutes=-minutes if name[0] == "-" else minutes))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local(moment: str, tz: tzinfo | None) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(moment)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(tz or UTC)


def event_time(event: Event, debrief_zone: str) -> tuple[str, str]:
    """An event's time as shown (the source's words first) and its precision and zone."""
    zone_name = event.timezone.strip() or debrief_zone.strip()
    time = " ".join(event.time_text.split())
    if not time and event.instant:
        local = _local(event.instant, zone(zone_name))
        if local is not None:
            time = local.strftime("%Y-%m-%d" if event.precision is Precision.DATE else "%H:%M")
    detail = [PRECISION_LABELS.get(event.precision, "")]
    shows_zone = event.precision not in (Precision.UNKNOWN, Precision.RELATIVE, Precision.DATE)
    if zone_name and shows_zone and zone_name.casefold() not in time.casefold():
        detail.append(zone_name)
    return time or "—", " · ".join(d for d in detail if d)


def duration(seconds: float) -> str:
    """A duration for people: ``45 s``, ``12 min``, ``1 h 05 min``."""
    seconds = round(abs(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _agenda(steps: Sequence[AgendaStep]) -> tuple[tuple[AgendaRow, ...], AgendaRow | None]:
    rows = []
    for step in steps:
        if step.actual_seconds is None:
            actual, diff, over = "—", "", False
        else:
            delta = step.actual_seconds - step.timebox_seconds
            actual = duration(step.actual_seconds)
            over = delta > 0
            diff = "on time" if abs(delta) < 30 else ("+" if over else MINUS) + duration(delta)
        rows.append(AgendaRow(step.title, duration(step.timebox_seconds), actual, diff, over))
    if not steps:
        return (), None
    planned = sum(s.timebox_seconds for s in steps)
    ran = [s.actual_seconds for s in steps if s.actual_seconds is not None]
    actual_total = sum(ran)
    delta = actual_total - sum(s.timebox_seconds for s in steps if s.actual_seconds is not None)
    total = AgendaRow(
        "Total",
        duration(planned),
        duration(actual_total) if ran else "—",
        ("on time" if abs(delta) < 30 else ("+" if delta > 0 else MINUS) + duration(delta))
        if ran
        else "",
        delta > 0,
    )
    return tuple(rows), total


def build_report(
    store: Store, debrief_id: int, *, now: datetime | None = None, pre_read: bool = False
) -> Report:
    """Read one debrief's shared content from the library.

    Args:
        store: the library.
        debrief_id: the debrief.
        now: the export date (default: the current time).
        pre_read: only what the pre-read shows (title, summary, timeline).
    """
    d = store.get_debrief(debrief_id)
    exported = now if now is not None else datetime.now().astimezone()
    attendees = tuple(store.rows(Attendee, debrief_id=debrief_id))
    people = {a.id: a for a in attendees}
    events = store.events(debrief_id)
    numbers = {e.id: i for i, e in enumerate(events, start=1)}

    accounts: dict[int, list[Account]] = {}
    for p in store.perspectives(debrief_id):
        if not p.account.strip():
            continue
        who = people.get(p.attendee_id)
        person = who.name if who else "Someone"
        accounts.setdefault(p.event_id, []).append(
            Account(person, who.role if who else "", p.account)
        )
    notes_at: dict[int | None, list[str]] = {}
    for n in store.rows(Note, debrief_id=debrief_id):
        if n.text.strip():
            notes_at.setdefault(n.event_id, []).append(n.text)

    timeline = []
    for e in events:
        time, detail = event_time(e, d.timezone)
        timeline.append(
            TimelineRow(
                numbers[e.id],
                e,
                time,
                detail,
                tuple(accounts.get(e.id, ())),
                tuple(notes_at.get(e.id, ())),
            )
        )
    recipients = tuple(r.name for r in store.rows(Recipient, debrief_id=debrief_id))
    reasons = na_reasons(d)

    def state(key: str, title: str, filled: bool) -> SectionState:
        return SectionState(key, title, filled, reasons.get(key))

    titles = {s.key: s.title for s in SECTIONS}
    if pre_read:
        sections = {
            "summary": state("summary", titles["summary"], bool(d.summary.strip())),
            "timeline": state("timeline", titles["timeline"], bool(timeline)),
        }
        return Report(
            d,
            exported,
            True,
            attendees,
            recipients,
            tuple(timeline),
            tuple(notes_at.get(None, ())),
            sections=sections,
        )

    learnings = store.rows(Learning, debrief_id=debrief_id)
    learning_numbers = {lrn.id: i for i, lrn in enumerate(learnings, start=1)}
    learning_rows = tuple(
        LearningRow(
            lrn,
            tuple(
                numbers[e] for e in store.linked_events("learning_event", lrn.id) if e in numbers
            ),
        )
        for lrn in learnings
    )
    rails = store.rows(GuardRail, debrief_id=debrief_id)
    items = store.rows(ActionItem, debrief_id=debrief_id)
    problems_by_item: dict[int | None, list[Problem]] = {}
    for problem in action_item_problems(items):
        problems_by_item.setdefault(problem.item_id, []).append(problem)
    action_rows = tuple(
        ActionRow(
            i,
            item,
            None if item.learning_id is None else learning_numbers.get(item.learning_id),
            tuple(
                numbers[e]
                for e in store.linked_events("action_item_event", item.id)
                if e in numbers
            ),
            tuple(problems_by_item.get(item.id, ())),
        )
        for i, item in enumerate(items, start=1)
    )
    steps = store.rows(AgendaStep, debrief_id=debrief_id)
    agenda, agenda_total = _agenda(steps)
    tz = zone(d.timezone)
    asked = []
    for q in store.rows(AskedQuestion, debrief_id=debrief_id):
        local = _local(q.asked_at, tz)
        asked.append(
            AskedRow(
                local.strftime("%H:%M") if local else "",
                numbers.get(q.event_id) if q.event_id is not None else None,
                q.text,
            )
        )
    responses = store.rows(SurveyResponse, debrief_id=debrief_id)
    metrics = compute(attendees, responses)
    counts = {
        "attendees": len(attendees),
        "distribution": len(recipients),
        "timeline": len(timeline),
        "learnings": len(learnings),
        "guard_rails": len(rails),
        "action_items": len(items),
        "agenda": len(steps),
        "questions": len(asked),
        "success_metrics": len(responses),
    }
    problems = find_problems(d, counts, items)
    filled = {
        **counts,
        "summary": int(bool(d.summary.strip())),
        "impact": int(bool(d.impact.strip())),
    }
    sections = {s.key: state(s.key, s.title, filled.get(s.key, 0) > 0) for s in SECTIONS}
    return Report(
        d,
        exported,
        False,
        attendees,
        recipients,
        tuple(timeline),
        tuple(notes_at.get(None, ())),
        learnings=learning_rows,
        guard_rails_existing=tuple(g.text for g in rails if g.status is GuardRailStatus.EXISTING),
        guard_rails_proposed=tuple(
            g.text for g in rails if g.status is not GuardRailStatus.EXISTING
        ),
        action_items=action_rows,
        agenda=agenda,
        agenda_total=agenda_total,
        asked=tuple(asked),
        metrics=metrics,
        trend=tuple(trend(store, debrief_id)),
        sections=sections,
        problems=tuple(problems),
    )
