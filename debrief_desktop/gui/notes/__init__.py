"""The console's shared-notes panels: what the facilitator and note-taker keep for the report.

Each panel is a ``QWidget`` built as ``Panel(session, parent=None)``. It reloads
when the Session opens a debrief or says notes or rows changed, and commits
each edit as one undoable Session edit when a field is left or a button is
pressed. :data:`NOTES_PANELS` lists them in the order the console shows them.
"""

from __future__ import annotations

from debrief_desktop.gui.notes.action_items_panel import ActionItemsPanel
from debrief_desktop.gui.notes.distribution_panel import DistributionPanel
from debrief_desktop.gui.notes.export_panel import ExportPanel
from debrief_desktop.gui.notes.guard_rails_panel import GuardRailsPanel
from debrief_desktop.gui.notes.learnings_panel import LearningsPanel
from debrief_desktop.gui.notes.summary_panel import SummaryPanel
from debrief_desktop.gui.notes.survey_panel import SurveyPanel

#: (tab title, panel class) in the order the console shows them.
NOTES_PANELS: tuple[tuple[str, type], ...] = (
    ("Summary", SummaryPanel),
    ("Learnings", LearningsPanel),
    ("Guard rails", GuardRailsPanel),
    ("Action items", ActionItemsPanel),
    ("Distribution", DistributionPanel),
    ("Survey", SurveyPanel),
    ("Export", ExportPanel),
)

__all__ = [
    "NOTES_PANELS",
    "ActionItemsPanel",
    "DistributionPanel",
    "ExportPanel",
    "GuardRailsPanel",
    "LearningsPanel",
    "SummaryPanel",
    "SurveyPanel",
]
