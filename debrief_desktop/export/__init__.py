"""Export a debrief's shared notes: a printable PDF or Markdown. Plain Python, no Qt.

Only what is shared with the room is exported: private facilitator notes,
prepared questions and language hints never are.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Literal

from debrief_desktop.export.fonts import default_fonts
from debrief_desktop.export.markdown import render_markdown
from debrief_desktop.export.pdf import Paper, render_pdf
from debrief_desktop.export.report import Report, build_report
from debrief_desktop.store import Store

Format = Literal["pdf", "markdown"]
__all__ = ["ExportResult", "Format", "Report", "build_report", "export_debrief", "render"]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote.

    Attributes:
        path: the file written (for a stream: its ``name`` if it has one, else ``-``).
        pages: the number of PDF pages (None for Markdown).
        missing_glyphs: characters no bundled or system font covers; the PDF
            shows each as a visible replacement (Markdown keeps every character).
    """

    path: Path
    pages: int | None
    missing_glyphs: list[str]


def render(
    store: Store,
    debrief_id: int,
    fmt: Format,
    *,
    pre_read: bool = False,
    paper: Paper = "a4",
    now: datetime | None = None,
) -> tuple[bytes, int | None, list[str]]:
    """The exported document as bytes, with its page count and missing glyphs."""
    report = build_report(store, debrief_id, now=now, pre_read=pre_read)
    if fmt == "pdf":
        out = render_pdf(report, default_fonts(), paper)
        return out.data, out.pages, out.missing
    if fmt == "markdown":
        return render_markdown(report).encode("utf-8"), None, []
    raise ValueError(f"unknown export format {fmt!r} (pdf or markdown)")


def export_debrief(
    store: Store,
    debrief_id: int,
    fmt: Format,
    out: Path | BinaryIO,
    *,
    pre_read: bool = False,
    paper: Paper = "a4",
    now: datetime | None = None,
) -> ExportResult:
    """Export one debrief's shared notes as a PDF or Markdown file.

    A file is written beside ``out`` under a temporary name and renamed over
    it when complete, so nobody ever opens half a document.

    Args:
        store: the library.
        debrief_id: the debrief to export.
        fmt: ``pdf`` or ``markdown``.
        out: the file to write, or an open binary stream.
        pre_read: only the title, the summary and the timeline, to send before the meeting.
        paper: ``a4`` or ``letter`` (PDF only).
        now: the export date printed in the document (default: now).

    Raises:
        NotFoundError: there is no such debrief.
        OSError: the file cannot be written (nothing is left behind).
    """
    data, pages, missing = render(store, debrief_id, fmt, pre_read=pre_read, paper=paper, now=now)
    if isinstance(out, Path):
        _write_atomically(out, data)
        return ExportResult(out, pages, missing)
    out.write(data)
    out.flush()
    name = getattr(out, "name", None)
    return ExportResult(Path(name) if isinstance(name, str) else Path("-"), pages, missing)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``path``, flush it to disk, rename it over ``path``."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 lets the umask decide, as for any file the user saves.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
