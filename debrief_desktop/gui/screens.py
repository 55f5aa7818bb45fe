"""Which screen shows the console and which the projector, and keeping them there.

The rules follow good presenter tools (Pympress): the console goes on the laptop's own
panel, the projector on the screen that overlaps it least, mirrored screens are never
used for the projector, and the facilitator's explicit choice wins. With one usable
screen both windows open side by side as normal windows, for rehearsal or a mirrored
display. `choose_screens` is pure logic over `ScreenInfo` values; `ScreenPlacer` applies
its answer to two real windows and follows screens being plugged in and out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

#: QSettings key of the projector screen the facilitator chose last (a screen name).
PROJECTOR_SCREEN_KEY = "projector/screen"

_BUILT_IN_PREFIXES = ("EDP", "LVDS", "DSI")
#: Share of the screen's width the console takes when both windows share one screen.
_CONSOLE_SHARE = 0.55


@dataclass(frozen=True)
class ScreenInfo:
    """A screen's name, geometry (in device-independent pixels) and whether it is primary."""

    name: str
    x: int
    y: int
    width: int
    height: int
    primary: bool = False

    @classmethod
    def of(cls, screen: QScreen, primary: QScreen | None) -> ScreenInfo:
        """Describe `screen`; `primary` is `QGuiApplication.primaryScreen()` (may be None)."""
        g = screen.geometry()
        return cls(
            name=screen_name(screen),
            x=g.x(),
            y=g.y(),
            width=g.width(),
            height=g.height(),
            primary=primary is not None and screen == primary,
        )

    @property
    def area(self) -> int:
        """Width times height."""
        return max(self.width, 0) * max(self.height, 0)

    @property
    def built_in(self) -> bool:
        """True for a laptop's own panel (eDP, LVDS, DSI, or a "Built-in" display)."""
        return self.name.upper().startswith(_BUILT_IN_PREFIXES) or "built-in" in self.name.lower()

    def same_geometry(self, other: ScreenInfo) -> bool:
        """True when both screens show the same area of the desktop (mirrored displays)."""
        return (self.x, self.y, self.width, self.height) == (
            other.x,
            other.y,
            other.width,
            other.height,
        )

    def overlap(self, other: ScreenInfo) -> int:
        """The area (in pixels) both screens cover."""
        w = min(self.x + self.width, other.x + other.width) - max(self.x, other.x)
        h = min(self.y + self.height, other.y + other.height) - max(self.y, other.y)
        return max(w, 0) * max(h, 0)


def screen_name(screen: QScreen) -> str:
    """The name a screen is known by here: its platform name, or its geometry if it has none.

    Some Wayland compositors report empty names; the geometry keeps such screens apart.
    """
    name = screen.name()
    if name:
        return name
    g = screen.geometry()
    return f"{g.width()}x{g.height()}+{g.x()}+{g.y()}"


def _console_screen(screens: Sequence[ScreenInfo], preferred: str | None) -> ScreenInfo:
    for s in screens:
        if preferred is not None and s.name == preferred:
            return s
    for s in screens:
        if s.built_in:
            return s
    for s in screens:
        if s.primary:
            return s
    return screens[0]


def choose_screens(
    screens: Sequence[ScreenInfo],
    preferred_projector: str | None = None,
    *,
    preferred_console: str | None = None,
) -> tuple[str | None, str | None]:
    """Choose the console's screen and the projector's screen.

    The console goes on `preferred_console` if that screen exists (a swap during this
    session), else on the built-in laptop panel, else on the primary screen, else on the
    first. The projector goes on `preferred_projector` when that screen exists, is not the
    console's and does not mirror it; otherwise on the screen that overlaps the console's
    least (ties: the largest). Screens with the console's geometry (mirrored) are skipped.
    Pure logic: no Qt call.

    Args:
        screens: Every screen, in the platform's order.
        preferred_projector: A `--projector-screen` name or the remembered choice.
        preferred_console: The console's screen after the facilitator swapped screens.

    Returns:
        (console screen name, projector screen name); the console's is None only when
        there is no screen at all, the projector's is None when there is no second
        usable screen.
    """
    if not screens:
        return None, None
    console = _console_screen(screens, preferred_console)
    candidates = [
        s for s in screens if s.name != console.name and not s.same_geometry(console) and s.area > 0
    ]
    if not candidates:
        return console.name, None
    for s in candidates:
        if s.name == preferred_projector:
            return console.name, s.name
    # min() keeps the first of equal keys, so the platform's order breaks exact ties.
    best = min(candidates, key=lambda s: (s.overlap(console), -s.area))
    return console.name, best.name


def mirrored_groups(screens: Sequence[ScreenInfo]) -> list[list[str]]:
    """Names of screens that share one geometry (mirrored displays), one list per group."""
    groups: dict[tuple[int, int, int, int], list[str]] = {}
    for s in screens:
        groups.setdefault((s.x, s.y, s.width, s.height), []).append(s.name)
    return [names for names in groups.values() if len(names) > 1]


def current_screens() -> tuple[list[ScreenInfo], dict[str, QScreen]]:
    """The application's screens as `ScreenInfo` values, and each QScreen by name."""
    primary = QGuiApplication.primaryScreen()
    infos: list[ScreenInfo] = []
    by_name: dict[str, QScreen] = {}
    for screen in QGuiApplication.screens():
        info = ScreenInfo.of(screen, primary)
        if info.name in by_name:  # two screens with one name: keep the first
            continue
        infos.append(info)
        by_name[info.name] = screen
    return infos, by_name


def _shrunk(rect: QRect, share: float) -> QRect:
    """`rect` scaled by `share` around its centre."""
    w, h = int(rect.width() * share), int(rect.height() * share)
    return QRect(rect.x() + (rect.width() - w) // 2, rect.y() + (rect.height() - h) // 2, w, h)


def _minimum_width(window: QWidget) -> int:
    return max(window.minimumWidth(), window.minimumSizeHint().width(), 0)


def _raise(window: QWidget) -> None:
    # The offscreen and minimal platforms warn that they cannot raise windows; a window
    # that takes no focus (the projector) would be activated by raise_(), which Qt refuses.
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return
    if not window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus:
        window.raise_()


def put_on_screen(window: QWidget, screen: QScreen) -> None:
    """Move a top-level window's native window to `screen` (before showing it there)."""
    window.winId()  # creates the native window, so windowHandle() exists
    handle = window.windowHandle()
    if handle is not None and handle.screen() != screen:
        handle.setScreen(screen)


class ScreenPlacer(QObject):
    """Puts the console and the projector on their screens and keeps them there.

    Two screens: the console maximized on its screen, the projector full screen on the
    other. One usable screen: both as normal windows side by side (console left, projector
    right). A screen plugged in or out, or changing geometry, places both again, so the
    projector is never left off-screen.

    Args:
        console: The facilitator's window (any top-level QWidget).
        projector: The room's window (any top-level QWidget).
        settings: Where the chosen projector screen is remembered ("projector/screen").
        forced_projector: A ``--projector-screen`` name; wins over the remembered one
            until the facilitator chooses or swaps screens.
        parent: The QObject parent.

    Signals:
        placement_changed(str, str): the console's screen name and the projector's screen
            name ("" when the projector shares the console's screen); emitted on the first
            placement and whenever either changes.
    """

    placement_changed = Signal(str, str)

    def __init__(
        self,
        console: QWidget,
        projector: QWidget,
        settings: QSettings,
        forced_projector: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._console = console
        self._projector = projector
        self._settings = settings
        self._forced = forced_projector or None
        self._session_console: str | None = None  # set by swap(), never remembered
        self._console_name: str | None = None
        self._projector_name: str | None = None
        self._emitted: tuple[str, str] | None = None
        # None: full screen exactly when the projector has a screen of its own.
        self._fullscreen_choice: bool | None = None
        self._windows_alive = True
        self._frame_extra: dict[QWidget, tuple[int, int]] = {}
        self._replace_timer = QTimer(self)
        self._replace_timer.setSingleShot(True)
        self._replace_timer.setInterval(0)
        self._replace_timer.timeout.connect(self._on_replace_timer_timeout)

        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication), "ScreenPlacer needs a QGuiApplication"
        app.screenAdded.connect(self._on_app_screen_added)
        app.screenRemoved.connect(self._on_app_screen_removed)
        app.primaryScreenChanged.connect(self._on_app_primary_screen_changed)
        for screen in app.screens():
            self._watch(screen)
        console.destroyed.connect(self._on_window_destroyed)
        projector.destroyed.connect(self._on_window_destroyed)

    # -- public API -------------------------------------------------------------------

    def projector_screen_name(self) -> str | None:
        """The projector's own screen, or None when it shares the console's screen."""
        return self._projector_name

    def console_screen_name(self) -> str | None:
        """The console's screen (None only when the platform reports no screen)."""
        return self._console_name

    def place(self) -> None:
        """Choose both screens and show both windows there (first placement, screen changes)."""
        if not self._windows_alive:
            return
        infos, by_name = current_screens()
        preferred = self._forced or self._remembered()
        if self._session_console not in by_name:
            self._session_console = None
        console_name, projector_name = choose_screens(
            infos, preferred, preferred_console=self._session_console
        )
        if projector_name != self._projector_name:
            self._fullscreen_choice = None  # a new projector screen starts with the default
        self._console_name, self._projector_name = console_name, projector_name
        if console_name is None:
            # Qt cannot create a window without a screen (Wayland may report none for a
            # moment, e.g. while outputs are reconfigured); screenAdded places them later.
            log.info("no screen reported yet: the windows wait for one")
            return
        console_screen = by_name[console_name]
        if projector_name is None:
            self._show_side_by_side(console_screen)
        else:
            self._show_console(console_screen)
            self._show_projector(by_name[projector_name])
        self._emit_if_changed()

    def swap(self) -> None:
        """Exchange the console's and the projector's screens (one action)."""
        if self._console_name is None or self._projector_name is None:
            return  # one screen: nothing to swap
        new_console, new_projector = self._projector_name, self._console_name
        self._session_console = new_console
        self._forced = None
        self._remember(new_projector)
        self.place()

    def set_projector_screen(self, name: str) -> None:
        """Show the projector on screen `name` from now on, and remember it by name.

        Choosing the console's own screen swaps the two windows.
        """
        self._forced = None
        if name == self._console_name and self._projector_name is not None:
            self._session_console = self._projector_name
        self._remember(name)
        self.place()

    def toggle_fullscreen(self) -> None:
        """Turn the projector's full screen on or off."""
        if self._projector.isFullScreen():
            self.leave_fullscreen()
        else:
            self._fullscreen_choice = True
            screen = self._projector_target_screen()
            if screen is not None:
                self._show_projector_fullscreen(screen)

    def leave_fullscreen(self) -> None:
        """Leave full screen; the projector stays visible as a normal window on a screen."""
        self._fullscreen_choice = False
        if not self._projector.isFullScreen() and self._projector.isVisible():
            return
        screen = self._projector_target_screen()
        if screen is None:
            if QGuiApplication.screens():  # not placed yet: where the platform puts it
                self._projector.showNormal()
                self._projector.show()
        elif self._projector_name is None:
            self._show_side_by_side(screen)
        else:
            self._show_projector_normal(screen)

    # -- placement --------------------------------------------------------------------

    def _projector_target_screen(self) -> QScreen | None:
        _, by_name = current_screens()
        name = self._projector_name or self._console_name
        return by_name.get(name) if name else None

    def _show_console(self, screen: QScreen) -> None:
        console = self._console
        if console.isVisible() and console.isMaximized() and console.screen() == screen:
            return
        # Without a window manager "maximized" changes nothing: give it the size as well.
        self._show_normal_at(console, screen, screen.availableGeometry())
        console.showMaximized()

    def _show_projector(self, screen: QScreen) -> None:
        if self._fullscreen_choice is False:
            self._show_projector_normal(screen)
        else:
            self._show_projector_fullscreen(screen)

    def _show_projector_fullscreen(self, screen: QScreen) -> None:
        projector = self._projector
        if (
            projector.isVisible()
            and projector.isFullScreen()
            and projector.screen() == screen
            and projector.geometry() == screen.geometry()
        ):
            return
        if projector.isFullScreen() or projector.isMaximized():
            # Leave full screen where it is before moving; the restored geometry is
            # already the new screen's, so nothing flashes back on the old screen.
            projector.setGeometry(screen.geometry())
            projector.showNormal()
        # Screen first, then geometry, then full screen: some platforms (Wayland, some X11
        # window managers) ignore the position of a window that is not yet full screen, and
        # without a window manager full screen keeps whatever geometry the window has.
        put_on_screen(projector, screen)
        projector.setGeometry(screen.geometry())
        # Not showFullScreen(): it also activates the window, and the projector must
        # never take the keyboard from the console.
        projector.setWindowState(
            (projector.windowState() & ~Qt.WindowState.WindowMinimized)
            | Qt.WindowState.WindowFullScreen
        )
        projector.show()

    def _show_projector_normal(self, screen: QScreen) -> None:
        self._show_normal_at(self._projector, screen, _shrunk(screen.availableGeometry(), 0.8))

    def _show_side_by_side(self, screen: QScreen) -> None:
        area = screen.availableGeometry()
        # The console's share, but never below what its layout needs (a small panel), and
        # leaving the projector what its layout needs; they overlap only if both can't fit.
        frame = self._frame_extra.get(self._console, self._frame_extent(self._console))
        console_min = _minimum_width(self._console) + frame[0]
        projector_min = min(_minimum_width(self._projector), area.width() // 2)
        left_width = max(int(area.width() * _CONSOLE_SHARE), console_min)
        left_width = max(min(left_width, area.width() - projector_min), 0)
        left = QRect(area.x(), area.y(), left_width, area.height())
        right = QRect(area.x() + left_width, area.y(), area.width() - left_width, area.height())
        self._show_normal_at(self._console, screen, left)
        if self._fullscreen_choice:  # asked for with F5/F11: full screen over the console
            self._show_projector_fullscreen(screen)
            _raise(self._projector)
        else:
            self._show_normal_at(self._projector, screen, right)

    def _show_normal_at(self, window: QWidget, screen: QScreen, rect: QRect) -> None:
        """Show `window` as a normal window whose outer frame fills `rect` on `screen`."""
        if window.isFullScreen() or window.isMaximized():
            # Leaving full screen restores the platform's remembered normal geometry,
            # possibly on another screen, after this returns; aim that restore at `rect`.
            self._set_outer_geometry(window, rect)
            window.showNormal()
        put_on_screen(window, screen)
        used = self._set_outer_geometry(window, rect)
        window.show()
        if self._frame_extent(window) not in (used, (0, 0)):
            self._set_outer_geometry(window, rect)  # the frame became known on showing

    def _set_outer_geometry(self, window: QWidget, rect: QRect) -> tuple[int, int]:
        """Fit the window including its frame (title bar, borders, once known) into `rect`.

        Returns the frame's extent (extra width, extra height) it assumed.
        """
        extra = self._frame_extent(window)
        if window.isFullScreen() or window.isMaximized() or extra == (0, 0):
            # No frame in these states (or not known yet): use the one seen last.
            extra = self._frame_extra.get(window, extra)
        else:
            self._frame_extra[window] = extra
        window.resize(max(rect.width() - extra[0], 100), max(rect.height() - extra[1], 100))
        window.move(rect.topLeft())
        return extra

    @staticmethod
    def _frame_extent(window: QWidget) -> tuple[int, int]:
        frame, inner = window.frameGeometry(), window.geometry()
        return max(frame.width() - inner.width(), 0), max(frame.height() - inner.height(), 0)

    # -- settings ---------------------------------------------------------------------

    def _remembered(self) -> str | None:
        value = self._settings.value(PROJECTOR_SCREEN_KEY)
        return str(value) if value else None

    def _remember(self, name: str) -> None:
        self._settings.setValue(PROJECTOR_SCREEN_KEY, name)
        self._settings.sync()

    def _emit_if_changed(self) -> None:
        pair = (self._console_name or "", self._projector_name or "")
        if pair != self._emitted:
            self._emitted = pair
            log.info("console on %s, projector on %s", pair[0], pair[1] or "the same screen")
            self.placement_changed.emit(*pair)

    # -- screen changes ---------------------------------------------------------------

    def _watch(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._on_screen_geometry_changed)

    def _schedule_place(self) -> None:
        # Coalesce the burst of signals one hot-plug produces; place once they are all in.
        if self._windows_alive and not QGuiApplication.closingDown():
            self._replace_timer.start()

    def _on_app_screen_added(self, screen: QScreen) -> None:
        self._watch(screen)
        self._schedule_place()

    def _on_app_screen_removed(self, _screen: QScreen) -> None:
        self._schedule_place()

    def _on_app_primary_screen_changed(self, _screen: QScreen | None) -> None:
        self._schedule_place()

    def _on_screen_geometry_changed(self, _geometry: QRect) -> None:
        self._schedule_place()

    def _on_replace_timer_timeout(self) -> None:
        self.place()

    def _on_window_destroyed(self, _obj: QObject | None = None) -> None:
        self._windows_alive = False
        self._replace_timer.stop()
