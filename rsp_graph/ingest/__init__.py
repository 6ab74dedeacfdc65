"""Ingestors: pure functions from a document's text to an :class:`~rsp_graph.model.Extraction`.

The kind of a document is read from its content (never its file name) and picks the
ingestor from a registry, so that new kinds plug in without touching the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import IngestError
from ..model import DocumentKind, Extraction
from ._document import DocumentMeta
from ._text import SourceText, decode_source, pipes_to_tabs

Ingestor = Callable[[SourceText, "DocumentMeta | None"], Extraction]
_INGESTORS: dict[str, Callable[[], Ingestor]] = {}


def register_ingestor(kind: str) -> Callable[[Callable[[], Ingestor]], Callable[[], Ingestor]]:
    def deco(factory: Callable[[], Ingestor]) -> Callable[[], Ingestor]:
        _INGESTORS[kind] = factory
        return factory
    return deco


@register_ingestor("action_plan")
def _action_plan() -> Ingestor:
    from .action_plan import parse_action_plan
    return parse_action_plan


@register_ingestor("programme")
def _programme() -> Ingestor:
    from .action_plan import parse_action_plan
    return lambda src, meta: parse_action_plan(src, meta, kind="programme")


@register_ingestor("follow_up")
def _follow_up() -> Ingestor:
    from .follow_up import parse_follow_up
    return parse_follow_up


@register_ingestor("project_memo")
def _project_memo() -> Ingestor:
    from .project_memo import parse_project_memo
    return parse_project_memo


# (kind, pattern, weight): evidence for a kind, counted over the whole text
_EVIDENCE: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE | re.MULTILINE), weight) for kind, pattern, weight in (
        ("follow_up", r"uppföljning\w*\s+(?:av|för)\s+(?:regionala?\s+)?serviceprogram", 4),
        ("follow_up", r"uppföljning av verksamhetsår", 3),
        ("follow_up", r"steg i samverkanstrappan", 2),
        ("follow_up", r"årsarbetskrafter", 2),
        ("follow_up", r"^\s*stödtyp\b", 2),
        ("follow_up", r"resultat i form av prestationer", 2),
        ("action_plan", r"^\s*handlingsplan\b", 4),
        ("action_plan", r"planerade insatser", 2),
        ("action_plan", r"ansvarig\s*/?\s*aktör", 2),
        ("action_plan", r"^\s*finansiering\s*:?\s*$", 2),
        ("action_plan", r"^[A-K][.)]\s+\S.*\t", 1),
        ("project_memo", r"^\s*PM\s*$", 4),
        ("project_memo", r"^\s*projektägare\b", 3),
        ("project_memo", r"^\s*projekttid\b", 3),
        ("project_memo", r"projektledare|projektgrupp|styrgrupp|referensgrupp", 1),
        ("programme", r"^\s*regionalt serviceprogram\b", 3),
        ("programme", r"^\s*prioriterade områden\b", 2),
        ("programme", r"programperiod", 1),
        ("programme", r"programmet gäller|gäller för perioden|under programperioden", 1),
        ("programme", r"^\s*(?:\d+(?:\.\d+)*\s+)?(?:vision|nuläge|nulägesanalys|uppföljning och utvärdering)\s*$", 1),
    ))
# A document's title names its kind more surely than anything in its body.
_TITLE_EVIDENCE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        ("action_plan", r"^\s*(?:årlig\s+)?handlingsplan\b"),
        ("follow_up", r"^\s*(?:frågor för\s+)?uppföljning\b"),
        ("project_memo", r"^\s*(?:projekt-?pm|pm|projektbeskrivning|projektplan)\b"),
        ("programme", r"^\s*regionalt\s+serviceprogram\b"),
    ))
_TITLE_LINES = 6
_TITLE_WEIGHT = 6
_PRIORITY_AREA = re.compile(r"(?:prioriterat\s+|insats|fokus)område\s*(?:\d|[A-H]\b)", re.IGNORECASE)


def detect_kind(text: str) -> DocumentKind:
    """The kind of document, from what it says (headings, tables, vocabulary)."""
    scores: dict[str, int] = {}
    for kind, pattern, weight in _EVIDENCE:
        hits = len(pattern.findall(text))
        if hits:
            scores[kind] = scores.get(kind, 0) + weight * min(hits, 3)
    if _PRIORITY_AREA.search(text) and not any(k in scores for k in ("action_plan", "follow_up")):
        scores["programme"] = scores.get("programme", 0) + 3
    # the first title line that names a kind wins the bonus ("HANDLINGSPLAN 2024" above
    # "Regionalt serviceprogram för ... län": a plan for a programme)
    title = [line for line in text.split("\n") if line.strip()][:_TITLE_LINES]
    named = next((kind for line in title for kind, pattern in _TITLE_EVIDENCE if pattern.match(line)), None)
    if named is not None:
        scores[named] = scores.get(named, 0) + _TITLE_WEIGHT
    if not scores:
        return "unknown"
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    return kind if score >= 4 else "unknown"  # type: ignore[return-value]


def extract_text(text: str, name: str = "<text>", meta: DocumentMeta | None = None) -> Extraction:
    """Extract facts from a document's text (already decoded)."""
    return extract_source(SourceText(name, text), meta)


def extract_source(src: SourceText, meta: DocumentMeta | None = None) -> Extraction:
    """Repair broken characters (PDF text), detect the kind, run its ingestor."""
    from ..repair import repair_text

    repair = repair_text(src.text)
    if repair.damaged:
        src = SourceText(src.name, repair.text)
    tabbed = pipes_to_tabs(src.text)
    if tabbed != src.text:
        src = SourceText(src.name, tabbed)
    ex = _ingest(src, meta)
    if repair.damaged:
        ex.warn(repair.lines_changed[0] if repair.lines_changed else None,
                f"the text has broken characters (typical of PDF text); {repair.summary()}")
    return ex


def _ingest(src: SourceText, meta: DocumentMeta | None) -> Extraction:
    kind = (meta.kind if meta and meta.kind else None) or detect_kind(src.text)
    if kind == "unknown":
        raise IngestError("cannot tell what kind of document this is (no action-plan, follow-up, programme "
                          "or project-memo headings were found); give its kind in the manifest",
                          source=src.name, line=1)
    if kind not in _INGESTORS:
        raise IngestError(f"unknown document kind {kind!r}; known: {', '.join(sorted(_INGESTORS))}",
                          source=src.name)
    return _INGESTORS[kind]()(src, meta)


def extract_file(path: str | Path, meta: DocumentMeta | None = None) -> Extraction:
    """Read, decode and extract one file; errors name the file and line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror}", source=path) from exc
    return extract_source(decode_source(data, path.name), meta)


__all__ = ["DocumentMeta", "detect_kind", "extract_file", "extract_source", "extract_text", "register_ingestor"]
