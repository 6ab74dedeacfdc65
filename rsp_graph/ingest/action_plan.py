"""Action plans (handlingsplaner) and programmes: priority areas, numbered goals, lettered
action tables with continued cells, and the financing list keyed by letter."""

from __future__ import annotations

import re

from ..model import Action, Extraction, Goal, PersonRole, PriorityArea
from ..resolve import Context, load_gazetteer
from ._document import DocumentMeta, find_period, resolve_context
from ._entities import PlaceCollector, actor_name, add_projects, people_with_roles, split_actors
from ._text import FOOTNOTE, Row, SourceText, cells, check_complete, clean, is_separator_row, paragraphs

_AREA_WORD = (r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:Prioriterat\s+(?:insats)?|Insats|Fokus|Tematiskt\s+|Strategiskt\s+)?"
              r"omr[åa]de|Prioritering|Insatsområde)\s*(?:nr\.?\s*)?")
AREA = re.compile(_AREA_WORD + r"(\d+)\s*[:.)–—-]?\s*(.*)$", re.IGNORECASE)
# "Prioriterat område B – ...": areas may be lettered; B is the second
AREA_LETTERED = re.compile(_AREA_WORD + r"(\d+|[A-H])\b\s*[:.)–—-]?\s*(.*)$", re.IGNORECASE)
# a table of contents line: "2.1 Uppdraget ........ 4"
TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|(?:\.\s){4,})\s*\d+\s*$")
GOAL = re.compile(r"^\s*(?:[-•*·–▪◦]\s*)?(?:(?:Del)?[Mm]ål\s+)?(\d{1,2})\.(\d{1,2})[.:]?\s+(\S.*)$")
# "Delmål 2.1" on a line of its own, its text on the next
GOAL_LABEL = re.compile(r"^\s*(?:[-•*·–▪◦]\s*)?(?:Del)?[Mm]ål\s+(\d{1,2})\.(\d{1,2})\s*[.:]?\s*$")
GOAL_CODE = re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2})(?![\d.])")
ACTION_KEY = re.compile(r"^\s*(?:<p>\s*)?([A-Z])(?:[.)]\s*|\s+)(\S.*)$", re.DOTALL)
FINANCING = re.compile(r"^\s*Finansiering\s*:?\s*$", re.IGNORECASE)
FINANCING_ITEM = re.compile(r"^\s*(?:[-•*·–]\s*)?([A-Z])\s*[.):]\s*(.+)$")
HEADINGS = re.compile(r"^\s*(?:mål|delmål|mål enligt rsp|insatser|finansiering)\s*:?\s*$", re.IGNORECASE)
# "1.2.3": the third action under goal 1.2
NUMBERED_KEY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{1,2})$|^(\d{1,2})$")
TOTAL_ROW = re.compile(r"^(?:summa|totalt|total|sammanlagt|sum)\b", re.IGNORECASE)
YEAR = re.compile(r"\b(19[5-9]\d|20\d{2})\b")

# header words -> column role; the first match wins for each cell
COLUMN_ROLES = (
    ("key", re.compile(r"^(?:nr|nummer|id|#|insats\s*nr|löpnummer)\.?$", re.I)),
    ("partners", re.compile(r"samverkanspart|medverkande|övriga\s+aktörer|i\s+samverkan\s+med|partner", re.I)),
    ("financing", re.compile(r"^finansiering|^budget|^medel\b|^kostnad", re.I)),
    ("time", re.compile(r"^tid(s?plan|punkt)?$|^när\b|^period$", re.I)),
    ("actors", re.compile(r"ansvarig|aktör|huvudman|utförare", re.I)),
    ("goals", re.compile(r"mål\s+(enligt|i)\s+rsp|^mål$|rsp-mål|^mål\b(?!.*resultat)", re.I)),
    ("result", re.compile(r"delmål|förväntat|resultat|effekt", re.I)),
    ("activities", re.compile(r"beskrivning|aktivitet", re.I)),
    ("title", re.compile(r"insats|åtgärd", re.I)),
)
DEFAULT_COLUMNS = {"title": 0, "result": 1, "goals": 2, "activities": 3, "actors": 4}


def _columns(header: list[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for i, cell in enumerate(header):
        text = clean(cell)
        for role, pattern in COLUMN_ROLES:
            if role not in roles and pattern.search(text):
                roles[role] = i
                break
    if len(roles) >= 3 and "title" in roles:
        return {**DEFAULT_COLUMNS, **roles} if len(roles) < 5 else roles
    return None


def _year_of(src: SourceText) -> int | None:
    for _, line in src.numbered(1, min(len(src.lines), 15)):
        if re.search(r"handlingsplan|insatser|verksamhetsår", line, re.I):
            m = YEAR.search(line)
            if m:
                return int(m.group(1))
    for _, line in src.numbered(1, min(len(src.lines), 15)):
        m = YEAR.search(line)
        if m:
            return int(m.group(1))
    return None


def parse_action_plan(src: SourceText, meta: DocumentMeta | None = None, kind: str = "action_plan") -> Extraction:
    from ._pdf_plan_layout import relayout_action_plan  # it reads headers with this module's rules

    src = relayout_action_plan(src) or src  # PDF text: action tables back into rows (spans keep its lines)
    ex = Extraction(source=src.name, kind=kind, line_count=len(src.lines))  # type: ignore[arg-type]
    gaz = load_gazetteer()
    ctx = resolve_context(src, ex, meta, gaz)
    ex.year = (meta.year if meta and meta.year else None) or _year_of(src)
    ex.period = find_period(src, meta)
    ex.title = next((clean(line) for line in src.lines if line.strip()), None)
    places = PlaceCollector(ex, ctx, gaz)

    area: int | None = None
    area_pending: PriorityArea | None = None
    columns: dict[str, int] | None = None
    rows: list[Row] = []
    row: Row | None = None
    last_goal: Goal | None = None
    in_financing = False
    expected_key = "A"
    lettered: bool | None = None  # whether the table's rows are lettered A., B., ...
    inline: Action | None = None  # the last action written as a line, for the fields below it
    area_actions: dict[str, Action] = {}

    def close_table() -> None:
        nonlocal row, columns
        for r in rows:
            action = _action_from_row(r, columns or DEFAULT_COLUMNS, area, ex, ctx, src)
            if action is not None:
                ex.actions.append(action)
                area_actions[(action.key or '')[-1:] or str(len(area_actions))] = action
        rows.clear()
        row = None
        columns = None

    for n, line in src.numbered():
        stripped = line.strip()
        if FOOTNOTE.match(line) or TOC_LINE.search(line):
            continue
        if area_pending is not None:
            if not stripped or HEADINGS.match(stripped):
                continue
            area_pending.title = clean(stripped)
            area_pending.span = src.span(area_pending.span.start if area_pending.span else n, n)
            area_pending = None
            continue
        m = AREA_LETTERED.match(line)
        if m and "\t" not in line and (m.group(1).isdigit() or m.group(1).isupper()):
            close_table()
            in_financing = False
            area = int(m.group(1)) if m.group(1).isdigit() else ord(m.group(1)) - ord("A") + 1
            area_actions = {}
            expected_key = "A"
            title = clean(re.sub(r"\(([^)]*)\)", " ", m.group(2))).strip(" .:–-")
            pa = PriorityArea(area, title, src.span(n))
            if not any(p.number == area for p in ex.priority_areas):
                ex.priority_areas.append(pa)
            if not title:
                area_pending = pa
            last_goal = None
            continue
        if FINANCING.match(line):
            close_table()
            in_financing = True
            continue
        if in_financing:
            fm = FINANCING_ITEM.match(line)
            if fm and fm.group(1) in area_actions:
                area_actions[fm.group(1)].financing = _financing(fm.group(2))
                continue
            if not stripped:
                continue
            in_financing = False
        if "\t" in line:
            parts = cells(line)
            if is_separator_row(line):
                ex.warn(n, "a table rule row ('---') was left out")
                continue
            header = _columns(parts)
            if header is not None and not ACTION_KEY.match(parts[0] or ""):
                close_table()
                columns, lettered = header, None
                expected_key = "A" if not area_actions else chr(ord(max(area_actions)) + 1)
                year_named = YEAR.search(line)
                if year_named and ex.year and int(year_named.group(1)) != ex.year:
                    ex.warn(n, f"the table header names the year {year_named.group(1)}, not the plan's "
                               f"year {ex.year}; the rows are read as {ex.year}")
                continue
            if columns is None:
                # a table of goals ("Delmål | Indikator"): the code and text in the first cell
                first = clean(parts[0])
                gm = GOAL.match(first)
                if gm and not TOC_LINE.search(first):
                    goal = Goal(f"{int(gm.group(1))}.{int(gm.group(2))}", int(gm.group(1)), clean(gm.group(3)),
                                src.span(n))
                    ex.goals.append(goal)
                    last_goal = goal
                elif last_goal is not None and first[:1].islower() and last_goal.span and last_goal.span.end == n - 1:
                    last_goal.text = f"{last_goal.text} {first}"
                    last_goal.span = src.span(last_goal.span.start, n)
                continue
            title_at = columns.get("title", 0)
            key = ACTION_KEY.match(clean(parts[title_at] if title_at < len(parts) else ""))
            if lettered is None:
                lettered = bool(key and key.group(1) == "A")
            if lettered and key and key.group(1) == expected_key:
                starts = True
                expected_key = chr(ord(expected_key) + 1)
            else:
                # without letters a row starts where its leftmost cell has text
                starts = not lettered and bool(clean(parts[0]))
            width = max(columns.values()) + 1
            if starts and row is not None and len(row.cells) < width and len(row.cells) + len(parts) - 1 == width:
                # "2.2.1 | ... för" + "energieffektivisering | ...": a row broken inside a cell
                row.cells[-1] = f"{row.cells[-1]} {parts[0]}".strip()
                row.cells.extend(parts[1:])
                row.end = n
                continue
            if starts:
                row = Row(parts, n, n)
                rows.append(row)
            elif row is not None:
                row.extend(parts, n)
            else:
                ex.warn(n, "a table line before the first action was left out")
            continue
        if not stripped:
            continue
        if columns is not None and rows:
            close_table()
        im = INLINE_ACTION.match(stripped)
        if im:
            inline, fields = _inline_action(im, area)
            _apply_fields(inline, fields, ex, ctx, n)
            inline.span = src.span(n)
            ex.actions.append(inline)
            continue
        following = next((ln.strip() for ln in src.lines[n:n + 2] if ln.strip()), "")
        if _names_an_action(stripped, following):
            # "**Kommunala serviceplaner**" over "Mål: 3.1" / "Ansvarig: Regionen": a titled action
            inline = Action(title=clean(stripped).strip(" *_").rstrip(" .") + ".", area=area, span=src.span(n))
            ex.actions.append(inline)
            continue
        fm = LABELLED_LINE.match(stripped)
        if fm and inline is not None and inline.span and inline.span.end >= n - 3:
            # "Ansvarig: Regionen" on the lines below "Insats 1.1 – ..."
            _apply_fields(inline, {fm.group(1): clean(fm.group(2)).rstrip(" .")}, ex, ctx, n)
            inline.span = src.span(inline.span.start, n)
            continue
        gm = GOAL.match(line) or GOAL_LABEL.match(line)
        if gm and gm.re is GOAL and (area is None or int(gm.group(1)) != area) and _looks_like_heading(gm.group(3)):
            gm = None  # "2.1 Uppdraget": a numbered section heading, not a goal
        if gm:
            number = int(gm.group(1))
            goal = Goal(f"{number}.{int(gm.group(2))}", number,
                        clean(gm.group(3)) if gm.re is GOAL else "", src.span(n))
            if area is not None and number != area:
                ex.warn(n, f"goal {goal.code} stands under priority area {area}")
            ex.goals.append(goal)
            last_goal = goal
            continue
        if last_goal is not None and not HEADINGS.match(stripped) and (
                stripped[:1].islower() or not last_goal.text.rstrip().endswith((".", "!", "?"))) \
                and last_goal.span and last_goal.span.end >= n - 2 and len(stripped) < 200:
            last_goal.text = f"{last_goal.text} {clean(stripped)}"
            last_goal.span = src.span(last_goal.span.start, n)
            continue
        last_goal = None
        places.scan(line, src.span(n))
        for name, role, organisation, _ in people_with_roles(line, ctx, gaz):
            if not any(p.name == name for p in ex.people):
                ex.people.append(PersonRole(name, role, organisation, None, src.span(n)))
    if rows and columns:
        check_complete(rows[-1], max(columns.values()) + 1, src)
    close_table()

    for action in ex.actions:
        if action.span:
            found = places.scan(action.span.quote, action.span)
            action.places = list(dict.fromkeys(p.name for p in found if p.type == "locality"))
    ex.places = places.result()
    add_projects(ex, src.text, lambda offset: src.span(src.text.count("\n", 0, offset) + 1))
    _dedupe_goals(ex)
    return ex


def _financing(text: str) -> list[str]:
    text = clean(text)
    text = re.sub(r"^(?:genomförs|finansieras)?\s*(?:inom ramen för|inom|via|genom)\s+", "", text, flags=re.I)
    return [p.strip(" .,") for p in re.split(r"\s+/\s+|\s*;\s*|/", text) if p.strip(" .,")]


def _action_from_row(row: Row, columns: dict[str, int], area: int | None, ex: Extraction, ctx: Context,
                     src: SourceText) -> Action | None:
    first = clean(row.get(columns.get("title")))
    m = ACTION_KEY.match(first)
    key, title = (m.group(1), m.group(2).strip()) if m else (None, first)
    numbered = NUMBERED_KEY.match(clean(row.get(columns.get("key")))) if "key" in columns else None
    if numbered:
        key = numbered.group(0)
    if not title:
        ex.warn(row.start, "an action row without a title was left out")
        return None
    if TOTAL_ROW.match(title):
        return None  # "Summa område 1": a total, not an action
    goals = goal_references(clean(row.get(columns.get("goals"))))
    if not goals and numbered and numbered.group(2):
        goals = [f"{int(numbered.group(1))}.{int(numbered.group(2))}"]  # action 1.2.3 serves goal 1.2
    split = split_actors(row.get(columns.get("actors")), ctx)
    partners = split_actors(row.get(columns.get("partners")), ctx) if "partners" in columns else None
    for name in split.unknown + (partners.unknown if partners else []):
        ex.warn(row.start, f"{name!r} is not a known actor; kept as a new actor")
    actors = list(dict.fromkeys(actor_name(a) for a in split.actors + (partners.actors if partners else [])))
    action = Action(
        title=title,
        area=area,
        key=f"{area}{key}" if area is not None and key and not numbered else key,
        goals=goals,
        actors=actors,
        description=" ".join(paragraphs(row.get(columns.get("activities")))) or None,
        expected_result=" ".join(paragraphs(row.get(columns.get("result")))) or None,
        span=src.span(row.start, row.end),
    )
    if split.resources:
        action.financing.append(split.resources)
    if "financing" in columns:
        action.financing += _financing(clean(row.get(columns["financing"])))
    return action


# "• Insats 3.1.1 – Processtöd till ... Ansvarig: Regionen. Medverkande: kommunerna. Budget: 90 tkr."
INLINE_ACTION = re.compile(r"^(?:[•\-*–·▪]\s*)?(?:Insats|Åtgärd|Aktivitet)\s+"
                           r"(\d{1,2}(?:\.\d{1,2}){1,2}|[A-Z])\s*[–:.—-]\s*(\S.+)$"
                           # "1.1.2 Företagsbesök hos ...": a three-part number heads an action
                           r"|^(?:[•\-*–·▪]\s*)?(\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+([A-ZÅÄÖ]\S*(?:\s+\S+){1,}.*)$")
LABELLED_LINE = re.compile(r"^(Huvudansvarig|Ansvarig(?:\s+aktör)?|Medverkande|Samverkanspart(?:er)?|Övriga aktörer|"
                           r"Budget|Finansiering|Kostnad|Mål|Beskrivning|Aktiviteter)\s*:\s*(\S.*)$", re.IGNORECASE)
INLINE_FIELD = re.compile(r"\b(Huvudansvarig|Ansvarig(?:\s+aktör)?|Medverkande|Samverkanspart(?:er)?|Övriga aktörer|"
                          r"Budget|Finansiering|Kostnad|Tidplan|Mål)\s*:\s*", re.IGNORECASE)


def _inline_action(m: re.Match[str], area: int | None) -> tuple[Action, dict[str, str]]:
    """An action written as a line, not as table cells: its title, and the labelled fields
    written on the same line ("... Ansvarig: Regionen. Budget: 90 tkr.")."""
    key, body = m.group(1) or m.group(3), m.group(2) or m.group(4)
    pieces = INLINE_FIELD.split(body)
    numbered = NUMBERED_KEY.match(key)
    action = Action(title=clean(pieces[0]).rstrip(" .–-") + ".", area=area,
                    key=key if numbered or "." in key else (f"{area}{key}" if area else key))
    if numbered and numbered.group(2):
        action.goals = [f"{int(numbered.group(1))}.{int(numbered.group(2))}"]  # action 1.2.3 serves goal 1.2
    fields = {label: clean(value).rstrip(" .") for label, value in zip(pieces[1::2], pieces[2::2], strict=True)}
    return action, fields


def _apply_fields(action: Action, fields: dict[str, str], ex: Extraction, ctx: Context, line: int) -> None:
    """Labelled fields of an action (on its own line or the lines below it)."""
    for label, value in fields.items():
        role = label.lower().split()[0]
        if role in ("huvudansvarig", "ansvarig", "medverkande", "samverkanspart", "samverkansparter", "övriga"):
            split = split_actors(value.replace("/", ", "), ctx)
            for name in split.unknown:
                ex.warn(line, f"{name!r} is not a known actor; kept as a new actor")
            action.actors = list(dict.fromkeys(action.actors + [actor_name(a) for a in split.actors]))
        elif role == "mål":
            action.goals = goal_references(value) or action.goals
        elif role in ("budget", "finansiering", "kostnad"):
            action.financing += _financing(value)
        elif role in ("beskrivning", "aktiviteter"):
            action.description = value


def _names_an_action(line: str, following: str) -> bool:
    """A short title line whose next line is an action's labelled field (its goals or who
    is responsible) names an action."""
    field = LABELLED_LINE.match(following)
    text = clean(line).strip(" *_")
    return (field is not None and field.group(1).lower().split()[0] in ("mål", "ansvarig", "huvudansvarig")
            and 1 <= len(text.split()) <= 14 and not text.endswith(":") and not LABELLED_LINE.match(line)
            and not GOAL.match(line) and not AREA_LETTERED.match(line) and text[:1].isupper())


def _looks_like_heading(text: str) -> bool:
    text = clean(text)
    return len(text.split()) <= 5 and not text.endswith((".", "!", "?"))


def goal_references(text: str) -> list[str]:
    """Goal codes a cell refers to: "3.2, 3.3", "3.2 och 3.4", a range "1.1–1.3"."""
    codes: list[str] = []
    for m in re.finditer(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\s*[–—-]\s*(?:(\d{1,2})\.)?(\d{1,2}))?(?![\d.])", text):
        area, first = int(m.group(1)), int(m.group(2))
        last = int(m.group(4)) if m.group(4) and (m.group(3) is None or int(m.group(3)) == area) else first
        codes += [f"{area}.{n}" for n in range(first, max(first, last) + 1)][:20]
    return list(dict.fromkeys(codes))


def _dedupe_goals(ex: Extraction) -> None:
    """One goal per code: the first full statement wins, later partial ones are dropped."""
    best: dict[str, Goal] = {}
    for goal in ex.goals:
        kept = best.get(goal.code)
        if kept is None or (len(goal.text) > len(kept.text) and kept.text in goal.text):
            best[goal.code] = goal
    ex.goals = list(best.values())
