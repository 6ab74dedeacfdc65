"""Project memos (PM): project name, owner, period, people in their groups and roles,
organisations, and the places table (locality, municipality, county) in any layout."""

from __future__ import annotations

import re

from ..model import Extraction, PersonRole, Project
from ..resolve import ACTOR_KINDS, Context, load_gazetteer
from ._document import DocumentMeta, resolve_context
from ._entities import PlaceCollector, find_people, find_projects, organisation_name, parse_period
from ._text import SourceText, cells, clean

HEADING = re.compile(r"^\s*([A-ZÅÄÖ][\w\-/ ,åäöÅÄÖ]{2,60}?)\s*[.:]?\s*$")
ROLE_CUE = re.compile(r"\b(projektledar\w*|projektsamordnar\w*|samordnar\w*|v(?:ice)?\.?\s+ordförande\w*|"
                      r"ordförande\w*|utredar\w*|sammankallande|kontaktperson\w*|sekreterar\w*|ledamot|ledamöter)\b",
                      re.IGNORECASE)
GROUP_CUE = re.compile(r"\b(central\w*\s+projektgrupp\w*|projektgrupp\w*|styr-\s+och\s+referensgrupp\w*|"
                       r"styrgrupp\w*|referensgrupp\w*|arbetsgrupp\w*)\b", re.IGNORECASE)
ORG_LINE = re.compile(r"^\s*([^:]{2,120}?)\s*:\s*(.+)$")
PLACE_COLUMNS = {"ort": "locality", "orter": "locality", "kommun": "municipality", "kommuner": "municipality",
                 "län": "county", "länsstyrelse": "county", "länsstyrelser": "county"}


INLINE_FIELD = re.compile(r"^(projektnamn|projektets namn|projektägare|huvudman|projekttid|projektperiod|tidsperiod|"
                          r"period)\s*:\s*(\S.*)$", re.IGNORECASE)
# "3. Deltagande orter": a numbered section heading
NUMBERED_HEADING = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+([A-ZÅÄÖ][^.:]{1,60})$")
PLACES_SECTION = re.compile(r"\b(?:orter|platser|byar|servicepunkter|deltagande)\b", re.IGNORECASE)
BULLET = re.compile(r"^\s*[•\-*–·▪◦]\s+")


def _title_in_capitals(src: SourceText, gaz, ctx: Context) -> str | None:
    """A memo's project named only by its title in capitals ("LEVANDE BYAR I BLEKINGE"),
    written back in sentence case with names kept capitalised."""
    for _, line in src.numbered(1, min(len(src.lines), 15)):
        text = clean(line)
        words = text.split()
        if len(words) >= 2 and text.isupper() and gaz.lookup(text, ctx, ACTOR_KINDS).entity is None:
            out = []
            for k, word in enumerate(words):
                proper = gaz.lookup(word.capitalize(), ctx).entity or gaz.lookup(word.capitalize(), ctx,
                                                                                 frozenset({"County"})).entity
                out.append(word.capitalize() if k == 0 or proper else word.lower())
            return " ".join(out)
    return None


def _field_name(label: str) -> str:
    label = label.lower()
    if label.startswith("projektnamn") or label.startswith("projektets"):
        return "projektnamn"
    return "projektägare" if label in ("projektägare", "huvudman") else "projekttid"


def _role_lemma(cue: str) -> str:
    cue = cue.lower()
    for stem, lemma in (("projektledar", "projektledare"), ("projektsamordnar", "projektsamordnare"),
                        ("samordnar", "samordnare"), ("utredar", "utredare"), ("sekreterar", "sekreterare"),
                        ("kontaktperson", "kontaktperson")):
        if cue.startswith(stem):
            return lemma
    if re.match(r"v(ice)?\.?\s+ordförande", cue):
        return "vice ordförande"
    if cue.startswith("ordförande"):
        return "ordförande"
    return cue


def _group_lemma(cue: str) -> str:
    cue = re.sub(r"\s+", " ", cue.lower())
    cue = re.sub(r"(grupp)\w*$", r"\1", cue)
    return re.sub(r"^central\w*", "central", cue)


def parse_project_memo(src: SourceText, meta: DocumentMeta | None = None) -> Extraction:
    ex = Extraction(source=src.name, kind="project_memo", line_count=len(src.lines))
    gaz = load_gazetteer()
    ctx = Context()  # a memo may span the whole country: no county context unless the manifest says so
    if meta and (meta.region or meta.county):
        ctx = resolve_context(src, ex, meta, gaz)
    places = PlaceCollector(ex, ctx, gaz)
    fields: dict[str, tuple[str, int]] = {}
    heading: str | None = None
    section: str | None = None
    table_lines: list[tuple[int, str]] = []
    table_columns: list[str] = []
    table_localities: list[str] = []
    in_places_section = False

    lines = list(src.numbered())
    i = 0
    while i < len(lines):
        n, line = lines[i]
        stripped = clean(line)
        i += 1
        if not stripped:
            continue
        if "\t" in line and _PEOPLE_HEADER.match(clean(cells(line)[0])):
            # "Namn<TAB>Organisation<TAB>Roll": a group's members, one per row
            i = _people_table(ex, lines, i, [clean(c).lower() for c in cells(line)], section, src, ctx)
            continue
        if "\t" in line:
            header = [PLACE_COLUMNS.get(clean(c).lower().rstrip(".:")) for c in cells(line)]
            if len([h for h in header if h]) >= 2 and all(header):
                # "Ort<TAB>Kommun<TAB>Län": one row per line, '"' or '-"-' repeats the row above
                rows, i = _tab_rows(lines, i, len(header))
                table_localities += _place_table(ex, places, [h or "" for h in header], rows, src)
                continue
        key = stripped.lower().rstrip(".:")
        if key in PLACE_COLUMNS and (not table_columns or PLACE_COLUMNS[key] not in table_columns):
            table_columns.append(PLACE_COLUMNS[key])
            continue
        if table_columns and len(table_columns) >= 2:
            if len(stripped.split()) <= 3 and not stripped.endswith("."):
                table_lines.append((n, stripped))
                continue
            table_localities += _place_table(ex, places, table_columns, table_lines, src)
            table_columns, table_lines = [], []
        inline = INLINE_FIELD.match(stripped)
        if inline:  # "Projektägare: Fyrbodals kommunalförbund"
            fields.setdefault(_field_name(inline.group(1)), (inline.group(2), n))
            continue
        if heading is not None and heading not in fields:
            fields[heading] = (stripped, n)
        numbered = NUMBERED_HEADING.match(stripped)
        if numbered and len(stripped.split()) <= 7:
            heading, section = numbered.group(1).lower(), None
            in_places_section = bool(PLACES_SECTION.search(numbered.group(1)))
            continue
        if in_places_section and BULLET.match(line):
            # "• Gusum och Ringarum (Valdemarsvik)": the places taking part
            table_localities += [p.name for p in places.scan(stripped, src.span(n)) if p.type == "locality"]
            continue
        is_heading = (bool(HEADING.match(stripped)) and stripped.endswith(".") and len(stripped.split()) <= 6) \
            or (len(stripped.split()) <= 5 and GROUP_CUE.search(stripped) and not ORG_LINE.match(stripped))
        if is_heading:
            heading = key
            group = GROUP_CUE.search(stripped)
            section = _group_lemma(group.group(1)) if group else None
            continue
        _people(ex, stripped, n, section, src, ctx)
        places.scan(stripped, src.span(n))
    if table_columns and table_lines:
        table_localities += _place_table(ex, places, table_columns, table_lines, src)

    owner_line = fields.get("projektägare")
    period = fields.get("projekttid")
    name = None
    if "projektnamn" in fields:  # "Projektnamn: Service i hela bygden (SiHB)"
        name = re.sub(r"\s*\([^)]*\)\s*$", "", fields["projektnamn"][0]).strip(" .")
    for found_name, _, _ in find_projects(src.text) if name is None else []:
        name = re.split(r"\s+[-–]\s+", found_name)[0]
        break
    if name is None and owner_line:
        name = _title_in_capitals(src, gaz, ctx)
    if name:
        start, end = parse_period(period[0]) if period else (None, None)
        owner = None
        if owner_line:
            res = gaz.lookup(owner_line[0].rstrip("."), ctx, ACTOR_KINDS)
            owner = res.entity.name if res.entity else owner_line[0].rstrip(".")
        participating = list(dict.fromkeys(table_localities))
        ex.projects.append(Project(name, owner, start, end, participating, src.span(1, period[1] if period else 1)))
        if start:
            ex.year = int(start[:4])
    if meta and meta.year:
        ex.year = meta.year
    ex.places = places.result()
    ex.organisations = _organisations(src, ex, ctx)
    for person in ex.people:
        if person.organisation is None and person.role in ("ordförande", "vice ordförande") and ex.projects:
            person.organisation = ex.projects[0].owner
    ex.people = _one_entry_per_person(ex.people)
    return ex


# "Ljusnedal?", "Jävre (prel.)": a place the memo is not sure of yet
_UNCERTAIN = re.compile(r"\s*(\?|\((?:prel\.?|preliminär[t]?|osäker[t]?|ev\.?)\))\s*$", re.IGNORECASE)


def _one_entry_per_person(people: list[PersonRole]) -> list[PersonRole]:
    """A memo names a person once per group they sit in: one entry, with every role."""
    merged: dict[tuple[str, str | None], PersonRole] = {}
    for person in people:
        key = (person.name, person.organisation)
        first = merged.get(key)
        if first is None:
            merged[key] = person
        elif person.role and person.role not in (first.role or ""):
            first.role = f"{first.role}; {person.role}" if first.role else person.role
    return list(merged.values())


_PEOPLE_HEADER = re.compile(r"^(?:namn|person|ledamot|ledamöter)$", re.IGNORECASE)


def _people_table(ex: Extraction, lines: list[tuple[int, str]], i: int, header: list[str], section: str | None,
                  src: SourceText, ctx: Context) -> int:
    """The rows of a people table below its header; returns the index after the table."""
    gaz = load_gazetteer()
    org_at = next((k for k, h in enumerate(header) if h.startswith(("organisation", "företräder", "arbetsgivare"))),
                  None)
    role_at = next((k for k, h in enumerate(header) if h.startswith(("roll", "funktion", "uppdrag"))), None)
    while i < len(lines) and "\t" in lines[i][1]:
        n, line = lines[i]
        row = [clean(c) for c in cells(line)] + [""] * len(header)
        i += 1
        people = find_people(row[0])
        if not people or people[0][1] != 0:
            continue  # "(vakant)", or not a person
        organisation = row[org_at] if org_at is not None else None
        if organisation:
            organisation = organisation_name(organisation, ctx, gaz)
        role = ", ".join(r for r in (section, row[role_at] if role_at is not None else None) if r) or None
        ex.people.append(PersonRole(people[0][0], role, organisation or None, None, src.span(n)))
    return i


_DITTO = re.compile(r'^\s*(?:-?["”“〃\']-?|d:o|dito|-"-)\s*$', re.IGNORECASE)


def _tab_rows(lines: list[tuple[int, str]], i: int, width: int) -> tuple[list[tuple[int, str]], int]:
    """The values of the TAB-separated rows from ``lines[i]`` on, row after row, with ditto
    marks replaced by the value above; and the index after the table."""
    values: list[tuple[int, str]] = []
    previous = [""] * width
    while i < len(lines) and "\t" in lines[i][1]:
        n, line = lines[i]
        row = (cells(line) + [""] * width)[:width]
        row = [previous[k] if _DITTO.match(v) else clean(v) for k, v in enumerate(row)]
        values += [(n, v) for v in row]
        previous = row
        i += 1
    return values, i


def _place_table(ex: Extraction, places: PlaceCollector, columns: list[str], values: list[tuple[int, str]],
                 src: SourceText) -> list[str]:
    """Values written one per line, row after row (ort, kommun, län): regroup them by the
    column count and check each against the gazetteer."""
    gaz = places.gaz
    width = len(columns)
    localities: list[str] = []
    if len(values) % width:
        ex.warn(values[0][0] if values else None,
                f"the places table has {len(values)} values, not a multiple of its {width} columns; "
                "the last row is incomplete")
    for r in range(0, len(values) - width + 1, width):
        row = dict(zip(columns, values[r:r + width], strict=False))
        span = src.span(values[r][0], values[r + width - 1][0])
        muni = county = None
        if "municipality" in row:
            muni = gaz.lookup(row["municipality"][1], Context(), frozenset({"Municipality"})).entity
            if muni is None:
                ex.warn(row["municipality"][0], f"{row['municipality'][1]!r} is not a known municipality")
        if "county" in row:
            county = gaz.lookup(row["county"][1], Context(), frozenset({"County"})).entity
            if county is None:
                ex.warn(row["county"][0], f"{row['county'][1]!r} is not a known county")
        if "locality" in row:
            name = row["locality"][1]
            marker = _UNCERTAIN.search(name)
            uncertain = marker is not None
            if uncertain:
                name = name[: marker.start()]
                ex.warn(row["locality"][0], f"the place {name!r} is marked uncertain in the source")
            place = places.add_locality(name, span, muni, county, uncertain)
            localities.append(place.name)
        elif muni is not None:
            places.add_entity(muni, span)
    return localities


def _people(ex: Extraction, text: str, n: int, section: str | None, src: SourceText, ctx: Context) -> None:
    org_line = ORG_LINE.match(text)
    found = find_people(text)
    if not found:
        return
    for name, start, end in found:
        organisation = None
        if org_line and start >= org_line.start(2):
            organisation = org_line.group(1).strip()
        else:
            after = text[end:end + 80]
            m = re.match(r"\s*,\s*([A-ZÅÄÖ][^,.;]+)", after)
            known = load_gazetteer().lookup(m.group(1), ctx, ACTOR_KINDS).entity if m else None
            if known is not None and not ROLE_CUE.match(m.group(1)):  # type: ignore[union-attr]
                organisation = known.name
        roles = []
        before = text[:start]
        cue = list(ROLE_CUE.finditer(before))
        if cue and not re.search(r"\bsamt\b", before[cue[-1].end():]):
            roles.append(_role_lemma(cue[-1].group(1)))
        after_cue = ROLE_CUE.match(text[end:].lstrip(" ,"))
        if after_cue:
            roles.append(_role_lemma(after_cue.group(1)))
        group = GROUP_CUE.search(text)
        group_name = _group_lemma(group.group(1)) if group else section
        if group_name:
            roles.append(("adjungerad till " if re.search(r"adjunger", text, re.I) else "") + group_name)
        extra = re.match(r"\s*\(([^)]+)\)", text[end:])
        role = ", ".join(dict.fromkeys(roles)) or None
        if extra and role:
            role = f"{role} ({extra.group(1)})"
        ex.people.append(PersonRole(name, role, organisation, None, src.span(n)))


def _organisations(src: SourceText, ex: Extraction, ctx: Context) -> list[str]:
    gaz = load_gazetteer()
    names: dict[str, None] = {}
    for res in gaz.scan(src.text, ctx, ACTOR_KINDS):
        if res.entity is not None and res.entity.kind not in ("MunicipalOrganisation", "MunicipalityGroup"):
            names[res.entity.name] = None
    for person in ex.people:
        if person.organisation:
            for part in re.split(r"\s*/\s*|\s+och\s+", person.organisation):
                res = gaz.lookup(part, ctx, ACTOR_KINDS)
                names[res.entity.name if res.entity else part.strip()] = None
    return list(names)
