"""Extraction against the shared gold, our own corpus, bad input, builds and privacy."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from rsp_graph import IngestError, extract_file, open_store
from rsp_graph.build import build

from .conftest import CLI, GOLD, NEUTRAL_CWD, ROOT, load_evaluator, run_cli

CORPUS = ROOT / "tests" / "corpus"


def _mean_f1(gold: dict, got: dict) -> tuple[float, dict]:
    ev = load_evaluator()
    scores = ev.score_doc(gold, got)
    return sum(f for _, _, f in scores.values()) / len(scores), scores


@pytest.mark.parametrize("stem", ["000_99ff51377d1c071c", "002_84ef355ead07de91", "003_857fa35a1064842e"])
def test_seed_extraction_meets_the_gold(stem):
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    got = extract_file(ROOT / "ingest" / f"{stem}.txt").to_json()
    mean, scores = _mean_f1(gold, got)
    assert mean >= 0.95, scores
    assert all(f >= 0.85 for _, _, f in scores.values()), scores


@pytest.mark.parametrize("stem", sorted(p.stem for p in CORPUS.glob("*.json")))
def test_our_own_documents_in_other_regions(stem):
    expected = json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))
    got = extract_file(CORPUS / f"{stem}.txt").to_json()
    mean, scores = _mean_f1(expected, got)
    assert got["kind"] == expected["kind"] and got["year"] == expected["year"]
    assert mean >= 0.9, scores


def test_cli_extract_prints_the_contract(tmp_path):
    res = run_cli("extract", str(ROOT / "ingest" / "000_99ff51377d1c071c.txt"))
    data = json.loads(res.stdout)
    for key in ("source", "kind", "region", "year", "period", "priority_areas", "goals", "actions",
                "support_types", "grants", "collaborations", "people", "staffing", "places", "projects", "warnings"):
        assert key in data
    assert run_cli("extract", "--format", "yaml", str(ROOT / "ingest" / "000_99ff51377d1c071c.txt")).returncode == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"Handlingsplan 2020\n\x00\x01binary", "binary"),
    ("Handlingsplan 2020\nrad två\n".encode() + b"\xff\xfe bad\n", "not UTF-8"),
    (b"Just a shopping list\nmilk\neggs\n", "kind of document"),
])
def test_bad_input_names_file_and_line(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(IngestError, match=message) as err:
        extract_file(bad)
    assert "bad.txt" in str(err.value)
    if message == "not UTF-8":
        assert err.value.line == 3


@pytest.mark.parametrize("stem", ["000_99ff51377d1c071c", "002_84ef355ead07de91"])
def test_truncated_table_is_an_error_naming_the_line(tmp_path, stem):
    text = (ROOT / "ingest" / f"{stem}.txt").read_text(encoding="utf-8")
    # cut the file in the middle of the second cell of the last action row
    lines = text.split("\n")
    last = max(i for i, line in enumerate(lines) if line.count("\t") >= 4 and line.split("\t")[1].strip())
    cut = "\n".join(lines[:last]) + "\n" + lines[last].split("\t")[0] + "\t" + lines[last].split("\t")[1][:10]
    bad = tmp_path / "cut.txt"
    bad.write_text(cut, encoding="utf-8")
    with pytest.raises(IngestError, match="truncated") as err:
        extract_file(bad)
    assert "cut.txt" in str(err.value) and err.value.line == last + 1


def test_bad_file_does_not_touch_the_store_and_keep_going_builds_the_rest(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_bytes((ROOT / "ingest" / "000_99ff51377d1c071c.txt").read_bytes())
    (folder / "zz_bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    url = f"oxigraph:{tmp_path / 'store'}"
    report = build([str(folder)], store_url=url)
    assert not report.ok and "zz_bad.txt" in report.summary()
    store = open_store(url)
    assert store.graph_names() == []
    store.close()
    report = build([str(folder)], store_url=url, keep_going=True)
    assert report.replaced and len(report.documents) == 1 and report.errors
    res = run_cli("build", str(folder), "--store", url, "-q")
    assert res.returncode == 1 and "zz_bad.txt" in res.stdout + res.stderr


def test_rebuild_is_idempotent_and_has_no_email(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    first = build(store_url=url)
    assert first.ok, first.summary()
    second = build(store_url=url)
    assert second.triples == first.triples
    out = tmp_path / "all.nq"
    store = open_store(url)
    store.export(out, "nquads")
    store.close()
    text = out.read_text(encoding="utf-8")
    assert "@regionjh.se" not in text and "mailto:" not in text
    assert "Malin Nyqvist Ljungberg" in text  # officials in their roles are kept


def test_built_bundled_corpus_passes_shacl(tmp_path):
    from rsp_graph.validate import validate

    url = f"oxigraph:{tmp_path / 'store'}"
    assert build(store_url=url).ok
    report = validate(store_url=url)
    assert report.ok, report.text()


def test_killed_build_leaves_the_old_graph_answering(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    assert build([str(ROOT / "ingest" / "000_99ff51377d1c071c.txt")], store_url=url).ok
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"doc{i:02d}.txt").write_bytes((ROOT / "ingest" / "002_84ef355ead07de91.txt").read_bytes())
    proc = subprocess.Popen([*CLI, "build", str(folder), "--store", url], cwd=NEUTRAL_CWD,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # wait until the build has started, then kill it hard
    assert proc.stderr is not None
    proc.stderr.readline()
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = open_store(url)
    rows = store.select("PREFIX rsp: <https://w3id.org/rsp-graph/ontology#> "
                        "SELECT ?d WHERE { ?d a rsp:ActionPlan }").rows
    store.close()
    assert len(rows) == 1


def test_query_on_an_unbuilt_store_builds_first(tmp_path):
    env = {**os.environ, "RSP_GRAPH_STORE": f"oxigraph:{tmp_path / 'fresh'}"}
    res = run_cli("query", "actions_by_goal", "--param", "goal=3.2", "--format", "json", env=env)
    assert res.returncode == 0, res.stderr
    assert "building the bundled corpus" in res.stderr
    rows = json.loads(res.stdout)["rows"]
    assert {r[0] for r in rows} >= {2017, 2023}
