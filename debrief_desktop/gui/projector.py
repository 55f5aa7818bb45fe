"""The projector: what the room sees. Read-only, large, high contrast, nothing private.

:class:`ProjectorView` draws one scene of the open debrief — ground rules,
timeline, learnings, action items or closing — chosen by ``Session.scene``. It
scales with its size (a 480x270 preview in the console looks like the real
thing, only smaller) and with ``Session.font_step``. :class:`ProjectorWindow`
is the top-level window around it.

The view only reads the :class:`~debrief_desktop.gui.session.Session` and
listens to its signals and models; it never writes, and it never asks for
private notes or prepared questions. Every text is a
:class:`~debrief_desktop.gui.widgets.FitText`: plain text (never markup) that
wraps and shrinks to fit its box.

Sizes are designed for a 1920x1080 screen, where the event in focus is at least
48 px high and every other text at least 32 px; :meth:`ProjectorView.unit`
scales them to the actual size.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from debrief_desktop.gui.session import Session
from debrief_desktop.gui.theme import Theme, theme_named
from debrief_desktop.gui.widgets import FitText
from debrief_desktop.resources import read_text
from debrief_desktop.store.models import (
    ActionItem,
    Event,
    Learning,
    LearningKind,
    Precision,
    TimerState,
)

__all__ = [
    "DESIGN_SIZE",
    "STEP_FACTOR",
    "ProjectorView",
    "ProjectorWindow",
    "action_item_meta",
    "clock_text",
    "remaining_seconds",
    "time_for_room",
]

#: The screen size the projector's pixel sizes are designed for.
DESIGN_SIZE = (1920, 1080)
#: How much one ``Session.font_step`` enlarges (or shrinks) everything.
STEP_FACTOR = 1.12

# (preferred, floor) pixel sizes at 1920x1080. Floors: 48 for the event in focus,
# at least 32 for everything else (legible from the back of a room).
FOCUS = (64, 48)
META = (38, 32)
CONTEXT = (34, 32)
LABEL = (34, 32)
ACCOUNT = (38, 32)
HEADING = (64, 48)
RULE = (64, 40)
DETAIL = (44, 32)
ITEM = (42, 32)
ITEM_META = (34, 32)
CLOCK = (34, 32)

PIVOT_MARK = "⚑ pivot point"
NO_OWNER = "owner needed"

# --------------------------------------------------------------------- pure helpers

_APPROXIMATE_PREFIX = re.compile(
    r"^(?:~|≈|±|\+/-|\+-|(?:approx|ca|c)\.|(?:approximately|approx|around|about|roughly|"
    r"circa|ca)(?=\s|\d))\s*",
    re.IGNORECASE,
)
_APPROXIMATE_SUFFIX = re.compile(r"\s*(?:\?+|-?ish)$", re.IGNORECASE)
_BEFORE_WORDS = re.compile(
    r"^(?:by|before|no later than|not later than|prior to|at the latest)\b", re.IGNORECASE
)


def time_for_room(event: Event) -> str:
    """The time of an event as the room reads it, with how well it is known.

    Exact, relative ("later") and date-only times are shown as written;
    approximate ones as "≈ 14:05" (whatever "~", "about" or "-ish" the source
    used); upper bounds as "by 23:02"; no time at all as "time unknown". A time
    nobody could read keeps its words ("sometime that afternoon"): it is still
    what someone said.
    """
    text = " ".join(event.time_text.split())
    if not text:
        return "time unknown"
    if event.precision == Precision.APPROXIMATE:
        core = text
        while match := _APPROXIMATE_PREFIX.match(core):
            if not match.group():
                break
            core = core[match.end() :]
        core = _APPROXIMATE_SUFFIX.sub("", core).strip()
        return f"≈ {core}" if core else "time unknown"
    if event.precision == Precision.BEFORE and not _BEFORE_WORDS.match(text):
        return f"by {text}"
    return text


def remaining_seconds(state: TimerState, now: datetime) -> float | None:
    """Seconds left of the meeting's time budget, negative when over; None when not running.

    Computed from the stored start instant (not from counted ticks), so it is right
    after a restart and whatever the repaint rate.
    """
    if not state.running or not state.started_at:
        return None
    try:
        started = datetime.fromisoformat(state.started_at)
    except ValueError:
        return None
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    running_for = max(0.0, (now - started).total_seconds())
    return state.budget_seconds - (state.elapsed_before + running_for)


def clock_text(remaining: float) -> str:
    """The corner clock: "42:10 left", "1:05:00 left" or "3:20 over"."""
    over = remaining < 0
    seconds = math.floor(-remaining) if over else math.ceil(remaining)
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    shown = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{shown} over" if over else f"{shown} left"


def _due_for_room(due: str) -> str:
    try:
        day = date.fromisoformat(due.strip())
    except ValueError:
        return due.strip()
    return f"{day.day} {day:%b %Y}"


def action_item_meta(item: ActionItem) -> tuple[str, str]:
    """The owner line of an action item ("owner needed" when nobody owns it) and its details."""
    owner = item.owner.strip() or NO_OWNER
    details = []
    if item.priority.strip():
        details.append(f"priority {item.priority.strip()}")
    if item.due.strip():
        details.append(f"due {_due_for_room(item.due)}")
    if item.status and item.status != "open":
        details.append(item.status)
    return owner, " · ".join(details)


def learning_tag(learning: Learning) -> str:
    """What sort of learning this is, in a word or two."""
    tag = {
        LearningKind.LEARNED: "Learned",
        LearningKind.SURPRISE: "Surprise",
        LearningKind.ASSUMPTION: "Assumption",
    }.get(learning.kind, str(learning.kind).capitalize())
    if learning.kind == LearningKind.ASSUMPTION and learning.intentional is not None:
        tag += " · intentional" if learning.intentional else " · not intentional"
    return tag


@cache
def _text_resource(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_text("text", name))
    return data


# ----------------------------------------------------------------------- the texts


class RoomText(FitText):
    """A :class:`FitText` whose sizes are design sizes, scaled with the projector."""

    def __init__(
        self,
        parent: QWidget,
        name: str,
        design: tuple[int, int],
        *,
        role: str = "text",
        bold: bool = False,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        super().__init__(parent, role=role, bold=bold, alignment=alignment)
        self.setObjectName(name)
        self.design = design

    def scale(self, unit: float) -> None:
        """Apply the projector's unit to the design sizes."""
        self.set_sizes(_px(self.design[0], unit), _px(self.design[1], unit))

    def line_height(self, which: int = 0) -> float:
        """The height of one line at the preferred (0) or floor (1) size."""
        size = self.preferred_px() if which == 0 else self.floor_px()
        return QFontMetricsF(self.font_at(size)).height()

    def advance(self, text: str | None = None) -> float:
        """The width of a one-line text at the preferred size."""
        metrics = QFontMetricsF(self.font_at(self.preferred_px()))
        return metrics.horizontalAdvance(self.text() if text is None else text)


def _px(design: float, unit: float) -> int:
    return max(1, round(design * unit))


# ------------------------------------------------------------------------- scenes


class _Scene(QWidget):
    """One scene of the projector; it reads the session and places its texts."""

    name: ClassVar[str] = ""

    def __init__(self, view: ProjectorView) -> None:
        super().__init__(view)
        self.view = view
        self.session = view.session
        self.dirty = True
        self._texts: list[RoomText] = []

    def add_text(self, name: str, design: tuple[int, int], **kwargs: Any) -> RoomText:
        text = RoomText(self, name, design, **kwargs)
        text.set_colour(getattr(self.view.theme(), text.role))
        self._texts.append(text)
        return text

    def texts(self) -> list[RoomText]:
        """This scene's texts that are on screen, in reading order."""
        return [t for t in self._texts if t.isVisibleTo(self) and t.text()]

    def apply_theme(self, theme: Theme) -> None:
        for text in self._texts:
            text.set_colour(getattr(theme, text.role))
        self.update()

    def refresh(self) -> None:
        """Read what the scene shows from the session, then place it."""
        self.dirty = False
        self.read()
        self.relayout()

    def read(self) -> None:
        """Take the scene's content from the session (override)."""

    def relayout(self) -> None:
        """Size and place the texts for the current size and unit (override)."""

    def unit(self) -> float:
        return self.view.unit()

    def margins(self) -> QRectF:
        u = self.unit()
        r = QRectF(self.rect())
        return r.adjusted(72 * u, 40 * u, -72 * u, -40 * u)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.dirty:
            self.relayout()

    # shared layout helpers

    def _scale_all(self) -> None:
        u = self.unit()
        for text in self._texts:
            text.scale(u)

    @staticmethod
    def place(widget: QWidget, rect: QRectF) -> None:
        widget.setGeometry(rect.toAlignedRect() if rect.isValid() else QRect())


class _TimelineScene(_Scene):
    """The event in focus, large; its neighbours smaller; each account as its own card."""

    name = "timeline"

    def __init__(self, view: ProjectorView) -> None:
        super().__init__(view)
        self.before = [
            self.add_text(f"before-{i}", CONTEXT, role="secondary", alignment=_BOTTOM)
            for i in (2, 1)
        ]
        self.time = self.add_text("time", META, bold=True)
        self.meta = self.add_text("meta", META, role="secondary")
        self.pivot = self.add_text("pivot", META, role="pivot", bold=True, alignment=_RIGHT)
        self.focus = self.add_text("focus", FOCUS)
        self.after = [self.add_text(f"after-{i}", CONTEXT, role="secondary") for i in (1, 2)]
        self.labels: list[RoomText] = []
        self.accounts: list[RoomText] = []
        self.card_rects: list[QRectF] = []
        self.event: Event | None = None
        self._neighbour_pivots: dict[RoomText, bool] = {}
        self.meta_top = 0.0
        self.gutter_x = 0.0
        self.card_count = 0

    # reading

    def watched_rows(self) -> range:
        row = self.session.live_row
        return range(max(0, row - 2), row + 3)

    def read(self) -> None:
        s = self.session
        event = s.live_event if s.debrief is not None else None
        self.event = event
        row = s.live_row
        self._neighbour_pivots = {}
        for slot, offset in zip(self.before, (-2, -1), strict=True):
            self._neighbour(slot, s.timeline.event_at(row + offset) if row + offset >= 0 else None)
        for slot, offset in zip(self.after, (1, 2), strict=True):
            later = None if s.reveal or event is None else s.timeline.event_at(row + offset)
            self._neighbour(slot, later)
        if event is None:
            self.time.set_text("")
            self.meta.set_text("")
            self.pivot.set_text("")
            self.focus.set_text("No events yet." if s.debrief is not None else "")
            self._cards([])
            return
        self.time.set_text(time_for_room(event))
        kind = str(event.kind.value if hasattr(event.kind, "value") else event.kind)
        actor = self.view.actor_for_room(event.actor)
        self.meta.set_text(" · ".join(part for part in (actor, kind) if part))
        self.pivot.set_text(PIVOT_MARK if event.pivot else "")
        self.focus.set_text(event.text)
        self._cards(
            [(s.speaker_label(p.attendee_id), p.account) for p in s.perspectives_of(event.id)]
        )

    def _neighbour(self, slot: RoomText, event: Event | None) -> None:
        if event is None:
            slot.set_text("")
            return
        actor = self.view.actor_for_room(event.actor)
        head = " · ".join(part for part in (time_for_room(event), actor) if part)
        mark = "⚑ " if event.pivot else ""
        slot.set_text(f"{mark}{head} — {event.text}" if event.text.strip() else f"{mark}{head}")
        self._neighbour_pivots[slot] = event.pivot

    def _cards(self, cards: Sequence[tuple[str, str]]) -> None:
        while len(self.labels) < len(cards):
            i = len(self.labels)
            self.labels.append(self.add_text(f"card-label-{i}", LABEL, role="secondary", bold=True))
            self.accounts.append(self.add_text(f"account-{i}", ACCOUNT))
        self.card_count = len(cards)
        for i, (label, account) in enumerate(zip(self.labels, self.accounts, strict=True)):
            if i < len(cards):
                label.set_text(cards[i][0].strip() or "someone")
                account.set_text(cards[i][1])
                label.show()
                account.show()
            else:
                label.set_text("")
                account.set_text("")
                label.hide()
                account.hide()

    # placing

    def relayout(self) -> None:
        self._scale_all()
        u = self.unit()
        area = self.margins()
        gutter = 48 * u
        left, width = area.left() + gutter, max(1.0, area.width() - gutter)
        gap = 24 * u
        pad = 22 * u
        context_gap = 14 * u
        cards = list(range(self.card_count))
        after = [slot for slot in self.after if slot.text()]

        ctx_line = self.before[0].line_height()
        meta_h = self.time.line_height() + 10 * u
        focus = self.focus
        one_line = focus.line_height(1)
        focus_pref = max(one_line, focus.height_for(width, focus.preferred_px(), 4))
        # The event in focus stays whole if at all possible: at the floor size, at most 6 lines.
        focus_floor = min(focus_pref, max(one_line, focus.height_for(width, focus.floor_px(), 6)))
        label_h = self.labels[0].line_height() + 6 * u if cards else 0.0
        cols = _columns(len(cards))
        rows = math.ceil(len(cards) / cols) if cards else 0
        card_need = card_least = card_full = card_whole = 0.0
        if cards:
            # Room for the longest account at the floor size, so context gives way first.
            inner_w = (width - (cols - 1) * gap) / cols - 2 * pad
            floor_px = self.accounts[cards[0]].floor_px()
            longest = max(self.accounts[i].height_for(inner_w, floor_px, 16) for i in cards)
            card_least = 2 * pad + label_h + min(longest, 3 * self.accounts[0].line_height(1))
            card_whole = 2 * pad + label_h + longest  # the longest account, whole, at the floor
            card_full = card_whole + 4 * u
            card_need = max(card_least, min(card_full, area.height() * 0.6 / rows - gap))

        plan = {
            "before_slots": 2,
            "before_lines": 2,
            "after_slots": len(after),
            "after_lines": 2,
            "focus_h": focus_pref,
            "card_h": card_need,
        }

        def total() -> float:
            t = plan["before_slots"] * plan["before_lines"] * ctx_line + meta_h + plan["focus_h"]
            t += context_gap if plan["before_slots"] else 0.0
            t += (gap + rows * plan["card_h"] + (rows - 1) * gap) if cards else 0.0
            if plan["after_slots"]:
                t += gap + plan["after_slots"] * plan["after_lines"] * ctx_line
            return t + gap / 2

        # Make room, least important first: neighbours shrink to one line each, then to
        # one neighbour each side; then the event in focus shrinks (staying whole), then
        # the neighbours go; the accounts give way last.
        steps: list[tuple[str, float]] = [
            ("before_lines", 1),
            ("after_lines", 1),
            ("after_slots", min(len(after), 1)),
            ("before_slots", 1),
            ("focus_h", focus_floor),
            ("before_slots", 0),
            ("after_slots", 0),
            ("card_h", card_least),
            ("focus_h", one_line),
        ]
        start = dict(plan)
        for key, value in steps:
            if total() <= area.height():
                break
            plan[key] = value
        # A line of slack: the measure is a little generous (a few fixed pixels), and
        # a preview a quarter the size must make the same choice as the projector.
        slack = self.accounts[cards[0]].line_height(1) if cards else 0.0
        if cards and plan["card_h"] < card_whole - slack:
            # Accounts would be cut: plan again with room for every account whole, so
            # the neighbours and the size of the event in focus give way first.
            plan.clear()
            plan.update(start, card_h=card_whole)
            for key, value in steps[:-2]:
                if total() <= area.height():
                    break
                plan[key] = value
            if total() > area.height():  # even so: the cards take what is left
                others = total() - rows * plan["card_h"]
                plan["card_h"] = max(card_least, (area.height() - others) / rows)

        spare = area.height() - total()
        if not cards and spare > 0:
            # Without accounts the event may take more lines before it shrinks.
            longer = focus.height_for(width, focus.preferred_px(), 8)
            plan["focus_h"] += max(0.0, min(spare, longer - plan["focus_h"]))
        before_slots, before_lines = int(plan["before_slots"]), int(plan["before_lines"])
        after_slots, after_lines = int(plan["after_slots"]), int(plan["after_lines"])
        focus_h = plan["focus_h"]

        y = area.top()
        slot_h = before_lines * ctx_line
        for i, slot in enumerate(self.before):
            shown = i >= 2 - before_slots
            slot.setVisible(shown and bool(slot.text()))
            if shown:
                self.place(slot, QRectF(left, y, width, slot_h))
                y += slot_h
        y += context_gap if before_slots else 0.0
        self.meta_top = y
        time_w = min(self.time.advance() + 4 * u, width * 0.45)
        pivot_w = self.pivot.advance(PIVOT_MARK) + 4 * u if self.pivot.text() else 0.0
        self.place(self.time, QRectF(left, y, time_w, meta_h))
        meta_x = left + time_w + 28 * u
        self.place(self.meta, QRectF(meta_x, y, max(1.0, left + width - pivot_w - meta_x), meta_h))
        self.pivot.setVisible(bool(self.pivot.text()))
        self.place(self.pivot, QRectF(left + width - pivot_w, y, pivot_w, meta_h))
        y += meta_h
        self.place(self.focus, QRectF(left, y, width, focus_h))
        y += focus_h

        after_h = after_lines * ctx_line
        after_block = (gap + after_slots * after_h) if after_slots else 0.0
        self.card_rects = []
        if cards:
            y += gap
            # Whatever is left is the accounts'; never past the bottom edge.
            cards_h = max(0.0, area.bottom() - after_block - y)
            card_w = (width - (cols - 1) * gap) / cols
            card_h = (cards_h - (rows - 1) * gap) / rows
            for n, i in enumerate(cards):
                r, c = divmod(n, cols)
                rect = QRectF(left + c * (card_w + gap), y + r * (card_h + gap), card_w, card_h)
                self.card_rects.append(rect)
                inner = rect.adjusted(pad, pad * 0.8, -pad, -pad)
                self.place(
                    self.labels[i], QRectF(inner.left(), inner.top(), inner.width(), label_h)
                )
                self.place(
                    self.accounts[i],
                    QRectF(
                        inner.left(), inner.top() + label_h, inner.width(), inner.height() - label_h
                    ),
                )
            y += cards_h
            _same_size(self.accounts[i] for i in cards)
        y += gap if after_slots else 0.0
        for i, slot in enumerate(self.after):
            shown = i < after_slots
            slot.setVisible(shown and bool(slot.text()))
            if shown:
                self.place(slot, QRectF(left, y, width, after_h))
                y += after_h
        self.gutter_x = area.left() + 14 * u
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self.view.theme()
        u = self.unit()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = QPen(QColor(theme.card_border), max(1.0, 2 * u))
        painter.setPen(border)
        painter.setBrush(QBrush(QColor(theme.card)))
        radius = 14 * u
        for rect in self.card_rects:
            painter.drawRoundedRect(rect, radius, radius)
        if self.event is not None:
            self._paint_rail(painter, theme, u)
        painter.end()

    def _paint_rail(self, painter: QPainter, theme: Theme, u: float) -> None:
        """A thin vertical timeline in the left margin, a dot per event shown."""
        x = self.gutter_x
        dots: list[tuple[float, float, str]] = []
        for slot in [*self.before, *self.after]:
            if slot.isVisible():
                top = slot.y() + (slot.height() - slot.text_height() if slot in self.before else 0)
                colour = theme.pivot if self._neighbour_pivots.get(slot) else theme.secondary
                dots.append((top + slot.line_height() / 2, 7 * u, colour))
        event = self.event
        focus_y = self.meta_top + self.time.height() / 2
        dots.append((focus_y, 14 * u, theme.pivot if event and event.pivot else theme.text))
        top = min(y for y, _, _ in dots)
        bottom = max(y for y, _, _ in dots)
        if not self.session.reveal or self.after[0].isVisible():
            bottom = max(bottom, focus_y)
        painter.setPen(QPen(QColor(theme.card_border), max(1.0, 3 * u)))
        painter.drawLine(QPointF(x, top), QPointF(x, max(bottom, focus_y)))
        painter.setPen(Qt.PenStyle.NoPen)
        for y, radius, colour in dots:
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QPointF(x, y), radius, radius)


def _same_size(texts: Iterable[FitText]) -> None:
    """Show texts side by side at one size (the smallest any of them needs): calmer to read."""
    texts = list(texts)
    if texts:
        common = min(t.pixel_size() for t in texts)
        for t in texts:
            t.set_sizes(common, min(common, t.floor_px()))


def _columns(count: int) -> int:
    if count <= 3:
        return max(1, count)
    if count == 4:
        return 2
    return 3 if count <= 6 else 4


class _ListScene(_Scene):
    """A heading and a list of items that share the height; the newest stay on screen."""

    heading_text = ""
    empty_text = ""
    max_gap = 36.0

    def __init__(self, view: ProjectorView) -> None:
        super().__init__(view)
        self.heading = self.add_text("heading", HEADING, bold=True)
        self.empty = self.add_text("empty", DETAIL, role="secondary")
        self.more = self.add_text("more", ITEM_META, role="secondary")
        self.items: list[tuple[RoomText, ...]] = []
        self.rules: list[float] = []
        self.rule_span = (0.0, 0.0)
        self.count = 0

    def new_item(self, index: int) -> tuple[RoomText, ...]:
        raise NotImplementedError

    def fill_item(self, widgets: tuple[RoomText, ...], row: Any) -> None:
        raise NotImplementedError

    def rows(self) -> Sequence[Any]:
        return []

    def item_heights(self, widgets: tuple[RoomText, ...], width: float) -> tuple[float, float]:
        """The height one item needs at the preferred and at the floor size (whole, either way)."""
        raise NotImplementedError

    def place_item(self, widgets: tuple[RoomText, ...], rect: QRectF) -> None:
        raise NotImplementedError

    def more_text(self, hidden: int) -> str:
        return f"{hidden} earlier not shown"

    def read(self) -> None:
        self.heading.set_text(self.heading_text)
        rows = self.rows() if self.session.debrief is not None else []
        while len(self.items) < len(rows):
            self.items.append(self.new_item(len(self.items)))
        for i, widgets in enumerate(self.items):
            if i < len(rows):
                self.fill_item(widgets, rows[i])
            else:
                for w in widgets:
                    w.set_text("")
        self.count = len(rows)
        self.empty.set_text("" if rows else self.empty_text)

    def relayout(self) -> None:
        self._scale_all()
        u = self.unit()
        area = self.margins()
        heading_h = self.heading.line_height() + 24 * u
        self.place(self.heading, QRectF(area.left(), area.top(), area.width(), heading_h))
        top = area.top() + heading_h
        avail = area.bottom() - top
        gap = 26 * u
        count = self.count
        self.empty.setVisible(count == 0)
        self.place(self.empty, QRectF(area.left(), top, area.width(), avail))
        needs = [self.item_heights(self.items[i], area.width()) for i in range(count)]
        # Keep the newest items, whole: they are the ones being added while the room watches.
        first = 0
        more_h = self.more.line_height() + gap
        while first < count:
            shown = needs[first:]
            smallest = sum(n[1] for n in shown) + gap * (len(shown) - 1)
            extra = more_h if first else 0.0
            if smallest + extra <= avail or first == count - 1:
                break
            first += 1
        self.more.set_text(self.more_text(first) if first else "")
        self.more.setVisible(bool(first))
        if first:
            self.place(self.more, QRectF(area.left(), top, area.width(), more_h - gap))
            top += more_h
            avail -= more_h
        shown = needs[first:]
        gaps = gap * max(0, len(shown) - 1)
        wanted = sum(n[0] for n in shown) + gaps
        heights = [n[0] for n in shown]
        if wanted > avail and shown:
            # Share out the room in proportion to need, never below an item's smallest.
            spare = max(0.0, avail - gaps - sum(n[1] for n in shown))
            extra_need = sum(n[0] - n[1] for n in shown) or 1.0
            heights = [n[1] + spare * (n[0] - n[1]) / extra_need for n in shown]
            total = sum(heights)
            if total > avail - gaps > 0:  # not even the smallest fits: never past the edge
                heights = [h * (avail - gaps) / total for h in heights]
        elif len(shown) > 1:
            # Spare room: breathe a little between items rather than leave a gap below.
            gap = min(self.max_gap * u, gap + (avail - wanted) / (len(shown) - 1))
        self.rules = []
        y = top
        for i in range(count):
            widgets = self.items[i]
            visible = i >= first
            for w in widgets:
                w.setVisible(visible and bool(w.text()))
            if not visible:
                continue
            h = heights[i - first]
            self.place_item(widgets, QRectF(area.left(), y, area.width(), h))
            if i > first:
                self.rules.append(y - gap / 2)
            y += h + gap
        for widgets in self.items[count:]:
            for w in widgets:
                w.hide()
        for part in range(len(self.items[0]) if self.items else 0):
            # One size per kind of text down the list, so no item looks louder than another.
            _same_size(
                self.items[i][part] for i in range(first, count) if self.items[i][part].text()
            )
        self.rule_span = (area.left(), area.right())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.rules:
            return
        painter = QPainter(self)
        painter.setPen(QPen(QColor(self.view.theme().card_border), max(1.0, 2 * self.unit())))
        left, right = self.rule_span
        for y in self.rules:
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.end()


class _GroundRulesScene(_ListScene):
    name = "ground_rules"
    max_gap = 60.0

    def read(self) -> None:
        data = _text_resource("ground-rules.json")
        self.heading_text = str(data.get("title", "Ground rules"))
        super().read()

    def rows(self) -> Sequence[Any]:
        return list(_text_resource("ground-rules.json").get("rules", []))

    def new_item(self, index: int) -> tuple[RoomText, ...]:
        return (
            self.add_text(f"rule-number-{index}", RULE, role="secondary", bold=True),
            self.add_text(f"rule-{index}", RULE, bold=True),
            self.add_text(f"rule-detail-{index}", DETAIL, role="secondary"),
        )

    def fill_item(self, widgets: tuple[RoomText, ...], row: Any) -> None:
        number, rule, detail = widgets
        number.set_text(f"{self.items.index(widgets) + 1}")
        rule.set_text(str(row.get("rule", "")))
        detail.set_text(str(row.get("detail", "")))

    def _indent(self) -> float:
        return self.items[0][0].advance("0") * 2 if self.items else 0.0

    def item_heights(self, widgets: tuple[RoomText, ...], width: float) -> tuple[float, float]:
        _, rule, detail = widgets
        w = width - self._indent()
        need = rule.height_for(w, rule.preferred_px(), 2) + detail.height_for(
            w, detail.preferred_px(), 3
        )
        least = rule.height_for(w, rule.floor_px(), 3) + detail.height_for(w, detail.floor_px(), 4)
        return need, min(need, least)

    def place_item(self, widgets: tuple[RoomText, ...], rect: QRectF) -> None:
        number, rule, detail = widgets
        indent = self._indent()
        x, w = rect.left() + indent, rect.width() - indent
        rule_h = rule.height_for(w, rule.preferred_px(), 2)
        detail_floor = detail.line_height(1) if detail.text() else 0.0
        rule_h = max(min(rule_h, rect.height() - detail_floor), rule.line_height(1))
        self.place(number, QRectF(rect.left(), rect.top(), indent, number.line_height()))
        self.place(rule, QRectF(x, rect.top(), w, rule_h))
        self.place(detail, QRectF(x, rect.top() + rule_h, w, rect.height() - rule_h))


class _LearningsScene(_ListScene):
    name = "learnings"
    heading_text = "What we learned"
    empty_text = "No learnings yet. What did you learn? What surprised you?"

    def rows(self) -> Sequence[Any]:
        return self.session.learnings()

    def more_text(self, hidden: int) -> str:
        return f"… and {hidden} earlier learning{'s' if hidden != 1 else ''}"

    def new_item(self, index: int) -> tuple[RoomText, ...]:
        return (
            self.add_text(f"learning-kind-{index}", ITEM_META, role="secondary", bold=True),
            self.add_text(f"learning-{index}", ITEM),
        )

    def fill_item(self, widgets: tuple[RoomText, ...], row: Learning) -> None:
        tag, text = widgets
        tag.set_text(learning_tag(row))
        text.set_text(row.text)

    def item_heights(self, widgets: tuple[RoomText, ...], width: float) -> tuple[float, float]:
        tag, text = widgets
        need = tag.line_height() + text.height_for(width, text.preferred_px(), 4)
        least = tag.line_height(1) + text.height_for(width, text.floor_px(), 6)
        return need, min(need, least)

    def place_item(self, widgets: tuple[RoomText, ...], rect: QRectF) -> None:
        tag, text = widgets
        tag_h = min(tag.line_height(), rect.height() / 2)
        self.place(tag, QRectF(rect.left(), rect.top(), rect.width(), tag_h))
        self.place(
            text, QRectF(rect.left(), rect.top() + tag_h, rect.width(), rect.height() - tag_h)
        )


class _ActionItemsScene(_ListScene):
    name = "action_items"
    heading_text = "Action items"
    empty_text = "No action items yet."

    def rows(self) -> Sequence[Any]:
        return self.session.action_items()

    def more_text(self, hidden: int) -> str:
        return f"… and {hidden} earlier action item{'s' if hidden != 1 else ''}"

    def new_item(self, index: int) -> tuple[RoomText, ...]:
        return (
            self.add_text(f"action-{index}", ITEM),
            self.add_text(f"action-owner-{index}", ITEM_META, bold=True),
            self.add_text(f"action-details-{index}", ITEM_META, role="secondary"),
        )

    def fill_item(self, widgets: tuple[RoomText, ...], row: ActionItem) -> None:
        text, owner, details = widgets
        text.set_text(row.text)
        who, rest = action_item_meta(row)
        owner.set_text(who)
        owner.role = "pivot" if who == NO_OWNER else "text"
        owner.set_colour(getattr(self.view.theme(), owner.role))
        details.set_text(rest)

    def item_heights(self, widgets: tuple[RoomText, ...], width: float) -> tuple[float, float]:
        text, owner, _ = widgets
        need = text.height_for(width, text.preferred_px(), 3) + owner.line_height()
        least = text.height_for(width, text.floor_px(), 5) + owner.line_height(1)
        return need, min(need, least)

    def place_item(self, widgets: tuple[RoomText, ...], rect: QRectF) -> None:
        text, owner, details = widgets
        meta_h = min(owner.line_height(), rect.height() / 2)
        text_h = rect.height() - meta_h
        self.place(text, QRectF(rect.left(), rect.top(), rect.width(), text_h))
        owner_w = min(owner.advance() + 4 * self.unit(), rect.width() * 0.6)
        y = rect.top() + text_h
        self.place(owner, QRectF(rect.left(), y, owner_w, meta_h))
        x = rect.left() + owner_w + 28 * self.unit()
        self.place(details, QRectF(x, y, max(1.0, rect.right() - x), meta_h))


class _ClosingScene(_Scene):
    name = "closing"

    def __init__(self, view: ProjectorView) -> None:
        super().__init__(view)
        self.heading = self.add_text("heading", HEADING, bold=True)
        self.intro = self.add_text("intro", DETAIL, role="secondary")
        self.ask = self.add_text("questions-heading", ITEM, role="secondary")
        self.questions = [self.add_text(f"question-{i}", RULE, bold=True) for i in range(2)]

    def read(self) -> None:
        data = _text_resource("closing.json")
        self.heading.set_text(str(data.get("title", "")))
        self.intro.set_text(str(data.get("intro", "")))
        self.ask.set_text(str(data.get("questions_heading", "")))
        questions = [str(q) for q in data.get("questions", [])][: len(self.questions)]
        for widget, question in zip(self.questions, questions, strict=False):
            widget.set_text(question)

    def relayout(self) -> None:
        self._scale_all()
        u = self.unit()
        area = self.margins()
        w = area.width()
        blocks: list[tuple[RoomText, float, float]] = [
            (self.heading, self.heading.line_height(), 40 * u),
            (self.intro, self.intro.height_for(w, self.intro.preferred_px(), 3), 64 * u),
            (self.ask, self.ask.height_for(w, self.ask.preferred_px(), 2), 24 * u),
        ]
        for q in self.questions:
            blocks.append((q, q.height_for(w, q.preferred_px(), 3), 28 * u))
        wanted = sum(h + g for _, h, g in blocks)
        shrink = min(1.0, area.height() / wanted) if wanted else 1.0
        y = area.top() + max(0.0, (area.height() - wanted) / 2)
        for widget, h, g in blocks:
            self.place(widget, QRectF(area.left(), y, w, h * shrink))
            y += (h + g) * shrink
        self.update()


_BOTTOM = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute

_SCENES: tuple[type[_Scene], ...] = (
    _GroundRulesScene,
    _TimelineScene,
    _LearningsScene,
    _ActionItemsScene,
    _ClosingScene,
)


# ---------------------------------------------------------------------------- view


class ProjectorView(QWidget):
    """What the room sees, at any size: one scene of the open debrief, or black.

    Embed it small (say 480x270) as a live preview in the console; it draws the
    same picture in proportion. It reads the session and never writes to it.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._scenes: dict[str, _Scene] = {cls.name: cls(self) for cls in _SCENES}
        self._clock = RoomText(self, "clock", CLOCK, role="secondary", alignment=_RIGHT)
        self._clock.set_colour(self.theme().secondary)
        self._clock.hide()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._on_clock_tick)
        self._connect(session)
        self._on_session_theme_changed(session.theme)
        self._on_session_clock_visible_changed(session.clock_visible)
        self._show_current()

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    # ------------------------------------------------------------- reading it

    def unit(self) -> float:
        """Pixels per design pixel: the size relative to 1920x1080, times the font step."""
        scale = min(self.width() / DESIGN_SIZE[0], self.height() / DESIGN_SIZE[1])
        return max(0.05, scale) * STEP_FACTOR**self.session.font_step

    def theme(self) -> Theme:
        """The theme in use."""
        return theme_named(self.session.theme)

    def scene_name(self) -> str:
        """The scene on screen (``Session.scene``)."""
        return self.session.scene if self.session.scene in self._scenes else "timeline"

    def text_widgets(self) -> list[FitText]:
        """Every text on screen now (none during blackout), in reading order."""
        if self.session.blackout:
            return []
        texts: list[FitText] = list(self._scenes[self.scene_name()].texts())
        if self._clock.isVisibleTo(self) and self._clock.text():
            texts.append(self._clock)
        return texts

    def visible_texts(self) -> list[str]:
        """The texts the room can read now, as shown (ending in "…" where cut)."""
        return [t.shown_text() for t in self.text_widgets()]

    def text_named(self, name: str) -> FitText | None:
        """The text on screen whose object name is ``name`` ("focus", "account-0" …)."""
        return next((t for t in self.text_widgets() if t.objectName() == name), None)

    def actor_for_room(self, actor: str) -> str:
        """An event's actor as the room sees it: the role, when role labels are on."""
        if self.session.role_labels:
            wanted = actor.strip().casefold()
            for attendee in self.session.attendees.attendees():
                if attendee.name.strip().casefold() == wanted:
                    return self.session.speaker_label(attendee.id)
        return actor

    # ------------------------------------------------------------- signals

    def _connect(self, s: Session) -> None:
        s.debrief_opened.connect(self._on_session_debrief_opened)
        s.live_changed.connect(self._on_session_live_changed)
        s.scene_changed.connect(self._on_session_scene_changed)
        s.blackout_changed.connect(self._on_session_blackout_changed)
        s.reveal_changed.connect(self._on_session_reveal_changed)
        s.role_labels_changed.connect(self._on_session_role_labels_changed)
        s.font_step_changed.connect(self._on_session_font_step_changed)
        s.theme_changed.connect(self._on_session_theme_changed)
        s.clock_visible_changed.connect(self._on_session_clock_visible_changed)
        s.perspectives_changed.connect(self._on_session_perspectives_changed)
        s.notes_changed.connect(self._on_session_notes_changed)
        t = s.timeline
        t.dataChanged.connect(self._on_timeline_data_changed)
        for signal in (t.rowsInserted, t.rowsRemoved, t.rowsMoved):
            signal.connect(self._on_timeline_rows_changed)
        t.modelReset.connect(self._on_timeline_rows_changed)
        a = s.attendees
        for signal in (a.rowsInserted, a.rowsRemoved, a.dataChanged, a.modelReset):
            signal.connect(self._on_timeline_rows_changed)

    def _changed(self, *names: str) -> None:
        """Scenes whose content changed: the one on screen updates now, others when shown."""
        current = self.scene_name()
        for name in names:
            scene = self._scenes[name]
            if name == current and not self.session.blackout:
                scene.refresh()
            else:
                scene.dirty = True

    def _on_session_debrief_opened(self, _debrief_id: int) -> None:
        self._changed(*self._scenes)
        self._on_clock_tick()

    def _on_session_live_changed(self, _row: int) -> None:
        self._changed("timeline")

    def _on_session_scene_changed(self, _scene: str) -> None:
        self._show_current()

    def _on_session_blackout_changed(self, _on: bool) -> None:
        self._show_current()

    def _on_session_reveal_changed(self, _on: bool) -> None:
        self._changed("timeline")

    def _on_session_role_labels_changed(self, _on: bool) -> None:
        self._changed("timeline")

    def _on_session_perspectives_changed(self, event_id: int) -> None:
        event = self.session.live_event
        if event is not None and event.id == event_id:
            self._changed("timeline")

    def _on_session_notes_changed(self) -> None:
        self._changed("learnings", "action_items")

    def _on_timeline_data_changed(self, top: QModelIndex, bottom: QModelIndex, *_: Any) -> None:
        watched = self._timeline_scene().watched_rows()
        if top.row() <= watched[-1] and bottom.row() >= watched[0]:
            self._changed("timeline")

    def _on_timeline_rows_changed(self, *_: Any) -> None:
        self._changed("timeline")

    def _on_session_font_step_changed(self, _step: int) -> None:
        self._relayout()

    def _on_session_theme_changed(self, _theme: str) -> None:
        theme = self.theme()
        for scene in self._scenes.values():
            scene.apply_theme(theme)
        self._clock.set_colour(getattr(theme, self._clock.role))
        self.update()

    def _on_session_clock_visible_changed(self, _on: bool) -> None:
        self._run_clock()
        self._on_clock_tick()

    def _run_clock(self) -> None:
        """Tick once a second only while the clock is wanted and the view is on screen."""
        if self.session.clock_visible and self.isVisible():
            if not self._clock_timer.isActive():
                self._clock_timer.start()
        else:
            self._clock_timer.stop()

    def _on_clock_tick(self) -> None:
        # The Session has no signal for the meeting timer, so the clock reads the
        # stored timer state on each tick (a one-row read, once a second).
        text = ""
        s = self.session
        if s.clock_visible and s.debrief is not None:
            try:
                now = datetime.fromisoformat(s.store.now())
                remaining = remaining_seconds(s.store.timer_state(s.debrief_id), now)
            except (sqlite3.Error, ValueError):
                remaining = None  # a clock is not worth an error dialog: hide it
            text = clock_text(remaining) if remaining is not None else ""
        was_shown = bool(self._clock.text())
        self._clock.set_text(text)
        self._clock.setVisible(bool(text) and not s.blackout)
        if was_shown != bool(text):
            self._relayout()

    # ---------------------------------------------------------- showing it

    def _timeline_scene(self) -> _TimelineScene:
        scene = self._scenes["timeline"]
        assert isinstance(scene, _TimelineScene)
        return scene

    def _show_current(self) -> None:
        current = self.scene_name()
        black = self.session.blackout
        for name, scene in self._scenes.items():
            scene.setVisible(name == current and not black)
        self._clock.setVisible(bool(self._clock.text()) and not black)
        if not black:
            scene = self._scenes[current]
            self._place_scene(scene)
            if scene.dirty:
                scene.refresh()
        self.update()

    def _place_scene(self, scene: _Scene) -> None:
        u = self.unit()
        top = 0
        if self._clock.text():
            self._clock.scale(u)
            clock_h = self._clock.line_height() + 8 * u
            margin = 24 * u
            self._clock.setGeometry(
                QRectF(self.width() / 2, margin, self.width() / 2 - 48 * u, clock_h).toAlignedRect()
            )
            top = round(margin + clock_h)
        scene.setGeometry(0, top, self.width(), max(1, self.height() - top))

    def _relayout(self) -> None:
        scene = self._scenes[self.scene_name()]
        self._place_scene(scene)
        if scene.dirty:
            scene.refresh()
        else:
            scene.relayout()
        for other in self._scenes.values():
            if other is not scene:
                other.dirty = True
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run_clock()
        self._on_clock_tick()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._run_clock()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colour = QColor("#000000") if self.session.blackout else QColor(self.theme().background)
        painter.fillRect(self.rect(), colour)
        painter.end()


# -------------------------------------------------------------------------- window


class ProjectorWindow(QWidget):
    """The window the room sees (full screen on the projector when there is one).

    It holds a :class:`ProjectorView` and hides the mouse pointer a moment after
    it last moved, so a stray pointer does not sit on the timeline.
    """

    CURSOR_HIDE_MS = 2500

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Debrief Desktop — projector")
        self.view = ProjectorView(session, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setMouseTracking(True)
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(self.CURSOR_HIDE_MS)
        self._cursor_timer.timeout.connect(self._hide_cursor)

    def visible_texts(self) -> list[str]:
        """The texts the room can read now (see :meth:`ProjectorView.visible_texts`)."""
        return self.view.visible_texts()

    def _hide_cursor(self) -> None:
        self.setCursor(Qt.CursorShape.BlankCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.unsetCursor()
        self._cursor_timer.start()
        super().mouseMoveEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._cursor_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._cursor_timer.stop()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._cursor_timer.stop()
            self.unsetCursor()
        return super().event(event)
