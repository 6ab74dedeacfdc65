"""Package, ontology, gazetteer, validation and reasoner."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from rsp_graph.namespaces import RSP
from rsp_graph.resolve import Context, load_gazetteer
from rsp_graph.resources import ontology_dir, read_text
from rsp_graph.validate import check_consistency, reference_graph, shacl

from .conftest import ROOT, run_cli


def test_gazetteer_counts_and_codes():
    gaz = load_gazetteer()
    counties = [e for e in gaz.entities.values() if e.kind == "County"]
    municipalities = [e for e in gaz.entities.values() if e.kind == "Municipality"]
    assert len(counties) == 21 and len(municipalities) == 290
    for m in municipalities:
        county = gaz.county_of(m)
        assert m.code and len(m.code) == 4 and county is not None and m.code[:2] == county.code
    assert all(c.code and len(c.code) == 2 for c in counties)


@pytest.mark.parametrize(("name", "county", "expected"), [
    ("Östersund", None, "Östersunds kommun"),
    ("Östersunds kn", None, "Östersunds kommun"),
    ("Krokoms kn", None, "Krokoms kommun"),
    ("Jämtlands län", None, "Jämtlands län"),
    ("RJH", None, "Region Jämtland Härjedalen"),
    ("TVV", None, "Tillväxtverket"),
    ("PRO", None, "Pensionärernas riksorganisation"),
    ("Lst", "23", "Länsstyrelsen i Jämtlands län"),
    ("Länsstyrelsen", "25", "Länsstyrelsen i Norrbottens län"),
    ("Länets kommuner", "08", "Kommunerna i Kalmar län"),
    ("Regionen", "24", "Region Västerbotten"),
])
def test_name_forms_resolve(name, county, expected):
    from rsp_graph.resolve import ACTOR_KINDS, PLACE_KINDS

    res = load_gazetteer().lookup(name, Context(county), ACTOR_KINDS | PLACE_KINDS)
    assert res.entity is not None and res.entity.name == expected


def test_every_term_has_swedish_and_english_labels():
    graph = Graph().parse(data=read_text(ontology_dir(), "rsp.ttl"), format="turtle")
    terms = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(str(RSP))}
    assert len(terms) > 60
    for term in terms:
        langs = {getattr(o, "language", None) for o in graph.objects(term, RDFS.label)}
        assert {"sv", "en"} <= langs, term
        assert graph.value(term, RDFS.comment) is not None, term


def test_reference_data_passes_shacl():
    ok, text = shacl(reference_graph())
    assert ok, text


def test_shacl_catches_a_bad_goal_code():
    from rdflib import Literal, URIRef

    g = reference_graph()
    goal = URIRef("https://w3id.org/rsp-graph/id/goal-test")
    g.add((goal, RDF.type, RSP.Goal))
    g.add((goal, RSP.code, Literal("3-2")))
    g.add((goal, RSP.text, Literal("x")))
    ok, text = shacl(g)
    assert not ok and "goal-test" in text


def test_reasoner_finds_the_ontology_consistent():
    check_consistency()  # really runs HermiT (Java); raises if inconsistent


def test_cli_help_lists_subcommands():
    out = run_cli("--help").stdout
    for cmd in ("build", "extract", "query", "ask", "network", "trace", "push", "validate", "info", "resolve"):
        assert cmd in out
    for cmd in ("build", "extract", "query", "ask", "network", "trace", "push", "validate", "info"):
        assert run_cli(cmd, "--help").returncode == 0


def test_unimplemented_commands_say_so():
    res = run_cli("network")
    assert res.returncode == 2 and "not implemented yet" in res.stderr


@pytest.mark.slow
def test_wheel_ships_the_data_folders(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("rsp_graph/data/ontology/rsp.ttl", "rsp_graph/data/ontology/gazetteer.ttl",
                   "rsp_graph/data/ontology/shapes.ttl", "rsp_graph/data/ontology/vocab/support-types.ttl",
                   "rsp_graph/data/queries/actions_by_goal.rq", "rsp_graph/data/corpus/manifest.toml",
                   "rsp_graph/data/corpus/000_99ff51377d1c071c.txt", "rsp_graph/py.typed"):
        assert needed in names, needed
