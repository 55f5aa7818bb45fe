"""FitText: plain text that wraps and shrinks to fit its box, and never breaks the layout.

Everything the room reads on the projector is a :class:`FitText`. People type
anything into a debrief — markup characters, emoji, Arabic or Hebrew, CJK, a
100 kB paste — so the widget:

- never interprets text as markup (it lays out plain text with ``QTextLayout``);
- wraps at word boundaries (or anywhere, for a word wider than the box) and lets
  Qt's bidi algorithm lay out right-to-left paragraphs from the right;
- binary-searches the largest pixel size between its floor and its preferred
  size at which the whole text fits the box;
- when the text does not fit even at the floor, shows what fits and ends the
  last line with "…", so the layout around it never moves;
- caps its work: it only ever lays out a prefix of the text that could possibly
  fit at the floor size, and stops laying out lines once they overflow the box.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

ELLIPSIS = "\u2026"
LINE_SEPARATOR = "\u2028"  # QTextLayout breaks lines here; it ignores "\n"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The narrowest glyph of any sensible font is wider than this fraction of the
# pixel size; used to bound how much text could possibly fit in a box.
_NARROWEST_GLYPH = 0.2


def plain_for_layout(text: str) -> str:
    """Text as :class:`FitText` lays it out: newlines as line breaks, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub(" ", text)
    return text.replace("\n", LINE_SEPARATOR)


def starts_right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strong character is RTL (Unicode P2)."""
    for char in text[:2000]:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def _utf16_prefix(text: str, units: int) -> str:
    """The first ``units`` UTF-16 code units of ``text`` (QTextLayout counts in those)."""
    if text.isascii():
        return text[:units]
    return text.encode("utf-16-le")[: 2 * units].decode("utf-16-le", errors="ignore")


class _Laid:
    """One attempt to lay text out in a box: the layout, its height, whether it fits."""

    __slots__ = ("fits", "height", "layout", "lines")

    def __init__(self, text: str, font: QFont, option: QTextOption, width: float, height: float):
        self.layout = QTextLayout(text, font)
        self.layout.setTextOption(option)
        self.layout.setCacheEnabled(True)
        self.layout.beginLayout()
        y = 0.0
        self.lines = 0
        self.fits = True
        while True:
            line = self.layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0.0, y))
            y += line.height()
            self.lines += 1
            if y > height + 0.5:
                # Overflowing: no need to lay out the rest (a 100 kB paste stops here).
                self.fits = False
                break
        self.layout.endLayout()
        self.height = y


class FitText(QWidget):
    """A box of plain text that wraps and shrinks to fit, and elides only as a last resort.

    The widget paints nothing but its text (the parent paints any background).
    Sizes are pixel sizes of the font; the fitted size is always between the floor
    and the preferred size.

    Attributes:
        role: Which theme colour the text uses (``"text"``, ``"secondary"``, ``"pivot"``);
            read by whoever applies a theme.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        text: str = "",
        preferred_px: int = 32,
        floor_px: int = 24,
        bold: bool = False,
        role: str = "text",
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        super().__init__(parent)
        self.role = role
        self._text = text
        self._prepared = plain_for_layout(text)
        self._preferred = max(1, preferred_px)
        self._floor = max(1, min(floor_px, preferred_px))
        self._bold = bold
        self._colour = QColor("#ffffff")
        self._alignment = alignment
        self._fit: tuple[int, _Laid, str, bool] | None = None  # px, layout, shown text, elided
        self._fit_size = QSize()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    # ------------------------------------------------------------ properties

    def text(self) -> str:
        """The full text, as given."""
        return self._text

    def set_text(self, text: str) -> None:
        """Show another text (repaints only when it differs)."""
        if text != self._text:
            self._text = text
            self._prepared = plain_for_layout(text)
            self._invalidate()

    def set_sizes(self, preferred_px: int, floor_px: int) -> None:
        """The preferred pixel size and the smallest one the text may shrink to."""
        preferred = max(1, preferred_px)
        floor = max(1, min(floor_px, preferred))
        if (preferred, floor) != (self._preferred, self._floor):
            self._preferred, self._floor = preferred, floor
            self._invalidate()

    def preferred_px(self) -> int:
        """The pixel size the text uses when it fits."""
        return self._preferred

    def floor_px(self) -> int:
        """The smallest pixel size the text shrinks to before it is elided."""
        return self._floor

    def set_colour(self, colour: QColor | str) -> None:
        """The colour of the text."""
        colour = QColor(colour)
        if colour != self._colour:
            self._colour = colour
            self.update()

    def colour(self) -> QColor:
        """The colour of the text."""
        return QColor(self._colour)

    def set_bold(self, bold: bool) -> None:
        """Bold or regular weight."""
        if bold != self._bold:
            self._bold = bold
            self._invalidate()

    def set_alignment(self, alignment: Qt.AlignmentFlag) -> None:
        """Horizontal alignment; ``AlignLeft`` means the start side (right for RTL text)."""
        if alignment != self._alignment:
            self._alignment = alignment
            self._invalidate()

    # ---------------------------------------------------------------- results

    def pixel_size(self) -> int:
        """The pixel size the text is shown at, in the widget's current size."""
        return self._fitted()[0]

    def shown_text(self) -> str:
        """The text as shown: the full text, or its beginning ending in "…" when elided."""
        shown = self._fitted()[2]
        return shown.replace(LINE_SEPARATOR, "\n")

    def is_elided(self) -> bool:
        """Whether the text did not fit even at the floor size and was cut with "…"."""
        return self._fitted()[3]

    def text_height(self) -> float:
        """The height of the laid-out text, in pixels (at most the widget's height)."""
        return self._fitted()[1].height

    def font_at(self, px: int) -> QFont:
        """The font this widget uses at a pixel size."""
        font = QFont(self.font())
        font.setPixelSize(max(1, px))
        font.setBold(self._bold)
        return font

    def height_for(self, width: float, px: int, max_lines: int = 0) -> float:
        """The height the text needs at ``px`` in ``width`` (capped at ``max_lines`` lines).

        Used by parents to size the box before they place it.
        """
        font = self.font_at(px)
        line = QFontMetricsF(font).height()
        limit = line * max_lines if max_lines > 0 else line * 200
        text = self._capped(self._prepared, width, limit, px)[0]
        laid = _Laid(text, font, self._option(), max(1.0, width), limit)
        return min(laid.height, limit) if text else 0.0

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font_at(self._preferred)).height()
        return QSize(200, int(line) + 1)

    # --------------------------------------------------------------- fitting

    def _invalidate(self) -> None:
        self._fit = None
        self.update()

    def _option(self) -> QTextOption:
        alignment = self._alignment
        horizontal = alignment & Qt.AlignmentFlag.AlignHorizontal_Mask
        rtl = starts_right_to_left(self._prepared)
        if rtl and not alignment & Qt.AlignmentFlag.AlignAbsolute:
            # QTextLayout aligns lines as told; it does not mirror "start" for RTL itself.
            if horizontal in (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag(0)):
                alignment = Qt.AlignmentFlag.AlignRight
            elif horizontal == Qt.AlignmentFlag.AlignRight:
                alignment = Qt.AlignmentFlag.AlignLeft
        option = QTextOption(alignment & Qt.AlignmentFlag.AlignHorizontal_Mask)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        return option

    def _capped(self, text: str, width: float, height: float, px: int) -> tuple[str, bool]:
        """A prefix of ``text`` at least as long as anything that could fit at ``px``."""
        narrowest = max(1.0, _NARROWEST_GLYPH * px)
        per_line = int(width / narrowest) + 8
        lines = int(height / max(1.0, 0.8 * px)) + 2
        cap = per_line * lines
        if len(text) <= cap:
            return text, False
        return text[:cap], True

    def _fitted(self) -> tuple[int, _Laid, str, bool]:
        # Keyed by size too: a hidden widget gets no resize event when it is resized.
        if self._fit is None or self._fit_size != self.size():
            self._fit = self._compute_fit()
            self._fit_size = self.size()
        return self._fit

    def _compute_fit(self) -> tuple[int, _Laid, str, bool]:
        width, height = float(max(1, self.width())), float(max(1, self.height()))
        option = self._option()
        text, truncated = self._capped(self._prepared, width, height, self._floor)

        def attempt(px: int) -> _Laid:
            return _Laid(text, self.font_at(px), option, width, height)

        if not truncated:
            best = attempt(self._preferred)
            if best.fits:
                return self._preferred, best, text, False
            floor = attempt(self._floor)
            if floor.fits:
                lo, hi = self._floor, self._preferred - 1  # lo fits, preferred does not
                best = floor
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    laid = attempt(mid)
                    if laid.fits:
                        lo, best = mid, laid
                    else:
                        hi = mid - 1
                return lo, best, text, False
        return self._elide(text, option, width, height)

    def _elide(
        self, text: str, option: QTextOption, width: float, height: float
    ) -> tuple[int, _Laid, str, bool]:
        """Lay out at the floor size what fits, ending the last line with "…"."""
        px = self._floor
        font = self.font_at(px)
        metrics = QFontMetricsF(font)
        laid = _Laid(text, font, option, width, height)
        keep = laid.lines - (0 if laid.fits else 1)  # lines that fit entirely
        keep = max(1, keep)
        while True:
            last = laid.layout.lineAt(keep - 1)
            start = _utf16_prefix(text, last.textStart())
            rest = text[len(start) :].replace(LINE_SEPARATOR, " ")
            rest = rest[: int(width / max(1.0, _NARROWEST_GLYPH * px)) + 8]
            ending = metrics.elidedText(rest + ELLIPSIS, Qt.TextElideMode.ElideRight, width)
            if not ending.endswith(ELLIPSIS):
                ending = metrics.elidedText(ending, Qt.TextElideMode.ElideRight, width)
            shown = start + ending
            result = _Laid(shown, font, option, width, height)
            if result.fits or keep == 1:
                return px, result, shown, True
            keep -= 1

    # --------------------------------------------------------------- events

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._prepared:
            return
        laid = self._fitted()[1]
        painter = QPainter(self)
        painter.setClipRect(self.rect())
        painter.setPen(self._colour)
        y = 0.0
        if self._alignment & Qt.AlignmentFlag.AlignVCenter:
            y = max(0.0, (self.height() - laid.height) / 2)
        elif self._alignment & Qt.AlignmentFlag.AlignBottom:
            y = max(0.0, self.height() - laid.height)
        laid.layout.draw(painter, QPointF(0.0, y))
        painter.end()

    def text_rect(self) -> QRectF:
        """Where the text is drawn, in widget coordinates."""
        laid = self._fitted()[1]
        return QRectF(0.0, 0.0, float(self.width()), min(laid.height, float(self.height())))
