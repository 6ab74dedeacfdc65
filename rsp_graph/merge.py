"""One report, several renderings: a Word export and the text of its PDF are one set of facts.

Renderings are recognised by what they say, never by file name: the same kind, region and
year, and facts that overlap (goal codes, action titles, people, grants). The rendering that
yields the most facts leads; every fact of the others is matched to a fact of the leader and
adds its own provenance (file and lines) to it, or joins the set when the leader lacks it.
Where two renderings disagree on a value, the better-attested one is kept (for text: the one
whose words are Swedish words; otherwise the leader's) and the disagreement is reported.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from . import model
from .ingest._text import fold
from .lexicon import is_known


@dataclass
class Rendering:
    """One file's extraction."""

    name: str
    sha256: str
    extraction: model.Extraction


@dataclass
class Report:
    """The facts of one report and where each came from in every rendering."""

    extraction: model.Extraction  # the leader's facts plus what only the others had
    renderings: list[Rendering]  # the leader first
    # id(span of a merged fact) -> the same fact's spans in the other renderings (sha256, span)
    also: dict[int, list[tuple[str, model.Span]]] = field(default_factory=dict)
    # id(span) -> sha256 of the rendering a fact came from, when not the leader
    span_rendering: dict[int, str] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)


# Each list of facts, and how two renderings' versions of one fact are recognised.
def _compact(text: str) -> str:
    """Letters and digits only: PDF text breaks words and lines where a Word export does not
    ("Processledning/koordi nering")."""
    return re.sub(r"[\W_]+", "", fold(text))


def _title_key(text: str) -> str:
    return _compact(text)[:80]


_KEYS: dict[str, Callable[[Any], str]] = {
    "priority_areas": lambda a: str(a.number),
    "goals": lambda g: g.code,
    "actions": lambda a: _title_key(a.title),
    "support_types": lambda s: _compact(s.concept or s.name),
    "grants": lambda g: _compact(g.support_type),
    "collaborations": lambda c: _compact(c.actor),
    "people": lambda p: f"{_compact(p.name)}|{_compact(p.role or '')}",
    "staffing": lambda s: f"{_compact(s.function)}|{_compact(s.name or s.post or '')}",
    "places": lambda p: _compact(p.name),
    "projects": lambda p: _title_key(p.name),
}
# Values compared between renderings of one fact.
_VALUES: dict[str, tuple[str, ...]] = {
    "goals": ("text",),
    "actions": ("goals", "status", "service_types"),
    "support_types": ("trend",),
    "grants": ("count", "amount_sek"),
    "collaborations": ("step",),
    "staffing": ("fte",),
    "priority_areas": ("title",),
}
_FUZZY = {"actions", "projects", "collaborations", "people", "staffing", "support_types"}


def fact_keys(ex: model.Extraction) -> set[str]:
    return {f"{name}:{key(item)}" for name, key in _KEYS.items() for item in getattr(ex, name)
            if name not in ("places",)}


def same_report(a: model.Extraction, b: model.Extraction) -> bool:
    """Whether two extractions are renderings of one report."""
    if a.kind != b.kind or not a.year or a.year != b.year or (a.region or a.county) != (b.region or b.county):
        return False
    if a.kind == "project_memo":
        return bool(a.projects and b.projects) and _title_key(a.projects[0].name) == _title_key(b.projects[0].name)
    ka, kb = fact_keys(a), fact_keys(b)
    if min(len(ka), len(kb)) < 3:  # too few facts to compare: the titles must agree
        return bool(a.title and b.title) and _similar(a.title, b.title, 0.8)
    return len(ka & kb) / min(len(ka), len(kb)) >= 0.4


def group_renderings(renderings: Iterable[Rendering]) -> list[list[Rendering]]:
    """Renderings grouped into reports, in the order first seen."""
    groups: list[list[Rendering]] = []
    for r in renderings:
        for group in groups:
            if same_report(group[0].extraction, r.extraction):
                group.append(r)
                break
        else:
            groups.append([r])
    return groups


def merge(renderings: list[Rendering]) -> Report:
    """The one set of facts of renderings of one report."""
    ranked = sorted(renderings, key=lambda r: (-_fact_count(r.extraction), len(r.extraction.warnings)))
    leader = ranked[0]
    report = Report(copy.deepcopy(leader.extraction), ranked)
    merged = report.extraction
    for other in ranked[1:]:
        for attr in ("region", "county", "period", "title"):  # what one rendering (or its manifest) lacks
            if not getattr(merged, attr) and getattr(other.extraction, attr):
                setattr(merged, attr, getattr(other.extraction, attr))
        for name, key in _KEYS.items():
            mine: list = getattr(merged, name)
            index = {key(item): item for item in mine}
            for item in getattr(other.extraction, name):
                match = index.get(key(item))
                if match is None and name in _FUZZY:
                    match = _closest(key(item), index)
                if match is None:
                    added = copy.deepcopy(item)
                    if added.span is not None:
                        report.span_rendering[id(added.span)] = other.sha256
                    mine.append(added)
                    index[key(added)] = added
                    continue
                if match.span is not None and item.span is not None:
                    report.also.setdefault(id(match.span), []).append((other.sha256, item.span))
                _reconcile(name, match, item, leader.name, other.name, report)
        merged.warnings.extend(f"{other.name}: {w}" for w in other.extraction.warnings)
    return report


def _reconcile(name: str, kept: Any, other: Any, kept_from: str, other_from: str, report: Report) -> None:
    for attr in _VALUES.get(name, ()):
        a, b = getattr(kept, attr), getattr(other, attr)
        if a == b or b in (None, "", []):
            continue
        if isinstance(a, str) and isinstance(b, str) and fold(a) == fold(b):
            continue
        if a in (None, "", []) or (isinstance(a, str) and isinstance(b, str) and _attestation(b) > _attestation(a)):
            setattr(kept, attr, b)
            chosen = other_from
        else:
            chosen = kept_from
        label = getattr(kept, "title", None) or getattr(kept, "code", None) or getattr(kept, "name", None) \
            or getattr(kept, "support_type", None) or getattr(kept, "function", "")
        report.disagreements.append(
            f"{name} {str(label)[:60]!r}: {attr} is {a!r} in {kept_from} and {b!r} in {other_from}; "
            f"kept the value of {chosen}")


def _attestation(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", text)
    return sum(is_known(w) for w in words) / len(words) if words else 0.0


def _closest(key: str, index: dict[str, Any]) -> Any:
    """The item whose key is most like ``key``, every part ("function|name") alike."""
    best, score = None, 0.0
    parts = key.split("|")
    for other, item in index.items():
        other_parts = other.split("|")
        if len(other_parts) != len(parts):
            continue
        s = min(difflib.SequenceMatcher(None, a, b).ratio() for a, b in zip(parts, other_parts, strict=True))
        if s > score:
            best, score = item, s
    return best if score >= 0.85 else None


def _similar(a: str, b: str, threshold: float) -> bool:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= threshold


def _fact_count(ex: model.Extraction) -> int:
    return sum(len(getattr(ex, name)) for name in _KEYS)
