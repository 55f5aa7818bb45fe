"""What every library view shares: it follows the Session, and reloads once per burst of edits.

One user action announces itself several times (``notes_changed`` then
``rows_changed``; a timeline edit moves rows), and a library of hundreds of
debriefs is worth asking about only once: the views collect the signals and
reload on the next event-loop turn, and only while they are on screen (a hidden
view reloads when it is next shown).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from debrief_desktop.gui.session import Session


class LibraryWidget(QWidget):
    """A view over the whole library that follows the Session.

    Subclasses implement :meth:`reload`; the widget calls it once after a burst of
    Session signals, when visible, or when next shown.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = True
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._on_reload_timer_timeout)

    def reload(self) -> None:
        """Ask the library again and show what it holds now."""
        raise NotImplementedError

    def open_debrief_id(self) -> int | None:
        """The id of the debrief open in the console, or None."""
        debrief = self.session.debrief
        return None if debrief is None else debrief.id

    def _listen(self) -> None:
        s = self.session
        s.debrief_opened.connect(self._on_session_changed)
        s.notes_changed.connect(self._on_session_changed)
        s.rows_changed.connect(self._on_session_changed)
        timeline = s.timeline
        for signal in (timeline.rowsInserted, timeline.rowsRemoved, timeline.modelReset):
            signal.connect(self._on_session_changed)

    def _on_session_changed(self, *_: Any) -> None:
        self.schedule_reload()

    def schedule_reload(self) -> None:
        """Reload on the next event-loop turn (if visible; else when next shown)."""
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()

    def _on_reload_timer_timeout(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) beside ``path``, flush it to disk, then rename it over ``path``.

    A crash or a full disk leaves either the old file or the new one, never half of one.
    """
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
