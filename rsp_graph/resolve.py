"""Entity resolution: one IRI per actor and place, whatever a document calls it.

All names are data: the gazetteer (counties, municipalities and the regions, county
boards and municipality groups that govern them), the national organisations, and the
contextual aliases ("Länsstyrelsen", "Regionen", "Länets kommuner") whose referent is
the one of the document's county. Nothing here knows a particular region.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .namespaces import ID, RSP
from .resources import REFERENCE_FILES, ontology_dir, read_text

ACTOR_KINDS = frozenset({
    "Region", "CountyAdministrativeBoard", "MunicipalOrganisation", "MunicipalityGroup",
    "GovernmentAgency", "NonProfit", "Company", "Organisation", "StakeholderGroup",
})
PLACE_KINDS = frozenset({"County", "Municipality", "Locality"})

# Organisations that have regional branches named "<organisation> <county or compass point>".
BRANCHING_KINDS = frozenset({"NonProfit", "Company", "Organisation", "GovernmentAgency"})
_BRANCH_TAIL = re.compile(r"\b(?:Nord|Syd|Norr|Söder|Öst|Väst|Mitt|Mellersta|Norra|Södra|Östra|Västra|"
                          r"Nordväst|Nordost|Sydost|Sydväst)(?:\s+Sverige)?$")
# Which reading wins when one name has several (an actor before the place it governs).
_KIND_ORDER = ["Region", "CountyAdministrativeBoard", "MunicipalOrganisation", "GovernmentAgency", "NonProfit",
               "Company", "Organisation", "MunicipalityGroup", "County", "Municipality"]
_TOKEN = re.compile(r"\w[\w\-]*|[^\w\s]", re.UNICODE)
_MAX_NGRAM = 9


def norm(text: str) -> str:
    """Comparison key: NFC, lower case, single spaces, no surrounding punctuation."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = re.sub(r"\s+", " ", text).strip(" \t.,;:/()-–")
    return text.lower()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Word and punctuation tokens with their character offsets."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def clean_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _key(tokens: Iterable[str]) -> str:
    return " ".join(t.lower() for t in tokens)


def _is_acronym(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Entity:
    """A known actor or place."""

    iri: str
    name: str
    kind: str
    code: str | None = None
    county: str | None = None  # IRI of the county it belongs to / governs
    municipality: str | None = None  # IRI of the municipality (places)

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True)
class Resolution:
    """How a name was resolved: the entity (None when unknown) and why."""

    text: str
    entity: Entity | None
    reason: str
    start: int = 0
    end: int = 0

    @property
    def name(self) -> str:
        return self.entity.name if self.entity else self.text.strip()


@dataclass(frozen=True)
class Context:
    """What a document tells about itself: its county code ("23") if known, and the
    abbreviations it defines ("RV = Region Västerbotten"), as (abbreviation, IRI) pairs."""

    county_code: str | None = None
    abbreviations: tuple[tuple[str, str], ...] = ()

    def with_abbreviations(self, pairs: Iterable[tuple[str, str]]) -> Context:
        merged = dict(self.abbreviations)
        merged.update(pairs)
        return Context(self.county_code, tuple(sorted(merged.items())))


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    index: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # lower key -> IRIs
    acronyms: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # exact -> IRIs
    contextual: dict[str, str] = field(default_factory=dict)  # lower key -> role
    by_county: dict[tuple[str, str], str] = field(default_factory=dict)  # (code, role) -> IRI
    county_by_code: dict[str, str] = field(default_factory=dict)
    max_tokens: int = 1

    # ---------------------------------------------------------------- loading
    @classmethod
    def from_graph(cls, graph: Graph) -> Gazetteer:
        gaz = cls()
        kinds = {str(RSP[k]): k for k in ACTOR_KINDS | PLACE_KINDS}
        for s, _, cls_iri in graph.triples((None, RDF.type, None)):
            kind = kinds.get(str(cls_iri))
            if kind is None or not isinstance(s, URIRef):
                continue
            pref = graph.value(s, SKOS.prefLabel) or graph.value(s, RSP.shortName) or s.split("-")[-1]
            code = graph.value(s, RSP.countyCode) or graph.value(s, RSP.municipalityCode)
            county = graph.value(s, RSP.locatedIn) or graph.value(s, RSP.governs) or graph.value(s, RSP.groupOf)
            if kind == "MunicipalOrganisation" and county is not None:
                county = graph.value(county, RSP.locatedIn)
            municipality = graph.value(s, RSP.governs) if kind == "MunicipalOrganisation" else None
            gaz.entities[str(s)] = Entity(str(s), str(pref), kind, str(code) if code else None,
                                          str(county) if county else None,
                                          str(municipality) if municipality else None)
            labels = {str(pref)}
            for p in (SKOS.altLabel, RSP.shortName, SKOS.prefLabel):
                labels.update(str(o) for o in graph.objects(s, p))
            labels.update(str(o) for o in graph.objects(s, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
                          if getattr(o, "language", None) in (None, "sv"))
            for label in labels:
                gaz._index_label(label, str(s))
            if kind == "County" and code:
                gaz.county_by_code[str(code)] = str(s)
        for ent in gaz.entities.values():
            county_code = gaz.entities[ent.county].code if ent.county in gaz.entities else None
            role = {"Region": "region", "CountyAdministrativeBoard": "county_board",
                    "MunicipalityGroup": "municipalities"}.get(ent.kind)
            if role and county_code:
                gaz.by_county[(county_code, role)] = ent.iri
        for code, iri in gaz.county_by_code.items():
            gaz.by_county[(code, "county")] = iri
        for alias in graph.subjects(RDF.type, RSP.ContextualAlias):
            role = str(graph.value(alias, RSP.refersToRole))
            for text in graph.objects(alias, RSP.aliasText):
                key = _key(t for t, _, _ in tokenize(str(text)))
                gaz.contextual[key] = role
                gaz.max_tokens = max(gaz.max_tokens, key.count(" ") + 1)
        return gaz

    def _index_label(self, label: str, iri: str) -> None:
        tokens = [t for t, _, _ in tokenize(label)]
        if not tokens:
            return
        if _is_acronym(label):
            if iri not in self.acronyms[label.strip()]:
                self.acronyms[label.strip()].append(iri)
            return
        key = _key(tokens)
        if iri not in self.index[key]:
            self.index[key].append(iri)
        self.max_tokens = min(_MAX_NGRAM, max(self.max_tokens, len(tokens)))

    # ---------------------------------------------------------------- lookups
    def entity(self, iri: str) -> Entity:
        return self.entities[iri]

    def for_county(self, county_code: str | None, role: str) -> Entity | None:
        iri = self.by_county.get((county_code or "", role))
        return self.entities.get(iri) if iri else None

    def county_of(self, entity: Entity) -> Entity | None:
        if entity.kind == "County":
            return entity
        return self.entities.get(entity.county) if entity.county else None

    def _candidates(self, key: str, exact: str, kinds: frozenset[str]) -> list[Entity]:
        iris = list(self.acronyms.get(exact, [])) + list(self.index.get(key, []))
        return [self.entities[i] for i in dict.fromkeys(iris) if self.entities[i].kind in kinds]

    def _pick(self, candidates: list[Entity], context: Context) -> Entity:
        """Among equally named entities prefer the one in the document's county."""
        if len(candidates) > 1 and context.county_code:
            local = [e for e in candidates if (self.county_of(e) and self.county_of(e).code == context.county_code)]
            candidates = local or candidates
        return sorted(candidates, key=lambda e: _KIND_ORDER.index(e.kind) if e.kind in _KIND_ORDER else 99)[0]

    def lookup(self, text: str, context: Context = Context(), kinds: frozenset[str] = ACTOR_KINDS) -> Resolution:
        """Resolve a whole name (no splitting)."""
        tokens = [t for t, _, _ in tokenize(text)]
        key, exact = _key(tokens), text.strip()
        defined = dict(context.abbreviations).get(exact)
        if defined in self.entities and self.entities[defined].kind in kinds:
            ent = self.entities[defined]
            return Resolution(text, ent, f"the document defines {exact!r} as {ent.name}", 0, len(text))
        found = self._candidates(key, exact, kinds)
        if found:
            ent = self._pick(found, context)
            return Resolution(text, ent, f"{text.strip()!r} is a known name of {ent.name}", 0, len(text))
        role = self.contextual.get(key)
        if role:
            ent = self.for_county(context.county_code, role)
            if ent and ent.kind in kinds:
                return Resolution(text, ent, f"{text.strip()!r} means the {role.replace('_', ' ')} of the "
                                  f"document's county ({self.entities[self.county_by_code[context.county_code]].name})",
                                  0, len(text))
            return Resolution(text, None, f"{text.strip()!r} depends on the document's county, which is unknown")
        # genitive: "Hela Sverige ska levas", "Tillväxtverkets"
        if tokens and tokens[-1].endswith("s") and len(tokens[-1]) > 3:
            stem = text.rstrip()[:-1]
            res = self.lookup(stem, context, kinds)
            if res.entity:
                return Resolution(text, res.entity, res.reason + " (genitive)", 0, len(text))
        return Resolution(text, None, f"{text.strip()!r} is not a known name")

    def branch(self, text: str, context: Context = Context()) -> tuple[Entity, str] | None:
        """A regional branch of a known organisation: "Coompanion Västerbotten",
        "Almi Företagspartner Nord", "Hela Sverige ska leva i Jämtlands län".

        Returns the parent organisation and the branch's name as written, or None.
        """
        text = clean_spaces(text)
        m = _BRANCH_TAIL.search(text)
        tokens = tokenize(text)
        for i in range(len(tokens) - 1, 0, -1):
            head, tail = text[: tokens[i - 1][2]], text[tokens[i][1]:]
            parent = self.lookup(head, context, BRANCHING_KINDS).entity
            if parent is None:
                continue
            tail = re.sub(r"^i\s+", "", tail)
            if (m and m.start() == tokens[i][1]) or self.lookup(tail, context, frozenset({"County"})).entity:
                return parent, text
        return None

    def scan(self, text: str, context: Context = Context(),
             kinds: frozenset[str] = ACTOR_KINDS | PLACE_KINDS) -> list[Resolution]:
        """All known names in ``text``, longest match first, left to right, not overlapping.

        Matching is over every kind, so that "Region Jämtland Härjedalen" is one region and
        not a county mention; only matches of ``kinds`` are returned.
        """
        tokens = tokenize(text)
        out: list[Resolution] = []
        i = 0
        while i < len(tokens):
            match = self._longest_at(text, tokens, i, context, kinds)
            if match and match[0] > 1:
                # "Länsstyrelsen Västerbottens kommuner": when the match's last word starts a
                # longer name, the shorter reading leaves both names whole
                n = match[0]
                shorter = self._longest_at(text, tokens, i, context, kinds, limit=n - 1)
                overlapping = self._longest_at(text, tokens, i + n - 1, context, kinds)
                if shorter and shorter[0] == n - 1 and overlapping and overlapping[0] > 1:
                    match = shorter
            if match:
                n, res = match
                if res.entity is not None:
                    out.append(res)
                i += n
            else:
                i += 1
        return out

    def _longest_at(self, text: str, tokens: list[tuple[str, int, int]], i: int, context: Context,
                    kinds: frozenset[str], limit: int | None = None) -> tuple[int, Resolution] | None:
        """The longest known name starting at token ``i`` (at most ``limit`` tokens)."""
        for n in range(min(limit or self.max_tokens, self.max_tokens, len(tokens) - i), 0, -1):
            words = tokens[i:i + n]
            if not words[0][0][0].isalnum() or not words[-1][0][0].isalnum():
                continue
            start, end = words[0][1], words[-1][2]
            surface = text[start:end]
            res = self.lookup(surface, context, ACTOR_KINDS | PLACE_KINDS)
            if res.entity is None and _key(w for w, _, _ in words) in self.contextual:
                return n, Resolution(surface, None, res.reason, start, end)
            if res.entity is not None and _plausible_surface(surface, res.entity):
                wanted = res if res.entity.kind in kinds else self.lookup(surface, context, kinds)
                return n, Resolution(surface, wanted.entity, wanted.reason, start, end)
        return None


def _plausible_surface(surface: str, entity: Entity) -> bool:
    """A bare one-word name must be capitalised to count ("Berg", not "berg")."""
    if " " in surface.strip() or not surface[:1].isalpha():
        return True
    return surface[:1].isupper()


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the ontology folder's reference data (cached per process)."""
    graph = Graph()
    folder = ontology_dir()
    for name in REFERENCE_FILES:
        graph.parse(data=read_text(folder, name), format="turtle")
    return Gazetteer.from_graph(graph)


def mint_actor_iri(name: str) -> str:
    return str(ID[f"actor-{slug(name)}"])


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "x"
