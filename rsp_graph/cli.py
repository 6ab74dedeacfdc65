"""The ``rsp-graph`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import NotImplementedYet, RSPGraphError

_LATER = {
    "ask": "natural-language questions (Swedish and English) are not implemented yet; "
           "use 'rsp-graph query NAME' with a named query meanwhile",
    "network": "collaboration networks (GraphML/GEXF) are not implemented yet",
    "trace": "tracing goals and actions across programme periods is not implemented yet",
    "push": "pushing to a remote SPARQL server is not implemented yet; "
            "export with 'rsp-graph info --export FILE' and load it with the server's own loader",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rsp-graph",
        description="Turn Swedish regional service programme documents into a knowledge graph and question it.",
    )
    p.add_argument("--version", action="version", version=f"rsp-graph {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def store_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--store", metavar="URL",
                        help="store URL: oxigraph:PATH (default: per-user data dir, or $RSP_GRAPH_STORE), "
                             "memory:, memory:FILE.nq")

    b = sub.add_parser("build", help="ingest documents into the store (the bundled corpus by default)",
                       description="Ingest documents into a fresh graph and replace the store's content only "
                                   "when everything succeeded.")
    b.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled corpus)")
    b.add_argument("--manifest", metavar="FILE", help="manifest (TOML) with per-document metadata")
    b.add_argument("--keep-going", action="store_true", help="build the good documents and report the bad ones")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    store_arg(b)

    e = sub.add_parser("extract", help="print what is understood of one document (extraction JSON)",
                       description="Print the extraction of one document as JSON or YAML (nothing is stored).")
    e.add_argument("file", metavar="FILE")
    e.add_argument("--format", choices=("json", "yaml"), default="json")
    e.add_argument("--manifest", metavar="FILE", help="manifest with metadata for this document")
    e.add_argument("--no-lines", action="store_true", help="leave out the source line ranges")

    q = sub.add_parser("query", help="run a named query from the query library, or a SPARQL file",
                       description="Run a named query (see 'rsp-graph query --list') or a .rq file.")
    q.add_argument("name", nargs="?", metavar="NAME|FILE")
    q.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE", help="query parameter")
    q.add_argument("--list", action="store_true", help="list the named queries")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    store_arg(q)

    a = sub.add_parser("ask", help="ask a question in Swedish or English (not yet implemented)")
    a.add_argument("question", nargs="*")
    a.add_argument("--format", choices=("text", "json"), default="text")
    store_arg(a)

    n = sub.add_parser("network", help="export the collaboration network (not yet implemented)")
    n.add_argument("--format", choices=("graphml", "gexf", "json"), default="graphml")
    n.add_argument("--output", "-o")
    store_arg(n)

    t = sub.add_parser("trace", help="trace a goal or action across programme periods (not yet implemented)")
    t.add_argument("goal", nargs="?")
    store_arg(t)

    pu = sub.add_parser("push", help="copy the graph to a SPARQL 1.1 server (not yet implemented)")
    pu.add_argument("endpoint", nargs="?")
    store_arg(pu)

    v = sub.add_parser("validate", help="check the ontology, reference data and store with SHACL (and OWL)",
                       description="Validate the ontology's reference data and the store's graph against the "
                                   "SHACL shapes; with --reasoner also check OWL consistency with HermiT.")
    v.add_argument("files", nargs="*", metavar="FILE", help="RDF files to validate instead of the store")
    v.add_argument("--reasoner", action="store_true", help="also run the OWL reasoner (needs Java)")
    v.add_argument("--ontology-only", action="store_true", help="do not validate the store")
    store_arg(v)

    i = sub.add_parser("info", help="what is in the store: documents, triples per graph, ontology version")
    i.add_argument("--export", metavar="FILE", help="also write the whole store (.nq, .trig or .ttl)")
    i.add_argument("--format", choices=("text", "json"), default="text")
    store_arg(i)

    r = sub.add_parser("resolve", help="explain which actor or place a name resolves to, and why")
    r.add_argument("name")
    r.add_argument("--context", metavar="DOCUMENT|COUNTY",
                   help="a document (its county is used) or a county name, for names like 'Länsstyrelsen'")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command in _LATER:
            raise NotImplementedYet(_LATER[args.command])
        handler = globals()[f"_cmd_{args.command}"]
        return int(handler(args) or 0)
    except NotImplementedYet as exc:
        print(f"rsp-graph {args.command}: {exc}", file=sys.stderr)
        return 2
    except RSPGraphError as exc:
        print(f"rsp-graph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rsp-graph: interrupted", file=sys.stderr)
        return 130


def _meta_for(file: Path, manifest: str | None):
    if not manifest:
        return None
    from .manifest import load_manifest

    return load_manifest(Path(manifest)).meta_for(file.name)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .ingest import extract_file

    path = Path(args.file)
    extraction = extract_file(path, _meta_for(path, args.manifest))
    data = extraction.to_json(with_spans=not args.no_lines)
    if args.format == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    report = build(args.paths or None, manifest=args.manifest, store_url=args.store,
                   keep_going=args.keep_going, progress=None if args.quiet else sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def _cmd_query(args: argparse.Namespace) -> int:
    from .query import format_result, list_queries, run_query

    if args.list or not args.name:
        for q in list_queries():
            print(f"{q.name:28s} {q.description_en}")
        return 0
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            from .errors import QueryError

            raise QueryError(f"parameter {item!r} is not KEY=VALUE")
        params[key.strip()] = value.strip()
    result = run_query(args.name, params, store_url=args.store)
    sys.stdout.write(format_result(result, args.format))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    report = validate(files=[Path(f) for f in args.files], store_url=args.store,
                      include_store=not args.ontology_only, reasoner=args.reasoner)
    print(report.text())
    return 0 if report.ok else 1


def _cmd_info(args: argparse.Namespace) -> int:
    from .build import store_info

    info = store_info(args.store)
    if args.export:
        from .store import open_store

        suffix = Path(args.export).suffix.lower()
        fmt = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle"}.get(suffix, "nquads")
        store = open_store(args.store)
        store.export(Path(args.export), fmt)  # type: ignore[arg-type]
        store.close()
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(f"store:            {info['store']}")
    print(f"ontology version: {info['ontology_version']}")
    print(f"triples:          {info['triples']}")
    print(f"documents:        {len(info['documents'])}")
    for doc in info["documents"]:
        print(f"  {doc['kind']:13s} {doc.get('year') or '':<5} {doc['triples']:>6} triples  {doc['title']}")
        for source in doc["sources"]:
            print(f"{'':22s}from {source}")
    return 0


def _cmd_resolve(args: argparse.Namespace) -> int:
    from .resolve import ACTOR_KINDS, PLACE_KINDS, Context, load_gazetteer

    gaz = load_gazetteer()
    context = Context()
    if args.context:
        path = Path(args.context)
        if path.is_file():
            from .ingest import extract_file

            ex = extract_file(path)
            county = gaz.lookup(ex.county, kinds=frozenset({"County"})).entity if ex.county else None
            context = Context(county.code if county else None)
        else:
            county = gaz.lookup(args.context, kinds=frozenset({"County"})).entity
            if county is None:
                region = gaz.lookup(args.context).entity
                county = gaz.county_of(region) if region else None
            context = Context(county.code if county else None)
    res = gaz.lookup(args.name, context, ACTOR_KINDS | PLACE_KINDS)
    if res.entity is None:
        print(f"{args.name!r}: no known actor or place. {res.reason}.")
        print("It would become a new actor of its own when it appears in a document.")
        return 1
    print(f"{args.name!r} -> {res.entity.name}")
    print(f"  IRI:    {res.entity.iri}")
    print(f"  kind:   {res.entity.kind}")
    print(f"  why:    {res.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
