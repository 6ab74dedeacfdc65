"""Validation: SHACL shapes over the reference data and the built graph (pySHACL), and
OWL consistency of the ontology with a DL reasoner (owlready2 + HermiT, needs Java)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import ValidationError
from .resources import REFERENCE_FILES, SCHEMA_FILES, SHAPES_FILE, ontology_dir, read_text, vocabulary_files
from .store import open_store


@dataclass
class ValidationReport:
    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(ok for _, ok, _ in self.checks)

    def text(self) -> str:
        lines = [f"{'ok  ' if ok else 'FAIL'} {name}" + (f"\n{detail}" if detail and not ok else "")
                 for name, ok, detail in self.checks]
        lines.append("valid" if self.ok else "NOT valid")
        return "\n".join(lines)


def _load(names: tuple[str, ...]) -> Graph:
    """The named ontology-folder files plus all vocabularies, as one graph."""
    graph = Graph()
    for name in names:
        graph.parse(data=read_text(ontology_dir(), name), format="turtle")
    for file in vocabulary_files():
        graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return graph


def ontology_graph() -> Graph:
    return _load(SCHEMA_FILES)


def reference_graph() -> Graph:
    return _load(REFERENCE_FILES)


def shacl(data: Graph) -> tuple[bool, str]:
    """Run the shapes over ``data`` (with the ontology for class inference)."""
    from pyshacl import validate as pyshacl_validate

    shapes = Graph().parse(data=read_text(ontology_dir(), SHAPES_FILE), format="turtle")
    # The ontology is merged into the data (rather than passed as ont_graph, which pySHACL
    # copies and mixes at great cost) so that sh:class sees the subclass hierarchy.
    conforms, _, text = pyshacl_validate(data + ontology_graph(), shacl_graph=shapes, inference="none",
                                         abort_on_first=False, allow_warnings=True)
    return bool(conforms), text


def check_consistency() -> None:
    """Load the ontology (and vocabularies) in owlready2 and run HermiT; raise if inconsistent."""
    import owlready2

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rsp.owl"
        ontology_graph().serialize(destination=str(path), format="xml")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            raise ValidationError(f"the ontology is inconsistent: {exc}") from exc
        unsatisfiable = list(world.inconsistent_classes())
        if unsatisfiable:
            raise ValidationError("unsatisfiable classes: " + ", ".join(str(c) for c in unsatisfiable))


def validate(files: list[Path] | None = None, store_url: str | None = None, include_store: bool = True,
             reasoner: bool = False) -> ValidationReport:
    report = ValidationReport()
    try:
        ok, text = shacl(reference_graph())
        report.checks.append(("reference data (gazetteer, organisations, vocabularies) against the shapes", ok, text))
    except Exception as exc:  # a parse error in our own data folder
        report.checks.append(("reference data parses", False, str(exc)))
    if files:
        for file in files:
            graph = Graph()
            try:
                graph.parse(str(file))
            except Exception as exc:
                report.checks.append((f"{file} parses as RDF", False, str(exc)))
                continue
            ok, text = shacl(graph)
            report.checks.append((f"{file} against the shapes", ok, text))
    elif include_store:
        store = open_store(store_url)
        try:
            if store.graph_names():
                data = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
                ok, text = shacl(data)
                report.checks.append((f"the graph in {store.url} against the shapes", ok, text))
        finally:
            store.close()
    if reasoner:
        try:
            check_consistency()
            report.checks.append(("OWL consistency (HermiT)", True, ""))
        except ValidationError as exc:
            report.checks.append(("OWL consistency (HermiT)", False, str(exc)))
    return report
