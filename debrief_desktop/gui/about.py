"""The About dialog, and the application icon every window shows.

The dialog answers the two questions a facilitator has about an install: which
version is this, and where is my library file (with a button that opens its folder
in the file manager, to back it up or hand it over).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop import __version__
from debrief_desktop.resources import resource_path

APP_NAME = "Debrief Desktop"
#: The launcher's id: ``packaging/linux/<DESKTOP_ID>.desktop`` and ``.metainfo.xml``.
#: Wayland compositors match a window to its launcher (name, icon) by this id.
DESKTOP_ID = "io.github.debrief_desktop.DebriefDesktop"
#: The PNG sizes in ``resources/icons/`` (all rendered from ``debrief-desktop.svg``).
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The application icon, from the PNGs in ``resources/icons/``.

    PNGs rather than the SVG, so the icon shows without Qt's SVG plugin.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"debrief-desktop-{size}.png")), QSize(size, size))
    return icon


def set_app_icon(app: QGuiApplication) -> QIcon:
    """Give every window of ``app`` the application icon, and tie them to the launcher.

    Returns:
        The icon that was set.
    """
    icon = app_icon()
    app.setWindowIcon(icon)
    QGuiApplication.setDesktopFileName(DESKTOP_ID)
    return icon


class AboutDialog(QDialog):
    """Name, version and the library file's location, with a button to open its folder.

    Args:
        library_path: The library file this run uses (``--db`` or the default one), as
            ``Store.path`` gives it: None for an in-memory library.
        parent: The window the dialog belongs to (the console).
    """

    def __init__(self, library_path: Path | str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: None for an in-memory library (``Store.path``), which has no file or folder.
        self.library_path = None if library_path is None else Path(library_path).absolute()
        self.folder = None if self.library_path is None else self.library_path.parent
        self.setWindowTitle(f"About {APP_NAME}")

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        name = QLabel(APP_NAME)
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        self.version_label = QLabel(f"Version {__version__}")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(
            "Run an in-room, blameless post-incident debrief: a timeline for the room,"
            " a console for the facilitator, a PDF of the shared notes."
        )
        blurb.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(name)
        heading.addWidget(self.version_label)
        heading.addWidget(blurb)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(heading, 1)

        library_label = QLabel("Your library file (every edit is saved in it as you make it):")
        library_label.setWordWrap(True)
        # A read-only line edit, not a label: a long path stays on one line, scrolls,
        # and can be selected and copied whole.
        self.path_field = QLineEdit(
            "(in memory: nothing is saved)" if self.library_path is None else str(self.library_path)
        )
        self.path_field.setReadOnly(True)
        self.path_field.setCursorPosition(0)
        self.path_field.setMinimumWidth(420)
        library_label.setBuddy(self.path_field)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.clicked.connect(self._on_open_folder_button_clicked)
        if self.folder is None:
            self.open_folder_button.setEnabled(False)
        elif not self.folder.is_dir():
            self.open_folder_button.setEnabled(False)
            self._say(f"The folder {self.folder} does not exist.")
        else:
            self.open_folder_button.setToolTip(f"Show {self.folder} in the file manager")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(library_label)
        layout.addWidget(self.path_field)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

    def open_folder(self) -> bool:
        """Show the folder that holds the library file in the desktop's file manager.

        Returns:
            Whether the desktop accepted the request; if not, the dialog says so.
        """
        if self.folder is None:
            return False
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
        if not opened:
            self._say(f"No file manager could open {self.folder}: open it by hand.")
        return opened

    def _on_open_folder_button_clicked(self) -> None:
        self.open_folder()

    def _say(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.show()
