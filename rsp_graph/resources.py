"""Access to the data folders that ship inside the package (ontology, queries, corpus).

Everything is read through ``importlib.resources`` so that an installed wheel and a
source checkout behave the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

ONTOLOGY_PACKAGE = "rsp_graph.data.ontology"
QUERIES_PACKAGE = "rsp_graph.data.queries"
CORPUS_PACKAGE = "rsp_graph.data.corpus"


def ontology_dir() -> Traversable:
    return resources.files(ONTOLOGY_PACKAGE)


def queries_dir() -> Traversable:
    return resources.files(QUERIES_PACKAGE)


def corpus_dir() -> Traversable:
    return resources.files(CORPUS_PACKAGE)


def read_text(folder: Traversable, *parts: str) -> str:
    node = folder
    for part in parts:
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def iter_files(folder: Traversable, suffix: str) -> Iterator[Traversable]:
    """Files directly in ``folder`` whose name ends with ``suffix``, sorted by name."""
    yield from sorted((f for f in folder.iterdir() if f.is_file() and f.name.endswith(suffix)),
                      key=lambda f: f.name)


# The ontology's parts, in load order. Reference data (gazetteer, organisations,
# aliases, vocabularies) is kept apart from the schema so that tools can load either.
SCHEMA_FILES = ("rsp.ttl",)
REFERENCE_FILES = ("gazetteer.ttl", "organisations.ttl", "aliases.ttl")
SHAPES_FILE = "shapes.ttl"


def vocabulary_files() -> list[Traversable]:
    return list(iter_files(ontology_dir().joinpath("vocab"), ".ttl"))


@cache
def ontology_version() -> str:
    """``owl:versionInfo`` of the ontology, read without parsing the whole file."""
    import re

    text = read_text(ontology_dir(), "rsp.ttl")
    match = re.search(r'owl:versionInfo\s+"([^"]+)"', text)
    return match.group(1) if match else "unknown"
