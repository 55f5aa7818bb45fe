"""The export panel: what the report is missing, then PDF, pre-read PDF, Markdown and Print."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.notes._common import (
    ERROR_STYLE,
    OK_STYLE,
    SPACING,
    WARNING_STYLE,
    NotesPanel,
    hint,
    notice,
    short,
    show_notice,
)
from debrief_desktop.gui.session import Session

PAPERS: tuple[tuple[str, str], ...] = (("A4", "a4"), ("Letter (US)", "letter"))
PRINT_TIMEOUT_SECONDS = 30
MAX_GAPS_SHOWN = 12  # more would push the export buttons off the panel


def file_stem(title: str) -> str:
    """A file name made from a debrief's title ("slow-and-failing-checkouts")."""
    stem = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")
    return stem[:60].rstrip("-") or "debrief"


def glyph_words(missing: Any) -> str:
    """What an export's ``missing_glyphs`` says, in words ("" when nothing is missing)."""
    if not missing:
        return ""
    if isinstance(missing, int):
        n = missing
        return f"{n} character{'s' if n != 1 else ''} could not be drawn with any font"
    chars = list(dict.fromkeys(missing if isinstance(missing, Iterable) else [missing]))
    shown = ", ".join(
        f"“{c}” (U+{ord(c):04X})" if isinstance(c, str) and len(c) == 1 else str(c)
        for c in chars[:12]
    )
    more = f" and {len(chars) - 12} more" if len(chars) > 12 else ""
    one = len(chars) == 1
    return (
        f"{len(chars)} character{'' if one else 's'} could not be drawn with any font and "
        f"show{'s' if one else ''} as a replacement mark: {shown}{more}"
    )


class ExportPanel(NotesPanel):
    """Lists what the report is missing, then exports or prints it (exporting anyway is fine).

    Args:
        session: the open debrief.
        parent: the parent widget.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.last_result: Any = None

        check_box = QGroupBox("Before you export")
        check_layout = QVBoxLayout(check_box)
        check_layout.setSpacing(SPACING)
        self.status = notice("completenessStatus")
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("gaps")
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setTextFormat(Qt.TextFormat.PlainText)
        self.gaps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.na_hint = hint("")
        check_layout.addWidget(self.status)
        check_layout.addWidget(self.gaps_label)
        check_layout.addWidget(self.na_hint)
        check_layout.addWidget(
            hint(
                "Fill these in, or mark a section N/A with a reason on the Summary tab. "
                "You can also export anyway: what is missing shows as empty in the notes."
            )
        )

        out_box = QGroupBox("Export and print")
        out_layout = QVBoxLayout(out_box)
        out_layout.setSpacing(SPACING)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for text, value in PAPERS:
            self.paper.addItem(text, value)
        if QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
            self.paper.setCurrentIndex(1)
        paper_form = QFormLayout()
        paper_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        paper_form.addRow("Paper size", self.paper)
        out_layout.addLayout(paper_form)
        self.pdf_button = QPushButton("Export PDF…")
        self.pre_read_button = QPushButton("Export pre-read PDF…")
        self.markdown_button = QPushButton("Export Markdown…")
        self.print_button = QPushButton("Print")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        for button in (
            self.pdf_button,
            self.pre_read_button,
            self.markdown_button,
            self.print_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        out_layout.addLayout(buttons)
        out_layout.addWidget(
            hint(
                "The pre-read has only the summary and the timeline, to send before the "
                "meeting. Private notes and prepared questions are never exported."
            )
        )
        self.result = notice("exportResult")
        out_layout.addWidget(self.result)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(check_box)
        layout.addWidget(out_box)
        layout.addStretch(1)

        self.pdf_button.clicked.connect(lambda: self.export_to_file("pdf"))
        self.pre_read_button.clicked.connect(lambda: self.export_to_file("pdf", pre_read=True))
        self.markdown_button.clicked.connect(lambda: self.export_to_file("markdown"))
        self.print_button.clicked.connect(self.print_report)
        self._listen()
        timeline = session.timeline
        for signal in (timeline.rowsInserted, timeline.rowsRemoved, timeline.modelReset):
            signal.connect(self.reload)
        self.reload()

    # -------------------------------------------------------- completeness

    def gaps(self) -> list[str]:
        """What the report is missing now: empty sections not marked N/A, unowned items …"""
        if self.session.debrief is None:
            return []
        from debrief_desktop.facilitation.completeness import check

        return [p.message for p in check(self.session.store, self.session.debrief_id)]

    def reload(self, *_: Any) -> None:
        """Check the report again."""
        self.setEnabled(self.session.debrief is not None)
        if self.session.debrief is None:
            return
        gaps = self.gaps()
        lines = [f"•  {gap}" for gap in gaps[:MAX_GAPS_SHOWN]]
        if len(gaps) > MAX_GAPS_SHOWN:
            lines.append(f"   … and {len(gaps) - MAX_GAPS_SHOWN} more")
        self.gaps_label.setText("\n".join(lines))
        self.gaps_label.setVisible(bool(gaps))
        if gaps:
            show_notice(
                self.status,
                f"{len(gaps)} thing{'s' if len(gaps) != 1 else ''} the notes would be "
                "missing or leave unowned:",
                WARNING_STYLE,
            )
        else:
            show_notice(
                self.status, "Every section is filled in or marked N/A. Ready to export.", OK_STYLE
            )
        from debrief_desktop.facilitation.completeness import na_reasons, section_title

        marks = na_reasons(self.session.store.get_debrief(self.session.debrief_id))
        self.na_hint.setText(
            "Marked N/A: "
            + "; ".join(f"{section_title(k)} ({short(v, 60)})" for k, v in marks.items())
            if marks
            else ""
        )
        self.na_hint.setVisible(bool(marks))

    # -------------------------------------------------------------- export

    def paper_size(self) -> str:
        """The chosen paper: "a4" or "letter"."""
        return str(self.paper.currentData())

    def suggested_path(self, fmt: str, pre_read: bool = False) -> Path:
        """Where the save dialog starts: the home folder, a name from the title."""
        title = self.session.debrief.title if self.session.debrief else "debrief"
        suffix = ".md" if fmt == "markdown" else ".pdf"
        return Path.home() / f"{file_stem(title)}{'-pre-read' if pre_read else ''}{suffix}"

    def export_to_file(self, fmt: str, pre_read: bool = False) -> Any:
        """Ask where to save, then export; returns the export's result, or None."""
        if self.session.debrief is None:
            return None
        suggested = self.suggested_path(fmt, pre_read)
        caption, pattern = (
            ("Export Markdown", "Markdown (*.md)")
            if fmt == "markdown"
            else ("Export pre-read PDF" if pre_read else "Export PDF", "PDF (*.pdf)")
        )
        chosen, _ = QFileDialog.getSaveFileName(self, caption, str(suggested), pattern)
        if not chosen:
            return None
        out = Path(chosen)
        if not out.suffix:
            out = out.with_suffix(suggested.suffix)
        result = self._export(fmt, out, pre_read)
        if result is not None:
            pages = getattr(result, "pages", 0)
            where = getattr(result, "path", out)
            size = f" ({pages} page{'s' if pages != 1 else ''})" if fmt == "pdf" and pages else ""
            self._report(f"Saved to {where}{size}.", result)
        return result

    def print_report(self) -> Any:
        """Export a PDF to a temporary file and hand it to the printing system or a viewer."""
        if self.session.debrief is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="debrief-print-"))
        out = folder / f"{file_stem(self.session.debrief.title)}.pdf"
        result = self._export("pdf", out, False)
        if result is None:
            return None
        path = Path(getattr(result, "path", out))
        lp = shutil.which("lp")
        if lp:
            try:
                done = subprocess.run(
                    [lp, str(path)],
                    capture_output=True,
                    text=True,
                    timeout=PRINT_TIMEOUT_SECONDS,
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                done = subprocess.CompletedProcess([lp], 1, "", str(exc))
            if done.returncode == 0:
                said = done.stdout.strip()
                self._report(f"Sent to the printer. {said}".strip(), result)
                return result
            problem = (done.stderr or done.stdout).strip() or f"lp exited with {done.returncode}"
            opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            self._report(
                f"The printer did not take it ({problem}). "
                + (f"Opened {path} to print from there." if opened else f"The PDF is at {path}."),
                result,
                ok=opened,
            )
            return result
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self._report(
            f"Opened {path} in the PDF viewer: print from there."
            if opened
            else f"No printing system or PDF viewer was found. The PDF is at {path}.",
            result,
            ok=opened,
        )
        return result

    def _export(self, fmt: str, out: Path, pre_read: bool) -> Any:
        # Imported at click time: the exporter pulls in reportlab, which start-up does not need.
        try:
            from debrief_desktop.export import export_debrief
        except ImportError as exc:
            self._fail(f"Exporting is not available in this build ({exc}).")
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_debrief(
                self.session.store,
                self.session.debrief_id,
                fmt,
                out,
                pre_read=pre_read,
                paper=self.paper_size(),
            )
        except Exception as exc:  # the user must hear about any failure, whatever raised it
            self._fail(f"The export failed: {exc}")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.last_result = result
        return result

    def _report(self, text: str, result: Any, ok: bool = True) -> None:
        glyphs = glyph_words(getattr(result, "missing_glyphs", None))
        if glyphs:
            show_notice(self.result, f"{text}\n{glyphs}.", WARNING_STYLE)
        else:
            show_notice(self.result, text, OK_STYLE if ok else WARNING_STYLE)

    def _fail(self, text: str) -> None:
        show_notice(self.result, text, ERROR_STYLE)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
