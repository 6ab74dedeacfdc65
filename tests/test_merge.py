"""One report in two renderings (Word export and PDF text) is one set of facts."""

from __future__ import annotations

import shutil

import pytest

from rsp_graph import open_store
from rsp_graph.build import build
from rsp_graph.merge import Rendering, group_renderings, merge

from .conftest import ROOT

WORD, PDF = "002_84ef355ead07de91.txt", "004_09a16d0edac6f1c2.txt"
P = "PREFIX rsp: <https://w3id.org/rsp-graph/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "


def _facts(url: str) -> dict[str, object]:
    store = open_store(url)
    try:
        actions = store.select(P + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a rsp:Action ; rsp:year 2023 }")
        grants = store.select(P + "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g a rsp:GrantDecision }")
        fte = store.select(P + "SELECT (SUM(?f) AS ?n) WHERE { ?s a rsp:StaffAllocation ; rsp:fte ?f }")
        sources = store.select(P + """
            SELECT ?a (COUNT(DISTINCT ?r) AS ?n) WHERE {
              ?a a rsp:Action ; rsp:year 2023 ; prov:wasDerivedFrom/prov:wasQuotedFrom ?r
            } GROUP BY ?a""")
    finally:
        store.close()
    return {
        "actions": int(actions.rows[0][0].toPython()),
        "grants": int(grants.rows[0][0].toPython()),
        "fte": round(float(fte.rows[0][0].toPython()), 3) if fte.rows[0][0] is not None else 0.0,
        "renderings_per_action": sorted({int(row[1].toPython()) for row in sources.rows}),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpora")
    results = {}
    for name, files in (("word", [WORD]), ("both", [WORD, PDF]), ("pdf", [PDF])):
        docs = folder / name
        docs.mkdir()
        for f in files:
            shutil.copy(ROOT / "ingest" / f, docs / f)
        shutil.copy(ROOT / "ingest" / "manifest.toml", docs / "manifest.toml")
        url = f"oxigraph:{folder / (name + '-store')}"
        report = build([str(docs)], store_url=url)
        assert report.ok, report.summary()
        results[name] = (report, _facts(url))
    return results


def test_both_renderings_are_one_report(built):
    report, _ = built["both"]
    assert len(report.reports) == 1
    assert sorted(r.name for r in report.reports[0].renderings) == [WORD, PDF]
    assert "one report in 2 renderings" in report.summary()


def test_counts_are_equal_with_and_without_the_pdf(built):
    word, both = built["word"][1], built["both"][1]
    assert (word["actions"], word["grants"], word["fte"]) == (14, 4, 1.5)
    assert (both["actions"], both["grants"], both["fte"]) == (14, 4, 1.5)


def test_merged_facts_cite_both_renderings(built):
    assert built["both"][1]["renderings_per_action"] == [2]
    assert built["word"][1]["renderings_per_action"] == [1]


def test_the_pdf_alone_yields_the_same_facts(built):
    pdf = built["pdf"][1]
    assert (pdf["actions"], pdf["grants"], pdf["fte"]) == (14, 4, 1.5)


def test_different_reports_are_not_merged():
    from rsp_graph import extract_file

    renderings = [Rendering(f, f, extract_file(ROOT / "ingest" / f))
                  for f in ("000_99ff51377d1c071c.txt", WORD, "003_857fa35a1064842e.txt")]
    assert [len(g) for g in group_renderings(renderings)] == [1, 1, 1]


def test_disagreements_keep_the_better_attested_value_and_are_reported():
    from rsp_graph import extract_file

    word = extract_file(ROOT / "ingest" / WORD)
    altered = extract_file(ROOT / "ingest" / WORD)
    altered.goals[0].text = altered.goals[0].text.replace("a", "ä")  # a badly repaired spelling
    altered.grants[0].amount_sek += 1000
    report = merge([Rendering("word.txt", "a" * 64, word), Rendering("other.txt", "b" * 64, altered)])
    goal = next(g for g in report.extraction.goals if g.code == word.goals[0].code)
    assert goal.text == word.goals[0].text
    assert any("amount_sek" in d for d in report.disagreements)
    assert any("text" in d for d in report.disagreements)


def test_a_plan_and_its_pdf_text_are_one_report_and_share_what_the_manifest_says():
    from rsp_graph import extract_file
    from rsp_graph.ingest import DocumentMeta

    word = extract_file(ROOT / "ingest" / "000_99ff51377d1c071c.txt", DocumentMeta(period="2014-2020"))
    pdf = extract_file(ROOT / "tests" / "corpus_pdf" / "000_99ff51377d1c071c.pdf.txt")
    assert [len(g) for g in group_renderings([Rendering("w", "a" * 64, word), Rendering("p", "b" * 64, pdf)])] == [2]
    report = merge([Rendering("p", "b" * 64, pdf), Rendering("w", "a" * 64, word)])
    assert len(report.extraction.actions) == len(word.actions) == 18
    assert report.extraction.period == "2014-2020"
    assert all(report.also.get(id(a.span)) for a in report.extraction.actions)
