"""The same suite against every Store backend."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from rsp_graph import QueryError, Store, StoreError, open_store

EX = "http://example.org/"
T1 = (URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))
T2 = (URIRef(EX + "b"), URIRef(EX + "p"), Literal("y", lang="sv"))


def test_add_count_and_graphs(store_url):
    store = open_store(store_url)
    assert isinstance(store, Store)
    store.add([T1, T2], EX + "g1")
    assert store.graph_names() == [EX + "g1"]
    assert store.count() == 2 and store.count(EX + "g1") == 2


def test_select_with_bound_parameter_is_not_pasted(store_url):
    store = open_store(store_url)
    store.add([T1, T2], EX + "g1")
    q = "SELECT ?s WHERE { ?s ?p ?o }"
    assert [str(r[0]) for r in store.select(q, {"o": Literal("x")})] == [EX + "a"]
    # a hostile value is a literal, not query text
    assert store.select(q, {"o": Literal('x" } UNION { ?s ?p ?o')}).rows == []


def test_ask_and_construct(store_url):
    store = open_store(store_url)
    store.add([T1], EX + "g1")
    assert store.ask("ASK { ?s ?p ?o }") is True
    assert store.ask("ASK { ?s ?p ?o }", {"o": Literal("nope")}) is False
    assert len(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")) == 1


def test_replace_graph_is_a_replacement(store_url):
    store = open_store(store_url)
    store.add([T1], EX + "g1")
    store.add([T1], EX + "g2")
    store.replace_graph(EX + "g1", [T2])
    assert store.count(EX + "g1") == 1 and store.count(EX + "g2") == 1
    assert store.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"o": Literal("y", lang="sv")})


def test_rebuild_replaces_only_on_success(store_url):
    store = open_store(store_url)
    store.add([T1], EX + "old")
    with pytest.raises(RuntimeError), store.rebuild() as staging:
        staging.add([T2], EX + "new")
        raise RuntimeError("killed midway")
    assert store.graph_names() == [EX + "old"]
    with store.rebuild() as staging:
        staging.add([T2], EX + "new")
    assert store.graph_names() == [EX + "new"]


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle"])
def test_export(store_url, tmp_path, fmt):
    store = open_store(store_url)
    store.add([T1, T2], EX + "g1")
    out = tmp_path / f"out.{fmt}"
    store.export(out, fmt)
    from rdflib import Dataset

    parsed = Dataset()
    parsed.parse(out, format={"nquads": "nquads", "trig": "trig", "turtle": "turtle"}[fmt])
    assert len(list(parsed.quads((None, None, None, None)))) == 2


def test_clear(store_url):
    store = open_store(store_url)
    store.add([T1], EX + "g1")
    store.clear()
    assert store.count() == 0


def test_bad_query_and_unknown_backend(store_url):
    store = open_store(store_url)
    with pytest.raises(QueryError):
        store.select("SELECT WHERE nonsense")
    with pytest.raises(StoreError, match="unknown store kind"):
        open_store("nosuch:thing")


def test_every_named_query_runs_on_the_built_corpus(store_url):
    """The query library answers on every backend (SPARQL engines differ in corner cases)."""
    from rsp_graph.build import build
    from rsp_graph.query import list_queries, run_query

    store = open_store(store_url)
    try:
        assert build(store=store).ok
        for query in list_queries():
            result = run_query(query.name, {p: "3.2" for p in query.parameters}, store=store)
            assert result.columns and result.rows, query.name
    finally:
        store.close()
