"""Small reusable widgets of the two windows."""

from debrief_desktop.gui.widgets.fit_text import FitText
from debrief_desktop.gui.widgets.labels import make_plain, plain_label

__all__ = ["FitText", "make_plain", "plain_label"]
