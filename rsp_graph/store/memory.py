"""In-memory store on rdflib, for tests and small jobs.

``memory:`` lives as long as the process; ``memory:FILE.nq`` is loaded from and saved to
an N-Quads file (written to a temporary file and renamed, so it is never half written).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from rdflib import Dataset, Graph
from rdflib.term import URIRef

from ..errors import QueryError, StoreError
from . import Bindings, ExportFormat, SelectResult, Triple
from ._terms import check_terms

_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle"}


class MemoryStore:
    def __init__(self, url: str, location: str = ""):
        self.path = Path(location).expanduser() if location else None
        self.url = f"memory:{self.path or ''}"
        self._dataset = self._new_dataset()
        if self.path and self.path.exists():
            try:
                self._dataset.parse(self.path, format="nquads")
            except Exception as exc:
                raise StoreError(f"cannot read the memory store file {self.path}: {exc}") from exc

    @staticmethod
    def _new_dataset() -> Dataset:
        return Dataset(default_union=True)

    def _save(self) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".tmp-{os.getpid()}")
        self._dataset.serialize(destination=str(tmp), format="nquads")
        os.replace(tmp, self.path)

    def add(self, triples: Iterable[Triple], graph: str) -> None:
        g = self._dataset.graph(URIRef(graph))
        for t in triples:
            g.add(check_terms(t))
        self._save()

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        fresh = [check_terms(t) for t in triples]  # fail before touching the old graph
        self._dataset.remove_graph(URIRef(graph))
        g = self._dataset.graph(URIRef(graph))
        for t in fresh:
            g.add(t)
        self._save()

    @contextmanager
    def rebuild(self) -> Iterator[MemoryStore]:
        staging = MemoryStore("memory:")
        yield staging  # an exception leaves self untouched
        self._dataset = staging._dataset
        self._save()

    def graph_names(self) -> list[str]:
        return sorted({str(c) for _, _, _, c in self._dataset.quads((None, None, None, None)) if c is not None})

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return sum(1 for _ in self._dataset.quads((None, None, None, None)))
        return len(self._dataset.graph(URIRef(graph)))

    def _query(self, sparql: str, bindings: Bindings | None):
        try:
            return self._dataset.query(sparql, initBindings=dict(bindings or {}))
        except Exception as exc:  # rdflib raises pyparsing errors for bad syntax
            raise QueryError(f"the SPARQL query failed: {exc}") from exc

    def select(self, sparql: str, bindings: Bindings | None = None) -> SelectResult:
        result = self._query(sparql, bindings)
        if result.type != "SELECT":
            raise QueryError("expected a SELECT query")
        columns = [str(v) for v in result.vars or []]
        return SelectResult(columns, [tuple(row) for row in result])

    def ask(self, sparql: str, bindings: Bindings | None = None) -> bool:
        return bool(self._query(sparql, bindings).askAnswer)

    def construct(self, sparql: str, bindings: Bindings | None = None) -> Graph:
        result = self._query(sparql, bindings)
        graph = Graph()
        for t in result:
            graph.add(t)
        return graph

    def export(self, destination: str | Path | IO[bytes], fmt: ExportFormat = "nquads") -> None:
        if fmt not in _FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use nquads, trig or turtle")
        if fmt == "turtle":
            merged = Graph()
            for s, p, o, _ in self._dataset.quads((None, None, None, None)):
                merged.add((s, p, o))
            data = merged.serialize(format="turtle").encode("utf-8")
        else:
            data = self._dataset.serialize(format=_FORMATS[fmt]).encode("utf-8")
        if isinstance(destination, (str, Path)):
            Path(destination).write_bytes(data)
        else:
            destination.write(data)

    def clear(self) -> None:
        self._dataset = self._new_dataset()
        self._save()

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"MemoryStore({self.url!r})"
