"""The meeting timer in the console: big, glanceable, computed from stored instants.

:class:`TimerWidget` shows the meeting's remaining and used time, the planned end as a
clock time, ahead/behind plan, and the current agenda step's own countdown. A 1 s
``QTimer`` only *repaints*: every figure is computed from the stored timer state, so a
missed tick or a stall changes nothing. The refresh runs only while the widget is shown.

Colours follow the level of each countdown: normal, amber at the warning threshold, red
and negative after zero. When a countdown reaches a new level the widget can flash and
beep (console only; options stored in the library).
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.facilitation.timer import Level, TimerReading, format_duration
from debrief_desktop.gui.tools.controller import ToolsController
from debrief_desktop.gui.widgets.labels import plain_label

__all__ = ["TimerWidget", "ahead_text", "clock_time"]

_W = TypeVar("_W", bound=QWidget)

# The frame's ``level`` property ("normal", "warning", "overrun") picks the colours.
_STYLE = """
QFrame[role="countdown"] { border: 1px solid palette(mid); border-radius: 6px; }
QFrame[role="countdown"][level="warning"] { background: #ffc233; border-color: #b37f00; }
QFrame[role="countdown"][level="warning"] QLabel { color: #1b1b1b; }
QFrame[role="countdown"][level="overrun"] { background: #c62828; border-color: #7f0000; }
QFrame[role="countdown"][level="overrun"] QLabel { color: #ffffff; }
QFrame[role="countdown"][flash="true"] { background: palette(highlight); }
"""
FLASH_BLINKS = 6
FLASH_INTERVAL_MS = 250


def ahead_text(seconds: float | None) -> str:
    """ "3 min ahead", "2 min behind", "on plan" (within a minute), or "" without a plan."""
    if seconds is None:
        return ""
    minutes = round(seconds / 60)
    if minutes == 0:
        return "on plan"
    return f"{abs(minutes)} min {'ahead' if minutes > 0 else 'behind'}"


def clock_time(moment: datetime, timezone: str = "") -> str:
    """A clock time as the facilitator reads it: in the debrief's zone, else the local one."""
    zone = None
    if timezone and timezone.upper() not in ("", "UTC", "Z"):
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    return local.strftime("%H:%M")


def _big(widget: _W, points: int, bold: bool = True) -> _W:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)
    return widget


class TimerWidget(QWidget):
    """Meeting and step countdowns with start/pause, next step, reset and budget.

    Args:
        controller: the tools controller.
        parent: the Qt parent.

    Attributes:
        tick: the 1 s refresh timer (active only while the widget is shown).
    """

    def __init__(self, controller: ToolsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("timerWidget")
        self.setStyleSheet(_STYLE)
        self._levels: dict[str, Level] = {}
        self._flash_left = 0

        self.meeting_box = QFrame()
        self.meeting_box.setProperty("role", "countdown")
        self.meeting_box.setObjectName("meetingBox")
        self.meeting_caption = QLabel("Meeting")
        self.meeting_remaining = _big(QLabel("\u2013"), 30)
        self.meeting_remaining.setObjectName("meetingRemaining")
        self.meeting_detail = QLabel("")
        self.meeting_detail.setObjectName("meetingDetail")
        self.plan_label = _big(QLabel(""), 13)
        self.plan_label.setObjectName("planLabel")
        m = QVBoxLayout(self.meeting_box)
        m.addWidget(self.meeting_caption)
        m.addWidget(self.meeting_remaining)
        m.addWidget(self.meeting_detail)
        m.addWidget(self.plan_label)

        self.step_box = QFrame()
        self.step_box.setProperty("role", "countdown")
        self.step_box.setObjectName("stepBox")
        self.step_caption = QLabel("Current step")
        self.step_title = _big(plain_label("No step started"), 15)
        self.step_title.setObjectName("stepTitle")
        self.step_title.setWordWrap(True)
        self.step_remaining = _big(QLabel(""), 22)
        self.step_remaining.setObjectName("stepRemaining")
        self.step_detail = QLabel("")
        self.step_detail.setObjectName("stepDetail")
        self.upcoming_label = plain_label()
        self.upcoming_label.setObjectName("upcomingLabel")
        self.upcoming_label.setWordWrap(True)
        s = QVBoxLayout(self.step_box)
        s.addWidget(self.step_caption)
        s.addWidget(self.step_title)
        s.addWidget(self.step_remaining)
        s.addWidget(self.step_detail)
        s.addWidget(self.upcoming_label)

        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("startButton")
        self.start_button.setToolTip("Start the meeting when the room is ready; pause for a break")
        self.next_button = QPushButton("Next step ▶")
        self.next_button.setObjectName("nextStepButton")
        self.next_button.setToolTip(
            "Check the current step off, start the next one and show its scene to the room"
        )
        _big(self.next_button, 12)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Clear the meeting clock and the time of every step")
        self.budget_spin = QSpinBox()
        self.budget_spin.setRange(1, 24 * 60)
        self.budget_spin.setSuffix(" min")
        self.budget_spin.setToolTip("The meeting's length")
        self.budget_spin.setKeyboardTracking(False)
        self.warn_spin = QSpinBox()
        self.warn_spin.setRange(0, 120)
        self.warn_spin.setSuffix(" min")
        self.warn_spin.setToolTip("Change colour when this much time is left")
        self.warn_spin.setKeyboardTracking(False)
        self.flash_check = QCheckBox("Flash")
        self.flash_check.setToolTip("Flash this panel when a countdown turns amber or red")
        self.sound_check = QCheckBox("Beep")
        self.sound_check.setToolTip("Beep (console only) when a countdown turns amber or red")

        controls = QHBoxLayout()
        controls.addWidget(self.start_button)
        controls.addWidget(self.next_button, 1)
        controls.addWidget(self.reset_button)
        options = QHBoxLayout()
        options.addWidget(QLabel("Length"))
        options.addWidget(self.budget_spin)
        options.addWidget(QLabel("Warn at"))
        options.addWidget(self.warn_spin)
        options.addWidget(self.flash_check)
        options.addWidget(self.sound_check)
        options.addStretch(1)

        grid = QGridLayout()
        grid.addWidget(self.meeting_box, 0, 0)
        grid.addWidget(self.step_box, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(controls)
        layout.addLayout(options)

        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self.refresh)
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(FLASH_INTERVAL_MS)
        self.flash_timer.timeout.connect(self._on_flash_timer_timeout)

        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.next_button.clicked.connect(controller.next_step)
        self.reset_button.clicked.connect(controller.reset)
        self.budget_spin.valueChanged.connect(self._on_budget_spin_value_changed)
        self.warn_spin.valueChanged.connect(self._on_warn_spin_value_changed)
        self.flash_check.toggled.connect(lambda on: controller.set_alert("flash", on))
        self.sound_check.toggled.connect(lambda on: controller.set_alert("sound", on))
        controller.agenda_changed.connect(self.refresh)
        controller.settings_changed.connect(self._load_options)
        self._load_options()
        self.refresh()

    # ------------------------------------------------------------- refresh

    def refresh(self) -> None:
        """Recompute every figure from the stored state (also what each tick does)."""
        reading = self.controller.reading()
        self.setEnabled(reading is not None)
        if reading is None:
            return
        self._show_meeting(reading)
        self._show_step(reading)
        self.start_button.setText(
            "Pause" if reading.running else ("Resume" if reading.started else "Start")
        )
        upcoming = self.controller.upcoming_step()
        self.next_button.setEnabled(upcoming is not None or reading.step is not None)
        self.upcoming_label.setText(f"Next: {upcoming.title}" if upcoming else "Next: —")
        if self.budget_spin.value() != reading.budget // 60 and not self.budget_spin.hasFocus():
            self.budget_spin.blockSignals(True)
            self.budget_spin.setValue(max(1, reading.budget // 60))
            self.budget_spin.blockSignals(False)

    def _show_meeting(self, r: TimerReading) -> None:
        if r.remaining < 0:
            self.meeting_remaining.setText(f"{format_duration(r.remaining)} over")
        else:
            self.meeting_remaining.setText(f"{format_duration(r.remaining)} left")
        zone = self.controller.session.debrief.timezone if self.controller.session.debrief else ""
        state = "running" if r.running else ("paused" if r.started else "not started")
        self.meeting_detail.setText(
            f"{format_duration(r.elapsed)} used of {format_duration(r.budget)} · {state}"
            f" · ends {clock_time(r.planned_end, zone)}"
        )
        self.plan_label.setText(ahead_text(r.ahead))
        self._set_level(self.meeting_box, "meeting", r.level)

    def _show_step(self, r: TimerReading) -> None:
        step = r.step
        if step is None:
            self.step_title.setText("No step started")
            self.step_remaining.setText("")
            self.step_detail.setText("")
            self._set_level(self.step_box, "step", Level.NORMAL)
            return
        self.step_title.setText(step.title)
        if step.remaining is None:
            self.step_remaining.setText(format_duration(step.elapsed))
            self.step_detail.setText("no timebox")
        else:
            left = step.remaining
            shown = f"{format_duration(left)} over" if left < 0 else f"{format_duration(left)} left"
            self.step_remaining.setText(shown)
            self.step_detail.setText(
                f"{format_duration(step.elapsed)} of {format_duration(step.timebox)}"
                + ("" if step.running else " · stopped")
            )
        self._set_level(self.step_box, "step", step.level)

    def _set_level(self, box: QFrame, name: str, level: Level) -> None:
        previous = self._levels.get(name)
        self._levels[name] = level
        if box.property("level") != level.value:
            box.setProperty("level", level.value)
            box.style().unpolish(box)
            box.style().polish(box)
            for child in box.findChildren(QLabel):
                child.style().unpolish(child)
                child.style().polish(child)
        worse = previous is not None and _rank(level) > _rank(previous)
        if worse and self.tick.isActive():  # a level reached while the clock runs, not on load
            self.alert()

    def level(self, name: str) -> Level:
        """The level shown for ``"meeting"`` or ``"step"``."""
        return self._levels.get(name, Level.NORMAL)

    # -------------------------------------------------------------- alerts

    def alert(self) -> None:
        """Flash and/or beep, as the options say (console only)."""
        options = self.controller.alerts()
        if options["sound"]:
            QApplication.beep()
        if options["flash"] and self.isVisible():
            self._flash_left = FLASH_BLINKS
            self.flash_timer.start()

    def _on_flash_timer_timeout(self) -> None:
        self._flash_left -= 1
        on = self._flash_left > 0 and self._flash_left % 2 == 1
        for box in (self.meeting_box, self.step_box):
            box.setProperty("flash", "true" if on else "false")
            box.style().unpolish(box)
            box.style().polish(box)
        if self._flash_left <= 0:
            self.flash_timer.stop()

    # ------------------------------------------------------------- options

    def _load_options(self) -> None:
        for widget, value in (
            (self.warn_spin, self.controller.warn_seconds // 60),
            (self.flash_check, self.controller.alerts()["flash"]),
            (self.sound_check, self.controller.alerts()["sound"]),
        ):
            widget.blockSignals(True)
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            else:
                widget.setChecked(bool(value))
            widget.blockSignals(False)
        self.refresh()

    def _on_start_button_clicked(self) -> None:
        self.controller.toggle_running()

    def _on_budget_spin_value_changed(self, minutes: int) -> None:
        if self.controller.has_debrief:
            self.controller.set_budget(minutes * 60)

    def _on_warn_spin_value_changed(self, minutes: int) -> None:
        self.controller.set_warn_seconds(minutes * 60)

    # ------------------------------------------------------------ lifetime

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.tick.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.tick.stop()
        self.flash_timer.stop()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tick.stop()
        self.flash_timer.stop()
        super().closeEvent(event)


def _rank(level: Level) -> int:
    return {Level.NORMAL: 0, Level.WARNING: 1, Level.OVERRUN: 2}[level]
