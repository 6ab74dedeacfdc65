"""Follow-up reports to Tillväxtverket (the national form, as a Word export): demand
outlook per support type, staff allocations, contact persons, the collaboration table
and, per priority area, the action table with results, status and grant decisions."""

from __future__ import annotations

import re

from ..model import (
    Action,
    CollaborationEntry,
    Effect,
    Extraction,
    Goal,
    Grant,
    PersonRole,
    PriorityArea,
    Staffing,
    SupportTypeOutlook,
)
from ..resolve import ACTOR_KINDS, Context, load_gazetteer
from ..vocab import vocabulary
from ._document import DocumentMeta, find_period, resolve_context
from ._entities import PlaceCollector, actor_name, add_projects, find_people, split_actors
from ._pdf_layout import relayout_follow_up
from ._text import (
    FOOTNOTE,
    Row,
    SourceText,
    cells,
    check_complete,
    clean,
    fold,
    html_tables,
    is_separator_row,
    paragraphs,
)
from .action_plan import AREA, GOAL_CODE

YEAR_OF_REPORT = re.compile(r"verksamhetsår\s+((?:19|20)\d{2})", re.IGNORECASE)
ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# a year that dates a table ("verksamhetsår 2022", "Till nästa år, 2025"), not "Agenda 2030"
HEADER_YEAR = re.compile(r"(?:verksamhetsår|år|året)\s*,?\s*((?:19|20)\d{2})\b", re.IGNORECASE)
PERSON_NAME = re.compile(r"^[A-ZÅÄÖÉ][\w\-]+(?:\s+[A-ZÅÄÖÉ][\w\-]+){1,3}$")
NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*$")
# "Steg i samverkanstrappan: Samverkan", "Steg: Samhandling", "Samverkanstrappan: Samtal",
# "Steg i trappan: samråd", or the step alone in parentheses "(samråd)"
STEP = re.compile(r"(?:\bsteg(?:\s+i\s+(?:samverkans)?trappan)?|\b(?:samverkans)?trappan)\s*:\s*(\w+)|\((\w+)\)",
                  re.IGNORECASE)
# "3.2 Text ... 4.1 Text": each goal code with the text up to the next code
GOAL_CODE_AND_TEXT = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?!\d|\.\d)\.?\s*(.*?)(?=(?<![\d.])\d{1,2}\.\d{1,2}(?!\d|\.\d)|$)")
# "... Bidrar även till mål": a sentence that refers to the next code instead of stating a goal
GOAL_REFERENCE_TAIL = re.compile(r"(?:^|(?<=[.!?])\s+)[^.!?]*\b(?:mål|målen|målet|goal)\s*$", re.IGNORECASE)
ALL_GOALS = re.compile(r"\b(?:samtliga|alla)\s+(?:mål|delmål)\b", re.IGNORECASE)
ALL_GOALS_MARK = "*"
HORIZON = re.compile(r"\b(kort|medellång|lång)\s+sikt\s*:", re.IGNORECASE)
ACTION_HEADER_WORDS = re.compile(
    r"handlingsplan för verksamhetsår|uppföljning av verksamhetsår|planerade insatser|namn och beskrivning|"
    r"mål i rsp|markera med x|vilka aktörer|klar/fortsätter|resultat i form|till nästa år|vad tar vi med",
    re.IGNORECASE)


def _fte(text: str) -> float:
    return round(float(text.replace(",", ".")), 4)


def _dehyphenate(text: str) -> str:
    """Join words a line break split in a table cell ("drivmedels-försäljning")."""
    return re.sub(r"([a-zåäö]{3,})-([a-zåäö]{3,})", r"\1\2", text)


def parse_follow_up(src: SourceText, meta: DocumentMeta | None = None) -> Extraction:
    rebuilt = relayout_follow_up(src)  # PDF text: its tables put back into rows (spans keep its lines)
    if rebuilt is not None:
        src = rebuilt
    ex = Extraction(source=src.name, kind="follow_up", line_count=len(src.lines))
    gaz = load_gazetteer()
    ctx = resolve_context(src, ex, meta, gaz)
    years = [int(y) for y in YEAR_OF_REPORT.findall(src.text)]
    ex.year = (meta.year if meta and meta.year else None) or (max(set(years), key=years.count) if years else None)
    ex.period = find_period(src, meta)
    ex.title = next((clean(line) for line in src.lines if line.strip()), None)
    places = PlaceCollector(ex, ctx, gaz)
    region = ex.region

    mode: str | None = None
    header: list[str] = []
    block: list[Row] = []
    area: int | None = None
    action_cols: dict[str, int] | None = None

    def flush() -> None:
        nonlocal block
        if mode == "demand":
            _demand(ex, header, block, src)
        elif mode == "staff":
            _staffing(ex, block, src, region)
        elif mode == "contacts":
            _contacts(ex, block, src, region)
        elif mode == "collaboration":
            _collaboration(ex, block, src, ctx)
        elif mode == "actions" and action_cols is not None:
            _actions(ex, block, action_cols, area, src, ctx)
        block = []

    for n, line in src.numbered():
        if FOOTNOTE.match(line):
            continue
        stripped = line.strip()
        places.scan(line, src.span(n))
        area_match = AREA.match(line) if "\t" not in line else None
        if area_match:
            flush()
            mode, area, action_cols = "actions", int(area_match.group(1)), None
            title = clean(re.sub(r"\([^)]*\)", " ", area_match.group(2))).strip(" .:–-")
            if not any(p.number == area for p in ex.priority_areas):
                ex.priority_areas.append(PriorityArea(area, title, src.span(n)))
            continue
        if "\t" not in line:
            if stripped and mode is not None:
                flush()
                mode = None
            continue
        parts = cells(line)
        if is_separator_row(line):
            continue
        if mode == "actions" and block and _repeats_a_nested_table(block[-1], parts):
            continue  # the Word export repeats a nested table's rows after the cell that holds it
        kind = _table_kind(parts)
        if kind:
            flush()
            mode, header = kind, parts
            continue
        if mode == "actions":
            service_cols = _service_columns(parts)
            if service_cols:
                action_cols = _action_columns(service_cols)
                continue
            if ACTION_HEADER_WORDS.search(line) and not block:
                _check_header_year(ex, line, n)
                continue
            if action_cols is None:
                action_cols = _action_columns({})
            _add_row(block, parts, n, starts=_starts_action_row(parts, action_cols))
            continue
        if mode in ("demand", "staff", "contacts", "collaboration"):
            _add_row(block, parts, n, starts=bool(clean(parts[0])))
    if mode == "actions" and block and action_cols:
        check_complete(block[-1], max(action_cols.values()) + 1, src)
    flush()

    ex.places = places.result()
    for action in ex.actions:
        if action.span:
            action.places = list(dict.fromkeys(
                p.name for p in places.scan(action.span.quote, None) if p.type in ("locality", "municipality")))
    add_projects(ex, src.text, lambda offset: src.span(src.text.count("\n", 0, offset) + 1))
    _merge_goals(ex)
    _expand_all_goals(ex)
    return ex


def _repeats_a_nested_table(row: Row, parts: list[str]) -> bool:
    here = [clean(p) for p in parts if clean(p)]
    return bool(here) and any(here == [c for c in nested if c]
                              for cell in row.cells for table in html_tables(cell) for nested in table)


def _add_row(block: list[Row], parts: list[str], n: int, starts: bool) -> None:
    if starts or not block:
        block.append(Row(list(parts), n, n))
    else:
        block[-1].extend(parts, n)


def _check_header_year(ex: Extraction, line: str, n: int) -> None:
    """Warn when a table header dates the table to another year than the report's
    ("Uppföljning av verksamhetsår 2022" in a 2023 report): a form copied from last year."""
    for y in HEADER_YEAR.findall(line):
        if ex.year and int(y) not in (ex.year, ex.year + 1):
            ex.warn(n, f"the table header names the year {y}, not the report's year {ex.year}")


def _table_kind(parts: list[str]) -> str | None:
    folded = [fold(clean(p)) for p in parts]
    if folded and folded[0] == "stödtyp":
        return "demand"
    if any(f == "årsarbetskrafter" for f in folded):
        return "staff"
    if "namn" in folded and any(f in ("e-post", "epost", "e-postadress") for f in folded):
        return "contacts"
    if folded and folded[0] in ("aktör", "aktörer") and any("samverkan" in f for f in folded[1:]):
        return "collaboration"
    return None


def _service_columns(parts: list[str]) -> dict[int, str]:
    vocab = vocabulary("ServiceType")
    found = {}
    for i, cell in enumerate(parts):
        text = clean(cell)
        # a header cell is a name, not a sentence that happens to mention a service
        if text and len(text.split()) <= 8:
            concept = vocab.best(text, 0.75)
            if concept is not None:
                found[i] = concept.label
    return found if len(set(found.values())) >= 2 else {}


def _action_columns(service_cols: dict[int, str]) -> dict[str, int]:
    """Column roles of the national form: title, goals, resources, the X-marked service
    types, outputs, effects, status."""
    first = min(service_cols, default=3)
    last = max(service_cols, default=6)
    cols: dict[str, int] = {"title": 0, "goals": 1, "resources": 2}
    if first >= 3:
        cols.update({"title": first - 3, "goals": first - 2, "resources": first - 1})
    cols.update({"outputs": last + 1, "effects": last + 2, "status": last + 3})
    cols.update({f"service:{label}": i for i, label in service_cols.items()})
    return cols


def _starts_action_row(parts: list[str], cols: dict[str, int]) -> bool:
    first = clean(parts[cols["title"]]) if cols["title"] < len(parts) else ""
    if not first or not first[:1].isupper():
        return False
    goal_cell = clean(parts[cols["goals"]]) if cols["goals"] < len(parts) else ""
    return not goal_cell or bool(GOAL_CODE.match(goal_cell)) or goal_cell[:1].isupper()


def _demand(ex: Extraction, header: list[str], rows: list[Row], src: SourceText) -> None:
    trends = vocabulary("Trend")
    support = vocabulary("SupportType")
    trend_cols = {}
    comment_col = judgement_col = None
    for i, cell in enumerate(header):
        named = {c.code for _, _, c in trends.mentions(clean(cell))} if i > 0 else set()
        concept = (trends.get(clean(cell)) or trends.best(clean(cell), 0.8)) if clean(cell) and len(named) < 2 else None
        if len(named) >= 2:
            judgement_col = i  # "Bedömning (ökar/oförändrad/minskar)": the trend written in words
        elif concept is not None and i > 0:
            trend_cols[i] = concept.code
        elif i > 0 and fold(clean(cell)).startswith("kommentar"):
            comment_col = i
    for row in rows:
        name = _dehyphenate(clean(row.get(0)))
        if not name:
            continue
        marked = [trend_cols[i] for i in trend_cols if clean(row.get(i)).lower() in ("x", "(x)")]
        if len(marked) > 1:
            ex.warn(row.start, f"{name!r} has more than one trend marked; none is kept")
        trend = marked[0] if len(marked) == 1 else None
        if judgement_col is not None and not marked:
            words = trends.mentions(clean(row.get(judgement_col)))
            trend = words[0][2].code if words else None  # "ökar något" increases; "Vet ej" is no trend
        comment = clean(row.get(comment_col)) if comment_col is not None else None
        concept = support.best(name, 0.8)
        ex.support_types.append(SupportTypeOutlook(name, trend, comment or None,  # type: ignore[arg-type]
                                                   concept.label if concept else None,
                                                   src.span(row.start, row.end)))


def _staffing(ex: Extraction, rows: list[Row], src: SourceText, region: str | None) -> None:
    nested_seen: set[tuple[str, float]] = set()
    for row in rows:
        function = clean(row.get(0))
        if not function:
            continue
        span = src.span(row.start, row.end)
        content = " ".join(row.cells[1:2])
        if (fold(function), _fte(clean(row.get(1)))) in nested_seen if NUMBER.match(clean(row.get(1))) else False:
            continue  # the Word export repeats a nested table's rows after the cell
        people = False
        outside_tables = re.sub(r"<table\b.*?</table>", " ", content, flags=re.S | re.I)
        labelled = [item for para in paragraphs(outside_tables) for item in _labelled_ftes(para)]
        for label, fte, note in labelled:
            if _is_person(label):
                people = True
                post = note[:1].upper() + note[1:] if note and len(note.split()) <= 3 else None
                ex.staffing.append(Staffing(function, label, post, fte, span))
                ex.people.append(PersonRole(label, function, region, fte, span))
            else:
                ex.staffing.append(Staffing(function, None, label, fte, span))
        for table in html_tables(content):
            for cells_ in table:
                if len(cells_) >= 2 and NUMBER.match(cells_[-1]):
                    post, fte = cells_[0], _fte(cells_[-1])
                    nested_seen.add((fold(post), fte))
                    ex.staffing.append(Staffing(function, None, post, fte, span))
        if not people and not html_tables(content) and NUMBER.match(clean(row.get(1))) and not labelled:
            ex.staffing.append(Staffing(function, None, None, _fte(clean(row.get(1))), span))


# "Sofia Gunnarsson (0,4) & Henrik Almqvist (0,1)", "Projektledare (0,5 åa)"
_PARENTHESISED_FTE = re.compile(
    r"([A-ZÅÄÖÉ][\w\-/]*(?:\s+[A-ZÅÄÖÉ][\w\-/]*){0,3})\s*\(\s*(?:ca\.?\s*)?(\d+(?:[.,]\d+)?)\s*"
    r"(%|procent)?\s*(?:åa|åak|årsarbetskrafter?)?\s*\)", re.IGNORECASE)
# "0,25 (Olof Hägglund)", "0,2 (Maja Eklund, fr.o.m. april)"
_FTE_THEN_NAME = re.compile(r"^\s*(?:ca\.?\s*)?(\d+(?:[.,]\d+)?)\s*(%|procent)?\s*(?:åa|åak)?\s*"
                            r"\(\s*([A-ZÅÄÖÉ][^,()]*?)\s*(?:,[^()]*)?\)")
# "Utredare 0,1", "GIS-samordnare: 0,05", "Helena Strand 0,5 åa", "Kommunikatör ca 5 %",
# "Analytiker, tjänsten vakant sedan oktober: 0,1 åa"
_TRAILING_FTE = re.compile(r"^\s*([A-ZÅÄÖÉ][\w\-/ ]*?)(?:\s*,\s*([^:]*))?\s*:?\s+(?:ca\.?\s*)?(\d+(?:[.,]\d+)?)\s*"
                           r"(%|procent)?\s*(?:åa|åak|årsarbetskrafter?)?\s*$", re.IGNORECASE)


_FTE_ITEM_BREAK = re.compile(r"(?<=[)\d%])\s*,\s+|,\s+(?=[A-ZÅÄÖ][\w\-/]+\s+\(?\d)|;\s*|\s+&\s+|\s+och\s+|\s+samt\s+")


def _labelled_ftes(text: str) -> list[tuple[str, float, str | None]]:
    """People or posts each with their share of a full-time post (a percentage is a share
    too), and the note written after a comma ("Johanna Lindgren, strateg: 0,6")."""
    out = []
    for item in _FTE_ITEM_BREAK.split(text):
        note = None
        m = _FTE_THEN_NAME.match(item)
        if m:
            label, value, percent = m.group(3), m.group(1), m.group(2)
        elif m := _PARENTHESISED_FTE.search(item):
            label, value, percent = m.group(1), m.group(2), m.group(3)
        elif m := _TRAILING_FTE.match(item):
            label, note, value, percent = m.group(1), m.group(2), m.group(3), m.group(4)
        else:
            continue
        fte = _fte(value) / (100 if percent else 1)
        if 0 < fte <= 5:
            out.append((clean(label), round(fte, 4), clean(note) if note else None))
    return out


def _is_person(label: str) -> bool:
    return bool(PERSON_NAME.match(label)) and any(start == 0 for _, start, _ in find_people(label))


def _contacts(ex: Extraction, rows: list[Row], src: SourceText, region: str | None) -> None:
    for row in rows:
        role, name = clean(row.get(0)), clean(row.get(1))
        if role and PERSON_NAME.match(name) and "@" not in name:
            ex.people.append(PersonRole(name, role, region, None, src.span(row.start, row.end)))


def _collaboration(ex: Extraction, rows: list[Row], src: SourceText, ctx: Context) -> None:
    steps = vocabulary("CollaborationStep")
    gaz = load_gazetteer()
    for row in rows:
        actor = clean(row.get(0))
        description = " ".join(paragraphs(row.get(1)))
        challenges = " ".join(paragraphs(row.get(2))) or None
        if not actor or not (description or challenges):
            continue
        step = None
        for para in paragraphs(row.get(1)) + paragraphs(row.get(2)):
            for m in STEP.finditer(para):
                concept = steps.get(m.group(1) or m.group(2))
                if concept is not None:
                    step = concept.label
        description = re.sub(r"\s*\((\w+)\)", lambda m: "" if steps.get(m.group(1)) else m.group(0), description)
        description = re.split(r"\s*\b(?:Steg|Samverkanstrappan)\b[^:]{0,30}:", description)[0].strip()
        resolved = gaz.lookup(actor, ctx, ACTOR_KINDS).entity
        ex.collaborations.append(CollaborationEntry(resolved.name if resolved else actor, step, description,
                                                    challenges, src.span(row.start, row.end)))


def _actions(ex: Extraction, rows: list[Row], cols: dict[str, int], area: int | None, src: SourceText,
             ctx: Context) -> None:
    statuses = vocabulary("ActionStatus")
    for row in rows:
        title = " ".join(paragraphs(row.get(cols["title"])))
        if not title:
            continue
        span = src.span(row.start, row.end)
        goal_text = " ".join(paragraphs(row.get(cols["goals"])))
        codes = []
        for m in GOAL_CODE_AND_TEXT.finditer(goal_text):
            code = f"{int(m.group(1))}.{int(m.group(2))}"
            codes.append(code)
            text = GOAL_REFERENCE_TAIL.sub("", m.group(3).strip()).strip()
            if text:
                ex.goals.append(Goal(code, int(m.group(1)), text, span))
        if not codes and ALL_GOALS.search(goal_text):
            codes = [ALL_GOALS_MARK]  # "Samtliga mål": resolved once every goal of the area is known
        split = split_actors(row.get(cols["resources"]), ctx)
        for name in split.unknown:
            ex.warn(row.start, f"{name!r} is not a known actor; kept as a new actor")
        services = [key.split(":", 1)[1] for key, i in cols.items()
                    if key.startswith("service:") and clean(row.get(i)).lower() in ("x", "(x)")]
        status_cell = " ".join(paragraphs(row.get(cols["status"])))
        status = None
        next_year = status_cell or None
        if status_cell:
            first = re.split(r"[\s.,:;]+", status_cell, maxsplit=1)[0]
            concept = statuses.get(first)
            if concept is not None:
                status = concept.label
                next_year = status_cell[len(first):].strip(" .,:;") or None
        outputs_cell = row.get(cols["outputs"])
        action = Action(
            title=title, area=area, goals=list(dict.fromkeys(codes)),
            actors=[actor_name(a) for a in split.actors], service_types=services, status=status,
            financing=[split.resources] if split.resources else [],
            outputs=[p for p in paragraphs(outputs_cell) if p.strip("- ")],
            effects=_effects(" ".join(paragraphs(row.get(cols["effects"])))),
            next_year=next_year, span=span,
        )
        ex.actions.append(action)
        _grants(ex, outputs_cell, span)


def _effects(text: str) -> list[Effect]:
    horizons = {"kort": "short", "medellång": "medium", "lång": "long"}
    marks = list(HORIZON.finditer(text))
    out = []
    lead = text[: marks[0].start()].strip() if marks else text.strip()
    if lead:
        out.append(Effect(None, lead))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end():end].strip()
        if body:
            out.append(Effect(horizons[m.group(1).lower()], body))
    return out


def _grants(ex: Extraction, cell: str, span) -> None:
    """Grant decisions in an outputs cell: in its text, and in a nested table whose rows are
    support type, count and amount."""
    support = vocabulary("SupportType")
    for table in html_tables(cell):
        for row in table:
            concept = support.find(row[0]) if row else None
            numbers = [c for c in row[1:] if re.fullmatch(r"\d{1,4}", c.strip())]
            amounts = [m for c in row[1:] if (m := _AMOUNT.search(c)) or (m := _BARE_AMOUNT.fullmatch(c.strip()))]
            if concept is not None and numbers and amounts:
                ex.grants.append(Grant(concept.label, int(numbers[0]), _sek(amounts[0]), span))
    for support_type, count, amount in find_grants(re.sub(r"<table\b.*?</table>", " ", cell, flags=re.S | re.I)):
        ex.grants.append(Grant(support_type, count, amount, span))


_NUMBER_WORDS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
                 "nio": 9, "tio": 10, "elva": 11, "tolv": 12}
_COUNT = re.compile(r"(?<!\d[ \u00a0])(?<![\d,.])\b(\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")\s*"
                    r"(?:(st\b\.?|stycken|beslut\w*|ärenden|ansökningar|stöd\b|bidrag\b)|kommun(?:er)?\b|butik(?:er)?\b|"
                    r"\w*station(?:er)?\b|\w*anläggning(?:ar)?\b|företag\b|(?=\s*\w*bidrag))",
                    re.IGNORECASE)
_AMOUNT = re.compile(r"(\d{1,3}(?:[ \u00a0.]\d{3})+|\d+(?:,\d+)?)\s*(kr\b|kronor|sek\b|tkr|tusen kronor|mnkr|"
                     r"miljoner kronor|mkr)", re.IGNORECASE)
_MULTIPLIER = {"tkr": 1_000, "tusen kronor": 1_000, "mnkr": 1_000_000, "miljoner kronor": 1_000_000, "mkr": 1_000_000}


_BARE_AMOUNT = re.compile(r"(\d{1,3}(?:[ \u00a0.]\d{3})+|\d{4,})()")


def _sek(amount: re.Match[str]) -> int:
    """An amount match (number, unit) in kronor: "1 250 000 kr", "1,2 mnkr", "450 tkr"."""
    value = float(amount.group(1).replace(" ", "").replace("\u00a0", "").replace(".", "").replace(",", "."))
    return round(value * _MULTIPLIER.get((amount.group(2) or "").lower(), 1))


def find_grants(text: str) -> list[tuple[str, int, int]]:
    """Grant decisions written in text: (support type, count, amount in SEK).

    Each clause that names one support type, a count ("5 st", "3 beslut", "ett beslut",
    "fyra kommuner") and an amount ("1 250 000 kr", "1,2 mnkr") is one decision.
    """
    support = vocabulary("SupportType")
    out = []
    text = clean(text)
    mentions = support.mentions(text)
    for k, (start, end, concept) in enumerate(mentions):
        # the clause of a mention runs from the previous clause break to the next mention
        clause_start = max([m.end() for m in re.finditer(r"[.;*•]\s|\s[-–]\s(?=\D)", text[:start])] + [0])
        clause_end = mentions[k + 1][0] if k + 1 < len(mentions) else len(text)
        stop = re.search(r"[.;*•](?:\s|$)", text[end:clause_end])
        if stop and not _AMOUNT.search(text[end:end + stop.start()]):
            stop = re.search(r"[;*•](?:\s|$)", text[end:clause_end])
        clause = text[clause_start:end + (stop.start() if stop else clause_end - end)]
        counts, amount = list(_COUNT.finditer(clause)), _AMOUNT.search(clause)
        if not counts or not amount:
            continue
        # "sammanlagt åtta beslut" counts decisions; "sex butiker och två stationer" counts what they went to
        decisions = [c for c in counts if c.group(2)]
        chosen = decisions[:1] or counts
        number = sum(_NUMBER_WORDS.get(c.group(1).lower()) or int(c.group(1)) for c in chosen)
        sek = _sek(amount)
        if sek >= 1000:
            out.append((concept.label, number, sek))
    return out


def _expand_all_goals(ex: Extraction) -> None:
    """An action serving "samtliga mål" serves every goal of its priority area."""
    for action in ex.actions:
        if ALL_GOALS_MARK in action.goals:
            action.goals = [g.code for g in ex.goals if g.area == action.area] or []


def _merge_goals(ex: Extraction) -> None:
    """A goal is restated in every row that serves it: keep its most frequent full text."""
    by_code: dict[str, list[Goal]] = {}
    for goal in ex.goals:
        by_code.setdefault(goal.code, []).append(goal)
    merged = []
    for versions in by_code.values():
        texts = [g.text for g in versions]
        best = max(versions, key=lambda g: (texts.count(g.text), len(g.text)))
        merged.append(best)
    ex.goals = sorted(merged, key=lambda g: tuple(int(x) for x in g.code.split(".")))
