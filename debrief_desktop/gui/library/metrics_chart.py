"""A small bar chart of the guide's two success measures across debriefs, oldest first.

For each debrief whose closing survey anyone answered: how many of the people
in the room learned one thing that changes their work, and how many would attend
another debrief, each as a share of the room, with the "half" line the second
measure asks about. Painted with QPainter; readable on a laptop screen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from debrief_desktop.facilitation.metrics import SuccessMetrics, debrief_metrics
from debrief_desktop.gui.library._common import LibraryWidget
from debrief_desktop.gui.session import Session
from debrief_desktop.store import library
from debrief_desktop.store.errors import NotFoundError

LEARNED_COLOUR = QColor("#0072b2")  # Okabe-Ito blue and orange: apart for every colour vision
ATTEND_COLOUR = QColor("#e69f00")
GRID_COLOUR = QColor("#d5dbe3")
AXIS_TEXT = QColor("#4a5562")
HALF_COLOUR = QColor("#7a1b0c")
MIN_GROUP = 34  # px per debrief; fewer debriefs fit, the latest are shown
MAX_GROUP = 96


@dataclass(frozen=True)
class ChartPoint:
    """One debrief on the chart."""

    debrief_id: int
    title: str
    meeting_date: str
    metrics: SuccessMetrics

    def share(self, count: int) -> float:
        """``count`` as a share of the people in the room (0..1)."""
        return count / self.metrics.people if self.metrics.people else 0.0


class MetricsChart(LibraryWidget):
    """The success measures of every debrief with survey answers, over time.

    Signals:
        open_requested(int, int): a debrief's bars were double-clicked (its id; event -1).

    Args:
        session: the Session the console runs (its store is the library).
        parent: the parent widget.
    """

    open_requested = Signal(int, int)

    MARGIN_LEFT = 48
    MARGIN_RIGHT = 16
    MARGIN_BOTTOM = 58

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.points: list[ChartPoint] = []
        self.setObjectName("metricsChart")
        self.setMinimumSize(360, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self._listen()
        self.reload()

    def sizeHint(self) -> QSize:
        return QSize(720, 320)

    # ----------------------------------------------------------------- data

    def reload(self) -> None:
        """Measure again: every debrief (not in the trash) whose survey anyone answered."""
        store = self.session.store
        points: list[ChartPoint] = []
        for row in library.library_rows(store):
            if row.learned is None and row.would_attend is None:
                continue  # nobody answered: nothing to draw (and nothing to ask the store)
            m = debrief_metrics(store, row.id)
            if m.measured:
                points.append(ChartPoint(row.id, row.title, row.meeting_date or "", m))
        # Undated debriefs first: their place in time is unknown.
        points.sort(key=lambda p: (p.meeting_date, p.debrief_id))
        self.points = points
        self._stale = False
        self.update()

    def shown_points(self) -> list[ChartPoint]:
        """The points that fit the width: the latest ones."""
        plot = self._plot_rect()
        fit = max(1, plot.width() // MIN_GROUP)
        return self.points[-fit:]

    # --------------------------------------------------------------- layout

    LEGEND: tuple[tuple[QColor, str, bool], ...] = (
        (LEARNED_COLOUR, "learned one thing that changes their work", False),
        (ATTEND_COLOUR, "would attend another debrief", False),
        (HALF_COLOUR, "half the room", True),
    )
    LEGEND_TOP = 32
    LINE = 20

    def _legend_places(self) -> list[tuple[int, int]]:
        """Where each legend entry goes, (x, line), wrapping to the width."""
        fm = QFontMetrics(self.font())
        left, right = 12, self.width() - 12
        x, line = left, 0
        places = []
        for _, text, dashed in self.LEGEND:
            width = (24 if dashed else 18) + fm.horizontalAdvance(text)
            if x > left and x + width > right:
                x, line = left, line + 1
            places.append((x, line))
            x += width + 22
        return places

    def _plot_rect(self) -> QRect:
        lines = 1 + max((line for _, line in self._legend_places()), default=0)
        top = self.LEGEND_TOP + lines * self.LINE + 12
        return self.rect().adjusted(self.MARGIN_LEFT, top, -self.MARGIN_RIGHT, -self.MARGIN_BOTTOM)

    def _group_rects(self) -> list[tuple[ChartPoint, QRect]]:
        plot = self._plot_rect()
        shown = self.shown_points()
        if not shown:
            return []
        width = max(MIN_GROUP, min(MAX_GROUP, plot.width() // len(shown)))
        left = plot.left()
        return [
            (p, QRect(left + i * width, plot.top(), width, plot.height()))
            for i, p in enumerate(shown)
        ]

    def point_at(self, pos: QPoint) -> ChartPoint | None:
        """The debrief whose bars are under ``pos``, or None."""
        for point, rect in self._group_rects():
            if rect.adjusted(0, 0, 0, self.MARGIN_BOTTOM).contains(pos):
                return point
        return None

    # ---------------------------------------------------------------- paint

    def paintEvent(self, event: QEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        base_font = QFont(self.font())
        title_font = QFont(base_font)
        title_font.setBold(True)
        title_font.setPointSizeF(base_font.pointSizeF() * 1.1)
        painter.setFont(title_font)
        painter.setPen(self.palette().text().color())
        painter.drawText(
            QRect(12, 6, self.width() - 24, 22),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            "Success measures across debriefs",
        )
        painter.setFont(base_font)
        hidden = len(self.points) - len(self.shown_points())
        if hidden > 0:
            painter.setPen(AXIS_TEXT)
            painter.drawText(
                QRect(12, 6, self.width() - 24, 22),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"the latest {len(self.points) - hidden} of {len(self.points)}",
            )
        self._paint_legend(painter)
        if not self.points:
            painter.setPen(AXIS_TEXT)
            painter.drawText(
                self._plot_rect(),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                "No debrief has survey answers yet.\nThe closing survey of each debrief "
                "fills this chart.",
            )
            painter.end()
            return
        self._paint_axes(painter)
        self._paint_bars(painter)
        painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        fm = QFontMetrics(painter.font())
        for (colour, text, dashed), (x, line) in zip(
            self.LEGEND, self._legend_places(), strict=True
        ):
            top = self.LEGEND_TOP + line * self.LINE
            middle = top + self.LINE // 2
            if dashed:
                painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                painter.drawLine(x, middle, x + 18, middle)
                x += 24
            else:
                painter.fillRect(QRect(x, middle - 6, 12, 12), colour)
                x += 18
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRect(x, top, fm.horizontalAdvance(text) + 4, self.LINE),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )

    def _y(self, share: float) -> float:
        plot = self._plot_rect()
        return plot.bottom() - share * plot.height()

    def _paint_axes(self, painter: QPainter) -> None:
        plot = self._plot_rect()
        fm = QFontMetrics(painter.font())
        for share in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = round(self._y(share))
            painter.setPen(QPen(GRID_COLOUR, 1))
            painter.drawLine(plot.left(), y, plot.right(), y)
            painter.setPen(AXIS_TEXT)
            label = f"{round(share * 100)}%"
            painter.drawText(
                QRect(0, y - fm.height() // 2, self.MARGIN_LEFT - 6, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        y = round(self._y(0.5))
        painter.setPen(QPen(HALF_COLOUR, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(plot.left(), y, plot.right(), y)

    def _paint_bars(self, painter: QPainter) -> None:
        base = QFont(painter.font())
        fm = QFontMetrics(base)
        small = QFont(base)
        small.setPointSizeF(max(7.0, painter.font().pointSizeF() * 0.85))
        sfm = QFontMetrics(small)
        plot = self._plot_rect()
        for point, group in self._group_rects():
            m = point.metrics
            bar_w = max(6, min(22, (group.width() - 10) // 2))
            inner = group.center().x() - bar_w
            for i, (count, colour) in enumerate(
                ((m.learned, LEARNED_COLOUR), (m.attend_again, ATTEND_COLOUR))
            ):
                share = point.share(count)
                top = self._y(share)
                bar = QRectF(
                    inner + i * bar_w + (1 if i else -1), top, bar_w - 1, plot.bottom() - top
                )
                if share > 0:
                    painter.fillRect(bar, colour)
                else:
                    painter.setPen(QPen(colour, 2))
                    painter.drawLine(
                        round(bar.left()), plot.bottom(), round(bar.right()), plot.bottom()
                    )
                if group.width() >= 52 and fm.height() < top - plot.top() + 14:
                    # "3/7": the count and the room, as the bar's height is a share.
                    label = f"{count}/{m.people}"
                    if sfm.horizontalAdvance(label) > bar_w + 8:
                        label = str(count)
                    painter.setFont(small)
                    painter.setPen(AXIS_TEXT)
                    painter.drawText(
                        QRectF(bar.center().x() - 24, top - sfm.height() - 1, 48, sfm.height()),
                        int(Qt.AlignmentFlag.AlignCenter),
                        label,
                    )
                    painter.setFont(base)
            self._paint_label(painter, point, group, small)
        painter.setFont(base)
        painter.setPen(QPen(AXIS_TEXT, 1))
        painter.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom())

    def _paint_label(
        self, painter: QPainter, point: ChartPoint, group: QRect, small: QFont
    ) -> None:
        painter.setFont(small)
        sfm = QFontMetrics(small)
        painter.setPen(self.palette().text().color())
        width = group.width() - 4
        date = point.meeting_date[:10]
        if sfm.horizontalAdvance(date) > width:
            date = date[5:]  # "03-14": the tooltip has the year
        when = date or "no date"
        top = group.bottom() + 6
        painter.drawText(
            QRect(group.left() + 2, top, width, sfm.height()),
            int(Qt.AlignmentFlag.AlignHCenter),
            when,
        )
        painter.setPen(AXIS_TEXT)
        painter.drawText(
            QRect(group.left() + 2, top + sfm.height(), width, sfm.height()),
            int(Qt.AlignmentFlag.AlignHCenter),
            sfm.elidedText(point.title, Qt.TextElideMode.ElideRight, width),
        )

    # ---------------------------------------------------------- interaction

    def tooltip_for(self, point: ChartPoint) -> str:
        """What hovering over a debrief's bars says."""
        m = point.metrics
        when = point.meeting_date[:10] or "no meeting date"
        return (
            f"{point.title} ({when})\n"
            f"{m.learned} of {m.people} learned one thing that changes their work\n"
            f"{m.attend_again} of {m.people} would attend another debrief "
            f"(half is {m.half_needed})\n"
            f"{m.responses} answered the survey — double-click to open"
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_at(event.pos())
            if point is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(point), self)
            return True
        return super().event(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = self.point_at(event.position().toPoint())
        if point is not None:
            try:
                library.mark_opened(self.session.store, point.debrief_id)
            except (sqlite3.Error, NotFoundError):
                self.schedule_reload()
                return
            self.open_requested.emit(point.debrief_id, -1)
            return
        super().mouseDoubleClickEvent(event)
