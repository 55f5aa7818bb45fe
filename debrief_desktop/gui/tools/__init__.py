"""The facilitator's tools in the console: timer, agenda, question bank, introduction, hints.

One :class:`ToolsController` per Session performs every edit; each panel is a plain
``QWidget`` built as ``Panel(controller, parent=None)`` for the console to put in a tab
or a dock::

    tools = ToolsController(session)
    TimerWidget(tools), AgendaPanel(tools), QuestionsPanel(tools), IntroPanel(tools)
    attach_hints(some_text_edit, tools)  # underline blame/hindsight phrases as people type
"""

from debrief_desktop.gui.tools.agenda_panel import AgendaPanel
from debrief_desktop.gui.tools.controller import ToolsController
from debrief_desktop.gui.tools.hint_highlighter import HintHighlighter, attach_hints
from debrief_desktop.gui.tools.intro_panel import IntroPanel
from debrief_desktop.gui.tools.questions_panel import QuestionDialog, QuestionsPanel
from debrief_desktop.gui.tools.timer_widget import TimerWidget

__all__ = [
    "AgendaPanel",
    "HintHighlighter",
    "IntroPanel",
    "QuestionDialog",
    "QuestionsPanel",
    "TimerWidget",
    "ToolsController",
    "attach_hints",
]
