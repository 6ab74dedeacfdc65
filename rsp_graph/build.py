"""Building the graph: documents -> extractions -> RDF -> a fresh store that replaces
the old content only when every step succeeded."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TextIO

from .errors import IngestError, RSPGraphError, StoreError
from .ingest import extract_source
from .ingest._text import decode_source
from .manifest import Manifest, load_manifest
from .mapping import REFERENCE_GRAPH, MappedDocument, map_report, reference_triples
from .merge import Rendering, Report, group_renderings, merge
from .model import Extraction
from .resources import corpus_dir
from .store import Store, open_store

TEXT_SUFFIXES = (".txt", ".text", ".md")


@dataclass
class BuildReport:
    store: str
    documents: list[tuple[str, Extraction]] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)  # documents after merging renderings
    triples: int = 0
    seconds: float = 0.0
    replaced: bool = False

    @property
    def ok(self) -> bool:
        return self.replaced and not self.errors

    def facts(self) -> Counter[str]:
        """Facts per kind in the graph (renderings of one report counted once)."""
        counts: Counter[str] = Counter()
        for ex in [r.extraction for r in self.reports] or [ex for _, ex in self.documents]:
            for name in ("priority_areas", "goals", "actions", "support_types", "grants", "collaborations",
                         "people", "staffing", "places", "projects"):
                counts[name] += len(getattr(ex, name))
        return counts

    def summary(self) -> str:
        lines = []
        if self.replaced:
            lines.append(f"built {len(self.reports)} report(s) from {len(self.documents)} file(s) into {self.store} "
                         f"({self.triples} triples, {self.seconds:.1f} s)")
        else:
            lines.append(f"nothing was written to {self.store}: the previous graph is unchanged")
        for name, ex in self.documents:
            lines.append(f"  {name}: {ex.kind}, {ex.region or '-'}, {ex.year or '-'}: "
                         f"{len(ex.actions)} actions, {len(ex.goals)} goals, {len(ex.warnings)} warnings")
        for merged in self.reports:
            if len(merged.renderings) > 1:
                names = [r.name for r in merged.renderings]
                lines.append(f"one report in {len(names)} renderings: {', '.join(names)} (facts merged, "
                             f"{names[0]} leads; {len(merged.disagreements)} disagreements)")
                lines.extend(f"    {d}" for d in merged.disagreements)
        facts = self.facts()
        if facts:
            lines.append("facts: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in facts.items() if v))
        warnings = [(name, w) for name, ex in self.documents for w in ex.warnings]
        if warnings:
            lines.append(f"warnings ({len(warnings)}):")
            lines.extend(f"  {name}: {w}" for name, w in warnings)
        if self.errors:
            lines.append(f"errors ({len(self.errors)}):")
            lines.extend(f"  {e}" for e in self.errors)
        return "\n".join(lines)


@dataclass
class _Input:
    name: str
    data_source: Path | Traversable


def _collect(paths: list[str] | None, manifest: str | None) -> tuple[list[_Input], Manifest | None]:
    if not paths:
        folder = corpus_dir()
        docs = [_Input(f.name, f) for f in sorted(folder.iterdir(), key=lambda f: f.name)
                if f.is_file() and f.name.endswith(TEXT_SUFFIXES)]
        bundled = folder.joinpath("manifest.toml")
        return docs, load_manifest(Path(manifest) if manifest else bundled)
    docs: list[_Input] = []
    found_manifest: Path | None = Path(manifest) if manifest else None
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            docs += [_Input(p.name, p) for p in sorted(path.iterdir()) if p.suffix.lower() in TEXT_SUFFIXES]
            if found_manifest is None and (path / "manifest.toml").is_file():
                found_manifest = path / "manifest.toml"
        elif path.is_file():
            docs.append(_Input(path.name, path))
        else:
            raise IngestError("no such file or folder", source=path)
    return docs, load_manifest(found_manifest) if found_manifest else None


def extract_all(inputs: list[_Input], manifest: Manifest | None, keep_going: bool,
                progress: TextIO | None, report: BuildReport) -> list[MappedDocument]:
    """Extract every input, merge renderings of one report, map each report to RDF."""
    renderings: list[Rendering] = []
    for i, item in enumerate(inputs, start=1):
        try:
            data = item.data_source.read_bytes()
            src = decode_source(data, str(item.data_source) if isinstance(item.data_source, Path) else item.name)
            src.name = item.name
            ex = extract_source(src, manifest.meta_for(item.name) if manifest else None)
            renderings.append(Rendering(item.name, hashlib.sha256(data).hexdigest(), ex))
            report.documents.append((item.name, ex))
            if progress:
                print(f"[{i}/{len(inputs)}] {item.name}: {ex.kind}, {len(ex.actions)} actions", file=progress)
        except IngestError as exc:
            if exc.source is None or exc.source == item.name:
                exc = IngestError(exc.reason, source=str(item.data_source), line=exc.line)
            report.errors.append(exc)
            if progress:
                print(f"[{i}/{len(inputs)}] {item.name}: FAILED: {exc}", file=progress)
            if not keep_going:
                break
        except OSError as exc:
            report.errors.append(IngestError(f"cannot read the file: {exc}", source=str(item.data_source)))
            if not keep_going:
                break
    mapped = []
    for group in group_renderings(renderings):
        merged = merge(group)
        report.reports.append(merged)
        mapped.append(map_report(merged))
    return mapped


def build(paths: list[str] | None = None, *, manifest: str | None = None, store_url: str | None = None,
          keep_going: bool = False, progress: TextIO | None = None, store: Store | None = None) -> BuildReport:
    """Build the graph from ``paths`` (default: the bundled corpus) into the store.

    Without ``keep_going`` a bad document stops the build and the store is not touched.
    """
    started = time.perf_counter()
    own_store = store is None
    store = store or open_store(store_url)
    report = BuildReport(store.url)
    try:
        inputs, manifest_ = _collect(paths, manifest)
        if not inputs:
            raise IngestError("no documents found (text files ending in .txt)", source=", ".join(paths or []))
        mapped = extract_all(inputs, manifest_, keep_going, progress, report)
        if report.errors and not keep_going:
            return report
        if not mapped:
            return report
        by_graph: dict[str, list] = {}
        for doc in mapped:
            by_graph.setdefault(str(doc.graph), []).extend(doc.triples)
        with store.rebuild() as staging:
            staging.add(reference_triples(), str(REFERENCE_GRAPH))
            for graph, triples in by_graph.items():
                staging.add(triples, graph)
            report.triples = staging.count()
        report.replaced = True
    except StoreError:
        raise
    finally:
        if own_store:
            store.close()
        report.seconds = time.perf_counter() - started
    return report


def ensure_built(store: Store, progress: TextIO | None) -> None:
    """Build the bundled corpus into a store that was never built (saying so)."""
    if store.graph_names():
        return
    if progress:
        print(f"rsp-graph: the store {store.url} is empty; building the bundled corpus first", file=progress)
    report = build(store=store)
    if not report.ok:
        raise RSPGraphError("building the bundled corpus failed:\n" + report.summary())


DOCUMENTS_QUERY = """
PREFIX rsp: <https://w3id.org/rsp-graph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?class ?year ?title ?source WHERE {
  ?doc a rsp:Document , ?class .
  FILTER(?class != rsp:Document)
  OPTIONAL { ?doc rsp:year ?year }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?r rsp:renders ?doc ; dcterms:source ?source }
} ORDER BY ?year ?doc
"""
_KINDS = {"ActionPlan": "action_plan", "FollowUpReport": "follow_up", "ProjectMemo": "project_memo",
          "ProgrammeDocument": "programme"}


def store_info(store_url: str | None = None) -> dict:
    from .mapping import graph_iri
    from .resources import ontology_version

    store = open_store(store_url)
    try:
        docs: dict[str, dict] = {}
        for row in store.select(DOCUMENTS_QUERY).dicts():
            iri = str(row["doc"])
            entry = docs.setdefault(iri, {
                "iri": iri, "kind": _KINDS.get(str(row["class"]).rsplit("#", 1)[-1], "unknown"),
                "year": int(row["year"]) if row["year"] is not None else None,
                "title": str(row["title"] or ""), "sources": [], "triples": store.count(str(graph_iri(row["doc"]))),
            })
            if row["source"] is not None and str(row["source"]) not in entry["sources"]:
                entry["sources"].append(str(row["source"]))
        graphs = {g: store.count(g) for g in store.graph_names()}
        return {"store": store.url, "ontology_version": ontology_version(), "triples": store.count(),
                "graphs": graphs, "documents": list(docs.values())}
    finally:
        store.close()
