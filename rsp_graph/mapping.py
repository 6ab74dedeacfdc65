"""RDF mapping: an :class:`~rsp_graph.model.Extraction` -> triples in the rsp ontology.

Separate from ingestion on purpose: ingestors understand text, this module only names
things. IRIs are deterministic (same document, same IRIs), so rebuilding never
duplicates facts, and the document IRI depends on what the report is (kind, region,
year), not on the file, so two renderings of one report describe the same node.
Every fact node points to a :rsp:`SourceExcerpt` (rendering, lines, quoted text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from . import model
from .merge import Report
from .namespaces import ID, RSP
from .resolve import ACTOR_KINDS, Context, Gazetteer, load_gazetteer, mint_actor_iri, slug
from .store import Triple
from .vocab import vocabulary

_DOC_CLASS = {"action_plan": RSP.ActionPlan, "follow_up": RSP.FollowUpReport,
              "project_memo": RSP.ProjectMemo, "programme": RSP.ProgrammeDocument, "unknown": RSP.Document}
_ACTOR_CLASS = {"Region": RSP.Region, "CountyAdministrativeBoard": RSP.CountyAdministrativeBoard,
                "MunicipalOrganisation": RSP.MunicipalOrganisation, "MunicipalityGroup": RSP.MunicipalityGroup,
                "GovernmentAgency": RSP.GovernmentAgency, "NonProfit": RSP.NonProfit, "Company": RSP.Company,
                "Organisation": RSP.Organisation, "StakeholderGroup": RSP.StakeholderGroup}


@dataclass
class MappedDocument:
    """The triples of one document and the IRIs that name it."""

    document: URIRef
    graph: URIRef
    rendering: URIRef
    triples: list[Triple] = field(default_factory=list)


def document_iri(ex: model.Extraction, sha256: str) -> URIRef:
    """What the report is, not which file: kind + region/county + year (+ project)."""
    gaz = load_gazetteer()
    kind = ex.kind.replace("_", "-")
    county = gaz.lookup(ex.county, kinds=frozenset({"County"})).entity if ex.county else None
    if ex.kind == "project_memo" and ex.projects:
        return ID[f"doc-{kind}-{slug(ex.projects[0].name)}"]
    if county is not None and ex.year:
        return ID[f"doc-{kind}-{county.code}-{ex.year}"]
    return ID[f"doc-{kind}-{sha256[:16]}"]


def graph_iri(document: URIRef) -> URIRef:
    return URIRef(str(document).replace("/id/doc-", "/id/graph/doc-"))


def rendering_iri(sha256: str) -> URIRef:
    return ID[f"rendering-{sha256[:16]}"]


def map_extraction(ex: model.Extraction, sha256: str, *, gazetteer: Gazetteer | None = None) -> MappedDocument:
    """The triples of one document given as one file."""
    gaz = gazetteer or load_gazetteer()
    doc = document_iri(ex, sha256)
    mapped = MappedDocument(doc, graph_iri(doc), rendering_iri(sha256))
    return _Mapper(ex, sha256, gaz, mapped).run()


def map_report(report: Report, *, gazetteer: Gazetteer | None = None) -> MappedDocument:
    """The triples of one report given as one or more renderings (see :mod:`rsp_graph.merge`)."""
    gaz = gazetteer or load_gazetteer()
    leader = report.renderings[0]
    doc = document_iri(report.extraction, leader.sha256)
    mapped = MappedDocument(doc, graph_iri(doc), rendering_iri(leader.sha256))
    mapper = _Mapper(report.extraction, leader.sha256, gaz, mapped)
    mapper.also, mapper.span_rendering = report.also, report.span_rendering
    mapper.run()
    for other in report.renderings[1:]:
        mapper.rendering(rendering_iri(other.sha256), other.extraction.source, other.sha256,
                         other.extraction.line_count)
    return mapped


class _Mapper:
    def __init__(self, ex: model.Extraction, sha256: str, gaz: Gazetteer, out: MappedDocument):
        self.ex, self.sha, self.gaz, self.out = ex, sha256, gaz, out
        self.also: dict[int, list[tuple[str, model.Span]]] = {}
        self.span_rendering: dict[int, str] = {}
        self.doc = out.document
        county = gaz.lookup(ex.county, kinds=frozenset({"County"})).entity if ex.county else None
        self.ctx = Context(county.code if county else None)
        self.scope = f"{county.code if county else 'x'}-{ex.period or ex.year or sha256[:8]}"
        self.t = out.triples.append
        self._action_nodes: list[tuple[URIRef, model.Action]] = []

    # ------------------------------------------------------------------ helpers
    def lit(self, value, datatype=None, lang: str | None = None) -> Literal:
        if lang:
            return Literal(value, lang=lang)
        return Literal(value, datatype=datatype) if datatype else Literal(value)

    def prov(self, node: URIRef, span: model.Span | None) -> None:
        """The excerpt(s) a fact comes from: in this rendering, and in every other rendering
        of the same report that states it too."""
        if span is None:
            span = model.Span(1, max(1, self.ex.line_count), "")
        sources = [(self.span_rendering.get(id(span), self.sha), span), *self.also.get(id(span), [])]
        for sha, where in sources:
            excerpt = ID[f"excerpt-{sha[:16]}-{where.start}-{where.end}"]
            self.t((node, PROV.wasDerivedFrom, excerpt))
            self.t((excerpt, RDF.type, RSP.SourceExcerpt))
            self.t((excerpt, PROV.wasQuotedFrom, rendering_iri(sha)))
            self.t((excerpt, RSP.startLine, Literal(where.start)))
            self.t((excerpt, RSP.endLine, Literal(where.end)))
            self.t((excerpt, PROV.value, Literal(where.quote or "")))

    def rendering(self, rendering: URIRef, source: str, sha256: str, line_count: int) -> None:
        t = self.t
        t((rendering, RDF.type, RSP.Rendering))
        t((rendering, RSP.renders, self.doc))
        t((rendering, DCTERMS.source, Literal(source)))
        t((rendering, RSP.sha256, Literal(sha256)))
        t((rendering, DCTERMS.format, Literal("text/plain")))
        excerpt = ID[f"excerpt-{sha256[:16]}-1-{max(1, line_count)}"]
        t((self.doc, PROV.wasDerivedFrom, excerpt))
        t((excerpt, RDF.type, RSP.SourceExcerpt))
        t((excerpt, PROV.wasQuotedFrom, rendering))
        t((excerpt, RSP.startLine, Literal(1)))
        t((excerpt, RSP.endLine, Literal(max(1, line_count))))
        t((excerpt, PROV.value, Literal("")))

    def actor(self, name: str, kind: URIRef = RSP.StakeholderGroup) -> URIRef:
        res = self.gaz.lookup(name, self.ctx, ACTOR_KINDS)
        if res.entity is not None:
            return URIRef(res.entity.iri)
        iri = URIRef(mint_actor_iri(name))
        branch = self.gaz.branch(name, self.ctx)
        if branch is not None:  # "Coompanion Västerbotten": its own node, part of Coompanion
            parent = branch[0]
            kind = _ACTOR_CLASS.get(parent.kind, kind)
            self.t((iri, ORG.subOrganizationOf, URIRef(parent.iri)))
        self.t((iri, RDF.type, kind))
        self.t((iri, SKOS.prefLabel, Literal(name, lang="sv")))
        self.t((iri, FOAF.name, Literal(name)))
        self.t((iri, RDFS.label, Literal(name, lang="sv")))
        return iri

    def place(self, place: model.Place) -> URIRef:
        if place.type in ("county", "municipality"):
            kinds = frozenset({"County"}) if place.type == "county" else frozenset({"Municipality"})
            res = self.gaz.lookup(place.name, self.ctx, kinds)
            if res.entity is not None:
                return URIRef(res.entity.iri)
        muni = self.gaz.lookup(place.municipality, self.ctx, frozenset({"Municipality"})).entity \
            if place.municipality else None
        county = self.gaz.lookup(place.county, self.ctx, frozenset({"County"})).entity if place.county else None
        iri = ID[f"place-locality-{muni.code if muni else (county.code if county else 'x')}-{slug(place.name)}"]
        self.t((iri, RDF.type, RSP.Locality))
        self.t((iri, SKOS.prefLabel, Literal(place.name, lang="sv")))
        self.t((iri, RDFS.label, Literal(place.name, lang="sv")))
        self.t((iri, RSP.shortName, Literal(place.name)))
        parent = muni or county
        if parent is not None:
            self.t((iri, RSP.locatedIn, URIRef(parent.iri)))
        return iri

    def concept(self, scheme: str, label: str | None) -> URIRef | None:
        if not label:
            return None
        c = vocabulary(scheme).best(label, 0.8)
        return URIRef(c.iri) if c else None

    # ------------------------------------------------------------------ mapping
    def run(self) -> MappedDocument:
        ex, doc, t = self.ex, self.doc, self.t
        rendering = self.out.rendering
        t((doc, RDF.type, _DOC_CLASS.get(ex.kind, RSP.Document)))
        t((doc, RDF.type, RSP.Document))
        if ex.title:
            t((doc, DCTERMS.title, Literal(ex.title, lang="sv")))
        if ex.year:
            t((doc, RSP.year, Literal(ex.year)))
        if ex.region:
            t((doc, RSP.responsibleActor, self.actor(ex.region)))
        if self.ctx.county_code:
            t((doc, RSP.concernsCounty, URIRef(self.gaz.county_by_code[self.ctx.county_code])))
        self.rendering(rendering, ex.source, self.sha, ex.line_count)

        programme = period = None
        if ex.period:
            start, end = (int(x) for x in ex.period.split("-"))
            period = ID[f"period-{ex.period}"]
            t((period, RDF.type, RSP.ProgrammePeriod))
            t((period, RSP.startYear, Literal(start)))
            t((period, RSP.endYear, Literal(end)))
            t((period, RDFS.label, Literal(ex.period)))
            t((doc, RSP.period, period))
            if self.ctx.county_code:
                programme = ID[f"programme-{self.ctx.county_code}-{ex.period}"]
                t((programme, RDF.type, RSP.Programme))
                t((programme, RSP.period, period))
                t((programme, RDFS.label, Literal(f"Regionalt serviceprogram {ex.period}"
                                                  + (f", {ex.county}" if ex.county else ""), lang="sv")))
                if ex.region:
                    t((programme, RSP.responsibleActor, self.actor(ex.region)))
                t((doc, RSP.concernsProgramme, programme))

        areas: dict[int, URIRef] = {}
        for pa in ex.priority_areas:
            node = ID[f"area-{self.scope}-{pa.number}"]
            areas[pa.number] = node
            t((node, RDF.type, RSP.PriorityArea))
            t((node, RSP.number, Literal(pa.number)))
            t((node, RSP.title, Literal(pa.title, lang="sv")))
            t((node, RSP.reportedIn, doc))
            if programme is not None:
                t((node, RSP.inProgramme, programme))
                t((programme, RSP.hasPriorityArea, node))
            self.prov(node, pa.span)
        goals: dict[str, URIRef] = {}
        for goal in ex.goals:
            node = ID[f"goal-{self.scope}-{goal.code}"]
            goals[goal.code] = node
            t((node, RDF.type, RSP.Goal))
            t((node, RSP.code, Literal(goal.code)))
            t((node, RSP.text, Literal(goal.text, lang="sv")))
            t((node, RSP.reportedIn, doc))
            if goal.area in areas:
                t((node, RSP.inPriorityArea, areas[goal.area]))
            self.prov(node, goal.span)
        for i, action in enumerate(ex.actions, start=1):
            self.action(action, i, areas, goals)
        self.follow_up_facts()
        places = {p.name: self.place(p) for p in ex.places}
        for p in ex.places:
            t((doc, RSP.mentionsPlace, places[p.name]))
        for action_node, action in self._action_nodes:
            for name in action.places:
                if name in places:
                    t((action_node, RSP.concernsPlace, places[name]))
        self.people_and_projects(places)
        return self.out

    def action(self, action: model.Action, index: int, areas: dict[int, URIRef], goals: dict[str, URIRef]) -> None:
        t = self.t
        local = action.key or f"{action.area or 0}-{index}"
        node = URIRef(f"{self.doc}-action-{slug(local)}")
        self._action_nodes.append((node, action))
        t((node, RDF.type, RSP.Action))
        t((node, RSP.title, Literal(action.title, lang="sv")))
        t((node, RSP.describedIn, self.doc))
        if action.key:
            t((node, RSP.key, Literal(action.key)))
        if self.ex.year:
            t((node, RSP.year, Literal(self.ex.year)))
        if action.description:
            t((node, RSP.description, Literal(action.description, lang="sv")))
        if action.area in areas:
            t((node, RSP.inPriorityArea, areas[action.area]))
        for code in action.goals:
            goal = goals.get(code) or ID[f"goal-{self.scope}-{code}"]
            if code not in goals:  # referenced but not stated in this document
                t((goal, RDF.type, RSP.Goal))
                t((goal, RSP.code, Literal(code)))
            t((node, RSP.servesGoal, goal))
        for i, name in enumerate(action.actors):
            actor = self.actor(name)
            t((node, RSP.involvesActor, actor))
            if i == 0:
                t((node, RSP.leadActor, actor))
        for source in action.financing:
            t((node, RSP.financing, Literal(source, lang="sv")))
        for label in action.service_types:
            concept = self.concept("ServiceType", label)
            if concept is not None:
                t((node, RSP.serviceType, concept))
        status = self.concept("ActionStatus", action.status)
        if status is not None:
            t((node, RSP.status, status))
        if action.next_year:
            t((node, RSP.statusNote, Literal(action.next_year, lang="sv")))
        results = [(RSP.Output, None, text) for text in action.outputs]
        if action.expected_result:
            results.append((RSP.Result, None, action.expected_result))
        results += [(RSP.Effect, e.horizon, e.text) for e in action.effects]
        for j, (cls, horizon, text) in enumerate(results, start=1):
            result = URIRef(f"{node}-result-{j}")
            t((result, RDF.type, cls))
            t((result, RSP.text, Literal(text, lang="sv")))
            if horizon:
                concept = next((c for c in vocabulary("EffectHorizon").concepts if c.code == horizon), None)
                if concept:
                    t((result, RSP.horizon, URIRef(concept.iri)))
            t((node, RSP.hasResult, result))
            self.prov(result, action.span)
        self.prov(node, action.span)

    def follow_up_facts(self) -> None:
        ex, t, doc = self.ex, self.t, self.doc
        for outlook in ex.support_types:
            node = URIRef(f"{doc}-outlook-{slug(outlook.name)}")
            t((node, RDF.type, RSP.DemandOutlook))
            concept = self.concept("SupportType", outlook.concept or outlook.name)
            if concept is not None:
                t((node, RSP.supportType, concept))
            t((node, RDFS.label, Literal(outlook.name, lang="sv")))
            trend = next((c for c in vocabulary("Trend").concepts if c.code == outlook.trend), None)
            if trend is not None:
                t((node, RSP.trend, URIRef(trend.iri)))
            if outlook.comment:
                t((node, RSP.comment, Literal(outlook.comment, lang="sv")))
            self._yearly(node)
            self.prov(node, outlook.span)
        for i, grant in enumerate(ex.grants, start=1):
            node = URIRef(f"{doc}-grant-{i}")
            t((node, RDF.type, RSP.GrantDecision))
            concept = self.concept("SupportType", grant.support_type)
            if concept is not None:
                t((node, RSP.supportType, concept))
            t((node, RSP["count"], Literal(grant.count)))
            t((node, RSP.amountSEK, Literal(grant.amount_sek, datatype=XSD.decimal)))
            self._yearly(node)
            self.prov(node, grant.span)
        for i, staff in enumerate(ex.staffing, start=1):
            node = URIRef(f"{doc}-staff-{i}")
            t((node, RDF.type, RSP.StaffAllocation))
            t((node, RSP.function, Literal(staff.function, lang="sv")))
            t((node, RSP.fte, Literal(f"{staff.fte}", datatype=XSD.decimal)))
            if staff.name:
                t((node, RSP.person, self.person(staff.name)))
            if staff.post:
                t((node, RSP.postTitle, Literal(staff.post, lang="sv")))
            self._yearly(node)
            self.prov(node, staff.span)
        for i, collab in enumerate(ex.collaborations, start=1):
            node = URIRef(f"{doc}-collaboration-{i}")
            t((node, RDF.type, RSP.Collaboration))
            t((node, RSP.collaborator, self.actor(collab.actor)))
            step = self.concept("CollaborationStep", collab.step)
            if step is not None:
                t((node, RSP.collaborationStep, step))
            if collab.description:
                t((node, RSP.description, Literal(collab.description, lang="sv")))
            if collab.challenges:
                t((node, RSP.challenges, Literal(collab.challenges, lang="sv")))
            self._yearly(node)
            self.prov(node, collab.span)

    def _yearly(self, node: URIRef) -> None:
        self.t((node, RSP.reportedIn, self.doc))
        if self.ex.year:
            self.t((node, RSP.year, Literal(self.ex.year)))

    def person(self, name: str) -> URIRef:
        node = ID[f"person-{slug(name)}"]
        self.t((node, RDF.type, RSP.Person))
        self.t((node, FOAF.name, Literal(name)))
        return node

    def membership_organisation(self, person: model.PersonRole) -> URIRef:
        """The organisation a person's role is in: the one named, else the project group
        the role names, else the project owner or the responsible region."""
        if person.organisation:
            parts = [p.strip() for p in re.split(r"\s*/\s*|\s+och\s+", person.organisation) if p.strip()]
            known = [p for p in parts if self.gaz.lookup(p, self.ctx, ACTOR_KINDS).entity is not None]
            return self.actor((known or parts or [person.organisation])[0], RSP.Organisation)
        group = re.search(r"[\w\- ]*grupp\w*", person.role or "")
        if group and self.ex.projects:
            node = ID[f"project-{slug(self.ex.projects[0].name)}-{slug(group.group(0))}"]
            self.t((node, RDF.type, RSP.ProjectGroup))
            self.t((node, SKOS.prefLabel, Literal(group.group(0).strip(), lang="sv")))
            self.t((ID[f"project-{slug(self.ex.projects[0].name)}"], RSP.hasGroup, node))
            return node
        owner = (self.ex.projects[0].owner if self.ex.projects else None) or self.ex.region
        return self.actor(owner, RSP.Organisation) if owner else self.doc

    def people_and_projects(self, places: dict[str, URIRef]) -> None:
        t, doc = self.t, self.doc
        for i, person in enumerate(self.ex.people, start=1):
            node = self.person(person.name)
            membership = URIRef(f"{doc}-membership-{i}")
            t((membership, RDF.type, ORG.Membership))
            t((membership, ORG.member, node))
            t((membership, ORG.organization, self.membership_organisation(person)))
            if person.role:
                role = ID[f"role-{slug(person.role)}"]
                t((role, RDF.type, ORG.Role))
                t((role, RDFS.label, Literal(person.role, lang="sv")))
                t((membership, ORG.role, role))
            if person.fte is not None:
                t((membership, RSP.fte, Literal(f"{person.fte}", datatype=XSD.decimal)))
            t((membership, RSP.reportedIn, doc))
            self.prov(membership, person.span)
        for project in self.ex.projects:
            node = ID[f"project-{slug(project.name)}"]
            t((node, RDF.type, RSP.Project))
            t((node, RSP.title, Literal(project.name, lang="sv")))
            t((node, RSP.reportedIn, doc))
            if project.owner:
                t((node, RSP.owner, self.actor(project.owner)))
            for prop, value in ((RSP.startDate, project.start), (RSP.endDate, project.end)):
                if value:
                    datatype = XSD.date if len(value) == 10 else XSD.gYearMonth if len(value) == 7 else XSD.gYear
                    t((node, prop, Literal(value, datatype=datatype)))
            for name in project.participating_places:
                if name in places:
                    t((node, RSP.participatingPlace, places[name]))
            self.prov(node, project.span)


def reference_triples() -> list[Triple]:
    """The gazetteer, organisations and vocabularies, stored in their own graph so that
    queries can read labels and SHACL can check classes."""
    from rdflib import Graph

    from .resources import REFERENCE_FILES, SCHEMA_FILES, ontology_dir, read_text, vocabulary_files

    graph = Graph()
    folder = ontology_dir()
    for name in (*SCHEMA_FILES, *REFERENCE_FILES):
        graph.parse(data=read_text(folder, name), format="turtle")
    for file in vocabulary_files():
        graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return list(graph)


REFERENCE_GRAPH = ID["graph/reference"]
__all__ = ["REFERENCE_GRAPH", "MappedDocument", "document_iri", "map_extraction", "reference_triples"]
