"""Turn an imported timeline (CSV, Markdown) or a debrief JSON file into a new debrief."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from debrief_desktop.facilitation.agenda import ensure_agenda
from debrief_desktop.facilitation.importers import (
    ImportedTimeline,
    decode_text,
    read_timeline,
)
from debrief_desktop.store import Store
from debrief_desktop.store.exchange import load_debrief, parse_document
from debrief_desktop.store.models import Event, Precision
from debrief_desktop.store.store import iso


@dataclass(frozen=True)
class ImportResult:
    """What an import made: the new debrief, how many events, which times were not understood."""

    debrief_id: int
    event_count: int
    unknown_time_lines: list[int]  # source lines whose non-empty time could not be read


def is_json(path: Path, head: bytes) -> bool:
    """A ``.json`` file, or any file whose first non-blank byte opens a JSON object."""
    return path.suffix.lower() == ".json" or head.lstrip()[:1] == b"{"


def import_file(
    store: Store,
    path: Path,
    *,
    title: str | None = None,
    timezone: str = "UTC",
    date: dt.date | None = None,
) -> ImportResult:
    """Import one file as a new debrief, in one transaction.

    Raises:
        ImportFormatError, ExchangeFormatError: the file is malformed; nothing was written.
        OSError: the file cannot be read.
    """
    data = path.read_bytes()
    if is_json(path, data[:64]):
        did = load_debrief(
            store, parse_document(decode_text(data, str(path)), str(path)), str(path), title
        )
        return ImportResult(did, len(store.events(did)), [])
    timeline = read_timeline(path, timezone=timezone, date=date, data=data)
    return store_timeline(store, timeline, title or timeline.title or path.stem, timezone)


def store_timeline(
    store: Store, timeline: ImportedTimeline, title: str, timezone: str = "UTC"
) -> ImportResult:
    """Create a debrief holding an imported timeline (one transaction)."""
    with store.atomic():
        known = sorted(e.time.instant for e in timeline.events if e.time.instant is not None)
        incident_date = known[0].date().isoformat() if known else ""
        debrief = store.create_debrief(title, timezone=timezone, incident_date=incident_date)
        ensure_agenda(store, debrief.id)
        store.add_many(
            Event,
            (
                {
                    "debrief_id": debrief.id,
                    "time_text": e.time.text,
                    "instant": None if e.time.instant is None else iso(e.time.instant),
                    "precision": e.time.precision,
                    "timezone": e.time.timezone,
                    "actor": e.actor,
                    "kind": e.kind,
                    "text": e.text,
                    "pivot": e.pivot,
                }
                for e in timeline.events
            ),
        )
    unknown = [
        e.line
        for e in timeline.events
        if e.time.precision is Precision.UNKNOWN and e.time.text.strip()
    ]
    return ImportResult(debrief.id, len(timeline.events), unknown)
