"""``python -m debrief_desktop``: the same as the ``debrief-desktop`` command."""

import sys

from debrief_desktop.cli import main

sys.exit(main())
