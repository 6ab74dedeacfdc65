"""The SKOS vocabularies (support types, service types, collaboration steps, statuses,
trends, effect horizons) as lookup tables from any written form to a concept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .ingest._text import fold
from .namespaces import RSP
from .resources import read_text, vocabulary_files

SCHEMES = ("SupportType", "ServiceType", "CollaborationStep", "ActionStatus", "Trend", "EffectHorizon")


@dataclass(frozen=True)
class Concept:
    iri: str
    label: str  # Swedish prefLabel
    label_en: str | None
    scheme: str  # one of SCHEMES
    code: str | None = None  # trendCode / horizonCode / stepNumber, when the vocabulary has one


@dataclass
class Vocabulary:
    scheme: str
    concepts: list[Concept] = field(default_factory=list)
    _by_label: dict[str, Concept] = field(default_factory=dict)

    def add(self, concept: Concept, labels: list[str]) -> None:
        self.concepts.append(concept)
        for label in labels:
            self._by_label.setdefault(fold(label), concept)

    def get(self, text: str) -> Concept | None:
        """The concept whose label is ``text`` (loosely: case, hyphens, spacing)."""
        return self._by_label.get(fold(text))

    def find(self, text: str) -> Concept | None:
        """The concept whose label starts ``text`` or occurs in it as whole words, longest first."""
        key = fold(text)
        exact = self._by_label.get(key)
        if exact:
            return exact
        for label in sorted(self._by_label, key=len, reverse=True):
            if len(label) >= 3 and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", key):
                return self._by_label[label]
        return None

    def mentions(self, text: str) -> list[tuple[int, int, Concept]]:
        """Every label occurring in ``text`` as whole words (longest first, not overlapping),
        as (start, end, concept) in the order they occur."""
        lowered = text.lower()
        taken: list[tuple[int, int, Concept]] = []
        for label in sorted(self._by_label, key=len, reverse=True):
            if len(label) < 4:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)", lowered):
                if not any(m.start() < e and s < m.end() for s, e, _ in taken):
                    taken.append((m.start(), m.end(), self._by_label[label]))
        return sorted(taken, key=lambda t: t[0])

    def best(self, text: str, threshold: float = 0.8) -> Concept | None:
        """Exact or contained label, else the most similar label above ``threshold``."""
        import difflib

        found = self.find(text)
        if found:
            return found
        key = fold(text)
        scored = [(difflib.SequenceMatcher(None, key, label).ratio(), label) for label in self._by_label]
        score, label = max(scored, default=(0.0, ""))
        return self._by_label[label] if score >= threshold else None


@cache
def vocabularies() -> dict[str, Vocabulary]:
    graph = Graph()
    for file in vocabulary_files():
        graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    out = {name: Vocabulary(name) for name in SCHEMES}
    for name in SCHEMES:
        for concept in sorted(graph.subjects(RDF.type, RSP[name]), key=str):
            if not isinstance(concept, URIRef):
                continue
            labels_sv = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                         for o in graph.objects(concept, p) if getattr(o, "language", None) in (None, "sv")]
            pref = next((str(o) for o in graph.objects(concept, SKOS.prefLabel)
                         if getattr(o, "language", None) in (None, "sv")), labels_sv[0] if labels_sv else "")
            pref_en = next((str(o) for o in graph.objects(concept, SKOS.prefLabel)
                            if getattr(o, "language", None) == "en"), None)
            code = (graph.value(concept, RSP.trendCode) or graph.value(concept, RSP.horizonCode)
                    or graph.value(concept, RSP.stepNumber))
            out[name].add(Concept(str(concept), pref, pref_en, name, str(code) if code is not None else None),
                          [pref, *labels_sv])
    return out


def vocabulary(scheme: str) -> Vocabulary:
    return vocabularies()[scheme]


__all__ = ["SCHEMES", "Concept", "Vocabulary", "read_text", "vocabularies", "vocabulary"]
