"""Dataclasses for every entity in the library file (DESIGN.md, "Data").

Rows come back from :class:`~debrief_desktop.store.store.Store` as these frozen
dataclasses. Field names are the column names. Times that are instants are
ISO 8601 strings in UTC (``2018-10-21T23:09:00+00:00``); booleans are ``bool``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    """How well an event's time is known."""

    EXACT = "exact"
    APPROXIMATE = "approximate"  # "~14:05", "around 2pm"
    BEFORE = "before"  # an upper bound: "by 23:02"
    DATE = "date"  # a date with no time of day
    RELATIVE = "relative"  # "two minutes later", "later"
    UNKNOWN = "unknown"  # empty, or text nobody could read as a time


class EventKind(StrEnum):
    """What sort of thing happened at an event."""

    ACTION = "action"
    OBSERVATION = "observation"
    DECISION = "decision"
    EXPECTATION = "expectation"
    ASSUMPTION = "assumption"
    COMMUNICATION = "communication"
    NOTE = "note"


class LearningKind(StrEnum):
    """The sorts of learnings the guide asks the room for."""

    LEARNED = "learned"
    SURPRISE = "surprise"
    ASSUMPTION = "assumption"


class GuardRailStatus(StrEnum):
    """Guard rails that existed (and helped) versus ones proposed."""

    EXISTING = "existing"
    PROPOSED = "proposed"


@dataclass(frozen=True)
class Debrief:
    id: int
    title: str
    incident_date: str  # ISO date or "" when unknown
    meeting_date: str
    summary: str
    impact: str
    impact_complete: bool
    facilitator: str
    note_taker: str
    timezone: str  # IANA name or "+HH:MM": how times are shown
    created_at: str
    updated_at: str
    intro: str = ""  # the introduction the facilitator reads at the start
    na_reasons: str = "{}"  # JSON object: report section -> why it is marked N/A
    uid: str = ""  # a random UUID: the same debrief in another library has the same uid
    deleted_at: str | None = None  # when it went to the trash; None outside the trash
    opened_at: str | None = None  # when it was last opened (the recent list)


@dataclass(frozen=True)
class DebriefSummary:
    """One row of the library listing."""

    id: int
    title: str
    incident_date: str
    meeting_date: str
    event_count: int


@dataclass(frozen=True)
class Attendee:
    id: int
    debrief_id: int
    name: str
    role: str  # "on-call engineer"; shown instead of the name when role labels are on
    position: int


@dataclass(frozen=True)
class Event:
    id: int
    debrief_id: int
    position: int  # timeline order; times may be unknown or relative, so order is explicit
    time_text: str  # the time as the source wrote it
    instant: str | None  # parsed instant, ISO 8601 UTC, when there is one
    precision: Precision
    timezone: str  # zone the source meant ("UTC", "America/New_York", "+02:00") or ""
    actor: str
    kind: EventKind
    text: str
    pivot: bool


@dataclass(frozen=True)
class Perspective:
    """One person's account of one event; never merged with anyone else's."""

    id: int
    event_id: int
    attendee_id: int
    account: str


@dataclass(frozen=True)
class Note:
    """A shared, timestamped note captured during the meeting (goes into the PDF)."""

    id: int
    debrief_id: int
    event_id: int | None
    text: str
    created_at: str


@dataclass(frozen=True)
class PrivateNote:
    """A facilitator's private note: never on the projector, never exported to PDF."""

    id: int
    debrief_id: int
    event_id: int | None
    text: str
    created_at: str


@dataclass(frozen=True)
class AgendaStep:
    id: int
    debrief_id: int
    position: int
    title: str
    hint: str
    timebox_seconds: int
    scene: str  # the projector scene this step shows
    done: bool
    actual_seconds: int | None
    started_at: str | None = None  # wall-clock UTC start of the step's current run
    elapsed_before: float = 0.0  # seconds spent in the step before that run


@dataclass(frozen=True)
class Question:
    """A question in the library-wide bank."""

    id: int
    text: str
    category: str
    kinds: str  # comma-separated EventKind values the question suits, "" for any
    builtin: bool


@dataclass(frozen=True)
class PreparedQuestion:
    """A question the facilitator attached to an event before the meeting (private)."""

    id: int
    event_id: int
    text: str
    question_id: int | None


@dataclass(frozen=True)
class AskedQuestion:
    """The asked log: which question was asked, when, at which event."""

    id: int
    debrief_id: int
    event_id: int | None
    question_id: int | None
    text: str
    asked_at: str


@dataclass(frozen=True)
class Learning:
    id: int
    debrief_id: int
    position: int
    kind: LearningKind
    text: str
    intentional: bool | None  # for assumptions: was it intentional? None = not asked


@dataclass(frozen=True)
class LearningEvent:
    """A learning refers to an event."""

    learning_id: int
    event_id: int


@dataclass(frozen=True)
class ActionItemEvent:
    """An action item refers to an event."""

    action_item_id: int
    event_id: int


@dataclass(frozen=True)
class Setting:
    """A library-wide setting (default agenda, default introduction …): a key and a JSON value."""

    key: str
    value: str


@dataclass(frozen=True)
class GuardRail:
    id: int
    debrief_id: int
    position: int
    status: GuardRailStatus
    text: str


@dataclass(frozen=True)
class ActionItem:
    id: int
    debrief_id: int
    position: int
    text: str
    owner: str
    priority: str  # "" when not yet prioritized
    due: str  # ISO date or ""
    status: str  # "open", "done", "dropped"
    learning_id: int | None


@dataclass(frozen=True)
class Recipient:
    """Someone on the distribution list: who else receives the report."""

    id: int
    debrief_id: int
    position: int
    name: str


@dataclass(frozen=True)
class SurveyResponse:
    """An attendee's answer to the two success-metric questions."""

    id: int
    debrief_id: int
    attendee_id: int | None
    respondent: str
    learned: bool | None
    learned_what: str
    attend_again: bool | None


@dataclass(frozen=True)
class TimerState:
    """Stored meeting-timer state, so a restart resumes where the timer should be."""

    debrief_id: int
    budget_seconds: int
    running: bool
    started_at: str | None  # wall-clock UTC anchor of the current run
    elapsed_before: float  # seconds accumulated in earlier runs
    current_step_id: int | None
