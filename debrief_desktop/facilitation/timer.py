"""Meeting-timer arithmetic: elapsed, remaining, warnings and the plan, from stored instants.

Nothing here counts ticks. The stored state (:class:`~debrief_desktop.store.models.TimerState`
and the timing fields of each :class:`~debrief_desktop.store.models.AgendaStep`) holds a
wall-clock UTC anchor (``started_at``) and the seconds spent in earlier runs
(``elapsed_before``); every figure is worked out from those and the time *now*. So the
figures are right whatever the repaint rate, and after a crash or a restart the timer
resumes where it should be.

"Now" comes from an injected clock. Within one run of the app that clock should be
monotonic (:class:`RunClock`), so that an NTP step or a laptop changing zones does not
make the meeting jump; tests inject a fake clock and advance it.

The elapsed time of a run is ``elapsed_before + (now - started_at)`` while it runs, and
``elapsed_before`` while paused; the remaining time is ``budget - elapsed`` (negative when
over). The projector's corner clock uses the same formula.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from debrief_desktop.store.models import AgendaStep, TimerState
from debrief_desktop.store.store import iso

Clock = Callable[[], datetime]

#: Default warning threshold: the colour changes when this much time is left.
DEFAULT_WARN_SECONDS = 5 * 60
#: Default meeting budget.
DEFAULT_BUDGET_SECONDS = 60 * 60

__all__ = [
    "DEFAULT_BUDGET_SECONDS",
    "DEFAULT_WARN_SECONDS",
    "Clock",
    "Level",
    "MeetingTimer",
    "RunClock",
    "StepReading",
    "TimerReading",
    "format_duration",
    "level_for",
    "parse_instant",
    "plan_delta",
    "read_timer",
    "span_elapsed",
    "step_elapsed",
    "step_warn_seconds",
    "to_iso",
    "wall_clock",
]


def wall_clock() -> datetime:
    """The real wall clock, in UTC."""
    return datetime.now(UTC)


class RunClock:
    """A clock that is monotonic within one run, pinned to the wall clock when first read.

    The first call reads the wall clock once; later calls add the monotonic time since
    then. The stored anchors stay wall-clock instants (a restart re-pins to the wall
    clock), but a wall-clock step during the meeting does not move the timer.

    Args:
        wall: the wall clock (aware datetimes).
        monotonic: seconds from a monotonic source; ``None`` follows the wall clock
            (what tests with a fake wall clock want).
    """

    def __init__(
        self, wall: Clock = wall_clock, monotonic: Callable[[], float] | None = time.monotonic
    ) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self._pin: tuple[datetime, float] | None = None

    def __call__(self) -> datetime:
        if self._monotonic is None:
            return self._wall()
        if self._pin is None:
            self._pin = (self._wall(), self._monotonic())
        wall0, mono0 = self._pin
        return wall0 + timedelta(seconds=max(0.0, self._monotonic() - mono0))


def parse_instant(text: str | None) -> datetime | None:
    """A stored ISO 8601 instant as an aware datetime (naive means UTC); None if absent or bad."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def to_iso(moment: datetime) -> str:
    """An instant as the store keeps it: ISO 8601 in UTC."""
    return iso(moment)


def span_elapsed(elapsed_before: float, started_at: str | None, now: datetime) -> float:
    """Seconds spent: earlier runs plus the current run (if ``started_at`` is set).

    A start instant in the future (the wall clock went back) counts as no time, never as
    negative time.
    """
    started = parse_instant(started_at)
    running_for = 0.0 if started is None else max(0.0, (now - started).total_seconds())
    return max(0.0, elapsed_before) + running_for


def step_elapsed(step: AgendaStep, now: datetime) -> float:
    """Seconds spent in an agenda step so far (its run clock runs while ``started_at`` is set)."""
    return span_elapsed(step.elapsed_before, step.started_at, now)


class Level(StrEnum):
    """How urgent a countdown looks."""

    NORMAL = "normal"
    WARNING = "warning"  # at or below the threshold
    OVERRUN = "overrun"  # below zero: red and counting negative


def level_for(remaining: float, warn_seconds: float) -> Level:
    """The level of a countdown with ``remaining`` seconds left."""
    if remaining < 0:
        return Level.OVERRUN
    if remaining <= warn_seconds:
        return Level.WARNING
    return Level.NORMAL


def step_warn_seconds(timebox_seconds: int, warn_seconds: float) -> float:
    """The warning threshold of a step: the meeting's, but at most a fifth of its timebox.

    Without the cap a five-minute step would start out in warning colours.
    """
    return min(float(warn_seconds), timebox_seconds / 5)


def format_duration(seconds: float, signed: bool = False) -> str:
    """``12:05`` / ``1:02:03``; negative values as ``-3:20`` (``+``/``-`` with ``signed``)."""
    negative = seconds < 0
    whole = math.floor(-seconds) if negative else math.floor(seconds)
    hours, rest = divmod(int(whole), 3600)
    minutes, secs = divmod(rest, 60)
    shown = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if negative and whole:
        return f"-{shown}"
    return f"+{shown}" if signed else shown


def plan_delta(
    steps: Sequence[AgendaStep], current_step_id: int | None, meeting_elapsed: float, now: datetime
) -> float | None:
    """Seconds ahead of plan (positive) or behind it (negative); None without a current step.

    The plan says the current step ends when the timeboxes of every step up to and
    including it have passed. The current step is expected to end when its own timebox
    is used up (or now, if it already is). The difference between the two is the slack.
    """
    ordered = sorted(steps, key=lambda s: (s.position, s.id))
    planned_end = 0.0
    for step in ordered:
        planned_end += step.timebox_seconds
        if step.id == current_step_id:
            left_in_step = max(0.0, step.timebox_seconds - step_elapsed(step, now))
            return planned_end - (meeting_elapsed + left_in_step)
    return None


@dataclass(frozen=True)
class StepReading:
    """The current agenda step's figures at one instant."""

    step_id: int
    title: str
    elapsed: float
    timebox: int
    remaining: float | None  # None for a step without a timebox
    running: bool
    level: Level


@dataclass(frozen=True)
class TimerReading:
    """Everything the timer shows at one instant (computed, never stored)."""

    now: datetime
    budget: int
    elapsed: float
    remaining: float
    running: bool
    started: bool  # has the meeting clock ever run (since the last reset)?
    planned_end: datetime  # the clock time at which the budget runs out, at this pace
    level: Level
    ahead: float | None  # seconds ahead (+) or behind (-) plan; None without a current step
    step: StepReading | None


class MeetingTimer:
    """The meeting's clock over a stored :class:`TimerState`: read it and change it.

    The transitions return a new state (and keep it as ``state``); saving it is the
    caller's business, so that one user action is one transaction.

    Args:
        state: the stored state.
        clock: "now" (see :class:`RunClock`).
        warn_seconds: the warning threshold.
    """

    def __init__(
        self, state: TimerState, clock: Clock, warn_seconds: float = DEFAULT_WARN_SECONDS
    ) -> None:
        self.state = state
        self.clock = clock
        self.warn_seconds = warn_seconds

    # reading

    @property
    def running(self) -> bool:
        """Is the meeting clock running now?"""
        return self.state.running and self.state.started_at is not None

    def elapsed(self, now: datetime | None = None) -> float:
        """Seconds of meeting time used."""
        s = self.state
        return span_elapsed(
            s.elapsed_before, s.started_at if s.running else None, now or self.clock()
        )

    def remaining(self, now: datetime | None = None) -> float:
        """Seconds left of the budget; negative when over."""
        return self.state.budget_seconds - self.elapsed(now)

    def planned_end(self, now: datetime | None = None) -> datetime:
        """The clock time at which the budget runs out if the clock keeps (or starts) running."""
        now = now or self.clock()
        return now + timedelta(seconds=self.remaining(now))

    def level(self, now: datetime | None = None) -> Level:
        """Normal, warning or overrun."""
        return level_for(self.remaining(now), self.warn_seconds)

    # changing

    def start(self) -> TimerState:
        """Start (or resume) the meeting clock; a running clock is left as it is."""
        if not self.running:
            self.state = replace(self.state, running=True, started_at=to_iso(self.clock()))
        return self.state

    resume = start

    def pause(self) -> TimerState:
        """Stop the clock, keeping the time used so far."""
        if self.running:
            self.state = replace(
                self.state,
                running=False,
                started_at=None,
                elapsed_before=self.elapsed(),
            )
        return self.state

    def reset(self) -> TimerState:
        """Back to no time used, stopped, no current step (the budget stays)."""
        self.state = replace(
            self.state, running=False, started_at=None, elapsed_before=0.0, current_step_id=None
        )
        return self.state

    def with_budget(self, seconds: int) -> TimerState:
        """Another budget (any length; at least one minute)."""
        self.state = replace(self.state, budget_seconds=max(60, int(seconds)))
        return self.state


def read_timer(
    state: TimerState,
    steps: Sequence[AgendaStep],
    now: datetime,
    warn_seconds: float = DEFAULT_WARN_SECONDS,
) -> TimerReading:
    """Every figure the console shows, at ``now``."""
    timer = MeetingTimer(state, lambda: now, warn_seconds)
    elapsed = timer.elapsed(now)
    remaining = state.budget_seconds - elapsed
    step_reading: StepReading | None = None
    current = next((s for s in steps if s.id == state.current_step_id), None)
    if current is not None:
        spent = step_elapsed(current, now)
        box = current.timebox_seconds
        left = box - spent if box > 0 else None
        step_reading = StepReading(
            step_id=current.id,
            title=current.title,
            elapsed=spent,
            timebox=box,
            remaining=left,
            running=current.started_at is not None,
            level=Level.NORMAL
            if left is None
            else level_for(left, step_warn_seconds(box, warn_seconds)),
        )
    return TimerReading(
        now=now,
        budget=state.budget_seconds,
        elapsed=elapsed,
        remaining=remaining,
        running=timer.running,
        started=timer.running or state.elapsed_before > 0,
        planned_end=now + timedelta(seconds=remaining),
        level=level_for(remaining, warn_seconds),
        ahead=plan_delta(steps, state.current_step_id, elapsed, now),
        step=step_reading,
    )
