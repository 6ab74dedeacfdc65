"""Finding actors, places, people and projects in running text and cells.

Everything here is driven by data (the gazetteer, the organisations, the given-name
list and the Swedish lexicon), never by the wording of a particular document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lexicon import area_names, common_words, given_names
from ..model import Extraction, Place, Project, Span
from ..resolve import ACTOR_KINDS, BRANCHING_KINDS, PLACE_KINDS, Context, Entity, Gazetteer, load_gazetteer
from ._text import clean

# Phrases that start the "resources" part of a combined actors-and-resources cell.
RESOURCE_CUE = re.compile(
    r"(?:\b(?:samtligt|samtliga|allt)\s+)?\b(?:inom|med|via|genom)\s+(?:ordinarie|befintlig\w*|egen|egna|"
    r"budget|ramen|projekt\w*)\b|\b(?:ordinarie|egen|egna)\s+(?:budget|medel|resurser)\b|"
    r"\bbudget\w*\b|\bfinansier\w*|\bprojektmedel\b|\bmedfinansier\w*",
    re.IGNORECASE)
_ACTOR_SEPARATORS = re.compile(r"\s*(?:[/,;:&+]|\.\s|\.$|\s-\s|\bi samråd med\b|\bi samråd\b|"
                               r"\bi samverkan med\b|\btillsammans med\b)\s*")
_CAPITALISED = re.compile(r"^[A-ZÅÄÖÉÜ]")


def document_context(text: str, gazetteer: Gazetteer | None = None) -> Context:
    """Guess the county a document is about from the names it mentions."""
    gaz = gazetteer or load_gazetteer()
    votes: Counter[str] = Counter()
    weight = {"Region": 3, "CountyAdministrativeBoard": 3, "MunicipalityGroup": 2, "County": 2,
              "MunicipalOrganisation": 1, "Municipality": 1}
    for res in gaz.scan(text, Context(), ACTOR_KINDS | PLACE_KINDS):
        county = gaz.county_of(res.entity) if res.entity else None
        if county and county.code and res.entity.kind in weight:
            votes[county.code] += weight[res.entity.kind]
    if not votes:
        return Context()
    (code, top), *rest = votes.most_common()
    if rest and rest[0][1] * 2 > top:  # no clear majority: a national document
        return Context()
    return Context(code)


# "RV = Region Västerbotten", "Lst: Länsstyrelsen Västerbotten" in a list of abbreviations
_DEFINITION = re.compile(
    r"(?<![\w-])([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,5})\.?\s*[=:]\s*([A-ZÅÄÖ][^,;=\n]{2,80}?)\s*(?=[,;]|\.\s|\.?$)",
    re.MULTILINE)
# "Region Västerbotten (RV)"
_PARENTHESISED_ABBREVIATION = re.compile(r"\(\s*([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,5})\s*\)")


def document_abbreviations(text: str, context: Context, gazetteer: Gazetteer | None = None) -> Context:
    """The context extended with the abbreviations the document defines for known actors."""
    gaz = gazetteer or load_gazetteer()
    pairs: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        short, full = m.group(1), m.group(2).strip()
        ent = gaz.lookup(full, context, ACTOR_KINDS).entity
        if ent is not None and sum(c.isupper() for c in short) >= 1 and short.lower() != full.lower():
            pairs.setdefault(short, ent.iri)
    for m in _PARENTHESISED_ABBREVIATION.finditer(text):
        before = text[max(0, m.start() - 100):m.start()].rstrip()
        found = [r for r in gaz.scan(before, context, ACTOR_KINDS) if r.entity is not None]
        if found and found[-1].end == len(before) and sum(c.isupper() for c in m.group(1)) >= 2:
            pairs.setdefault(m.group(1), found[-1].entity.iri)
    return context.with_abbreviations(pairs.items()) if pairs else context


@dataclass
class ActorSplit:
    actors: list[Entity | str]  # known entities, or unknown names kept as written
    resources: str
    unknown: list[str]


def split_actors(cell: str, context: Context, gazetteer: Gazetteer | None = None) -> ActorSplit:
    """Split a responsible-actor cell into actors (longest known names first).

    "Region Jämtland Härjedalen Länets kommuner Länsstyrelsen" -> three actors. A capitalised
    remainder that names no known actor is kept as a new actor and reported in ``unknown``;
    lower-case prose and the resources part ("inom ordinarie budget") are not actors.
    """
    text = clean(cell)
    resources = ""
    cue = RESOURCE_CUE.search(text)
    if cue:
        text, resources = text[: cue.start()], text[cue.start():]
    reader = _ActorCell(text, context, gazetteer or load_gazetteer())
    reader.read()
    unique: dict[str, Entity | str] = {}  # each actor once, in the order first named
    for actor in reader.found:
        unique.setdefault(actor.iri if isinstance(actor, Entity) else actor.lower(), actor)
    return ActorSplit(list(unique.values()), resources.strip(), reader.unknown)


class _ActorCell:
    """One pass over an actor cell: known names from the gazetteer, and what lies between them."""

    def __init__(self, text: str, context: Context, gaz: Gazetteer):
        self.text, self.context, self.gaz = text, context, gaz
        self.found: list[Entity | str] = []
        self.unknown: list[str] = []
        self.last_surface = ""  # how the last known organisation was written, for branch names

    def read(self) -> None:
        text = self.text
        matches = self.gaz.scan(text, self.context, ACTOR_KINDS | PLACE_KINDS)
        cursor = skip_until = 0
        for k, res in enumerate(matches):
            if res.start < skip_until:
                continue
            chunk = text[cursor:res.start]
            m = _UNKNOWN_IN_COUNTY.search(chunk) if res.entity and res.entity.kind == "County" else None
            if m:  # "Länstrafiken i Västerbotten": an unknown organisation named after the county
                self.between(chunk[: m.start()])
                self.add_unknown(text[cursor + m.start():res.end])
                cursor = res.end
                continue
            self.between(chunk)
            cursor = res.end
            if res.entity is None or res.entity.kind not in ACTOR_KINDS:
                continue
            self.last_surface = text[res.start:res.end]
            following = matches[k + 1] if k + 1 < len(matches) else None
            end = _branch_end(text, res.end, following) if res.entity.kind in BRANCHING_KINDS else None
            if end is not None:  # "Coompanion Västerbotten", "Almi Företagspartner Nord"
                self.found.append(text[res.start:end])
                cursor = skip_until = end
                continue
            self.found.append(res.entity)
        self.between(text[cursor:])

    def between(self, chunk: str) -> None:
        """Text between known names: known names in lower case, branch names, new actors."""
        for piece in _ACTOR_SEPARATORS.split(chunk):
            piece = piece.strip(" .,-–()")
            if not piece:
                continue
            known = self.gaz.lookup(piece, self.context, ACTOR_KINDS).entity
            if known is not None:  # "Region Gävleborg, kommunerna"
                self.found.append(known)
            elif self._names_a_branch(piece, chunk):  # "Almi GävleDala"
                self.found[-1] = f"{self.last_surface} {piece}"
            elif _CAPITALISED.match(piece) and len(piece.split()) <= 6 \
                    and piece.lower() not in {"och", "samt", "m.fl", "mfl", "m fl"}:
                self.add_unknown(piece)

    def _names_a_branch(self, piece: str, chunk: str) -> bool:
        """An unknown capitalised word right after an organisation (no separator) names its branch."""
        last = self.found[-1] if self.found else None
        return (isinstance(last, Entity) and last.kind in BRANCHING_KINDS and len(piece.split()) == 1
                and bool(_CAPITALISED.match(piece)) and chunk.lstrip().startswith(piece)
                and chunk[:1] not in ",;/" and piece.lower() not in common_words())

    def add_unknown(self, name: str) -> None:
        self.found.append(name)
        self.unknown.append(name)


_UNKNOWN_IN_COUNTY = re.compile(r"(?<![\w-])[A-ZÅÄÖ][\w\-]+(?:\s+[\w\-]+){0,3}?\s+i\s+$")
_COMPASS_TAIL = re.compile(r"\s+(?:Nord|Syd|Norr|Söder|Öst|Väst|Mitt|Mellersta\s+Sverige|Norra\s+Sverige)\b")


def _branch_end(text: str, end: int, following) -> int | None:
    """Where a branch name that starts with a known organisation ends, if it is one."""
    m = _COMPASS_TAIL.match(text, end)
    if m:
        return m.end()
    if (following is not None and following.entity is not None and following.entity.kind == "County"
            and re.fullmatch(r"\s+(?:i\s+)?", text[end:following.start])):
        return following.end
    return None


def actor_name(actor: Entity | str) -> str:
    return actor.name if isinstance(actor, Entity) else actor


# ----------------------------------------------------------------------------- places
_MUNI_SUFFIX = r"(?:s)?\s+(?:kommun|kn)\b"
_LOCALITY = r"[A-ZÅÄÖ][\wåäöÅÄÖéü\-]+(?:/[A-ZÅÄÖ][\wåäöÅÄÖéü\-]+)?"
_LIST = rf"{_LOCALITY}(?:\s*,\s*{_LOCALITY})*(?:\s+(?:och|samt)\s+{_LOCALITY})?"
# "Lillhärdal (Härjedalens kn)"
_IN_PARENS = re.compile(rf"({_LIST})\s*\(\s*([^()]+?)\s*\)")
# "Valsjöbyn och Rötviken i Krokoms kn", "Hallen, Åre kn", "Sillerud i Värmland"
_IN_PLACE = re.compile(rf"({_LIST})(?:\s+i\s+|\s*,\s*)"
                       rf"([A-ZÅÄÖ][\wåäöÅÄÖ\- ]+?(?:{_MUNI_SUFFIX}|\s+län\b)?)(?=[\s.,;)]|$)")
# "från t ex Vitvattnet, Trångsviken och Öje"
_FROM_LIST = re.compile(rf"\b(?:från|i|på|vid|mellan)\s+(?:t\s*\.?\s*ex\.?\s+|exempelvis\s+|bl\.?\s*a\.?\s+)?({_LIST})")
# "butiken i Kuttainen", "servicepunkten i Jävre", "kontoret i Luleå": a named place after a
# noun for a service point or a settlement
_AT_SERVICE_PLACE = re.compile(
    r"\b(?:butik\w*|lanthandel\w*|affär\w*|servicepunkt\w*|servicekontor\w*|ombud\w*|mack\w*|"
    r"\w*station\w*|\w*anläggning\w*|mack\w*|by|byn|byarna|orten|samhället|tätorten|kontoret|skolan)\s+i\s+"
    r"([A-ZÅÄÖ][\wåäöé\-]+)(?![\w-])(?!\s+(?:kommun|kn|län)\b)")
_IN_NAME = re.compile(r"(?<![\w-])(?:i|från|till|vid)\s+([A-ZÅÄÖ][a-zåäöé]{2,}(?:-[A-ZÅÄÖ][a-zåäöé]+)?)"
                      r"(?=\s*(?:[.,;:)]|och\s|samt\s|$))")
# Compounds that name an organisation, not a place ("Länstrafiken i Västerbotten")
_ORGANISATION_WORD = re.compile(r"(?:trafik|förening|förbund|bolag|verket|styrelse|kommun|region|institut|"
                                r"nätverk|partner|företag|rådet|kontor)(?:en|et|na|erna)?$", re.IGNORECASE)
_NOT_PLACES = frozenset({"sverige", "norge", "finland", "danmark", "europa", "eu", "norden", "landet", "länet"})


class PlaceCollector:
    """Collects the places of one document, each once, with the first span seen."""

    def __init__(self, extraction: Extraction, context: Context, gazetteer: Gazetteer | None = None):
        self.ex = extraction
        self.ctx = context
        self.gaz = gazetteer or load_gazetteer()
        self.places: dict[str, Place] = {}
        self.localities: set[str] = set()

    def _add(self, place: Place) -> Place:
        key = place.name.lower()
        existing = self.places.get(key)
        if existing is None:
            self.places[key] = place
            return place
        existing.municipality = existing.municipality or place.municipality
        existing.county = existing.county or place.county
        return existing

    def add_entity(self, ent: Entity, span: Span | None) -> Place:
        if ent.kind == "County":
            return self._add(Place(ent.name, "county", span=span))
        county = self.gaz.county_of(ent)
        if ent.kind == "Locality":
            return self._add(Place(ent.name, "locality", county=county.name if county else None, span=span))
        # the county is known from the gazetteer; it is a place of the document only where named
        return self._add(Place(ent.name, "municipality", county=county.name if county else None, span=span))

    def add_locality(self, name: str, span: Span | None, municipality: Entity | None = None,
                     county: Entity | None = None, uncertain: bool = False) -> Place:
        name = name.strip(" ?.,")
        if county is not None:
            self._add(Place(county.name, "county", span=span))
        if municipality is not None:
            county = county or self.gaz.county_of(municipality)
            self.add_entity(municipality, span)
        self.localities.add(name)
        return self._add(Place(name, "locality", municipality.name if municipality else None,
                               county.name if county else None, uncertain, span))

    def add_town(self, name: str, municipality: Entity, span: Span | None) -> Place:
        """The town a municipality is named after: a locality in that municipality."""
        if name.endswith("s") and self._place(name[:-1]) is municipality:
            name = name[:-1]  # "Torsbys norra delar": the genitive of Torsby
        county = self.gaz.county_of(municipality)
        self.localities.add(name)
        return self._add(Place(name, "locality", municipality.name, county.name if county else None, span=span))

    def _place(self, text: str) -> Entity | None:
        res = self.gaz.lookup(text, self.ctx, PLACE_KINDS)
        return res.entity

    def scan(self, text: str, span: Span | None) -> list[Place]:
        """Every place in ``text``: gazetteer names and localities in telling patterns."""
        text = clean(text)
        found = self._in_parentheses(text, span) + self._in_a_place(text, span) + self._listed(text, span)
        found += self._after_preposition(text, span)
        towns, at_service = self._at_service_places(text, span)
        found += at_service + self._gazetteer_names(text, span, towns)
        found += [self.places[name.lower()] for name in list(self.localities)
                  if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
        return found

    def _in_parentheses(self, text: str, span: Span | None) -> list[Place]:
        """"Lillhärdal (Härjedalens kn)", "Rimforsa (Kinda)", "Gusum och Ringarum (Valdemarsvik)"."""
        found = []
        for m in _IN_PARENS.finditer(text):
            muni = self._place(m.group(2))
            if muni is None or muni.kind != "Municipality":
                continue
            names = re.split(r"\s*,\s*|\s+(?:och|samt)\s+", m.group(1))
            if len(names) > 1 and any(self._place(n) or self._is_word(n) or self._known_actor(n) for n in names):
                names = names[-1:]  # only the last name is surely the place in parentheses
            found += [self.add_locality(name, span, muni) for name in names
                      if self._place(name) is None and not self._known_actor(name)]
        return found

    def _in_a_place(self, text: str, span: Span | None) -> list[Place]:
        """"Valsjöbyn och Rötviken i Krokoms kn", "Hallen, Åre kn", "Sillerud i Värmlands län"."""
        found = []
        for m in _IN_PLACE.finditer(text):
            where = self._place(m.group(2).strip())
            if where is None or where.kind not in ("Municipality", "County") or m.group(2).strip()[:1].islower():
                continue
            # "samt Hallen, Åre kn": a named municipality vouches for a name that is also a word
            vouched = bool(re.search(rf"{_MUNI_SUFFIX}$", m.group(2))) and not _sentence_initial(text, m.start())
            muni = where if where.kind == "Municipality" else None
            county = where if where.kind == "County" else None
            for name in re.split(r"\s*,\s*|\s+(?:och|samt)\s+", m.group(1)):
                if self._place(name) is None and not self._known_actor(name) and (
                        not self._is_word(name) or (vouched and not _ORGANISATION_WORD.search(name))):
                    found.append(self.add_locality(name, span, muni, county))
        return found

    def _listed(self, text: str, span: Span | None) -> list[Place]:
        """"från t ex Vitvattnet, Trångsviken och Öje", "mellan Charlottenberg och Koppom"."""
        found = []
        for m in _FROM_LIST.finditer(text):
            names = re.split(r"\s*,\s*|\s+(?:och|samt)\s+", m.group(1))
            if (len(names) < 2 and not m.group(0).lower().startswith("från")) \
                    or any(n.isupper() or len(n) < 3 for n in names):
                continue
            candidates = [n for n in names if self._place(n) is None and not self._known_actor(n)
                          and n not in area_names()]
            # a list of names may hold one that is also a word ("Höljes, Sysslebäck och Ekshärad")
            words = sum(self._is_word(n) for n in names)
            if candidates and len(candidates) == len(names) and (words == 0 or (len(names) >= 3 and words == 1)):
                found += [self.add_locality(n, span) for n in candidates]
        return found

    def _after_preposition(self, text: str, span: Span | None) -> list[Place]:
        """"dagskassehantering i Bergsjö": an unknown capitalised name after "i" is a place."""
        return [self.add_locality(m.group(1), span) for m in _IN_NAME.finditer(text)
                if self._place(m.group(1)) is None and not self._is_word(m.group(1))
                and not self._known_actor(m.group(1)) and m.group(1) not in given_names()
                and m.group(1) not in area_names() and not find_people(text[m.start(1):m.start(1) + 60])]

    def _at_service_places(self, text: str, span: Span | None) -> tuple[set[int], list[Place]]:
        """"butiken i Kuttainen", "kontoret i Luleå" (the town, not the municipality); also
        returns where the towns stand, so that the gazetteer pass leaves them alone."""
        towns: set[int] = set()
        found = []
        for m in _AT_SERVICE_PLACE.finditer(text):
            name, where = m.group(1), self._place(m.group(1))
            if where is not None and where.kind == "Municipality" and " " not in name:
                found.append(self.add_locality(name, span))
                towns.add(m.start(1))
            elif where is None and not self._is_word(name) and not self._known_actor(name):
                found.append(self.add_locality(name, span))
        return towns, found

    def _gazetteer_names(self, text: str, span: Span | None, towns: set[int]) -> list[Place]:
        """Counties and municipalities the gazetteer knows, and towns named like their municipality."""
        found = []
        people = find_people(text)
        for res in self.gaz.scan(text, self.ctx, PLACE_KINDS):
            ent = res.entity
            if ent is None or ent.kind not in PLACE_KINDS or res.start in towns:
                continue
            if " " in res.text.strip() or ent.kind != "Municipality":
                found.append(self.add_entity(ent, span))
                continue
            # a bare municipality name ("Bollnäs")
            if (_sentence_initial(text, res.start) and self._is_word(res.text)) \
                    or any(start <= res.start < end for _, start, end in people) \
                    or _GENITIVE_OF_ORGANISATION.match(text, res.end - 1):
                continue  # a word, a surname ("Håkan Berg"), part of a name ("Karlstads universitet")
            if ent.name.lower() not in self.places and not _about_municipalities(text, res.start, res.end):
                # "koncentrerad till Falun och Borlänge": the town, unless the text speaks of
                # municipalities ("i kommunerna Östersund, Bräcke och Åre")
                found.append(self.add_town(res.text.strip(), ent, span))
            else:
                found.append(self.add_entity(ent, span))
        return found

    def _is_word(self, name: str) -> bool:
        if name.lower() in _NOT_PLACES or _ORGANISATION_WORD.search(name):
            return True
        return all(part.lower() in common_words() for part in re.split(r"[/\s]+", name) if part)

    def _known_actor(self, name: str) -> bool:
        return self.gaz.lookup(name, self.ctx, ACTOR_KINDS).entity is not None

    def result(self) -> list[Place]:
        return list(self.places.values())


_GENITIVE_OF_ORGANISATION = re.compile(r"s\s+(?:universitet|högskola|kommun|län|stift|hamn|flygplats)\b")
_MUNICIPALITY_WORD = re.compile(r"\bkommun(?:en|er|erna|s)?\b|\bkn\b", re.IGNORECASE)


def _about_municipalities(text: str, start: int, end: int) -> bool:
    """Whether a bare municipality name stands in a list of municipalities: the clause before
    it or the list it ends names municipalities ("kommunerna: Sorsele, Malå", "Sorsele och Malå
    kommuner", "Krokoms kn, Östersund")."""
    before = re.split(r"[.!?]\s", text[max(0, start - 80):start])[-1]
    after = re.split(r"[.!?](?:\s|$)", text[end:end + 60])[0]
    list_after = re.match(r"^(?:\s*(?:,|och|samt|/)\s*[A-ZÅÄÖ][\w\-]+)*\s+(kommun\w*|kn)\b", after)
    return bool(_MUNICIPALITY_WORD.search(before) or list_after)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;•*-–\t(" or before.endswith("<p>")




# ----------------------------------------------------------------------------- people


_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüß]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüß]+)?"
_PERSON = re.compile(rf"(?<![\w-])({_NAME_WORD})((?:\s+{_NAME_WORD}){{1,2}})(?![\w-])")


def find_people(text: str) -> list[tuple[str, int, int]]:
    """Person names: a known given name followed by one or two capitalised surnames."""
    names = given_names()
    out = []
    for m in _PERSON.finditer(text):
        first = m.group(1)
        if first not in names:
            continue
        rest = m.group(2).split()
        # a second given name after the first is fine ("Anna Karin Berg"); an all-given-name
        # pair is not a person unless a surname follows
        while rest and rest[-1] in names and len(rest) > 1:
            rest.pop()
        full = " ".join([first, *rest])
        out.append((full, m.start(), m.start() + len(full)))
    return out


# "Karin Backlund, strateg för kommersiell service på RD", "Eva Sundqvist, utvecklingsledare, Region
# Värmland", "Ulrika Mattsson från HSSL Dalarna"
_ROLE_AFTER = re.compile(r"\s*,\s*(?P<role>[a-zåäö][^,;.()]{2,80}?)"
                         r"(?:(?:\s+(?:på|i|vid|hos|inom|från)\s+|\s*,\s*)(?P<org>[A-ZÅÄÖ][^,;.()]{1,80}))?"
                         r"(?=\s*(?:[,;.)]|och\b|$))")
_ORG_AFTER = re.compile(r"\s+(?:från|på|vid|hos)\s+(?P<org>[A-ZÅÄÖ][^,;.()]{1,80}?)(?=\s*(?:[,;.)]|och\b|$))")


def people_with_roles(text: str, context: Context, gazetteer: Gazetteer | None = None
                      ) -> list[tuple[str, str | None, str | None, int]]:
    """People named in running text, with the role and organisation written next to them:
    (name, role, organisation, offset). An organisation is given by its known name when it
    resolves, else as written."""
    gaz = gazetteer or load_gazetteer()
    out = []
    for name, start, end in find_people(text):
        role = org = None
        m = _ROLE_AFTER.match(text, end) or _ORG_AFTER.match(text, end)
        if m:
            role = m.groupdict().get("role")
            org_text = (m.group("org") or "").strip()
            if org_text:
                org = organisation_name(org_text, context, gaz)
        out.append((name, role.strip() if role else None, org, start))
    return out


def organisation_name(text: str, context: Context, gazetteer: Gazetteer | None = None) -> str:
    """An organisation as the graph names it: its known name, a branch as written
    ("Coompanion Västerbotten"), or the text itself."""
    gaz = gazetteer or load_gazetteer()
    ent = gaz.lookup(text, context, ACTOR_KINDS).entity
    if ent is not None:
        return ent.name
    branch = gaz.branch(text, context)
    return branch[1] if branch else text


# ----------------------------------------------------------------------------- projects
_PROJECT = re.compile(
    r"\b[Pp]rojekt(?:et)?\s*:?\s+(?:<i>\s*)?(?:[\"”“«]([A-ZÅÄÖ][^\"”“»\n]{2,120})[\"”“»]|"
    r"([A-ZÅÄÖ][^.<:;\n\"”“»]*?)\s*(?=</i>|\.(?:\s|$)|[<:;\"”“»]|\s+-\s|\s+–\s|"
    r"\s+enligt\b|\s+som\b|\s+vilket\b|\s+där\b|\s+med\s+syfte|$))")
_MONTHS = {m: i for i, m in enumerate(
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
     "november", "december"], start=1)}
_MONTH_YEAR = re.compile(r"\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
                         r"december)\s*,?\s*(\d{4})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_projects(text: str) -> list[tuple[str, str | None, int]]:
    """Named projects ("projektet Resurser till ..."), with a start month when one is given
    just before ("Från juli, 2023 ... Projekt X")."""
    plain = text
    out = []
    for m in _PROJECT.finditer(plain):
        name = clean(m.group(1) or m.group(2)).strip(" ,")  # quoted, or up to where the name ends
        if len(name.split()) < 2 or len(name) > 160:
            continue
        start = None
        before = plain[max(0, m.start() - 120): m.start()]
        dates = list(_MONTH_YEAR.finditer(before))
        if dates and re.search(r"\b(från|fr\.?o\.?m\.?|sedan|start)\b", before, re.IGNORECASE):
            month, year = dates[-1].group(1).lower(), dates[-1].group(2)
            start = f"{year}-{_MONTHS[month]:02d}"
        out.append((name, start, m.start()))
    return out


def parse_period(text: str) -> tuple[str | None, str | None]:
    """'Juni 2010 – 2011-09-30' -> ('2010-06', '2011-09-30')."""
    parts = re.split(r"\s*-{2,}\s*|\s+[–-]\s+|\s*–\s*|\s+till\s+och\s+med\s+|\s+till\s+|\s+t\.?\s?o\.?\s?m\.?\s+",
                     text.strip().rstrip("."), maxsplit=1)
    return (_date(parts[0]) if parts else None, _date(parts[1]) if len(parts) > 1 else None)


def _date(text: str) -> str | None:
    m = _ISO_DATE.search(text)
    if m:
        return m.group(0)
    m = _MONTH_YEAR.search(text)
    if m:
        return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"
    m = re.search(r"\b(19|20)\d{2}\b", text)
    return m.group(0) if m else None


def add_projects(ex: Extraction, text: str, span_of) -> None:
    seen = {p.name.lower() for p in ex.projects}
    found = find_projects(text)
    names = {name.lower() for name, _, _ in found} | seen
    for name, start, offset in found:
        # an unmarked mention runs on into the sentence ("projektet X gett resurser till ..."):
        # when a shorter mention names the same project, that one is the name
        name = next((other for other in sorted(names, key=len)
                     if name.lower().startswith(other + " ") and len(other.split()) >= 2), name)
        name = next((p.name for p in ex.projects if p.name.lower() == name.lower()),
                    next((n for n, _, _ in found if n.lower() == name.lower()), name))
        if name.lower() in seen:
            for p in ex.projects:
                if p.name.lower() == name.lower() and start and not p.start:
                    p.start = start
            continue
        seen.add(name.lower())
        ex.projects.append(Project(name, start=start, span=span_of(offset)))
