"""PDF text of the national follow-up form, put back into the rows of its Word export.

Text extracted from the PDF (pdftotext's reading order) has no tabs. A table row comes out
cell by cell, column after column, each cell as its own block of lines; a row that a page
break splits goes on, cell by cell again, at the top of the next page; and the X-marked
columns (trend, service type) show only as spacing, because empty cells are empty strings
joined by single spaces: ``"   X Följt upp"`` is three empty cells, an X, then the next cell.
:func:`relayout_follow_up` rebuilds the TAB-separated rows that :mod:`.follow_up` reads and
keeps, line by line, the way back to the PDF text (``SourceText.origin``).

Only the form's own fixed structure is used as an anchor: its question headings, the column
headers it always prints, the row labels it prints in the collaboration table, goal codes
("1.2"), status words, "Kort/Medellång/Lång sikt:" and the X marks.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..resolve import ACTOR_KINDS, load_gazetteer
from ..vocab import Concept, Vocabulary, vocabulary
from ._entities import RESOURCE_CUE
from ._text import EMAIL, PAGE_NUMBER, SourceText, fold
from .action_plan import AREA

_QUESTION = re.compile(r"^\s*\d{1,2}\.\s+[A-ZÅÄÖ]")
_SECTION = re.compile(r"^\s*uppföljning och redovisning av insatser\b", re.IGNORECASE)
_GOAL = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.?(?![\d.,])(?:\s+[A-ZÅÄÖ(]|\s*$)")  # "1.2 Öka ...", not "2.5 miljoner"
_HORIZON = re.compile(r"^\s*(?:kort|medellång|lång)\s+sikt\s*:", re.IGNORECASE)
_STEP = re.compile(r"steg\s+i\s+samverkanstrappan", re.IGNORECASE)
_DASHES = re.compile(r"^\s*[-–—_]{3,}\s*$")
_FOOTNOTE = re.compile(r"^\s*\d{1,2}\s+[A-ZÅÄÖ]")
_YEAR_HEADER = re.compile(r"\s+(?=uppföljning av verksamhetsår|till nästa år)", re.IGNORECASE)
_FTE_AT_END = re.compile(r"\s\d+[.,]\d+\s*$")
_MARK_TOKENS = frozenset({"", "x", "X", "(x)", "(X)"})
# the row labels the form prints in its collaboration table (question 6)
_FORM_ACTORS = ("kommuner", "länsstyrelse", "annan del av regionens organisation", "näringsliv",
                "civilsamhälle", "leader", "företagsfrämjare", "annan")
# the column headers the form prints over an action table (a page may repeat them)
_ACTION_HEADER = re.compile(
    r"^(?:handlingsplan för verksamhetsår|uppföljning av verksamhetsår|till nästa år|huvudsakligt serviceslag|"
    r"markera med x|planerade insatser|namn och beskrivning|mål i rsp|vilka aktörer ska|resultat i form av|"
    r"resultat/förväntade|vilka aktiviteter har|vad har förändrats|eller, vad tror vi|klar/fortsätter|"
    r"vad tar vi med|(?:mål|resurser|status)$)")
# the form's column order, for a table whose header cannot be read
_FORM_TRENDS = ("Minskar", "Oförändrad", "Ökar")
_FORM_SERVICES = ("Dagligvaror", "Drivmedel", "Ombud för posttjänst, betaltjänst eller apotek", "Bredare sammanhang")
# a cell ending in one of these words goes on after a page break
_OPEN_WORDS = frozenset(re.findall(r"\w+", """
    och eller samt i av för med till på om som att en ett den det de är var vid från under genom inom
    mellan efter hos mot utan kring annan annat andra olika nya ny sin sina sitt vår våra deras alla
    flera både så där när bland per än har hade kan ska skall bli blir kommer även också inte"""))
_WIDE = 90  # a line this long runs across the page: prose, not a table cell

# action table columns, in the form's order (the X-marked service columns sit between RES and OUT)
TITLE, GOALS, RES, OUT, EFF, STAT = range(6)
_OPEN, _NEUTRAL, _CLOSED, _EMPTY, _AWAIT = range(5)


@dataclass
class _Block:
    """Consecutive non-blank lines of one page: one paragraph of one cell, mostly."""

    start: int
    end: int
    raw: list[str]
    page_start: bool  # the first line of a page (the PDF text marks it with one leading space)
    lead: int  # empty cells before this one (its leading spaces); 0 on a page's first line
    new_page: bool = False  # the first block kept on a page (page headers and repeated headers dropped)

    def __post_init__(self) -> None:
        self.new_page = self.new_page or self.page_start

    @property
    def body(self) -> str:
        """The first line without the page marker."""
        return self.raw[0][1:] if self.page_start else self.raw[0]

    @property
    def head(self) -> str:
        return self.raw[0].strip()


@dataclass
class _Cell:
    """One cell of a row being rebuilt: its paragraphs and where it sits on the current page."""

    paras: list[str] = field(default_factory=list)
    last_raw: str = ""
    top: int = 0
    bottom: int = 0

    def height(self) -> int:
        return self.bottom - self.top + 1 if self.top else 0

    def new_page(self) -> None:
        self.top = self.bottom = 0


@dataclass
class _Out:
    """A rebuilt line: where it goes, its text and the original lines it came from."""

    pos: int
    text: str
    first: int
    last: int


class _Layout:
    """The PDF text cut into blocks, with the joining rules its line breaks need."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        nonblank = [line for line in lines if line.strip()]
        # pdftotext ends a line with a space where a word ends: no space means a word was cut
        self.soft = bool(nonblank) and sum(line != line.rstrip() for line in nonblank) >= 0.5 * len(nonblank)
        self.blocks = self._cut()

    def _cut(self) -> list[_Block]:
        blocks: list[_Block] = []
        current: _Block | None = None
        for n, line in enumerate(self.lines, start=1):
            if not line.strip():
                current = None
                continue
            page = line[:1].isspace() and (n == 1 or bool(self.lines[n - 2].strip()))
            if page and current is not None and len(current.raw) > 1 and PAGE_NUMBER.match(current.raw[-1]):
                current.raw.pop()  # the page number at the foot of the page before
                current.end -= 1
            area = "\t" not in line and AREA.match(line) is not None
            if current is None or page or area or AREA.match(current.raw[-1]):
                lead = 0 if page else len(line) - len(line.lstrip(" "))
                current = _Block(n, n, [line], page, lead)
                blocks.append(current)
            else:
                current.raw.append(line)
                current.end = n
        return blocks

    def glued(self, previous_raw: str, following: str) -> bool:
        """Whether a line break inside a word (no trailing space, or a hyphen) joins two lines."""
        tail = previous_raw.rstrip()
        if not tail or not following:
            return False
        if self.soft and previous_raw == tail and (tail[-1].isalnum() or tail[-1] == "-"):
            return True
        return tail.endswith("-") and tail[-2:-1].isalpha() and following[:1].islower()

    def join(self, raw: Sequence[str], first: str | None = None) -> str:
        """The lines of a block as one paragraph (``first`` replaces the first line's text)."""
        out = ""
        previous = ""
        for i, line in enumerate(raw):
            text = (first if i == 0 and first is not None else line).strip()
            if not text:
                continue
            if out:
                out += "" if self.glued(previous, text) else " "
            out += text
            previous = line
        return out

    def text(self, block: _Block) -> str:
        return self.join(block.raw)


def relayout_follow_up(src: SourceText) -> SourceText | None:
    """The follow-up form's PDF text with its tables as TAB-separated rows, or None.

    None when the text already has TAB-separated tables (a Word export) or holds none of the
    form's tables. Every rebuilt line records the original lines it came from, so spans still
    cite the PDF text's own line numbers.
    """
    lines = src.lines
    if sum("\t" in line for line in lines) >= 2 or "uppföljning" not in src.text.lower():
        return None
    layout = _Layout(lines)
    outs: list[_Out] = []
    consumed: list[tuple[int, int]] = []
    services: list[Concept] | None = None
    for kind, blocks in _regions(layout):
        if kind == "area":
            made, services = _action_table(layout, blocks, services)
        else:
            made = _BUILDERS[kind](layout, _dropping(blocks, lambda b: _is_furniture(b, layout)))
        if made:
            outs.extend(made)
            consumed.append((blocks[0].start + (1 if kind == "area" else 0), blocks[-1].end))
    if not outs:
        return None
    return _assemble(src, outs, consumed)


# ----------------------------------------------------------------------------- regions
def _table_kind(layout: _Layout, block: _Block) -> str | None:
    """Which of the form's tables a block heads, by the header the form prints."""
    if "\t" not in block.raw[0] and AREA.match(block.raw[0]):
        return "area"
    text = fold(layout.text(block))
    if text.startswith("stödtyp"):
        return "demand"
    if text == "årsarbetskrafter" or (text.startswith("årsarbetskrafter") and len(text.split()) <= 3):
        return "staff"
    if re.match(r"^namn\s+e-?post", text):
        return "contacts"
    if re.match(r"^aktör(er)?\b", text) and "samverkan" in text:
        return "collaboration"
    return None


def _ends_table(layout: _Layout, block: _Block) -> bool:
    """The next question, the next section, or prose running across the page."""
    return bool(_QUESTION.match(block.head) or _SECTION.match(block.head)
                or max(len(line.strip()) for line in block.raw) >= _WIDE) and not _is_furniture(block, layout)


def _regions(layout: _Layout) -> list[tuple[str, list[_Block]]]:
    """The form's tables, each as its blocks from the header on (an action table: from its
    priority-area heading on)."""
    regions: list[tuple[str, list[_Block]]] = []
    current: list[_Block] | None = None
    current_kind = ""
    for block in layout.blocks:
        kind = _table_kind(layout, block)
        if kind is not None and kind == current_kind and kind != "area" and current is not None and block.page_start:
            continue  # the header again at the top of a page: the same table goes on
        if kind is not None:
            current_kind, current = kind, [block]
            regions.append((kind, current))
            continue
        if current is None:
            continue
        if _QUESTION.match(block.head) or _SECTION.match(block.head) or (
                current_kind != "area" and _ends_table(layout, block)):
            current = None
            continue
        current.append(block)
    return regions


def _is_furniture(block: _Block, layout: _Layout) -> bool:
    """A page header or footer ("Datum Upprättad av", a page number), or a footnote at the
    foot of a page ("1 Vi behandlar namn ...")."""
    if re.match(r"^\s*datum\s+upprättad\s+av\b", block.head, re.IGNORECASE):
        return len(block.raw) <= 3
    if block.page_start and len(block.raw) == 1 and re.match(r"^\s*region\s*:", block.head, re.IGNORECASE):
        return True
    if len(block.raw) == 1 and PAGE_NUMBER.match(block.head):
        return _before_page_break(block, layout) or block.page_start
    # inside a table, a numbered block of page-wide lines is the foot of the page, not a cell
    return bool(_FOOTNOTE.match(block.head) and max(len(line.strip()) for line in block.raw) >= 60)


def _dropping(blocks: list[_Block], drop: Callable[[_Block], bool]) -> list[_Block]:
    """``blocks`` without those ``drop`` names; a page break they stood for moves to the next block."""
    out: list[_Block] = []
    broken = False
    for block in blocks:
        if drop(block):
            broken = broken or block.new_page
            continue
        if broken and not block.new_page:
            block = replace(block, new_page=True)
        broken = False
        out.append(block)
    return out


def _before_page_break(block: _Block, layout: _Layout) -> bool:
    following = next((b for b in layout.blocks if b.start > block.end), None)
    return following is None or following.page_start


# ----------------------------------------------------------------------------- cells
def _marks(line: str, count: int) -> tuple[list[str], int, str] | None:
    """``count`` X-mark cells at the start of a line: (marks, empty cells after them, the rest)."""
    if count <= 0:
        return None
    tokens = line.rstrip().split(" ")
    head, rest = tokens[:count], tokens[count:]
    head += [""] * (count - len(head))
    if any(t not in _MARK_TOKENS for t in head):
        return None
    if not any(head) and not line.startswith(" " * count):
        return None
    skip = 0
    while rest and rest[0] == "":
        rest.pop(0)
        skip += 1
    return ["X" if t else "" for t in head], skip, " ".join(rest)


def _status_word(block: _Block) -> bool:
    """A status word alone on its line, not the first word of a sentence ("Fortsätt\nprocesstöd ...")."""
    if vocabulary("ActionStatus").get(block.head.strip(" .,:;!-–")) is None:
        return False
    return len(block.raw) == 1 or block.raw[1].strip()[:1].isupper()


def _starts_lower(text: str) -> bool:
    first = text.lstrip(" \"'”(*•-–")[:1]
    return first.isalpha() and first.islower()


def _state(cell: _Cell, awaiting: bool) -> int:
    """How a cell ends on its page: open (a sentence goes on), neutral, closed or empty."""
    if not cell.paras:
        return _EMPTY
    if awaiting and len(cell.paras) == 1 and vocabulary("ActionStatus").get(cell.paras[0].strip(" .,:;")):
        return _AWAIT
    last = cell.paras[-1].rstrip()
    if _DASHES.match(last) or last[-1] in ".!?:;)”\"»":
        return _CLOSED
    if last[-1] in ",-–/&":
        return _OPEN
    word = last.split()[-1]
    return _OPEN if word in _OPEN_WORDS else _NEUTRAL


def _add(layout: _Layout, cell: _Cell, block: _Block, text: str, join: bool = False) -> None:
    """Add a block to a cell: as a new paragraph, or (``join``) as the rest of the last one."""
    if not text:
        return
    if join and cell.paras:
        glue = "" if layout.glued(cell.last_raw, text) else " "
        cell.paras[-1] = cell.paras[-1] + glue + text
    else:
        cell.paras.append(text)
    cell.last_raw = block.raw[-1]
    cell.top = cell.top or block.start
    cell.bottom = block.end


def _distribute(cells: list[_Cell], multi: set[int], blocks: list[_Block], texts: list[str],
                allowed: Callable[[int], set[int] | None], status: int | None = None,
                goals: int | None = None, prefer: Callable[[int], int | None] = lambda i: None) -> list[int]:
    """The column of each block that a page break carried over to the next page.

    The blocks come in column order; a column goes on after the break when its text on the
    previous page ended mid-sentence and filled the row down to the page's foot (cells are
    top-aligned, so only the tallest go on). The cheapest non-decreasing assignment wins.
    """
    width = len(cells)
    heights = [c.height() for c in cells]
    tallest = max(heights, default=0)
    states = [_state(c, i == status) for i, c in enumerate(cells)]
    inf = float("inf")

    def fill(c: int) -> float:
        gap = tallest - heights[c]
        return 0.1 * gap + (1.5 if gap > 3 else 0.0)

    def start(c: int, i: int) -> float:
        lower, state = _starts_lower(texts[i]), states[c]
        if state == _EMPTY:
            cost = 3.0
        elif state == _OPEN:
            cost = 0.0 if lower else 0.5
        elif state == _AWAIT:
            cost = 1.0 if lower else 0.0
        elif state == _NEUTRAL:
            cost = 0.5 if lower or c in multi else 1.5
        else:
            cost = 2.0 if lower else (0.5 if c in multi else 2.5)
        return cost + fill(c) + hint(c, i)

    def hint(c: int, i: int) -> float:
        wanted = prefer(i)
        return 0.4 if wanted is not None and wanted != c else 0.0

    def more(c: int, i: int) -> float:
        """Another paragraph in the same column: new paragraphs start upper case, and
        title and goals hold one paragraph (or one per goal code)."""
        if _starts_lower(texts[i]):
            return 2.0 + hint(c, i)
        if c in multi or (c == goals and _GOAL.match(texts[i])):
            return hint(c, i)
        return 1.5 + hint(c, i)

    def skip(c: int) -> float:
        """A column that gets nothing after the break: unlikely if its sentence was cut,
        or if it filled the row down to the page's foot."""
        gap = tallest - heights[c]
        if states[c] == _OPEN:
            return 3.0 if gap <= 3 else 1.0
        if states[c] == _AWAIT:
            return 0.6 if gap <= 3 else 0.2
        return 0.6 if gap == 0 and states[c] != _EMPTY else 0.0

    def skips(first: int, last: int) -> float:
        return sum(skip(s) for s in range(first, last))

    if not blocks:
        return []
    best = [[inf] * width for _ in blocks]
    back = [[-1] * width for _ in blocks]
    for i, block in enumerate(blocks):
        ok = allowed(i)
        for c in range(width):
            if ok is not None and c not in ok:
                continue
            if i == 0:
                best[0][c] = skips(0, c) + start(c, 0)
                continue
            for p in range(c + 1):
                if best[i - 1][p] == inf:
                    continue
                if p == c:
                    cost = best[i - 1][p] + more(c, i)
                elif block.lead and c < p + 1 + block.lead:
                    continue
                else:
                    cost = best[i - 1][p] + skips(p + 1, c) + start(c, i)
                if cost < best[i][c] - 1e-9:
                    best[i][c], back[i][c] = cost, p
    totals = [best[-1][c] + skips(c + 1, width) for c in range(width)]
    last = min(range(width), key=lambda c: (totals[c], c))
    if totals[last] == inf:  # the hard rules contradict each other: drop them
        return _distribute(cells, multi, blocks, texts, lambda i: None, status, goals, prefer)
    out = [last]
    for i in range(len(blocks) - 1, 0, -1):
        out.append(back[i][out[-1]])
    return out[::-1]


def _carry_over(layout: _Layout, cells: list[_Cell], multi: set[int], segment: list[_Block],
                allowed: Callable[[_Block], set[int] | None], status: int | None = None,
                goals: int | None = None, prefer: Callable[[str], int | None] = lambda text: None) -> None:
    """Put the blocks of one page's continuation of a row into their cells."""
    texts = [layout.text(b) for b in segment]
    columns = _distribute(cells, multi, segment, texts, lambda i: allowed(segment[i]), status, goals,
                          lambda i: prefer(texts[i]))
    states = [_state(c, i == status) for i, c in enumerate(cells)]
    for cell in cells:
        cell.new_page()
    previous = -1
    for block, text, c in zip(segment, texts, columns, strict=True):
        first = c != previous
        join = first and (states[c] == _OPEN or _starts_lower(text))
        _add(layout, cells[c], block, text, join=join)
        previous = c


def _pages(blocks: list[_Block]) -> list[list[_Block]]:
    """Blocks split where a new page starts."""
    out: list[list[_Block]] = [[]]
    for block in blocks:
        if block.new_page and out[-1]:
            out.append([])
        out[-1].append(block)
    return out


def _first_page(blocks: list[_Block]) -> tuple[list[_Block], list[list[_Block]]]:
    """The blocks on a row's first page, and those of each page it goes on to."""
    pages = _pages(blocks)
    if pages[0] and not pages[0][0].new_page:
        return pages[0], [p for p in pages[1:] if p]
    return [], [p for p in pages if p]


def _render(cell: _Cell) -> str:
    """A cell as the Word export writes it: one paragraph as text, several as <p> elements."""
    paras = [p.replace("<", "&lt;").replace(">", "&gt;") for p in cell.paras if p.strip()]
    if len(paras) <= 1:
        return paras[0] if paras else ""
    return " ".join(f"<p>{p}</p>" for p in paras)


def _span(blocks: Sequence[_Block]) -> tuple[int, int]:
    return min(b.start for b in blocks), max(b.end for b in blocks)


def _squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", text.lower())


def _columns(vocab: Vocabulary, header: str) -> list[Concept]:
    """The concepts whose labels the header prints, in the header's order. Header cells are
    broken anywhere ("Drivm / edel", "Bredare sam / m / anhang"), so spaces and hyphens are
    ignored, and a long label may differ by a damaged letter or two."""
    squashed = _squash(header)
    found: dict[str, tuple[int, Concept]] = {}
    labels = [(_squash(label), concept) for label, concept in vocab._by_label.items()]
    for key, concept in labels:
        at = squashed.find(key) if len(key) >= 4 else -1
        if at >= 0 and (concept.iri not in found or at < found[concept.iri][0]):
            found[concept.iri] = (at, concept)
    for key, concept in labels:
        if concept.iri in found or len(key) < 8:
            continue
        matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
        for start in range(max(1, len(squashed) - len(key) + 1)):
            matcher.set_seq1(squashed[start:start + len(key)])
            if matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:
                found[concept.iri] = (start, concept)
                break
    return [c for _, c in sorted(found.values(), key=lambda x: x[0])]


def _form_columns(vocab: Vocabulary, labels: Sequence[str]) -> list[Concept]:
    return [c for c in (vocab.get(label) for label in labels) if c is not None]


# ----------------------------------------------------------------------------- small tables
def _demand(layout: _Layout, blocks: list[_Block]) -> list[_Out]:
    """Question 1: support type, trend marked with X in one of three columns, comment."""
    end = next((i for i, b in enumerate(blocks[:6]) if "kommentar" in fold(layout.text(b))), 0)
    trends = _columns(vocabulary("Trend"), " ".join(line for b in blocks[:end + 1] for line in b.raw))
    if len(trends) < 2:
        trends = _form_columns(vocabulary("Trend"), _FORM_TRENDS)
    header = "\t".join(["Stödtyp", *(c.label for c in trends), "Kommentar"])
    outs = [_Out(blocks[0].start, header, blocks[0].start, blocks[end].end)]
    support = vocabulary("SupportType")
    body = blocks[end + 1:]
    rows: list[tuple[_Block, list[str], _Cell, list[_Block]]] = []
    i = 0
    while i < len(body):
        block = body[i]
        following = _marks(body[i + 1].body, len(trends)) if i + 1 < len(body) else None
        if following is not None and _marks(block.body, len(trends)) is None:
            marks, _, rest = following
            comment = _Cell()
            _add(layout, comment, body[i + 1], layout.join(body[i + 1].raw, first=rest))
            rows.append((block, marks, comment, [block, body[i + 1]]))
            i += 2
            continue
        text = layout.text(block)
        if len(block.raw) <= 3 and support.get(text) is not None:
            rows.append((block, [""] * len(trends), _Cell(), [block]))
        elif rows:
            _add(layout, rows[-1][2], block, text, join=_starts_lower(text))
            rows[-1][3].append(block)
        i += 1
    for name, marks, comment, parts in rows:
        first, last = _span(parts)
        outs.append(_Out(name.start, "\t".join([layout.text(name), *marks, _render(comment)]), first, last))
    return outs


def _staff(layout: _Layout, blocks: list[_Block]) -> list[_Out]:
    """Question 3: function, then who or which post with what share of a full-time post."""
    body = blocks[1:]
    labels = [_label_like(layout, b) for b in body]
    after_content = [i == 0 or not labels[i - 1] for i in range(len(body))]
    content_lines = [line.strip() for i, b in enumerate(body) if not labels[i]
                     for k, line in enumerate(b.raw) if k > 0 or not after_content[i]]
    width = max((len(line) for line in content_lines), default=0) if len(content_lines) >= 2 else 0
    rows: list[tuple[str, _Cell, list[_Block]]] = []
    for i, block in enumerate(body):
        if labels[i]:
            rows.append((layout.text(block), _Cell(), [block]))
            continue
        first = None
        if after_content[i] and width:
            split = _split_label(block.body, width)
            if split is not None:
                rows.append((split[0], _Cell(), []))
                first = split[1]
        if not rows:
            continue
        for para in _fte_paragraphs(layout, block, first):
            _add(layout, rows[-1][1], block, para)
        rows[-1][2].append(block)
    outs = [_Out(blocks[0].start, "\tÅrsarbetskrafter", blocks[0].start, blocks[0].end)]
    for label, cell, parts in rows:
        first_line, last_line = _span(parts)
        outs.append(_Out(first_line, f"{label}\t{_render(cell)}", first_line, last_line))
    return outs


def _label_like(layout: _Layout, block: _Block) -> bool:
    """A first-column label: a few short lines, no figures, not a sentence."""
    text = layout.text(block)
    return (len(block.raw) <= 3 and not re.search(r"[\d(@]", text) and not text.endswith((":", ".", ","))
            and max(len(line.strip()) for line in block.raw) <= 32)


def _split_label(line: str, width: int) -> tuple[str, str] | None:
    """A label and the next cell on one line: the line is longer than the content column,
    so its first words belong to the label column."""
    words = line.strip().split(" ")
    if len(line.strip()) <= width + 4:
        return None
    for k in range(1, min(4, len(words) - 1) + 1):
        label, rest = " ".join(words[:k]), " ".join(words[k:])
        if len(rest) <= width + 1 and rest[:1].isupper() and not re.search(r"[\d(:,.]", label):
            return label, rest
    return None


def _fte_paragraphs(layout: _Layout, block: _Block, first: str | None) -> list[str]:
    """A block's paragraphs; a line ending in a share ("Ekonom 0,05") is a nested table row."""
    paras: list[list[str]] = [[]]
    firsts: list[str | None] = [first]
    for k, line in enumerate(block.raw):
        paras[-1].append(line)
        text = first if k == 0 and first is not None else line
        nxt = block.raw[k + 1].strip() if k + 1 < len(block.raw) else ""
        if _FTE_AT_END.search(text) and nxt[:1].isupper():
            paras.append([])
            firsts.append(None)
    return [layout.join(p, first=f) for p, f in zip(paras, firsts, strict=True) if p]


def _contacts(layout: _Layout, blocks: list[_Block]) -> list[_Out]:
    """Question 4: role, name, e-mail (a name and its address often share a line)."""
    rows: list[list[str]] = []
    parts: list[list[_Block]] = []
    state = "role"
    for block in blocks[1:]:
        text = layout.text(block)
        found = EMAIL.search(text)
        if found is None:
            if state == "name" and rows:
                rows[-1][1] = text
                state = "email"
            else:
                rows.append([text, "", ""])
                parts.append([])
                state = "name"
        else:
            if not rows:
                rows.append(["", "", ""])
                parts.append([])
            before, addresses = text[: found.start()].strip(), text[found.start():]
            if state == "name":
                rows[-1][1] = before
            elif before:
                addresses = f"{before} {addresses}"
            rows[-1][2] = f"{rows[-1][2]} {addresses}".strip()
            state = "done"
        parts[-1].append(block)
    outs = [_Out(blocks[0].start, "\tNamn\tE-post", blocks[0].start, blocks[0].end)]
    for row, row_parts in zip(rows, parts, strict=True):
        first, last = _span(row_parts)
        outs.append(_Out(first, "\t".join(row), first, last))
    return outs


def _collaboration(layout: _Layout, blocks: list[_Block]) -> list[_Out]:
    """Question 6: actor (a row label the form prints), collaboration, challenges."""
    rows: list[tuple[_Block, list[_Block]]] = []
    for i, block in enumerate(blocks[1:]):
        if i == 0 or _form_actor(layout.text(block)):
            rows.append((block, []))
        else:
            rows[-1][1].append(block)
    outs = [_Out(blocks[0].start, "Aktör\tBeskriv samverkan\tEventuella utmaningar eller framgångsfaktorer",
                 blocks[0].start, blocks[0].end)]
    for actor, content in rows:
        cells = [_Cell(), _Cell(), _Cell()]
        _add(layout, cells[0], actor, layout.text(actor))
        first_page, later = _first_page(content)
        step = next((k for k, b in enumerate(first_page) if _STEP.search(layout.text(b))), 0)
        for k, block in enumerate(first_page):
            _add(layout, cells[1 if k <= step else 2], block, layout.text(block))
        for page in later:
            _carry_over(layout, cells, {1, 2}, page, lambda b: None)
        first, last = _span([actor, *content])
        outs.append(_Out(actor.start, "\t".join(_render(c) for c in cells), first, last))
    return outs


def _form_actor(text: str) -> bool:
    """One of the collaboration table's printed row labels ("Annan: ..." included)."""
    key = fold(text)
    return key in _FORM_ACTORS or bool(re.match(r"^annan\s*[:–-]", key))


# ----------------------------------------------------------------------------- action tables
def _action_table(layout: _Layout, blocks: list[_Block], previous: list[Concept] | None
                  ) -> tuple[list[_Out], list[Concept] | None]:
    """A priority area's table: title, goals, resources, the X-marked service types,
    outputs, effects, status; rows anchored on their goal codes and X marks."""
    vocab = vocabulary("ServiceType")
    body = _dropping(blocks[1:], lambda b: _is_furniture(b, layout))
    first_title = _first_title(body)
    body = body[:first_title] + _without_repeated_headers(layout, body[first_title:], vocab)
    header = body[:first_title]
    services = _columns(vocab, " ".join(line for b in header for line in b.raw)) if header else []
    if len(services) < 2:
        services = previous or _form_columns(vocab, _FORM_SERVICES)
    count = len(services)
    marks_at = [i for i in range(first_title, len(body)) if _marks(body[i].body, count) is not None]
    anchors = _anchors(body, marks_at)
    if not anchors:
        return [], services
    outs = _action_header(blocks[0], header, services, body[anchors[0][0]].start)
    for k, (title, goal_first, mark) in enumerate(anchors):
        end = anchors[k + 1][0] if k + 1 < len(anchors) else len(body)
        outs.append(_action_row(layout, body, title, goal_first, mark, end, count))
    return outs, services


def _without_repeated_headers(layout: _Layout, body: list[_Block], vocab: Vocabulary) -> list[_Block]:
    """The rows without the column headers a page may repeat at its top: a header phrase
    opening a page, and the header fragments (pieces of service-type names) after it."""
    labels = [_squash(label) for label in vocab._by_label]
    repeated: set[int] = set()
    repeating = False
    for block in body:
        text = fold(layout.text(block))
        fragment = _squash(text)
        if block.new_page or repeating:
            repeating = bool(_ACTION_HEADER.match(text)) or (
                repeating and bool(fragment) and any(fragment in label for label in labels))
        if repeating:
            repeated.add(id(block))
    return _dropping(body, lambda b: id(b) in repeated)


def _first_title(body: list[_Block]) -> int:
    """Where the first row starts: the block before the first goal code, else before the
    first line that opens with X marks or empty cells; the column headers come before it."""
    goal = next((i for i, b in enumerate(body) if _GOAL.match(b.body)), None)
    if goal is None:
        goal = next((i for i, b in enumerate(body) if re.match(r"^\s*[xX](?:\s|$)|^\s{2,}\S", b.body)), len(body))
    return max(0, goal - 1)


def _anchors(body: list[_Block], marks_at: list[int]) -> list[tuple[int, int, int]]:
    """(title, first goal block, X-mark block) of each row: the title is the block before the
    row's goal codes (or, without any, before its X marks)."""
    out: list[tuple[int, int, int]] = []
    floor = -1
    for mark in marks_at:
        goal_first = next((j for j in range(mark - 1, floor, -1) if _GOAL.match(body[j].body)), mark)
        while goal_first < mark and goal_first - 1 > floor and _GOAL.match(body[goal_first - 1].body):
            goal_first -= 1
        title = goal_first - 1 if goal_first < mark else mark - 1
        if title > floor:
            out.append((title, goal_first, mark))
        floor = mark
    return out


def _action_header(area: _Block, header: list[_Block], services: list[Concept], first_row: int) -> list[_Out]:
    """The header rows the Word export has: the year line and the service-type columns."""
    free = list(range(area.end + 1, first_row))
    outs: list[_Out] = []
    years = next((b for b in header if "verksamhetsår" in b.head.lower()), None)
    first, last = _span(header) if header else (area.start, area.end)
    if years is not None and len(free) >= 2:
        cells = _YEAR_HEADER.split(years.head)
        outs.append(_Out(years.start, "\t".join(cells) + ("\t" if len(cells) == 1 else ""), years.start, years.end))
        free = [n for n in free if n > years.start]
    line = "\t" * 3 + "\t".join(c.label for c in services) + "\t" * 3
    outs.append(_Out(free[0] if free else first_row, line, first, last))
    return outs


def _action_row(layout: _Layout, body: list[_Block], title: int, goal_first: int, mark: int, end: int,
                count: int) -> _Out:
    """One action: its head (title, goals, resources, X marks) on the first page, then the
    rest of its cells there and on each page the row goes on to."""
    cells = [_Cell() for _ in range(6)]
    _add(layout, cells[TITLE], body[title], layout.text(body[title]))
    for block in body[goal_first:mark]:
        column = GOALS if _GOAL.match(block.body) and cells[RES].paras == [] else RES
        _add(layout, cells[column], block, layout.text(block))
    marked, skip, rest = _marks(body[mark].body, count) or ([""] * count, 0, "")
    column = min(OUT + skip, STAT)
    _add(layout, cells[column], body[mark], layout.join(body[mark].raw, first=rest))
    first_page, later = _first_page(body[mark + 1:end])
    _first_page_tail(layout, cells, first_page, column)
    for page in later:
        _carry_over(layout, cells, {RES, OUT, EFF, STAT}, page, _action_allowed, status=STAT, goals=GOALS,
                    prefer=_resources_hint)
    first, last = _span(body[title:end])
    row = [_render(cells[TITLE]), _render(cells[GOALS]), _render(cells[RES]), *marked,
           _render(cells[OUT]), _render(cells[EFF]), _render(cells[STAT])]
    return _Out(body[title].start, "\t".join(row), first, last)


def _first_page_tail(layout: _Layout, cells: list[_Cell], blocks: list[_Block], column: int) -> None:
    """Outputs, effects and status on the row's first page, in that order. Effects start at
    "Kort sikt:"; without one, the second paragraph starts them, unless a leading space before
    the status word shows the effects cell empty. The status word starts the last column."""
    status_at = next((k for k, b in enumerate(blocks) if _status_word(b)), len(blocks))
    horizon = any(_HORIZON.match(b.head) for b in blocks[:status_at])
    no_effects = status_at < len(blocks) and blocks[status_at].lead > 0
    current = column
    for k, block in enumerate(blocks):
        text = layout.text(block)
        if k >= status_at:
            current = STAT
        elif block.lead:
            current = min(current + 1 + block.lead, STAT)
        elif _HORIZON.match(block.head):
            current = max(current, EFF)
        elif (current == OUT and cells[OUT].paras and not horizon and not no_effects
              and not _DASHES.match(text)):
            current = EFF
        _add(layout, cells[current], block, text)


def _resources_hint(text: str) -> int | None:
    """Resources are actor names and a funding phrase: a block that reads so belongs there."""
    if RESOURCE_CUE.match(text):  # "Inom ordinarie budget", "Samtligt inom ..."
        return RES
    if text.endswith((".", "!", "?")) or len(text.split()) > 10:
        return None
    covered = sum(m.end - m.start for m in load_gazetteer().scan(text, kinds=ACTOR_KINDS) if m.entity)
    return RES if covered >= 0.5 * len(text) else None


def _action_allowed(block: _Block) -> set[int] | None:
    """The only column a carried-over block can be in, when the form's words say so."""
    if _HORIZON.match(block.head):
        return {EFF}
    if _status_word(block):
        return {STAT}
    if _GOAL.match(block.head):
        return {GOALS}
    return None


_BUILDERS: dict[str, Callable[[_Layout, list[_Block]], list[_Out]]] = {
    "demand": _demand, "staff": _staff, "contacts": _contacts, "collaboration": _collaboration,
}


# ----------------------------------------------------------------------------- assembly
def _assemble(src: SourceText, outs: list[_Out], consumed: list[tuple[int, int]]) -> SourceText:
    """The new text: each rebuilt row on the line where it starts in the PDF text (the lines
    it absorbed left blank), so the text keeps its length and line numbers stay close; when
    rows cannot be placed so, they are written one after another instead."""
    total = len(src.lines)
    taken = [False] * (total + 1)
    for first, last in consumed:
        for n in range(max(1, first), min(total, last) + 1):
            taken[n] = True
    lines: list[str | None] = [None] + [("" if taken[n] else src.lines[n - 1]) for n in range(1, total + 1)]
    origin: list[tuple[int, int]] = [(0, 0)] + [(n, n) for n in range(1, total + 1)]
    placed = True
    previous = 0
    for out in sorted(outs, key=lambda o: o.pos):
        slot = max(out.pos, previous + 1)
        if slot > total or not taken[slot] or lines[slot]:
            placed = False
            break
        lines[slot], origin[slot], previous = out.text, (out.first, out.last), slot
    if not placed:
        return _sequential(src, outs, taken)
    new = [line or "" for line in lines[1:]]
    return SourceText(src.name, "\n".join(new), new, original=src, origin=origin[1:])


def _sequential(src: SourceText, outs: list[_Out], taken: list[bool]) -> SourceText:
    """The rebuilt rows and the untouched lines in their order, one after another."""
    events: list[tuple[int, int, str, tuple[int, int]]] = [
        (n, 0, src.lines[n - 1], (n, n)) for n in range(1, len(src.lines) + 1) if not taken[n]]
    events += [(o.pos, 1 + k, o.text, (o.first, o.last)) for k, o in enumerate(outs)]
    events.sort(key=lambda e: (e[0], e[1]))
    new = [e[2] for e in events]
    return SourceText(src.name, "\n".join(new), new, original=src, origin=[e[3] for e in events])
