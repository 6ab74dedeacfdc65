"""Term conversion and SPARQL helpers shared by the backends."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib.term import BNode, Identifier, Literal, URIRef

from . import Triple


def ntriples_block(triples: Iterable[Triple]) -> str:
    """Triples as N-Triples lines, for SPARQL ``INSERT DATA`` bodies."""
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)


def check_terms(triple: Triple) -> Triple:
    s, p, o = triple
    if not isinstance(s, (URIRef, BNode)) or not isinstance(p, URIRef) or not isinstance(o, (URIRef, BNode, Literal)):
        raise TypeError(f"not an RDF triple of rdflib terms: {triple!r}")
    return triple


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_ASK = re.compile(r"\bASK\s*\{", re.IGNORECASE)
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def bind_values(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """Bind variables by an inline ``VALUES`` block at the start of the WHERE group.

    Terms are serialised by rdflib (``n3()``), which escapes them, so a parameter can
    never change the shape of the query. Used by backends without native bindings.
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _VAR.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    values = "VALUES ({}) {{ ({}) }}".format(
        " ".join(f"?{n}" for n in names), " ".join(bindings[n].n3() for n in names)
    )
    masked = _mask_comments(sparql)
    match = _WHERE.search(masked) or _ASK.search(masked)
    if not match:
        raise ValueError("cannot bind parameters: the query has no WHERE { ... } group")
    return sparql[: match.end()] + " " + values + " " + sparql[match.end() :]


def _mask_comments(sparql: str) -> str:
    """The query with ``#`` comments blanked (same length), ignoring '#' inside IRIs and strings."""
    out = []
    for line in sparql.splitlines(keepends=True):
        in_iri = in_str = False
        cut = len(line)
        for i, ch in enumerate(line):
            if in_str:
                if ch == in_str:
                    in_str = False
            elif ch in "\"'":
                in_str = ch
            elif ch == "<":
                in_iri = True
            elif ch == ">":
                in_iri = False
            elif ch == "#" and not in_iri:
                cut = i
                break
        newline = line.endswith("\n")
        blank = " " * (len(line) - cut - (1 if newline else 0))
        out.append(line[:cut] + blank + ("\n" if newline and cut < len(line) else ""))
    return "".join(out)
