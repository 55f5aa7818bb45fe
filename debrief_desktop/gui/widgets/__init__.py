"""Small reusable widgets of the two windows."""

from debrief_desktop.gui.widgets.fit_text import FitText

__all__ = ["FitText"]
