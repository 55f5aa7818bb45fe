"""Words and markup for library views: search-hit kinds and highlighted snippets.

A snippet from :func:`debrief_desktop.store.search.search` marks each match
with ``\\x02`` … ``\\x03``. Everything else in it is text people typed, so it is
escaped before the highlight tags go in: a note reading ``<b>`` shows as ``<b>``.
"""

from __future__ import annotations

import html
import re

from debrief_desktop.store.search import SearchHit

MATCH_START, MATCH_END = "\x02", "\x03"
HIGHLIGHT_OPEN = '<span style="background-color:#ffe066; color:#1f1a00; font-weight:bold;">'
HIGHLIGHT_CLOSE = "</span>"
_CONTROL = re.compile(r"[\x00-\x01\x04-\x08\x0b-\x1f\x7f]")

#: What a search-hit kind is called in the results list.
KIND_WORDS = {
    "debrief": "debrief",
    "title": "title",
    "summary": "summary",
    "impact": "impact",
    "event": "event",
    "perspective": "account",
    "account": "account",
    "note": "note",
    "private_note": "note",  # the "private" label says the rest
    "prepared_question": "prepared question",
    "learning": "learning",
    "guard_rail": "guard rail",
    "action_item": "action item",
    "attendee": "person",
}


def is_private(kind: str) -> bool:
    """A hit in something only the facilitator sees (private notes, prepared questions)."""
    return kind.startswith("private") or kind == "prepared_question"


def kind_label(kind: str) -> str:
    """A hit's kind in words ("private note", "action item")."""
    return KIND_WORDS.get(kind, kind.replace("_", " "))


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", " ".join(text.split()))


def _fold(text: str) -> str:
    # Keeps the spaces around a match ("a <match> here"); folds line breaks.
    return _CONTROL.sub(" ", re.sub(r"\s+", " ", text))


def snippet_plain(snippet: str) -> str:
    """A snippet without its match marks."""
    return _clean(snippet.replace(MATCH_START, "").replace(MATCH_END, ""))


def snippet_html(snippet: str) -> str:
    """A snippet as rich text: user text escaped, each match highlighted.

    Unbalanced marks never break the markup: a stray end mark is dropped and an
    unclosed match ends with the snippet.
    """
    out: list[str] = []
    inside = False
    for piece in re.split(f"([{MATCH_START}{MATCH_END}])", snippet):
        if piece == MATCH_START:
            if not inside:
                out.append(HIGHLIGHT_OPEN)
                inside = True
        elif piece == MATCH_END:
            if inside:
                out.append(HIGHLIGHT_CLOSE)
                inside = False
        elif piece:
            out.append(html.escape(_fold(piece), quote=False))
    if inside:
        out.append(HIGHLIGHT_CLOSE)
    return "".join(out)


def hit_plain_text(hit: SearchHit) -> str:
    """One hit as plain text: debrief, kind (private ones say so) and the snippet."""
    private = " (private)" if is_private(hit.kind) else ""
    return f"{hit.debrief_title} — {kind_label(hit.kind)}{private}: {snippet_plain(hit.snippet)}"
