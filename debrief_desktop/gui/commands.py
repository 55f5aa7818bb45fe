"""Every command a key or a clicker can give, defined once as application-wide QActions.

A clicker sends PageDown/PageUp, sometimes B or "." (black screen) and F5/Esc.
The actions use ``Qt.ApplicationShortcut`` so they work whichever window has
focus; each key is bound exactly once (two shortcuts on one key make Qt fire
neither). While a text field has focus, bare keys (letters, Space, arrows) type
into it instead: :class:`TypingGuard` hands them over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


@dataclass(frozen=True)
class Command:
    """One command: a name for code, a label for menus, its keys, whether it toggles."""

    name: str
    label: str
    keys: tuple[str, ...]
    checkable: bool = False
    tip: str = ""


COMMANDS: tuple[Command, ...] = (
    Command("next", "Next event", ("PgDown", "Right", "Down", "Space"),
            tip="Show the room the next event"),
    Command("previous", "Previous event", ("PgUp", "Left", "Up")),
    Command("show_selected", "Show this", ("Ctrl+Return",),
            tip="Move the room to the event selected here"),
    Command("blackout", "Blackout", ("B", "."), checkable=True, tip="Black projector screen"),
    Command("reveal", "Progressive reveal", ("R",), checkable=True,
            tip="Hide the events after the current one from the room"),
    Command("fullscreen", "Projector full screen", ("F5", "F11"), checkable=True),
    Command("leave_fullscreen", "Leave full screen", ("Esc",)),
    Command("swap_screens", "Swap screens", ("Ctrl+Shift+S",)),
    Command("font_larger", "Larger text on the projector", ("Ctrl++", "Ctrl+=")),
    Command("font_smaller", "Smaller text on the projector", ("Ctrl+-",)),
    Command("role_labels", "Roles instead of names", ("Ctrl+Shift+R",), checkable=True),
    Command("quick_note", "Quick note", ("Ctrl+L",), tip="Type a note on the current event"),
    Command("undo", "Undo", ("Ctrl+Z",)),
    Command("redo", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    Command("preflight", "Check screens and clicker…", ("Ctrl+Shift+P",)),
    Command("about", "About Debrief Desktop", ("F1",)),
    Command("library", "Library…", ("Ctrl+O",), tip="Every debrief, search, open action items"),
    Command("hints", "Language hints", ("Ctrl+Shift+H",), checkable=True,
            tip="Underline phrases that carry blame or hindsight as people type"),
    Command("next_step", "Next agenda step", ("Ctrl+Shift+N",),
            tip="Tick off this agenda step and start the next (the projector follows)"),
)  # fmt: skip

# Keys a text field needs for typing; a shortcut on them must not steal them.
# Item views keep their arrow keys for moving the selection; the clicker's
# PageUp/PageDown still drive the room. (Built on first use: touching Qt.Key
# makes PySide build its 500-member enum, which start-up does not need.)
_ARROWS = ("Key_Left", "Key_Right", "Key_Up", "Key_Down")
# Esc too: it cancels an edit, and must not take the projector out of full screen.
_TYPING = (*_ARROWS, "Key_Space", "Key_Period", "Key_B", "Key_R", "Key_Escape")
_PRESS = ("Key_Space", "Key_Return", "Key_Enter")  # buttons, check boxes, combo boxes


def build_actions(owner: QWidget, handlers: Mapping[str, Callable[[], None]]) -> dict[str, QAction]:
    """Create the command table's actions on ``owner`` (a window that lives as long as the app).

    Every command must have a handler: a missing one is a programming error.
    """
    actions: dict[str, QAction] = {}
    seen: dict[str, str] = {}
    for command in COMMANDS:
        action = QAction(command.label, owner)
        action.setObjectName(f"action_{command.name}")
        sequences = [QKeySequence(k) for k in command.keys]
        for seq in sequences:
            key = seq.toString()
            if key in seen:
                raise ValueError(f"{key} is bound to both {seen[key]} and {command.name}")
            seen[key] = command.name
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setCheckable(command.checkable)
        shown = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)
        action.setToolTip(f"{command.tip or command.label} ({shown})")
        action.triggered.connect(handlers[command.name])
        owner.addAction(action)
        actions[command.name] = action
    return actions


def _is_text_input(widget: QWidget | None) -> bool:
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
        return not (
            isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit) and widget.isReadOnly()
        )
    return isinstance(widget, QComboBox) and widget.isEditable()


def _wants(widget: QWidget | None, key: int, keys: dict[str, frozenset[int]]) -> bool:
    """Whether the focused widget needs this bare key for itself."""
    if _is_text_input(widget):
        return key in keys["typing"]
    if isinstance(widget, QComboBox):
        return key in keys["arrows"] or key in keys["press"]
    if isinstance(widget, QAbstractButton):
        return key in keys["press"]
    return isinstance(widget, QAbstractItemView) and key in keys["arrows"]


class TypingGuard(QObject):
    """Gives bare keys to the focused text field (and arrows to item views) before shortcuts."""

    _keys: ClassVar[dict[str, frozenset[int]]] = {}

    @classmethod
    def _key_sets(cls) -> dict[str, frozenset[int]]:
        if not cls._keys:
            for name, names in (("typing", _TYPING), ("arrows", _ARROWS), ("press", _PRESS)):
                cls._keys[name] = frozenset(getattr(Qt.Key, k).value for k in names)
        return cls._keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            bare = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
            if bare and _wants(QApplication.focusWidget(), event.key(), self._key_sets()):
                event.accept()  # the widget gets the key as a key press
                return True
        return False
