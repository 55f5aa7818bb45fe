"""The library in the console: every debrief, search across them, open action items, the trend.

Each view is a ``QWidget`` built as ``View(session, parent=None)`` over the
Session's store (the library file). Views that can open a debrief have the
signal ``open_requested(int debrief_id, int event_id)`` (event -1: none); the
console connects it to ``Session.open_debrief``. :data:`LIBRARY_PANELS` lists
them in the order the console shows them.
"""

from __future__ import annotations

from debrief_desktop.gui.library.action_items_across import ActionItemsAcrossPanel
from debrief_desktop.gui.library.library_panel import LibraryPanel
from debrief_desktop.gui.library.metrics_chart import MetricsChart
from debrief_desktop.gui.library.search_panel import SearchPanel

#: (tab title, view class) in the order the console shows them.
LIBRARY_PANELS: tuple[tuple[str, type], ...] = (
    ("Library", LibraryPanel),
    ("Search", SearchPanel),
    ("Open action items", ActionItemsAcrossPanel),
    ("Success over time", MetricsChart),
)

__all__ = [
    "LIBRARY_PANELS",
    "ActionItemsAcrossPanel",
    "LibraryPanel",
    "MetricsChart",
    "SearchPanel",
]
