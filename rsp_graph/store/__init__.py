"""Stores: where the graph lives.

One :class:`Store` protocol, several backends chosen by a URL-like name, in the spirit of
rdflib's plugin registry: a backend module is imported only when it is asked for.

=====================  ==========================================================
``oxigraph:PATH``      embedded, persistent (pyoxigraph); the default
``oxigraph:``          the same, in the per-user data directory
``memory:``            rdflib in memory, gone when the process ends
``memory:FILE.nq``     rdflib in memory, loaded from and saved to an N-Quads file
=====================  ==========================================================

No code outside a backend module knows which backend it talks to.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, Protocol, runtime_checkable

from rdflib import Graph
from rdflib.term import Identifier, Node, URIRef

from ..errors import StoreError

Triple = tuple[Node, Node, Node]
ExportFormat = Literal["nquads", "trig", "turtle"]
EXPORT_FORMATS: tuple[str, ...] = ("nquads", "trig", "turtle")
STORE_ENV = "RSP_GRAPH_STORE"


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT query: column names and rows of rdflib terms (None = unbound)."""

    columns: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Identifier | None, ...]]:
        return iter(self.rows)

    def dicts(self) -> list[dict[str, Identifier | None]]:
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]


Bindings = Mapping[str, Identifier]


@runtime_checkable
class Store(Protocol):
    """What every backend offers. Terms in and out are rdflib terms.

    Queries see the union of all named graphs as their default graph. Parameters are
    passed as ``bindings`` (variable name -> term) and are never pasted into query text.
    """

    url: str

    def add(self, triples: Iterable[Triple], graph: str) -> None:
        """Add triples to the named graph ``graph``."""

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Replace the content of one named graph atomically."""

    def rebuild(self) -> AbstractContextManager[Store]:
        """A fresh, empty store of the same kind that replaces this one's whole content
        when the ``with`` block ends without an exception, and is thrown away otherwise."""

    def graph_names(self) -> list[str]:
        """IRIs of the named graphs that hold at least one triple."""

    def count(self, graph: str | None = None) -> int:
        """Number of triples in ``graph``, or quads in the whole store."""

    def select(self, sparql: str, bindings: Bindings | None = None) -> SelectResult: ...

    def ask(self, sparql: str, bindings: Bindings | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Bindings | None = None) -> Graph: ...

    def export(self, destination: str | Path | IO[bytes], fmt: ExportFormat = "nquads") -> None:
        """Write the whole store to a path or binary file handle."""

    def clear(self) -> None: ...

    def close(self) -> None: ...


# name -> "module:Class", imported lazily (see rdflib.plugin)
_BACKENDS: dict[str, str] = {
    "oxigraph": "rsp_graph.store.oxigraph:OxigraphStore",
    "memory": "rsp_graph.store.memory:MemoryStore",
}


def register_backend(name: str, target: str) -> None:
    """Make ``name:LOCATION`` URLs open ``target`` ("package.module:Class")."""
    _BACKENDS[name] = target


def backend_names() -> list[str]:
    return sorted(_BACKENDS)


def default_store_url() -> str:
    """``$RSP_GRAPH_STORE`` if set, else an Oxigraph store in the per-user data directory."""
    env = os.environ.get(STORE_ENV)
    if env:
        return env
    return "oxigraph:" + str(default_store_path())


def default_store_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("rsp-graph", appauthor=False) / "store"


def _backend_factory(name: str) -> Callable[[str, str], Store]:
    try:
        target = _BACKENDS[name]
    except KeyError:
        known = ", ".join(f"{n}:" for n in backend_names())
        raise StoreError(f"unknown store kind {name!r}; use one of {known}") from None
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise StoreError(f"the {name!r} store backend needs a package that is not installed: {exc}") from exc
    return getattr(module, class_name)


def open_store(url: str | None = None) -> Store:
    """Open the store named by ``url`` (see the module docstring); default: :func:`default_store_url`."""
    url = url or default_store_url()
    if url.startswith(("http://", "https://")):
        name, location = "sparql", url
    else:
        name, sep, location = url.partition(":")
        if not sep:
            raise StoreError(f"store URL {url!r} lacks a kind; write e.g. 'oxigraph:{url}' or 'memory:'")
    factory = _backend_factory(name)
    return factory(url, location)


def iri(value: str | URIRef) -> URIRef:
    return value if isinstance(value, URIRef) else URIRef(value)


__all__ = [
    "EXPORT_FORMATS",
    "STORE_ENV",
    "Bindings",
    "ExportFormat",
    "SelectResult",
    "Store",
    "Triple",
    "backend_names",
    "default_store_path",
    "default_store_url",
    "open_store",
    "register_backend",
]
