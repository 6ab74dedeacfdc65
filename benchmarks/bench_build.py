"""Side-by-side timings of the build and the query library on each embedded backend.

Absolute times on a shared machine are noise; the ratios between rows measured in one run
are what to compare. Run:  python benchmarks/bench_build.py [--repeat N] [--copies K]

--copies K builds K renamed copies of every bundled document: more extraction work, while the
copies of one report merge into one set of facts (the graph keeps its size).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rsp_graph.build import build
from rsp_graph.query import list_queries, run_query
from rsp_graph.resources import corpus_dir
from rsp_graph.store import open_store


def _corpus(folder: Path, copies: int) -> Path:
    docs = folder / "docs"
    docs.mkdir()
    for source in corpus_dir().iterdir():
        if source.name.endswith(".txt"):
            for k in range(copies):
                (docs / f"{k:03d}-{source.name}").write_bytes(source.read_bytes())
    return docs


def _time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs = _corpus(folder, args.copies)
        build([str(docs)], store_url="memory:")  # warm-up: word lists, gazetteer and spaCy load once
        rows = []
        for backend in ("oxigraph", "memory"):
            url = f"oxigraph:{folder / 'store'}" if backend == "oxigraph" else "memory:"
            store = open_store(url)
            try:
                build_s = _time(lambda s=store: build([str(docs)], store=s), args.repeat)
                triples = store.count()
                query_s = _time(lambda s=store: [run_query(q.name, {p: "3.2" for p in q.parameters}, store=s)
                                                 for q in list_queries()], args.repeat)
            finally:
                store.close()
            rows.append((backend, triples, build_s, query_s))
            shutil.rmtree(folder / "store", ignore_errors=True)
    base_build, base_query = rows[0][2], rows[0][3]
    print(f"{'backend':10} {'triples':>8} {'build s':>8} {'x oxigraph':>10} {'queries s':>10} {'x oxigraph':>10}")
    for backend, triples, build_s, query_s in rows:
        print(f"{backend:10} {triples:8d} {build_s:8.2f} {build_s / base_build:10.2f} {query_s:10.3f} "
              f"{query_s / base_query:10.2f}")


if __name__ == "__main__":
    main()
