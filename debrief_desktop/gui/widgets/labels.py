"""Labels that show what people typed.

A QLabel guesses whether its text is rich text; a step title such as
``<h1>Intro`` would be rendered as markup. Every label that shows user text
is made with :func:`plain_label` (or passed through :func:`make_plain`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def make_plain(label: QLabel) -> QLabel:
    """Show ``label``'s text literally, never as markup; returns the label."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "") -> QLabel:
    """A label whose text is shown literally."""
    return make_plain(QLabel(text))
