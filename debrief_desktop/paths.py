"""Where the library file lives: the platform user-data folder (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "debrief-desktop"
LIBRARY_FILENAME = "library.sqlite"


def default_library_path() -> Path:
    """The library file used when no ``--db`` is given.

    ``DEBRIEF_DESKTOP_DATA_DIR`` overrides the folder (tests, portable installs).
    """
    override = os.environ.get("DEBRIEF_DESKTOP_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    return folder / LIBRARY_FILENAME


def settings_path() -> Path:
    """The ini file that remembers window placement and projector options.

    Lives beside the library when ``DEBRIEF_DESKTOP_DATA_DIR`` is set (tests,
    portable installs), else in the platform's user-config folder.
    """
    override = os.environ.get("DEBRIEF_DESKTOP_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
    return folder / "settings.ini"
