"""Extraction dataclasses: what an ingestor understood of one document, before RDF.

They mirror the extraction JSON contract (``rsp-graph extract``). Every item carries a
:class:`Span` (first and last source line and the quoted text) so that the RDF mapping
can give each fact its provenance.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

DocumentKind = Literal["action_plan", "follow_up", "project_memo", "programme", "unknown"]
Trend = Literal["increase", "unchanged", "decrease"]
PlaceType = Literal["locality", "municipality", "county"]


@dataclass
class Span:
    """Where a fact comes from: 1-based inclusive line range and the quoted source text."""

    start: int
    end: int
    quote: str = ""

    @staticmethod
    def merge(spans: list[Span]) -> Span:
        spans = [s for s in spans if s is not None]
        return Span(min(s.start for s in spans), max(s.end for s in spans),
                    "\n".join(s.quote for s in spans if s.quote))


@dataclass
class PriorityArea:
    number: int
    title: str
    span: Span | None = None


@dataclass
class Goal:
    code: str
    area: int | None
    text: str
    span: Span | None = None


@dataclass
class Effect:
    horizon: str | None  # "short" | "medium" | "long" | None
    text: str


@dataclass
class Action:
    title: str
    area: int | None = None
    key: str | None = None
    goals: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    service_types: list[str] = field(default_factory=list)
    status: str | None = None
    financing: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    description: str | None = None
    expected_result: str | None = None
    outputs: list[str] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    next_year: str | None = None
    span: Span | None = None


@dataclass
class SupportTypeOutlook:
    name: str
    trend: Trend | None
    comment: str | None = None
    concept: str | None = None  # prefLabel of the vocabulary concept, when resolved
    span: Span | None = None


@dataclass
class Grant:
    support_type: str
    count: int
    amount_sek: int
    span: Span | None = None


@dataclass
class CollaborationEntry:
    actor: str
    step: str | None
    description: str = ""
    challenges: str | None = None
    span: Span | None = None


@dataclass
class PersonRole:
    name: str
    role: str | None
    organisation: str | None = None
    fte: float | None = None
    span: Span | None = None


@dataclass
class Staffing:
    function: str
    name: str | None
    post: str | None
    fte: float
    span: Span | None = None


@dataclass
class Place:
    name: str
    type: PlaceType
    municipality: str | None = None
    county: str | None = None
    uncertain: bool = False
    span: Span | None = None


@dataclass
class Project:
    name: str
    owner: str | None = None
    start: str | None = None
    end: str | None = None
    participating_places: list[str] = field(default_factory=list)
    span: Span | None = None


@dataclass
class Extraction:
    source: str
    kind: DocumentKind
    region: str | None = None
    year: int | None = None
    period: str | None = None
    county: str | None = None  # canonical county name the document is about
    title: str | None = None
    priority_areas: list[PriorityArea] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    support_types: list[SupportTypeOutlook] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    collaborations: list[CollaborationEntry] = field(default_factory=list)
    people: list[PersonRole] = field(default_factory=list)
    staffing: list[Staffing] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    line_count: int = 0

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(f"line {line}: {message}" if line else message)

    def to_json(self, *, with_spans: bool = True) -> dict[str, Any]:
        """The extraction contract's JSON object (spans as ``lines`` = [first, last])."""
        return _jsonable(self, with_spans)


def _jsonable(value: Any, with_spans: bool) -> Any:
    if isinstance(value, Span):
        return [value.start, value.end]
    if hasattr(value, "__dataclass_fields__"):
        out: dict[str, Any] = {}
        for f in fields(value):
            item = getattr(value, f.name)
            if f.name == "span":
                if with_spans and item is not None:
                    out["lines"] = [item.start, item.end]
                continue
            if f.name == "line_count":
                continue
            out[f.name] = _jsonable(item, with_spans)
        return out
    if isinstance(value, list):
        return [_jsonable(v, with_spans) for v in value]
    return value


__all__ = [
    "Action",
    "CollaborationEntry",
    "DocumentKind",
    "Effect",
    "Extraction",
    "Goal",
    "Grant",
    "PersonRole",
    "Place",
    "PriorityArea",
    "Project",
    "Span",
    "Staffing",
    "SupportTypeOutlook",
    "asdict",
]
