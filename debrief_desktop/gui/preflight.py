"""The pre-flight check a facilitator runs before the room arrives.

A large label on every screen says which screen is the projector and which the console;
clicking a screen's label makes it the projector. The clicker keys are ticked off as
they arrive, and mirrored displays (two screens with one geometry) get a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.screens import (
    ScreenInfo,
    choose_screens,
    mirrored_groups,
    put_on_screen,
    screen_name,
)

#: The keys presentation clickers send, as (shown name, key, what it does here).
CLICKER_KEYS: tuple[tuple[str, Qt.Key, str], ...] = (
    ("PageDown", Qt.Key.Key_PageDown, "next event"),
    ("PageUp", Qt.Key.Key_PageUp, "previous event"),
    ("B", Qt.Key.Key_B, "blackout"),
    (".", Qt.Key.Key_Period, "blackout"),
    ("F5", Qt.Key.Key_F5, "projector full screen"),
    ("Esc", Qt.Key.Key_Escape, "leave full screen"),
    ("Right", Qt.Key.Key_Right, "next event"),
    ("Left", Qt.Key.Key_Left, "previous event"),
    ("Space", Qt.Key.Key_Space, "next event"),
)

PROJECTOR_TEXT = "This is the projector"
CONSOLE_TEXT = "This is your console"
_PROJECTOR_STYLE = "background: #ffd400; color: #000000;"
_CONSOLE_STYLE = "background: #0b1f3a; color: #ffffff;"
_UNTICKED, _TICKED = "☐", "✔"
_TIMES = "\N{MULTIPLICATION SIGN}"


def _shown(key_name: str) -> str:
    return "“.” (full stop)" if key_name == "." else key_name


def _scaled_font(base: QFont, pixel_size: int, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(pixel_size, 12))
    font.setBold(bold)
    return font


class ScreenLabelWindow(QWidget):
    """A large borderless label over the top of one screen: which role the screen has.

    Args:
        screen: The screen to cover.
        parent: The pre-flight dialog (keeps the label clickable while the dialog is modal).

    Signals:
        clicked(str): the screen's name; the facilitator clicked this label.
    """

    clicked = Signal(str)

    def __init__(self, screen: QScreen, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.target_screen = screen
        self.screen_name = screen_name(screen)
        self.setObjectName("screenLabel")
        self.setWindowTitle(f"Debrief Desktop — {self.screen_name}")
        geometry = screen.geometry()
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setFont(_scaled_font(self.font(), geometry.height() // 9, bold=True))
        self.detail = QLabel(
            f"{self.screen_name} · {geometry.width()} {_TIMES} {geometry.height()}",
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.detail.setFont(_scaled_font(self.font(), geometry.height() // 22))
        self.hint = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.hint.setFont(_scaled_font(self.font(), geometry.height() // 26))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title, self.detail, self.hint):
            layout.addWidget(label)
        layout.addStretch(1)
        self.is_projector = False
        self.set_projector(False)

    def set_projector(self, projector: bool) -> None:
        """Show this screen as the projector (True) or as the console (False)."""
        self.is_projector = projector
        self.title.setText(PROJECTOR_TEXT if projector else CONSOLE_TEXT)
        self.hint.setText(
            "The room sees this screen."
            if projector
            else "Click here to show the projector on this screen instead."
        )
        self.setStyleSheet(
            f"#screenLabel, #screenLabel QLabel {{"
            f" {_PROJECTOR_STYLE if projector else _CONSOLE_STYLE} }}"
        )

    def place(self) -> None:
        """Cover the top part of the screen, leaving room below for the dialog."""
        g = self.target_screen.geometry()
        put_on_screen(self, self.target_screen)
        self.setGeometry(
            QRect(
                g.x() + g.width() // 20,
                g.y() + g.height() // 20,
                g.width() * 9 // 10,
                g.height() * 2 // 5,
            )
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A left click chooses this screen for the projector."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.screen_name)
            event.accept()
        else:
            super().mousePressEvent(event)


class PreflightDialog(QDialog):
    """Check the screens and the clicker before the room arrives.

    Opens a label window on every screen while it is shown and closes them all when it
    closes. Clicking a screen's label (or its button here) chooses the projector screen.
    The clicker keys are listed and ticked off as they are pressed; while the dialog is
    open they only tick (no other shortcut fires, Esc does not close it).

    Args:
        parent: Usually the console window.
        projector_screen: The projector's current screen name (default: the automatic
            choice of `choose_screens`).
        on_projector_chosen: Called with the chosen screen's name, like the signal.
        screens: The screens to label (default: all of the application's screens).

    Signals:
        projector_chosen(str): the facilitator chose this screen for the projector.
    """

    projector_chosen = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        projector_screen: str | None = None,
        on_projector_chosen: Callable[[str], None] | None = None,
        screens: Sequence[QScreen] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pre-flight check")
        self._fixed_screens = list(screens) if screens is not None else None
        self._projector_name = projector_screen
        if on_projector_chosen is not None:
            self.projector_chosen.connect(on_projector_chosen)
        self._labels: list[ScreenLabelWindow] = []
        self._pressed: set[str] = set()
        self._key_names = {key.value: name for name, key, _ in CLICKER_KEYS}
        self._filtering = False

        base = self.font()
        self.setFont(_scaled_font(base, 22))
        heading = QLabel("Pre-flight check")
        heading.setFont(_scaled_font(base, 34, bold=True))
        self.instructions = QLabel(
            "A label now shows on every screen. Click the label on the screen the room will"
            " see to make it the projector.",
            wordWrap=True,
        )
        self.mirrored_warning = QLabel(wordWrap=True)
        self.mirrored_warning.setStyleSheet(
            "color: #ffffff; background: #a00000; padding: 10px; font-weight: bold;"
        )
        self.mirrored_warning.hide()
        self._screen_row = QHBoxLayout()
        self._screen_buttons: dict[str, QPushButton] = {}

        keys_heading = QLabel("Press each clicker key:")
        keys_heading.setFont(_scaled_font(base, 26, bold=True))
        grid = QGridLayout()
        self._key_labels: dict[str, QLabel] = {}
        for row, (name, _key, meaning) in enumerate(CLICKER_KEYS):
            label = QLabel(f"{_UNTICKED}  {_shown(name)}")
            label.setFont(_scaled_font(base, 26, bold=True))
            grid.addWidget(label, row // 3, (row % 3) * 2)
            grid.addWidget(QLabel(meaning), row // 3, (row % 3) * 2 + 1)
            self._key_labels[name] = label
        self.key_status = QLabel()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in buttons.buttons():
            # Space and Enter are clicker keys here, not "press the focused button".
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.instructions)
        layout.addLayout(self._screen_row)
        layout.addWidget(self.mirrored_warning)
        layout.addSpacing(12)
        layout.addWidget(keys_heading)
        layout.addLayout(grid)
        layout.addWidget(self.key_status)
        layout.addWidget(buttons)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self._on_rebuild_timer_timeout)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._on_app_screen_added)
        app.screenRemoved.connect(self._on_app_screen_removed)
        self._refresh_screens()
        self._update_key_status()

    # -- what tests and callers read ------------------------------------------------

    def label_windows(self) -> list[ScreenLabelWindow]:
        """The label windows open now (one per screen while the dialog is shown)."""
        return list(self._labels)

    def pressed_keys(self) -> set[str]:
        """The names (as in `CLICKER_KEYS`) of the clicker keys seen so far."""
        return set(self._pressed)

    def projector_screen_name(self) -> str | None:
        """The screen currently marked as the projector."""
        return self._projector_name

    def choose_projector(self, name: str) -> None:
        """Mark screen `name` as the projector and tell listeners."""
        self._projector_name = name
        self._update_roles()
        self.projector_chosen.emit(name)

    # -- screens ----------------------------------------------------------------------

    def _screens(self) -> list[QScreen]:
        if self._fixed_screens is not None:
            return self._fixed_screens
        return list(QGuiApplication.screens())

    def _infos(self) -> list[ScreenInfo]:
        primary = QGuiApplication.primaryScreen()
        return [ScreenInfo.of(s, primary) for s in self._screens()]

    def _refresh_screens(self) -> None:
        infos = self._infos()
        names = [i.name for i in infos]
        if self._projector_name not in names:
            self._projector_name = choose_screens(infos)[1]
        while self._screen_row.count():
            item = self._screen_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._screen_buttons.clear()
        self._screen_row.addWidget(QLabel("Projector on:"))
        for info in infos:
            button = QPushButton(f"{info.name}  {info.width} {_TIMES} {info.height}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.clicked.connect(self._on_screen_button_clicked)
            button.setProperty("screen_name", info.name)
            self._screen_row.addWidget(button)
            self._screen_buttons[info.name] = button
        self._screen_row.addStretch(1)

        groups = mirrored_groups(infos)
        if groups:
            shown = "; ".join(" and ".join(group) for group in groups)
            self.mirrored_warning.setText(
                f"⚠ Mirrored displays: {shown} show the same picture. The room would see"
                " your console. Turn mirroring off in the display settings (extend the"
                " desktop) to use a separate projector screen."
            )
        self.mirrored_warning.setVisible(bool(groups))
        if self.isVisible():
            self._open_labels()
        self._update_roles()

    def _open_labels(self) -> None:
        self._close_labels()
        for screen in self._screens():
            label = ScreenLabelWindow(screen, self)
            label.clicked.connect(self._on_label_clicked)
            label.place()
            label.show()
            self._labels.append(label)
        self._update_roles()

    def _close_labels(self) -> None:
        for label in self._labels:
            label.close()
            label.deleteLater()
        self._labels.clear()

    def _update_roles(self) -> None:
        for label in self._labels:
            label.set_projector(label.screen_name == self._projector_name)
        for name, button in self._screen_buttons.items():
            button.setChecked(name == self._projector_name)

    def _move_to_console_screen(self) -> None:
        infos = self._infos()
        console_name, _ = choose_screens(infos, self._projector_name)
        screen = next((s for s in self._screens() if screen_name(s) == console_name), None)
        if screen is None:
            return
        # Below the label, which covers the top 45 % of the screen.
        g = screen.availableGeometry()
        size = self.sizeHint().boundedTo(g.size())
        x = g.x() + (g.width() - size.width()) // 2
        y = min(g.y() + g.height() * 47 // 100, g.y() + g.height() - size.height())
        self.move(x, max(y, g.y()))

    # -- keys -------------------------------------------------------------------------

    def _owns(self, widget: QWidget) -> bool:
        # While the check runs, a clicker key pressed in any window is the check's:
        # it must be ticked off, not move the room.
        return self.isVisible() or widget.window() is self or widget.window() in self._labels

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tick clicker keys, and keep them from firing shortcuts while the check runs."""
        kind = event.type()
        if (
            kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(watched, QWidget)
            and isinstance(event, QKeyEvent)
            and self._owns(watched)
        ):
            name = self._key_names.get(int(event.key()))
            if name is not None:
                if kind == QEvent.Type.KeyPress:
                    self._tick(name)
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def _tick(self, name: str) -> None:
        self._pressed.add(name)
        self._key_labels[name].setText(f"{_TICKED}  {_shown(name)}")
        self._key_labels[name].setStyleSheet("color: #006400;")
        self._update_key_status()

    def _update_key_status(self) -> None:
        done, total = len(self._pressed), len(CLICKER_KEYS)
        self.key_status.setText(
            "All clicker keys recognised." if done == total else f"{done} of {total} recognised."
        )

    # -- Qt overrides -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Open the label windows and listen to the keyboard while shown."""
        super().showEvent(event)
        if not self._filtering:
            QApplication.instance().installEventFilter(self)
            self._filtering = True
        self._open_labels()
        self._move_to_console_screen()

    def hideEvent(self, event: QHideEvent) -> None:
        """Close every label window when the dialog closes."""
        if self._filtering:
            QApplication.instance().removeEventFilter(self)
            self._filtering = False
        self._close_labels()
        super().hideEvent(event)

    # -- slots ------------------------------------------------------------------------

    def _on_label_clicked(self, name: str) -> None:
        self.choose_projector(name)

    def _on_screen_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.choose_projector(str(button.property("screen_name")))

    def _on_app_screen_added(self, _screen: QScreen) -> None:
        self._rebuild_timer.start()

    def _on_app_screen_removed(self, _screen: QScreen) -> None:
        # The removed screen may still be listed right now: rebuild once it is gone.
        self._rebuild_timer.start()

    def _on_rebuild_timer_timeout(self) -> None:
        if self._fixed_screens is None:
            self._refresh_screens()
