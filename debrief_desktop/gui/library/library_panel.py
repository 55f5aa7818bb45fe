"""The library view: every debrief in the library file, the trash, the recent list, sharing.

Nothing vanishes on one click: Delete moves a debrief to the trash, the trash is
emptied only after a question, and an import that would replace a debrief asks
first. Opening a debrief is the console's job: the panel emits ``open_requested``.
"""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QHelpEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.facilitation import library_ops
from debrief_desktop.gui.library._common import LibraryWidget, write_atomically
from debrief_desktop.gui.library.models import (
    ATTEND_WORDS,
    LEARNED_WORDS,
    ROW_ROLE,
    LibraryFilterModel,
    LibraryModel,
)
from debrief_desktop.gui.notes._common import (
    ERROR_STYLE,
    NEUTRAL_STYLE,
    OK_STYLE,
    SPACING,
    WARNING_STYLE,
    hint,
    notice,
    short,
    show_notice,
)
from debrief_desktop.gui.notes.export_panel import file_stem
from debrief_desktop.gui.session import Session
from debrief_desktop.store import exchange, library
from debrief_desktop.store.errors import NotFoundError
from debrief_desktop.store.library import LibraryRow
from debrief_desktop.store.models import Debrief

AnyIndex = QModelIndex | QPersistentModelIndex
DEBRIEF_FILTER = "Debrief files (*.debrief)"
IMPORT_FILTER = "Debrief files (*.debrief *.json);;All files (*)"
SUFFIX = exchange.DEBRIEF_SUFFIX
RECENT_LIMIT = 8
MIN_TITLE_WIDTH = 220
NARROW = 860  # below this width the recent list goes under the table
MAX_IMPORT_BYTES = 200 * 1024 * 1024  # far above any real debrief; stops a wrong pick early
KEEP_BOTH, REPLACE = "keep_both", "replace"

MARK_COLOURS = {True: QColor("#2e7d32"), False: QColor("#b26a00"), None: QColor("#9aa3ad")}


class SuccessMarksDelegate(QStyledItemDelegate):
    """Paints the two success measures as two small marks, each with its own tooltip.

    Filled green with a tick: met. Amber ring with a bar: answered, not met.
    Grey dotted ring: nobody answered yet.
    """

    MARK = 14
    GAP = 8
    PAD = 8

    def _marks(self, rect: QRect) -> tuple[QRect, QRect]:
        size = min(self.MARK, max(8, rect.height() - 6))
        top = rect.center().y() - size // 2 + 1
        first = QRect(rect.left() + self.PAD, top, size, size)
        return first, first.translated(size + self.GAP, 0)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)  # background, selection, focus
        row = index.data(ROW_ROLE)
        if not isinstance(row, LibraryRow):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, value in zip(
            self._marks(option.rect), (row.learned, row.would_attend), strict=True
        ):
            self._paint_mark(painter, rect, value)
        painter.restore()

    @staticmethod
    def _paint_mark(painter: QPainter, rect: QRect, value: bool | None) -> None:
        colour = MARK_COLOURS[value]
        if value is True:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(rect)
            tick = QPainterPath()
            w, h = rect.width(), rect.height()
            tick.moveTo(rect.left() + w * 0.27, rect.top() + h * 0.52)
            tick.lineTo(rect.left() + w * 0.44, rect.top() + h * 0.70)
            tick.lineTo(rect.left() + w * 0.74, rect.top() + h * 0.33)
            pen = QPen(QColor("white"), max(1.6, w / 7))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
            return
        pen = QPen(colour, 1.8 if value is False else 1.4)
        if value is None:
            pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
        if value is False:
            y = rect.center().y() + 1
            painter.drawLine(rect.left() + 4, y, rect.right() - 3, y)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 2 * self.MARK + self.GAP + 2 * self.PAD), size.height())

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        row = index.data(ROW_ROLE)
        if event.type() == QEvent.Type.ToolTip and isinstance(row, LibraryRow):
            first, second = self._marks(option.rect)
            pos = event.pos()
            if pos.x() <= first.right() + self.GAP // 2:
                text = LEARNED_WORDS[row.learned]
            elif pos.x() <= second.right() + self.GAP:
                text = ATTEND_WORDS[row.would_attend]
            else:
                text = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
            QToolTip.showText(event.globalPos(), text, view, option.rect)
            return True
        return super().helpEvent(event, view, option, index)


class LibraryPanel(LibraryWidget):
    """Every debrief in the library: sort, filter, open, create, rename, trash, share.

    Signals:
        open_requested(int, int): open this debrief (its id) at this event (-1: none).
            Emitted also for the debrief already open, so the console can show it.

    Args:
        session: the Session the console runs (its store is the library).
        parent: the parent widget.
    """

    open_requested = Signal(int, int)

    LIBRARY_TAB, TRASH_TAB = 0, 1

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._trash_mode = False
        self._trashed_last: int | None = None  # for "Undo" after Delete

        self.model = LibraryModel(self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.open_label = QLabel()
        self.open_label.setObjectName("openDebriefLabel")
        self.open_label.setTextFormat(Qt.TextFormat.RichText)
        self.open_label.setWordWrap(True)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("libraryFilter")
        self.filter_edit.setPlaceholderText("Filter by title or date (e.g. “checkout 2026-03”)")
        self.filter_edit.setClearButtonEnabled(True)
        self.tab_bar = QTabBar()
        self.tab_bar.setObjectName("libraryTrashTabs")
        self.tab_bar.addTab("Library")
        self.tab_bar.addTab("Trash")
        self.tab_bar.setDrawBase(False)
        self.tab_bar.setExpanding(False)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.tab_bar)
        top.addWidget(self.filter_edit, 1)

        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LibraryModel.MEETING, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(LibraryModel.SUCCESS, SuccessMarksDelegate(self.table))
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for col, width in (
            (LibraryModel.INCIDENT, 92),
            (LibraryModel.MEETING, 92),
            (LibraryModel.EVENTS, 60),
            (LibraryModel.OPEN_ITEMS, 100),
            (LibraryModel.SUCCESS, 70),
        ):
            self.table.setColumnWidth(col, width)
        # The title takes the room left over, but never less than MIN_TITLE_WIDTH: on a
        # narrow console the table scrolls sideways instead of hiding every title.
        self.table.viewport().installEventFilter(self)
        self.empty_label = hint("")
        self.empty_label.setObjectName("libraryEmpty")
        self.empty_label.hide()

        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentList")
        self.recent_list.setWordWrap(True)
        self.recent_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.recent_list.setSpacing(3)
        recent_box = QWidget()
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.setContentsMargins(0, 0, 0, 0)
        recent_title = QLabel("Recently opened")
        recent_title.setStyleSheet("font-weight: bold;")
        recent_layout.addWidget(recent_title)
        recent_layout.addWidget(self.recent_list, 1)

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.empty_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(recent_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([760, 220])
        recent_box.setMinimumSize(150, 90)
        self._split_timer = QTimer(self)
        self._split_timer.setSingleShot(True)
        self._split_timer.setInterval(0)
        self._split_timer.timeout.connect(self._on_split_timer_timeout)

        # The library's buttons and the trash's buttons share one place.
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("openButton")
        self.open_button.setDefault(False)
        self.new_button = QPushButton("New…")
        self.new_from_button = QPushButton("New from this one…")
        self.new_from_button.setToolTip("A new, empty debrief with this one's agenda and attendees")
        self.duplicate_button = QPushButton("Duplicate")
        self.duplicate_button.setToolTip("A full copy: timeline, accounts, notes and all")
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Move to trash")
        self.delete_button.setToolTip("Nothing is lost: restore it from the Trash tab")
        self.export_button = QPushButton("Export as .debrief…")
        self.export_button.setToolTip(
            "One file with everything, private notes included: for another facilitator's "
            "library, not for the room"
        )
        self.import_button = QPushButton("Import .debrief…")
        library_buttons = QWidget()
        rows = QVBoxLayout(library_buttons)
        rows.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        first.setSpacing(SPACING)
        for b in (
            self.open_button,
            self.new_button,
            self.new_from_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
        ):
            first.addWidget(b)
        first.addStretch(1)
        second = QHBoxLayout()
        second.setSpacing(SPACING)
        second.addWidget(self.export_button)
        second.addWidget(self.import_button)
        second.addStretch(1)
        rows.addLayout(first)
        rows.addLayout(second)

        self.restore_button = QPushButton("Restore")
        self.restore_button.setObjectName("restoreButton")
        self.empty_trash_button = QPushButton("Empty trash…")
        self.empty_trash_button.setObjectName("emptyTrashButton")
        trash_buttons = QWidget()
        trash_row = QHBoxLayout(trash_buttons)
        trash_row.setContentsMargins(0, 0, 0, 0)
        trash_row.setSpacing(SPACING)
        trash_row.addWidget(self.restore_button)
        trash_row.addWidget(self.empty_trash_button)
        trash_row.addWidget(hint("Debriefs in the trash stay until the trash is emptied."), 1)
        self.library_buttons, self.trash_buttons = library_buttons, trash_buttons
        trash_buttons.hide()

        self.message = notice("libraryMessage")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("undoTrashButton")
        self.undo_button.hide()
        message_row = QHBoxLayout()
        message_row.setSpacing(SPACING)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.open_label)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(library_buttons)
        layout.addWidget(trash_buttons)
        layout.addLayout(message_row)

        self._add_shortcut("Delete", QKeySequence.StandardKey.Delete, self.delete_selected)
        self._add_shortcut("Rename", QKeySequence(Qt.Key.Key_F2), self.rename_selected)

        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.filter_edit.textChanged.connect(self._update_empty_label)
        self.tab_bar.currentChanged.connect(self._on_tab_bar_current_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.recent_list.itemActivated.connect(self._on_recent_list_item_activated)
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_debrief)
        self.new_from_button.clicked.connect(self.new_from_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_selected)
        self.import_button.clicked.connect(self.import_file)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_trash_button.clicked.connect(self.empty_trash)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self._listen()
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title_column()
        return super().eventFilter(watched, event)

    def _fit_title_column(self) -> None:
        others = sum(
            self.table.columnWidth(c)
            for c in range(self.model.columnCount())
            if c != LibraryModel.TITLE
        )
        room = self.table.viewport().width() - others
        self.table.setColumnWidth(LibraryModel.TITLE, max(MIN_TITLE_WIDTH, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            # The splitter is laid out after this event: size its panes when it has been.
            self._split_timer.start()

    def _on_split_timer_timeout(self) -> None:
        if self.splitter.orientation() == Qt.Orientation.Vertical:
            total, side = self.splitter.height(), 140
        else:
            total, side = self.splitter.width(), 230
        self.splitter.setSizes([max(1, total - side), side])

    def _add_shortcut(self, text: str, keys: Any, slot: Any) -> None:
        action = QAction(text, self.table)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)

    # -------------------------------------------------------------- showing

    @property
    def trash_mode(self) -> bool:
        """True while the table shows the trash."""
        return self._trash_mode

    def show_trash(self, on: bool) -> None:
        """Show the trash (True) or the library (False)."""
        self.tab_bar.setCurrentIndex(self.TRASH_TAB if on else self.LIBRARY_TAB)

    def _on_tab_bar_current_changed(self, index: int) -> None:
        self._trash_mode = index == self.TRASH_TAB
        self.library_buttons.setVisible(not self._trash_mode)
        self.trash_buttons.setVisible(self._trash_mode)
        self.table.clearSelection()
        self.reload()

    def reload(self) -> None:
        """Ask the library for its debriefs (or the trash) and the recent list."""
        store = self.session.store
        shown = library.library_rows(store, trash=self._trash_mode)
        other = library.library_rows(store, trash=not self._trash_mode)
        live, trashed = (other, shown) if self._trash_mode else (shown, other)
        self.model.set_open_id(self.open_debrief_id())
        self.model.set_rows(shown)
        self.tab_bar.setTabText(self.LIBRARY_TAB, f"Library ({len(live)})")
        self.tab_bar.setTabText(self.TRASH_TAB, f"Trash ({len(trashed)})")
        self._show_open_label(live)
        self._fill_recent()
        self._update_empty_label()
        self._update_buttons()
        self._stale = False

    def _show_open_label(self, live: list[LibraryRow]) -> None:
        open_id = self.open_debrief_id()
        title = next((r.title for r in live if r.id == open_id), None)
        if title is None and self.session.debrief is not None:
            title = self.session.debrief.title
        self.open_label.setText(
            f"Open now: <b>{html.escape(short(title, 100), quote=False)}</b>"
            " &nbsp;(highlighted in the list)"
            if title is not None
            else "No debrief is open: pick one and press Open, or make a new one."
        )

    def _fill_recent(self) -> None:
        open_id = self.open_debrief_id()
        with QSignalBlocker(self.recent_list):
            self.recent_list.clear()
            for r in library.recent(self.session.store, limit=RECENT_LIMIT):
                when = f"meeting {r.meeting_date[:10]}" if r.meeting_date else "no meeting date"
                item = QListWidgetItem(f"{short(r.title or '(untitled)', 80)}\n{when}")
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setToolTip(f"{r.title}\nDouble-click or Enter to open")
                if r.id == open_id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(f"{r.title}\nOpen in the console now")
                self.recent_list.addItem(item)
            if self.recent_list.count() == 0:
                item = QListWidgetItem("Nothing opened yet")
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.recent_list.addItem(item)

    def _update_empty_label(self, *_: Any) -> None:
        if self.proxy.rowCount() > 0:
            self.empty_label.hide()
            return
        if self.model.rowCount() > 0:
            text = "No debrief matches the filter."
        elif self._trash_mode:
            text = "The trash is empty."
        else:
            text = "The library is empty: press “New…” or import a .debrief file."
        self.empty_label.setText(text)
        self.empty_label.show()

    def _update_buttons(self, *_: Any) -> None:
        row = self.selected_row()
        has = row is not None
        for b in (
            self.open_button,
            self.new_from_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
            self.export_button,
            self.restore_button,
        ):
            b.setEnabled(has)
        self.empty_trash_button.setEnabled(self._trash_mode and self.model.rowCount() > 0)
        is_open = has and row is not None and row.id == self.open_debrief_id()
        self.delete_button.setToolTip(
            "This debrief is open: open another one first, then move this one to the trash"
            if is_open
            else "Nothing is lost: restore it from the Trash tab"
        )

    def _say(self, text: str, style: str = OK_STYLE, *, undo: bool = False) -> None:
        show_notice(self.message, text, style)
        self.undo_button.setVisible(undo)

    # ------------------------------------------------------------ selection

    def selected_row(self) -> LibraryRow | None:
        """The debrief selected in the table, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ROW_ROLE)
        return value if isinstance(value, LibraryRow) else None

    def selected_id(self) -> int | None:
        """The id of the selected debrief, or None."""
        row = self.selected_row()
        return None if row is None else row.id

    def select_debrief(self, debrief_id: int) -> bool:
        """Select a debrief in the table (clearing the filter if it hides it)."""
        source_row = self.model.row_of(debrief_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_table_activated(self, index: QModelIndex) -> None:
        if self._trash_mode:
            self.restore_selected()
        else:
            self.open_selected()

    def _on_recent_list_item_activated(self, item: QListWidgetItem) -> None:
        debrief_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(debrief_id, int):
            self.open_debrief(debrief_id)

    # -------------------------------------------------------------- actions

    def open_debrief(self, debrief_id: int, event_id: int = -1) -> None:
        """Record the opening (for the recent list) and ask the console to open it."""
        try:
            library.mark_opened(self.session.store, debrief_id)
        except (sqlite3.Error, NotFoundError) as exc:
            self._say(f"That debrief could not be opened: {exc}", ERROR_STYLE)
            return
        self.open_requested.emit(debrief_id, event_id)
        self.schedule_reload()

    def open_selected(self) -> None:
        """Open the selected debrief."""
        debrief_id = self.selected_id()
        if debrief_id is not None and not self._trash_mode:
            self.open_debrief(debrief_id)

    def ask_title(self, caption: str, label: str, text: str = "") -> str | None:
        """Ask for a debrief title; None when the user cancelled or typed nothing."""
        value, ok = QInputDialog.getText(self, caption, label, QLineEdit.EchoMode.Normal, text)
        value = " ".join(value.split()) if ok else ""
        return value or None

    def new_debrief(self) -> int | None:
        """Ask for a title, create an empty debrief with the default agenda, open it."""
        title = self.ask_title("New debrief", "Title of the new debrief", "")
        if title is None:
            return None
        return self._create(title, None)

    def new_from_selected(self) -> int | None:
        """A new debrief with the selected one's agenda and attendees; it opens."""
        source = self.selected_row()
        if source is None:
            return None
        title = self.ask_title(
            "New debrief from this one",
            f"Title of the new debrief\n(the agenda and attendees of “{short(source.title, 60)}”"
            " are copied; nothing else)",
            "",
        )
        if title is None:
            return None
        return self._create(title, source.id)

    def _create(self, title: str, from_previous: int | None) -> int | None:
        try:
            new_id = library_ops.new_debrief(self.session.store, title, from_previous=from_previous)
        except (sqlite3.Error, OSError, NotFoundError) as exc:
            self._say(f"The new debrief was not created: {exc}", ERROR_STYLE)
            return None
        self.reload()
        self.select_debrief(new_id)
        self._say(f"Created “{short(title, 80)}”.")
        self.open_debrief(new_id)
        return new_id

    def _library_changed(self) -> None:
        """Tell every view (search, open action items, the console) that debriefs changed.

        Trash, restore, duplicate, rename and import write to the store directly for
        debriefs that are not open; without this the other views would go stale.
        """
        self.session.rows_changed.emit("debrief")
        self.reload()

    def duplicate_selected(self) -> int | None:
        """A full copy of the selected debrief, selected (not opened)."""
        source = self.selected_row()
        if source is None:
            return None
        try:
            new_id = library.duplicate_debrief(self.session.store, source.id)
        except (sqlite3.Error, NotFoundError) as exc:
            self._say(f"The debrief was not duplicated: {exc}", ERROR_STYLE)
            return None
        self._library_changed()
        self.select_debrief(new_id)
        copy = self.selected_row()
        self._say(f"Duplicated as “{short(copy.title if copy else source.title, 80)}”.")
        return new_id

    def rename_selected(self) -> None:
        """Ask for a new title for the selected debrief."""
        row = self.selected_row()
        if row is None or self._trash_mode:
            return
        title = self.ask_title("Rename debrief", "New title", row.title)
        if title is not None and title != row.title:
            self.rename(row.id, title)

    def rename(self, debrief_id: int, title: str) -> None:
        """Give a debrief a new title, as one transaction.

        The open debrief is renamed through the Session (undoable, and the
        projector and console show the new title at once); any other one in the store.
        """
        if debrief_id == self.open_debrief_id():
            if self.session.update_row(Debrief, debrief_id, "title", title=title) is None:
                self._say(
                    "The debrief was not renamed: the library could not save it.", ERROR_STYLE
                )
                return
        else:
            try:
                self.session.store.update(Debrief, debrief_id, title=title)
            except (sqlite3.Error, NotFoundError) as exc:
                self._say(f"The debrief was not renamed: {exc}", ERROR_STYLE)
                return
        self._library_changed()
        self._say(f"Renamed to “{short(title, 80)}”.")

    def delete_selected(self) -> None:
        """Move the selected debrief to the trash (never the open one)."""
        row = self.selected_row()
        if row is None or self._trash_mode:
            return
        if row.id == self.open_debrief_id():
            self._say(
                f"“{short(row.title, 80)}” is open in the console. Open another debrief "
                "first, then move this one to the trash.",
                WARNING_STYLE,
            )
            return
        try:
            library.move_to_trash(self.session.store, row.id)
        except (sqlite3.Error, NotFoundError) as exc:
            self._say(f"The debrief was not moved to the trash: {exc}", ERROR_STYLE)
            return
        self._trashed_last = row.id
        self._library_changed()
        self._say(
            f"Moved “{short(row.title, 80)}” to the trash. Restore it from the Trash tab, "
            "or press Undo.",
            NEUTRAL_STYLE,
            undo=True,
        )

    def _on_undo_button_clicked(self) -> None:
        if self._trashed_last is not None:
            self.restore(self._trashed_last)
        self._trashed_last = None

    def restore(self, debrief_id: int) -> None:
        """Take a debrief out of the trash."""
        try:
            library.restore_from_trash(self.session.store, debrief_id)
        except (sqlite3.Error, NotFoundError) as exc:
            self._say(f"The debrief was not restored: {exc}", ERROR_STYLE)
            return
        self._library_changed()
        if not self._trash_mode:
            self.select_debrief(debrief_id)
        title = self.session.store.get_debrief(debrief_id).title
        self._say(f"Restored “{short(title, 80)}” to the library.")

    def restore_selected(self) -> None:
        """Take the selected debrief out of the trash."""
        debrief_id = self.selected_id()
        if debrief_id is not None and self._trash_mode:
            self.restore(debrief_id)

    def confirm_empty_trash(self, count: int) -> bool:
        """Ask before deleting the trash for good."""
        answer = QMessageBox.question(
            self,
            "Empty the trash",
            f"Delete the {count} debrief{'s' if count != 1 else ''} in the trash for good?\n"
            "This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def empty_trash(self) -> int:
        """After a confirmation, delete every debrief in the trash; returns how many."""
        count = len(library.library_rows(self.session.store, trash=True))
        if count == 0:
            self._say("The trash is already empty.", NEUTRAL_STYLE)
            return 0
        if not self.confirm_empty_trash(count):
            return 0
        try:
            gone = library.empty_trash(self.session.store)
        except sqlite3.Error as exc:
            self._say(f"The trash was not emptied: {exc}", ERROR_STYLE)
            return 0
        self._trashed_last = None
        self._library_changed()
        self._say(f"Deleted {gone} debrief{'s' if gone != 1 else ''} for good.")
        return gone

    # -------------------------------------------------------------- sharing

    def suggested_path(self, title: str) -> Path:
        """Where the save dialog starts: the home folder, a name from the title."""
        return Path.home() / f"{file_stem(title)}{SUFFIX}"

    def export_selected(self) -> Path | None:
        """Ask where, then write the selected debrief as one .debrief file (atomically)."""
        row = self.selected_row()
        if row is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export as .debrief", str(self.suggested_path(row.title)), DEBRIEF_FILTER
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        try:
            # Shared with another library: the facilitator's private notes stay here.
            text = exchange.dumps_debrief(self.session.store, row.id, private=False)
            write_atomically(path, text)
        except (OSError, sqlite3.Error, NotFoundError) as exc:
            self._say(f"“{short(row.title, 60)}” was not exported: {exc}", ERROR_STYLE)
            return None
        self._say(
            f"Saved “{short(row.title, 60)}” to {path}, without your private notes and"
            " prepared questions."
        )
        return path

    def ask_conflict(self, existing_title: str) -> str | None:
        """The imported debrief is already in the library: keep both, replace, or cancel.

        Returns ``"keep_both"``, ``"replace"`` or None (cancel).
        """
        box = QMessageBox(self)
        box.setObjectName("importConflict")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Import .debrief")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"“{short(existing_title, 80)}” is already in this library.")
        box.setInformativeText(
            "Keep both: the imported copy is added beside it, its title ending in "
            "“(imported)”.\n"
            "Replace: the imported copy takes its place; the one in the library goes to "
            "the trash, from where it can be restored."
        )
        keep = box.addButton("Keep both", QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is keep:
            return KEEP_BOTH
        if clicked is replace:
            return REPLACE
        return None

    def import_file(self) -> int | None:
        """Ask for a .debrief file and import it in one transaction; returns the new id.

        A file that is not a debrief (or from a newer version, or damaged) is
        reported and nothing is imported; the file itself is only read.
        """
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Import .debrief", str(Path.home()), IMPORT_FILTER
        )
        if not chosen:
            return None
        return self.import_path(Path(chosen))

    def import_path(self, path: Path) -> int | None:
        """Import one .debrief file (asking on a conflict); returns the new id or None."""
        store = self.session.store
        try:
            size = path.stat().st_size
            if size > MAX_IMPORT_BYTES:
                raise OSError(f"it is {size // 2**20} MB, far too large for a debrief")
            doc = exchange.read_document(path)
            conflict = exchange.find_conflict(store, doc)
            choice = KEEP_BOTH
            if conflict is not None:
                existing = store.get_debrief(conflict).title
                answer = self.ask_conflict(existing)
                if answer is None:
                    self._say(f"Nothing was imported from {path.name}.", NEUTRAL_STYLE)
                    return None
                choice = answer
            new_id = exchange.load_debrief(store, doc, path.name, on_conflict=choice)
        except exchange.ExchangeFormatError as exc:
            self._say(f"Nothing was imported. {exc}", ERROR_STYLE)
            return None
        except OSError as exc:
            self._say(f"Nothing was imported: {path.name} could not be read ({exc}).", ERROR_STYLE)
            return None
        except (sqlite3.Error, NotFoundError, ValueError) as exc:
            self._say(f"Nothing was imported from {path.name}: {exc}", ERROR_STYLE)
            return None
        if self._trash_mode:
            self.show_trash(False)
        self._library_changed()
        self.select_debrief(new_id)
        title = store.get_debrief(new_id).title
        if choice == REPLACE and conflict is not None and conflict == self.open_debrief_id():
            # The console shows the copy that was just replaced: show the imported one.
            self._say(
                f"Replaced “{short(title, 80)}” with the imported copy and opened it; the "
                "copy it replaced is in the trash."
            )
            self.open_debrief(new_id)
        elif choice == REPLACE:
            self._say(
                f"Replaced “{short(title, 80)}” with the imported copy; the copy it replaced "
                "is in the trash."
            )
        else:
            self._say(f"Imported “{short(title, 80)}” from {path.name}.")
        return new_id
