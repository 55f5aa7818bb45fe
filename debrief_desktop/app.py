"""Builds the QApplication, one Session, both windows, and runs the event loop."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from debrief_desktop import __version__
from debrief_desktop.facilitation.demo import find_or_install_demo
from debrief_desktop.gui.commands import TypingGuard
from debrief_desktop.gui.console import ConsoleWindow
from debrief_desktop.gui.projector import ProjectorView, ProjectorWindow
from debrief_desktop.gui.screens import ScreenPlacer
from debrief_desktop.gui.session import THEMES, Session
from debrief_desktop.paths import settings_path
from debrief_desktop.store import Store

if TYPE_CHECKING:
    from debrief_desktop.gui.inhibit import ScreenSaverInhibitor
    from debrief_desktop.gui.preflight import PreflightDialog

SMOKE_TIMEOUT_MS = 20_000
# Projector options the facilitator set last time (QSettings keys → Session attributes).
OPTION_KEYS = {
    "projector/theme": "theme",
    "projector/font_step": "font_step",
    "projector/role_labels": "role_labels",
    "projector/clock": "clock_visible",
}


class _FirstPaint(QObject):
    """Calls ``done`` once every watched window (or a widget inside it) has painted."""

    def __init__(self, app: QApplication, windows: list[QWidget], done: Callable[[], None]) -> None:
        super().__init__()
        self._app = app
        self._waiting = set(windows)
        self._done = done
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self._waiting.discard(watched.window())
            if not self._waiting:
                self._app.removeEventFilter(self)
                QTimer.singleShot(0, self._done)
        return False


def choose_debrief(store: Store, demo: bool, wanted: int | None) -> int:
    """The debrief to open: the one asked for, the demo, the last one, the newest, or a new one.

    Never one in the trash, unless asked for by id.
    """
    if wanted is not None:
        store.get_debrief(wanted)  # NotFoundError names it
        return wanted
    if demo:
        return find_or_install_demo(store)
    from debrief_desktop.store.library import recent

    opened = recent(store, 1)  # the one last opened, from the library or a search
    if opened:
        return opened[0].id
    debriefs = store.debriefs()
    if debriefs:
        return debriefs[0].id
    from debrief_desktop.facilitation.agenda import ensure_agenda

    with store.atomic():
        debrief = store.create_debrief("New debrief")
        ensure_agenda(store, debrief.id)
    return debrief.id


class DebriefApp(QObject):
    """The running app: one Session, the console and the projector, and their screens."""

    def __init__(
        self,
        store: Store,
        settings: QSettings,
        debrief_id: int,
        projector_screen: str | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.session = Session(store, self)
        self._restore_options()
        self.session.open_debrief(debrief_id)
        from debrief_desktop.store.library import mark_opened

        mark_opened(store, debrief_id)
        self.projector = ProjectorWindow(self.session)
        # The room's window never takes the keyboard: what the facilitator types
        # must not reach it (B, R, Space are room commands).
        self.projector.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.projector.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus)
        self.preview = ProjectorView(self.session)
        self.console = ConsoleWindow(
            self.session,
            self.preview,
            screen_handlers={
                "fullscreen": self._toggle_fullscreen,
                "leave_fullscreen": self._leave_fullscreen,
                "swap_screens": lambda: self.placer.swap(),
                "preflight": self.open_preflight,
            },
        )
        self.placer = ScreenPlacer(self.console, self.projector, settings, projector_screen)
        self.placer.placement_changed.connect(self._on_placer_placement_changed)
        self.inhibitor: ScreenSaverInhibitor | None = None
        self._preflight: PreflightDialog | None = None

    def _restore_options(self) -> None:
        s, st = self.session, self.settings
        theme = str(st.value("projector/theme", s.theme))
        s.set_theme(theme if theme in THEMES else s.theme)
        with contextlib.suppress(ValueError):  # a hand-edited settings file
            s.step_font(int(str(st.value("projector/font_step", 0))))
        s.set_role_labels(str(st.value("projector/role_labels", "false")).lower() == "true")
        s.set_clock_visible(str(st.value("projector/clock", "false")).lower() == "true")
        for changed in (
            s.theme_changed,
            s.font_step_changed,
            s.role_labels_changed,
            s.clock_visible_changed,
        ):
            changed.connect(self._save_options)

    def _save_options(self) -> None:
        for key, attribute in OPTION_KEYS.items():
            self.settings.setValue(key, getattr(self.session, attribute))

    def show(self) -> None:
        """Place both windows on their screens and keep the screen awake."""
        self.placer.place()
        self.console.set_fullscreen_checked(self.projector.isFullScreen())
        self._focus_console()
        # D-Bus is not needed for the first paint: keep the screen awake right after it.
        QTimer.singleShot(0, self._inhibit_screen_saver)

    def _inhibit_screen_saver(self) -> None:
        from debrief_desktop.gui.inhibit import ScreenSaverInhibitor

        if self.inhibitor is None:
            self.inhibitor = ScreenSaverInhibitor()
            self.inhibitor.inhibit("Presenting a post-incident debrief")

    def close(self) -> None:
        """Let the screen saver back and close both windows."""
        if self.inhibitor is not None:
            self.inhibitor.release()
        self.projector.close()
        self.console.close()

    def _toggle_fullscreen(self) -> None:
        self.placer.toggle_fullscreen()
        self.console.set_fullscreen_checked(self.projector.isFullScreen())
        self._focus_console()

    def _leave_fullscreen(self) -> None:
        self.placer.leave_fullscreen()
        self.console.set_fullscreen_checked(False)
        self._focus_console()

    def _focus_console(self) -> None:
        """Keys belong to the console: showing the projector full screen activates it."""
        self.console.activateWindow()
        self.console.raise_()

    def _on_placer_placement_changed(self, *_: object) -> None:
        self.console.set_fullscreen_checked(self.projector.isFullScreen())
        self._focus_console()

    def open_preflight(self) -> None:
        """The before-the-room check: which screen is which, does the clicker work."""
        from debrief_desktop.gui.preflight import PreflightDialog

        if self._preflight is None:
            self._preflight = PreflightDialog(
                self.console, projector_screen=self.placer.projector_screen_name()
            )
            self._preflight.projector_chosen.connect(self.placer.set_projector_screen)
        self._preflight.show()
        self._preflight.raise_()
        self._preflight.activateWindow()


def run(
    store: Store,
    *,
    demo: bool = False,
    smoke: bool = False,
    projector_screen: str | None = None,
    debrief_id: int | None = None,
) -> int:
    """Show the console and the projector over ``store`` and run until the console closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Debrief Desktop")
    from debrief_desktop.gui.about import set_app_icon

    set_app_icon(app)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("debrief-desktop")
    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    guard = TypingGuard(app)
    app.installEventFilter(guard)

    first_time = not demo and debrief_id is None and not store.debriefs()
    main = DebriefApp(store, settings, choose_debrief(store, demo, debrief_id), projector_screen)
    if first_time:
        main.console.show_library()  # an empty library: start where debriefs are made
    app.setQuitOnLastWindowClosed(False)
    main.console.installEventFilter(_QuitOnClose(app, main))
    main.show()
    watcher = None
    if smoke:
        watcher = _FirstPaint(app, [main.console, main.projector], app.quit)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: app.exit(1))
    _quit_on_signals(app)
    status = app.exec()
    del watcher
    main.close()
    app.removeEventFilter(guard)
    # Windows and models go before the store they read from, and before Qt itself.
    for window in (main.console, main.projector, main.preview):
        window.deleteLater()
    main.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    settings.sync()
    store.close()
    return int(status)


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM (logout, shutdown) and SIGINT end the app as closing the window does.

    The console then commits whatever is still being typed. Python runs signal
    handlers only between bytecodes, so a timer gives it a moment while Qt waits.
    """

    def stop(signum: int, frame: object) -> None:
        app.quit()

    for name in ("SIGTERM", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)


class _QuitOnClose(QObject):
    """Closing the console ends the app (the projector has no life of its own)."""

    def __init__(self, app: QApplication, main: DebriefApp) -> None:
        super().__init__(main)
        self._app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._app.quit)
        return False
