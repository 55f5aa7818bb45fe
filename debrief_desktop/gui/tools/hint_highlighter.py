"""Blameless-language hints as you type: a wavy underline and a suggestion in a tooltip.

:class:`HintHighlighter` works on any ``QTextEdit`` or ``QPlainTextEdit`` of the console.
It only sets *formats* on the editor's layout — the text itself is never changed — so a
hint cannot reach the projector, the store or the PDF. Qt re-highlights only the
paragraph that changed, and checking a paragraph of 10,000 characters takes well under a
millisecond (``bench/tools.py``), so typing never waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from debrief_desktop.facilitation.hints import Hint, HintRules, find_hints

if TYPE_CHECKING:
    from debrief_desktop.gui.tools.controller import ToolsController

__all__ = ["HINT_COLOUR", "HintHighlighter", "attach_hints"]

#: The underline colour: amber, readable on light and dark palettes, not an error red.
HINT_COLOUR = "#d98a00"

Editor = QTextEdit | QPlainTextEdit


class HintHighlighter(QSyntaxHighlighter):
    """Underlines blame and hindsight phrases in an editor; hover shows the suggestion.

    Args:
        editor: the text edit to watch (its document is highlighted).
        enabled: start switched on or off.
        rules: other rules than the shipped ones (tests).
    """

    def __init__(
        self, editor: Editor, enabled: bool = True, rules: HintRules | None = None
    ) -> None:
        super().__init__(editor.document())
        self.editor = editor
        self.rules = rules
        self._enabled = enabled
        self.hint_format = QTextCharFormat()
        self.hint_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.hint_format.setUnderlineColor(QColor(HINT_COLOUR))
        tint = QColor(HINT_COLOUR)
        tint.setAlpha(38)  # a faint wash: easy to spot, never alarming
        self.hint_format.setBackground(tint)
        editor.viewport().installEventFilter(self)

    @property
    def enabled(self) -> bool:
        """Are hints shown?"""
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        """Show or hide the hints (the text is untouched either way)."""
        if on != self._enabled:
            self._enabled = on
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not self._enabled:
            return
        for hint in find_hints(text, self.rules):
            self.setFormat(hint.start, hint.end - hint.start, self.hint_format)

    def hint_at(self, position: int) -> Hint | None:
        """The hint covering a character position of the document, if any."""
        if not self._enabled:
            return None
        block = self.editor.document().findBlock(position)
        if not block.isValid():
            return None
        offset = position - block.position()
        for hint in find_hints(block.text(), self.rules):
            if hint.start <= offset < hint.end:
                return hint
        return None

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip for a point of the editor's viewport ("" where there is no hint)."""
        cursor = self.editor.cursorForPosition(point)
        hint = self.hint_at(cursor.position())
        if hint is None and cursor.position() > 0:
            hint = self.hint_at(cursor.position() - 1)  # the cursor lands between characters
        return f"\u201c{hint.phrase}\u201d \u2014 {hint.suggestion}" if hint else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.editor.viewport())
                return True
        return super().eventFilter(watched, event)


def attach_hints(editor: Editor, controller: ToolsController | None = None) -> HintHighlighter:
    """Give an editor blameless-language hints that follow the controller's on/off setting."""
    highlighter = HintHighlighter(editor, controller.hints_enabled if controller else True)
    if controller is not None:
        controller.hints_enabled_changed.connect(highlighter.set_enabled)
    return highlighter
