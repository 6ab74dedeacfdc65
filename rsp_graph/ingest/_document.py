"""Document-level facts shared by every kind: region, county, year, programme period."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Extraction
from ..resolve import Context, Gazetteer, load_gazetteer
from ._entities import document_abbreviations, document_context
from ._text import SourceText

_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b")
_REGION_FIELD = re.compile(r"^\s*Region\s*:\s*(.+?)\s*$", re.IGNORECASE)


@dataclass
class DocumentMeta:
    """What a manifest may say about a document that its text does not."""

    region: str | None = None
    year: int | None = None
    period: str | None = None
    county: str | None = None
    kind: str | None = None
    title: str | None = None
    extra: dict = field(default_factory=dict)


def resolve_context(src: SourceText, ex: Extraction, meta: DocumentMeta | None,
                    gazetteer: Gazetteer | None = None) -> Context:
    """Fill ``ex.region`` and ``ex.county`` and return the document's county context."""
    gaz = gazetteer or load_gazetteer()
    region = None
    if meta and meta.region:
        region = gaz.lookup(meta.region).entity
    if region is None:
        for _n, line in src.numbered():
            m = _REGION_FIELD.match(line)
            if m:
                value = m.group(1)
                region = (gaz.lookup(f"Region {value}").entity or gaz.lookup(value).entity)
                if region is not None:
                    break
    if region is not None and region.kind != "Region":
        county = gaz.county_of(region)
        region = gaz.for_county(county.code, "region") if county else None
    if meta and meta.county:
        county_ent = gaz.lookup(meta.county, kinds=frozenset({"County"})).entity
        ctx = Context(county_ent.code) if county_ent else Context()
    elif region is not None:
        county = gaz.county_of(region)
        ctx = Context(county.code if county else None)
    else:
        ctx = document_context(src.text, gaz)
    if region is None and ctx.county_code and ex.kind in ("action_plan", "follow_up", "programme"):
        region = _responsible_region(src.text, ctx, gaz)
    ex.region = region.name if region else None
    if ctx.county_code:
        ex.county = gaz.for_county(ctx.county_code, "county").name  # type: ignore[union-attr]
    return document_abbreviations(src.text, ctx, gaz)


def _responsible_region(text: str, ctx: Context, gaz: Gazetteer):
    """The region of the document's county, if the document names it (or its board)."""
    region = gaz.for_county(ctx.county_code, "region")
    if region is None:
        return None
    mentioned = {r.entity.iri for r in gaz.scan(text, ctx) if r.entity is not None}
    if region.iri in mentioned:
        return region
    board = gaz.for_county(ctx.county_code, "county_board")
    return board if board and board.iri in mentioned else region


def find_period(src: SourceText, meta: DocumentMeta | None) -> str | None:
    """The programme period: the manifest's, else the one the text names most often
    next to the word 'serviceprogram' (ties: the singular, named programme)."""
    if meta and meta.period:
        return meta.period
    votes: Counter[str] = Counter()
    for line in src.lines:
        for m in _PERIOD.finditer(line):
            window = line[max(0, m.start() - 60): m.start()].lower()
            if "program" in window or "period" in window:
                a, b = int(m.group(1)), int(m.group(2))
                if 0 < b - a <= 12:
                    bonus = 2 if re.search(r"serviceprogram\s*$|programmet\s*$|programperiod", window) else 1
                    votes[f"{a}-{b}"] += bonus
    return votes.most_common(1)[0][0] if votes else None
