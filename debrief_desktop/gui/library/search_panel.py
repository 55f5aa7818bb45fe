"""Search across every debrief: "have we seen this before?".

The query runs as the facilitator types (after a short pause). Words are
searched as plain words unless "Advanced syntax" is ticked; a query the
search cannot run says so calmly. The console is private, so private notes are
searched here too, each such hit labelled "private".
"""

from __future__ import annotations

import html
import sqlite3

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.library._common import LibraryWidget
from debrief_desktop.gui.library.models import EVENT_ROLE, ID_ROLE, ROW_ROLE, SearchResultsModel
from debrief_desktop.gui.library.text import is_private, kind_label, snippet_html
from debrief_desktop.gui.notes._common import (
    ERROR_STYLE,
    SPACING,
    WARNING_STYLE,
    hint,
    notice,
    show_notice,
)
from debrief_desktop.gui.session import Session
from debrief_desktop.store import library
from debrief_desktop.store import search as library_search
from debrief_desktop.store.errors import NotFoundError
from debrief_desktop.store.search import SearchHit

AnyIndex = QModelIndex | QPersistentModelIndex
DEBOUNCE_MS = 200
RESULT_LIMIT = 100
MAX_QUERY_CHARS = 500  # a pasted page is not a search; the rest is ignored, and said so
PRIVATE_BADGE = '<span style="background-color:#8a1c00; color:#ffffff;">&nbsp;private&nbsp;</span>'
ADVANCED_HELP = (
    'Advanced syntax: "exact phrase", prefix*, AND / OR / NOT, NEAR(a b). '
    "Without it, every word is searched as typed."
)


def hit_html(hit: SearchHit, muted: str | None = "#5b6570") -> str:
    """One search hit as rich text: the debrief, the kind (private flagged), the snippet.

    Everything the user typed is escaped (:func:`snippet_html`, :func:`html.escape`).
    """
    title = html.escape(" ".join(hit.debrief_title.split()) or "(untitled)", quote=False)
    kind = html.escape(kind_label(hit.kind), quote=False)
    badge = f" {PRIVATE_BADGE}" if is_private(hit.kind) else ""
    kind_style = f' style="color:{muted};"' if muted else ""
    return (
        f"<div><b>{title}</b> <span{kind_style}>· {kind}</span>{badge}</div>"
        f"<div>{snippet_html(hit.snippet)}</div>"
    )


class SearchHitDelegate(QStyledItemDelegate):
    """Draws a hit as two lines of rich text: debrief and kind, then the highlighted snippet."""

    PAD = 6

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex, width: int) -> QTextDocument:
        hit = index.data(ROW_ROLE)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc.setHtml(hit_html(hit, muted=None if selected else "#5b6570") if hit else "")
        doc.setTextWidth(max(40, width - 2 * self.PAD))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(option, index, option.rect.width())
        painter.save()
        painter.translate(option.rect.left() + self.PAD, option.rect.top() + self.PAD)
        clip = QRectF(0, 0, option.rect.width() - 2 * self.PAD, option.rect.height() - self.PAD)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        context.clip = clip
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        widget = option.widget
        width = option.rect.width()
        if isinstance(widget, QAbstractItemView):
            width = widget.viewport().width()
        if width <= 0:
            width = 400
        doc = self._document(option, index, width)
        return QSize(width, int(doc.size().height()) + 2 * self.PAD)


class SearchPanel(LibraryWidget):
    """Full-text search across the library; a result opens its debrief at its event.

    Signals:
        open_requested(int, int): open this debrief (its id) at this event (-1: none).

    Args:
        session: the Session the console runs (its store is the library).
        parent: the parent widget.
    """

    open_requested = Signal(int, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = SearchResultsModel(self)
        self.last_error: str | None = None

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setPlaceholderText(
            "Search every debrief: events, accounts, notes, learnings, action items"
        )
        self.query_edit.setClearButtonEnabled(True)
        self.advanced_check = QCheckBox("Advanced syntax")
        self.advanced_check.setObjectName("advancedSyntax")
        self.advanced_check.setToolTip(ADVANCED_HELP)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.query_edit, 1)
        top.addWidget(self.advanced_check)

        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.problem = notice("searchProblem")

        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchHitDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(self.results, 1)
        layout.addWidget(
            hint(
                "Private notes are searched here, in the console only, and marked “private”. "
                "Enter or double-click a result to open its debrief at that event."
            )
        )

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(self._on_query_edit_text_changed)
        self.query_edit.returnPressed.connect(self._on_query_edit_return_pressed)
        self.advanced_check.toggled.connect(self._on_advanced_check_toggled)
        self.results.activated.connect(self._on_results_activated)
        self._listen()
        self._show_status()

    # ---------------------------------------------------------------- query

    def query(self) -> str:
        """The query as it will be searched (trimmed, at most MAX_QUERY_CHARS characters)."""
        return self.query_edit.text().strip()[:MAX_QUERY_CHARS]

    def set_query(self, text: str, *, advanced: bool | None = None) -> None:
        """Type a query (and tick or untick advanced syntax); the search runs after the pause."""
        if advanced is not None:
            self.advanced_check.setChecked(advanced)
        self.query_edit.setText(text)

    def _on_query_edit_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_query_edit_return_pressed(self) -> None:
        # Enter in the box: search now, or open the first hit when the results are current.
        if self._debounce.isActive() or self.model.rowCount() == 0:
            self.run_search()
            return
        self.open_hit(0)

    def _on_advanced_check_toggled(self, _on: bool) -> None:
        self.run_search()

    def reload(self) -> None:
        """The library changed: search again for what is typed (if anything)."""
        if self.query():
            self.run_search()

    def run_search(self) -> list[SearchHit]:
        """Search now for what is typed; a query that cannot run is reported, never raised."""
        self._debounce.stop()
        self._stale = False
        query = self.query()
        self.last_error = None
        show_notice(self.problem, "")
        if not query:
            self.model.set_hits([])
            self._show_status()
            return []
        advanced = self.advanced_check.isChecked()
        try:
            hits = library_search.search(
                self.session.store,
                query,
                include_private=True,
                advanced=advanced,
                limit=RESULT_LIMIT,
            )
        except library_search.SearchError as exc:
            return self._fail(query, str(exc), advanced)
        except sqlite3.Error as exc:  # the search module should have said SearchError
            return self._fail(query, str(exc), advanced)
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self._show_status()
        return hits

    def _fail(self, query: str, reason: str, advanced: bool) -> list[SearchHit]:
        self.last_error = reason
        self.model.set_hits([])
        advice = (
            "Check the quotes and brackets, or untick “Advanced syntax” to search for the "
            "words as typed."
            if advanced
            else "Try other words."
        )
        show_notice(self.problem, f"That search could not run ({reason}). {advice}", WARNING_STYLE)
        self.status.setText("")
        return []

    def _show_status(self) -> None:
        query = self.query()
        if not query:
            self.status.setText("Type to search every debrief in the library.")
            return
        hits = self.model.hits()
        if not hits:
            self.status.setText(f"Nothing found for “{query}”.")
            return
        debriefs = len({h.debrief_id for h in hits})
        private = sum(1 for h in hits if is_private(h.kind))
        more = " (the first hundred)" if len(hits) >= RESULT_LIMIT else ""
        text = (
            f"{len(hits)} match{'es' if len(hits) != 1 else ''}{more} in {debriefs} "
            f"debrief{'s' if debriefs != 1 else ''}"
        )
        if private:
            text += f"; {private} in private notes (console only)"
        if len(self.query_edit.text().strip()) > MAX_QUERY_CHARS:
            text += f". Only the first {MAX_QUERY_CHARS} characters were searched"
        self.status.setText(text + ".")

    # ----------------------------------------------------------------- open

    def open_hit(self, row: int) -> None:
        """Ask the console to open the debrief of the hit at ``row``, at its event."""
        index = self.model.index(row, 0)
        if not index.isValid():
            return
        debrief_id = index.data(ID_ROLE)
        event_id = index.data(EVENT_ROLE)
        try:
            library.mark_opened(self.session.store, int(debrief_id))
        except (sqlite3.Error, NotFoundError) as exc:
            show_notice(self.problem, f"That debrief could not be opened: {exc}", ERROR_STYLE)
            return
        self.open_requested.emit(int(debrief_id), int(event_id))

    def _on_results_activated(self, index: QModelIndex) -> None:
        # Enter, and a double click (a single click where the desktop is set up so).
        self.open_hit(index.row())

    def hit_texts(self) -> list[str]:
        """Each result as the list shows it in plain text (for tests and accessibility)."""
        return [
            str(self.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole))
            for r in range(self.model.rowCount())
        ]
