"""The named query library (``queries/*.rq``) and its runner.

Each ``.rq`` file starts with a comment header (name, description_sv, description_en,
parameters, columns). Parameters are bound as RDF terms by the store, never pasted into
the query text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib.term import Identifier, Literal

from .errors import QueryError
from .resources import iter_files, queries_dir
from .store import SelectResult, Store, open_store

_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    sparql: str
    description_sv: str = ""
    description_en: str = ""
    parameters: tuple[str, ...] = field(default_factory=tuple)
    columns: tuple[str, ...] = field(default_factory=tuple)


def parse_query(text: str, fallback_name: str) -> NamedQuery:
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            header[m.group(1).lower()] = m.group(2).strip()
    spec = re.sub(r"\([^)]*\)", "", header.get("parameters", ""))
    params = tuple(p for p in re.findall(r"\w+", spec) if p != "none")
    columns = tuple(c.strip() for c in header.get("columns", "").split(",") if c.strip())
    return NamedQuery(header.get("name", fallback_name), text, header.get("description_sv", ""),
                      header.get("description_en", ""), params, columns)


@cache
def _library() -> dict[str, NamedQuery]:
    out = {}
    for file in iter_files(queries_dir(), ".rq"):
        q = parse_query(file.read_text(encoding="utf-8"), file.name[:-3])
        out[q.name] = q
    return out


def list_queries() -> list[NamedQuery]:
    return sorted(_library().values(), key=lambda q: q.name)


def get_query(name_or_file: str) -> NamedQuery:
    library = _library()
    if name_or_file in library:
        return library[name_or_file]
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return parse_query(path.read_text(encoding="utf-8"), path.stem)
    close = [n for n in library if name_or_file.lower() in n.lower()]
    hint = f" Did you mean {', '.join(close)}?" if close else f" Known queries: {', '.join(sorted(library))}."
    raise QueryError(f"no named query {name_or_file!r} and no such .rq file.{hint}")


def run_query(name: str, params: dict[str, str] | None = None, store_url: str | None = None, *,
              store: Store | None = None) -> SelectResult:
    """Run a named query (or an .rq file) with bound parameters, on ``store`` or the store at
    ``store_url``; a store that was never built gets the bundled corpus first."""
    from .build import ensure_built

    query = get_query(name)
    params = dict(params or {})
    missing = [p for p in query.parameters if p not in params]
    if missing:
        raise QueryError(f"query {query.name!r} needs the parameter(s) {', '.join(missing)}; "
                         f"give them as --param {missing[0]}=VALUE")
    unknown = [p for p in params if p not in query.parameters]
    if unknown:
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r}; "
                         f"it takes: {', '.join(query.parameters) or 'none'}")
    bindings: dict[str, Identifier] = {k: Literal(v) for k, v in params.items()}
    own = store is None
    store = store or open_store(store_url)
    try:
        ensure_built(store, sys.stderr)
        return store.select(query.sparql, bindings)
    finally:
        if own:
            store.close()


def python_value(term: Identifier | None):
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, str, bool)) else str(term)
    return str(term)


def format_result(result: SelectResult, fmt: str = "table") -> str:
    rows = [[python_value(v) for v in row] for row in result.rows]
    if fmt == "json":
        return json.dumps({"columns": result.columns, "rows": rows}, ensure_ascii=False, default=str, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(result.columns)
        writer.writerows(rows)
        return buf.getvalue()
    texts = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in texts])) for i, c in enumerate(result.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=False))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=False)) for r in texts]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out) + "\n"
