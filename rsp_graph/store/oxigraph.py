"""Embedded persistent store on pyoxigraph (RocksDB), the default backend.

On disk, ``PATH`` holds numbered generations (``gen-000001/`` ...) and a ``CURRENT`` file
that names the live one. A rebuild writes a new generation and then replaces ``CURRENT``
with an atomic rename, so an interrupted build never leaves a half graph behind: the
previous generation keeps answering until the new one is complete.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import BNode, Identifier, Literal, Node, URIRef

from ..errors import StoreError
from . import Bindings, ExportFormat, SelectResult, Triple, default_store_path
from ._terms import bind_values, check_terms, ntriples_block

_GEN = re.compile(r"^gen-(\d{6})$")
_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE}


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term: object) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected term {term!r}")


class OxigraphStore:
    """A generation-managed pyoxigraph store at ``location`` (a directory)."""

    def __init__(self, url: str, location: str):
        self.path = Path(location).expanduser() if location else default_store_path()
        self.url = f"oxigraph:{self.path}"
        self._store: ox.Store | None = None

    # -- generations -------------------------------------------------------------------
    def _current_name(self) -> str | None:
        pointer = self.path / "CURRENT"
        if not pointer.is_file():
            return None
        name = pointer.read_text(encoding="utf-8").strip()
        return name if _GEN.match(name) and (self.path / name).is_dir() else None

    def _generations(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(p.name for p in self.path.iterdir() if _GEN.match(p.name) and p.is_dir())

    def _next_generation(self) -> Path:
        numbers = [int(_GEN.match(name).group(1)) for name in self._generations()]  # type: ignore[union-attr]
        return self.path / f"gen-{(max(numbers, default=0) + 1):06d}"

    def _point_to(self, generation: Path) -> None:
        tmp = self.path / f"CURRENT.tmp-{os.getpid()}"
        tmp.write_text(generation.name + "\n", encoding="utf-8")
        os.replace(tmp, self.path / "CURRENT")

    def _collect_garbage(self) -> None:
        current = self._current_name()
        for name in self._generations():
            if name != current:
                shutil.rmtree(self.path / name, ignore_errors=True)

    def _open(self, create: bool) -> ox.Store | None:
        if self._store is not None:
            return self._store
        name = self._current_name()
        if name is None:
            if not create:
                return None
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store directory {self.path}: {exc}") from exc
            generation = self._next_generation()
            self._store = self._open_dir(generation)
            self._point_to(generation)
            return self._store
        self._store = self._open_dir(self.path / name)
        return self._store

    @staticmethod
    def _open_dir(directory: Path) -> ox.Store:
        try:
            return ox.Store(str(directory))
        except OSError as exc:
            raise StoreError(
                f"cannot open the Oxigraph store at {directory}: {exc}. Is another rsp-graph process using it?"
            ) from exc

    # -- writing -----------------------------------------------------------------------
    def add(self, triples: Iterable[Triple], graph: str) -> None:
        store = self._open(create=True)
        assert store is not None
        g = ox.NamedNode(graph)
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in map(check_terms, triples))

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        store = self._open(create=True)
        assert store is not None
        body = ntriples_block(map(check_terms, triples))
        # One SPARQL update request runs in one transaction: readers see old or new, never half.
        store.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")

    @contextmanager
    def rebuild(self) -> Iterator[OxigraphStore]:
        self.path.mkdir(parents=True, exist_ok=True)
        for name in self._generations():  # leftovers of killed builds
            if name != self._current_name():
                shutil.rmtree(self.path / name, ignore_errors=True)
        generation = self._next_generation()
        staging = OxigraphStore(f"oxigraph:{generation}", str(generation))
        staging._store = self._open_dir(generation)
        try:
            yield staging
            staging._store.flush()
        except BaseException:
            staging.close()
            shutil.rmtree(generation, ignore_errors=True)
            raise
        staging.close()
        self.close()
        self._point_to(generation)
        self._collect_garbage()

    def clear(self) -> None:
        store = self._open(create=False)
        if store is not None:
            store.clear()

    # -- reading -----------------------------------------------------------------------
    def graph_names(self) -> list[str]:
        store = self._open(create=False)
        if store is None:
            return []
        return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        store = self._open(create=False)
        if store is None:
            return 0
        if graph is None:
            return len(store)
        return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def _query(self, sparql: str, bindings: Bindings | None):
        store = self._open(create=False) or ox.Store()
        try:
            return store.query(bind_values(sparql, bindings), use_default_graph_as_union=True)
        except SyntaxError as exc:
            from ..errors import QueryError

            raise QueryError(f"the SPARQL query is invalid: {exc}") from exc

    def select(self, sparql: str, bindings: Bindings | None = None) -> SelectResult:
        result = self._query(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            from ..errors import QueryError

            raise QueryError("expected a SELECT query")
        columns = [v.value for v in result.variables]
        rows = [tuple(from_ox(solution[c]) for c in columns) for solution in result]
        return SelectResult(columns, rows)

    def ask(self, sparql: str, bindings: Bindings | None = None) -> bool:
        return bool(self._query(sparql, bindings))

    def construct(self, sparql: str, bindings: Bindings | None = None) -> Graph:
        graph = Graph()
        for t in self._query(sparql, bindings):
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def export(self, destination: str | Path | IO[bytes], fmt: ExportFormat = "nquads") -> None:
        store = self._open(create=False) or ox.Store()
        if fmt == "turtle":
            merged = self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            data = merged.serialize(format="turtle").encode("utf-8")
            if isinstance(destination, (str, Path)):
                Path(destination).write_bytes(data)
            else:
                destination.write(data)
            return
        try:
            fmt_ox = _FORMATS[fmt]
        except KeyError:
            raise StoreError(f"unknown export format {fmt!r}; use nquads, trig or turtle") from None
        target = str(destination) if isinstance(destination, Path) else destination
        store.dump(target, format=fmt_ox)

    def close(self) -> None:
        if self._store is not None:
            with suppress(OSError):
                self._store.flush()
            self._store = None

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path)!r})"
