"""The one place that finds packaged data files (``resources/`` and ``ui/``).

In an installed wheel the two folders live inside the package as
``debrief_desktop/_data/resources`` and ``debrief_desktop/_data/ui`` (hatchling
``force-include``); in a source checkout they are the top-level folders beside
the package. Every other module asks this one instead of guessing paths.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

_PACKAGE = "debrief_desktop"


@cache
def _root(kind: str) -> Path:
    installed = resources.files(_PACKAGE).joinpath("_data", kind)
    if installed.is_dir():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parent.parent / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Debrief Desktop's {kind}/ folder is missing from this install")


def resource_path(*parts: str) -> Path:
    """Return the path of a file under ``resources/``, e.g. ``resource_path("demo", "x.json")``.

    Raises:
        FileNotFoundError: the file is not part of this install.
    """
    path = _root("resources").joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"packaged resource not found: {'/'.join(parts)}")
    return path


def ui_path(name: str) -> Path:
    """Return the path of a Qt Designer file under ``ui/``."""
    path = _root("ui") / name
    if not path.exists():
        raise FileNotFoundError(f"packaged Designer file not found: {name}")
    return path


def read_text(*parts: str) -> str:
    """Read a UTF-8 text resource."""
    return resource_path(*parts).read_text(encoding="utf-8")
