"""The IRIs rsp-graph mints and reuses."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

RSP = Namespace("https://w3id.org/rsp-graph/ontology#")
ID = Namespace("https://w3id.org/rsp-graph/id/")
VOC = Namespace("https://w3id.org/rsp-graph/vocab/")

PREFIXES: dict[str, Namespace] = {
    "rsp": RSP,
    "id": ID,
    "voc": VOC,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}

__all__ = ["DCTERMS", "FOAF", "ID", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "RSP", "SKOS", "VOC", "XSD"]
