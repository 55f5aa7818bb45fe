"""Blameless-language hints: phrases that carry blame or hindsight, with a kinder question.

The rules live in ``resources/hints.json``. :func:`find_hints` returns every hint in a
text as ``(start, end, phrase, suggestion)``; the console underlines them as people type
(never on the projector, never in the PDF), and ``debrief-desktop hints FILE`` checks a
written draft.

What is flagged, and what is deliberately not (the tests hold both lists):

- Only counterfactual "should": "should have", "shouldn't have", "should've", "ought to
  have". "Should" about the future or an expectation ("the config should be reviewed",
  "it shouldn't take long") is not hindsight and is left alone.
- "failed to" about a person ("failed to escalate"), not about a machine ("the pod
  failed to start", "failed to connect"): a list of machine verbs after it is exempt.
- "just" as a minimizer ("just restart it"), not in its other senses: "just-in-time",
  "just in case", "just culture", "had/has/have just" (a moment ago), "just now /
  before / after / as / like / about / then". "justify", "justice", "adjust" never match
  (word boundaries).
- "obvious", "obviously", "clearly" — but not negated ("not obvious", "wasn't clearly",
  "non-obvious"), which is exactly the blameless observation.
- "ignored" about a person, not in the passive ("the setting was ignored by the parser").
- "to blame", "at fault" … but not "nobody is to blame", "not at fault".
- Quoted speech is exempt: text between double quotes ("…", “…”, „…“, «…») on one line
  records what someone said, and a note-taker should not rewrite a quotation. So are
  Markdown code spans (`…`), fenced code blocks and web addresses. Single quotes are not
  treated as quotation marks (they double as apostrophes).

All phrases are compiled into one regular expression once; a 10,000-character note is
checked in well under a millisecond on a laptop (``bench/tools.py``).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from debrief_desktop.resources import read_text

HINTS_FORMAT = "debrief-desktop-hints"
#: Library setting: are the hints shown in the console (JSON true/false; default true).
ENABLED_KEY = "hints.enabled"
_LOOK_BEHIND = 24  # characters of context the unless_before patterns see

__all__ = [
    "ENABLED_KEY",
    "Hint",
    "HintRule",
    "HintRules",
    "RulesError",
    "find_hints",
    "locate",
    "parse_rules",
    "shipped_rules",
]

# Spans where nothing is flagged: Markdown code spans, quoted speech, web addresses
# (within one line), and fenced code blocks. Quotes never run past the end of a line, so a
# text gives the same hints checked whole or line by line (what the console's highlighter
# does), and only the lines that hold a candidate phrase are ever scanned for them.
_INLINE_EXEMPT = re.compile(
    r"`[^`\n]+`"
    r'|"[^"\n]*"'
    r"|\u201c[^\u201d\n]*\u201d"
    r"|\u201e[^\u201c\u201d\n]*[\u201c\u201d]"
    r"|\u00ab[^\u00bb\n]*\u00bb"
    r"|\bhttps?://\S+"
)
# A line holding none of these has no exempt span (a cheap test before the regex).
_EXEMPT_MARKS = ("`", '"', "\u201c", "\u201e", "\u00ab", "http")
_FENCED = re.compile(
    r"^[ \t]*(?P<fence>```|~~~)[^\n]*\n.*?^[ \t]*(?P=fence)[^\n]*$", re.MULTILINE | re.DOTALL
)


class _Exempt:
    """Where in one text nothing is flagged; computed lazily, line by line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.fences: list[tuple[int, int]] | None = None
        self.lines: dict[int, list[tuple[int, int]]] = {}

    def covers(self, offset: int) -> bool:
        text = self.text
        if self.fences is None:
            fenced = "```" in text or "~~~" in text
            self.fences = [m.span() for m in _FENCED.finditer(text)] if fenced else []
        if any(a <= offset < b for a, b in self.fences):
            return True
        line_start = text.rfind("\n", 0, offset) + 1
        spans = self.lines.get(line_start)
        if spans is None:
            line_end = text.find("\n", offset)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            marked = any(mark in line for mark in _EXEMPT_MARKS)
            spans = (
                [m.span() for m in _INLINE_EXEMPT.finditer(text, line_start, line_end)]
                if marked
                else []
            )
            self.lines[line_start] = spans
        return any(a <= offset < b for a, b in spans)


class RulesError(ValueError):
    """A hints file that cannot be used; the message says where."""


class Hint(NamedTuple):
    """One hint: where the phrase is in the text, the phrase as written, and the suggestion."""

    start: int
    end: int
    phrase: str
    suggestion: str


@dataclass(frozen=True)
class HintRule:
    """A rule: phrases, one suggestion, and the contexts in which the phrases are fine."""

    id: str
    phrases: tuple[str, ...]
    suggestion: str
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None


def _atoms(phrase: str) -> list[str]:
    """A phrase as regex atoms: one per character; spaces match any run of white space."""
    atoms = []
    for ch in " ".join(phrase.casefold().split()):
        if ch == " ":
            atoms.append(r"\s+")
        elif ch in "'\u2019":
            atoms.append("['\u2019]")
        else:
            atoms.append(re.escape(ch))
    return atoms


def _key(phrase: str) -> str:
    """A phrase (as listed, or as found in a text) reduced to what a rule is looked up by."""
    return " ".join(phrase.casefold().split()).replace("\u2019", "'")


def _trie_pattern(phrases: Sequence[str]) -> str:
    """One regex for many phrases, factored by common prefixes.

    Python's regex engine tries alternatives one by one at every position; sharing
    prefixes makes a miss cost one or two character tests instead of one per phrase,
    which is what keeps a 10,000-character note well under a millisecond. Optional
    tails are greedy, so the longest listed phrase wins ("should have known" over
    "should have").
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        if len(branches) == 1 and not ends_here:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends_here else body

    return emit(trie)


class HintRules:
    """A compiled set of rules. Build it once; :meth:`find` is then cheap.

    A phrase listed by two rules belongs to the first.
    """

    def __init__(self, rules: Sequence[HintRule]) -> None:
        self.rules = tuple(rules)
        self._rule_of: dict[str, HintRule] = {}
        for rule in self.rules:
            for phrase in rule.phrases:
                self._rule_of.setdefault(_key(phrase), rule)
        body = _trie_pattern(list(self._rule_of))
        # Word boundaries on both sides: "justify", "adjust" and "unjust" never match "just".
        # The text is lower-cased once and matched case-sensitively, which is several times
        # faster than IGNORECASE; a text whose lower-case form has another length (a few
        # rare letters) is matched with IGNORECASE instead, so offsets stay right.
        pattern = r"(?<!\w)" + body + r"\b" if body else r"(?!)"
        self._lower_regex = re.compile(pattern)
        self._regex = re.compile(pattern, re.IGNORECASE)
        self._seen: dict[str, HintRule] = {}

    def _rule_for(self, found: str) -> HintRule:
        rule = self._seen.get(found)
        if rule is None:
            rule = self._rule_of[_key(found)]
            if len(self._seen) < 4096:
                self._seen[found] = rule
        return rule

    def find(self, text: str) -> list[Hint]:
        """Every hint in ``text``, in order."""
        hints: list[Hint] = []
        exempt: _Exempt | None = None
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self._lower_regex.finditer(lowered)
        else:
            matches = self._regex.finditer(text)
        for match in matches:
            rule = self._rule_for(match.group())
            start, end = match.span()
            if rule.unless_before is not None and rule.unless_before.search(
                text, max(0, start - _LOOK_BEHIND), start
            ):
                continue
            if rule.unless_after is not None and rule.unless_after.match(text, end):
                continue
            if exempt is None:  # only texts with a candidate pay for this
                exempt = _Exempt(text)
            if exempt.covers(start):
                continue
            hints.append(Hint(start, end, text[start:end], rule.suggestion))
        return hints


def _regex_list(raw: object, where: str, anchored_end: bool) -> re.Pattern[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(p, str) and p for p in raw):
        raise RulesError(f"{where}: expected a list of regular expressions")
    body = "|".join(f"(?:{p})" for p in raw)
    try:
        return re.compile(f"(?:{body})$" if anchored_end else f"(?:{body})", re.IGNORECASE)
    except re.error as exc:
        raise RulesError(f"{where}: not a valid regular expression ({exc})") from None


def parse_rules(text: str, source: str = "hints") -> HintRules:
    """Read a hints file (the format of ``resources/hints.json``) and compile it.

    Raises:
        RulesError: not JSON, or a rule is malformed (the message names it).
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RulesError(f"{source}: line {exc.lineno}: not JSON ({exc.msg})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
        raise RulesError(f"{source}: expected an object with a list of rules")
    rules: list[HintRule] = []
    for i, raw in enumerate(doc["rules"]):
        where = f"{source}: rules[{i}]"
        if not isinstance(raw, dict):
            raise RulesError(f"{where}: expected an object")
        phrases = raw.get("phrases")
        if (
            not isinstance(phrases, list)
            or not phrases
            or not all(isinstance(p, str) and p.strip() for p in phrases)
        ):
            raise RulesError(f"{where}.phrases: expected a list of phrases")
        suggestion = raw.get("suggestion")
        if not isinstance(suggestion, str) or not suggestion.strip():
            raise RulesError(f"{where}.suggestion: a rule needs a suggestion")
        rules.append(
            HintRule(
                id=str(raw.get("id", f"rule-{i}")),
                phrases=tuple(p.strip() for p in phrases),
                suggestion=suggestion.strip(),
                unless_before=_regex_list(raw.get("unless_before"), f"{where}.unless_before", True),
                unless_after=_regex_list(raw.get("unless_after"), f"{where}.unless_after", False),
            )
        )
    return HintRules(rules)


@cache
def shipped_rules() -> HintRules:
    """The rules that ship with the app (compiled once per process)."""
    return parse_rules(read_text("hints.json"), "resources/hints.json")


def find_hints(text: str, rules: HintRules | None = None) -> list[Hint]:
    """Every blameless-language hint in ``text`` as ``(start, end, phrase, suggestion)``."""
    return (rules or shipped_rules()).find(text)


def locate(text: str, hints: Sequence[Hint]) -> list[tuple[int, int, Hint]]:
    """Each hint with its 1-based line and column (in characters) in ``text``."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    out = []
    for hint in hints:
        line = bisect.bisect_right(starts, hint.start)
        out.append((line, hint.start - starts[line - 1] + 1, hint))
    return out
