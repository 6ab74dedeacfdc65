"""PDF text of an action plan, its action tables put back into the rows of its Word export.

Text extracted from the PDF (pdftotext's reading order) has no tabs. A table row comes out
cell by cell, in column order, each cell as its own block of lines (its text wrapped to the
column's width) and blocks separated by blank lines; an empty cell prints nothing. A row that a
page break splits goes on after the page's footer ("Sida 3 av 7") and the repeated column
headers, cell by cell again, with only the cells that had more to say. The first line of a
new page starts with a single space.

:func:`relayout_action_plan` finds each action table by its column headers (a run of short
blocks that :func:`.action_plan._columns` reads as a header: "Insats", "Mål", "Ansvarig", ...),
takes the number of columns from them, and rebuilds one TAB-separated line per row, which
:func:`.action_plan.parse_action_plan` reads as it reads a Word export. Rows are found by what
starts them in the first column: the action letter in sequence ("A.", "B."), an action number
("1.2.1") or goal codes ("1.1, 1.2"), or a total ("Summa ..."). Which column a carried-over
block belongs to is read from the page before: the cells that filled the page to its foot are
those that go on (ties: by whether a cell's text is left open, and by whether the carried
word would have fitted on the cell's last line). Where a row has fewer blocks than columns
(empty cells), the blocks are put in columns by what they read like (goal codes, amounts,
dates, actor names) and by the width of each column's lines. Every rebuilt line records the
PDF lines it came from (``SourceText.origin``), so spans cite the PDF text's own line numbers;
the text keeps its number of lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..resolve import ACTOR_KINDS, load_gazetteer
from ._text import PAGE_NUMBER, SourceText, clean, fold
from .action_plan import ACTION_KEY, AREA_LETTERED, COLUMN_ROLES, FINANCING, GOAL, HEADINGS, TOTAL_ROW, _columns

_CODES = re.compile(r"^\d{1,2}\.\d{1,2}(?:\s*(?:,|och|&|[–—-])\s*\d{1,2}(?:\.\d{1,2})?)*\.?$")
_NUMBER_KEY = re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})\.?(?:\s|$)")
_MONEY = re.compile(r"\b(?:tkr|mnkr|kr|kronor|sek|medel|anslag\w*|budget\w*)\b|\d:\d|^\d[\d\s]*$", re.IGNORECASE)
_TIME = re.compile(r"^(?:löpande|hela året|under året|våren|hösten|vår|höst|kvartal|q[1-4]|"
                   r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\w*|(?:19|20)\d\d)\b", re.IGNORECASE)
_TYPED = ("goals", "financing", "time", "actors", "partners")
# a name in a list of actors: an abbreviation ("Lst", "Reg.", "SvDH") or an organisation word
_ABBREVIATION = re.compile(r"^(?:[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,3}\.?|[A-ZÅÄÖ]{2,6})$")
_ORGANISATION = re.compile(r"kommun|\bkn\b|region|länsstyrelse|förening|bolag|\bAB\b|organisation|servicegivare|"
                           r"handlare|byalag|myndighet|verket\b|partner|nätverk", re.IGNORECASE)
# a cell ending in one of these words goes on after a page break
_OPEN_WORDS = frozenset(re.findall(r"\w+", """
    och eller samt i av för med till på om som att en ett den det de är var vid från under genom inom
    mellan efter hos mot utan kring annan annat andra olika nya ny sin sina sitt vår våra deras alla
    flera både så där när bland per än har hade kan ska skall bli blir kommer även också inte"""))
_HEADER_LINE = 40  # a header cell's lines are short
_WIDE = 60  # a line this long runs across the page: prose, not a table cell


@dataclass
class _Block:
    start: int
    end: int
    lines: list[str]
    page_start: bool

    @property
    def text(self) -> str:
        return clean(" ".join(line.strip() for line in self.lines))

    @property
    def height(self) -> int:
        return len(self.lines)

    @property
    def wide(self) -> bool:
        return max(len(line.strip()) for line in self.lines) > _WIDE


@dataclass
class _Row:
    cells: list[list[str]]
    first: int
    last: int
    heights: dict[int, int] = field(default_factory=dict)  # column -> lines on the latest page
    tails: dict[int, str] = field(default_factory=dict)  # column -> its last line so far


def _blocks(lines: list[str]) -> list[_Block]:
    out: list[_Block] = []
    current: _Block | None = None
    for n, raw in enumerate(lines, start=1):
        line = raw.replace("\f", "")
        page = raw.startswith("\f") or (line[:1] == " " and line[1:2] not in (" ", "") and n > 1
                                          and bool(lines[n - 2].strip()))
        if not line.strip():
            current = None
            continue
        if page or current is None or PAGE_NUMBER.match(line) or PAGE_NUMBER.match(current.lines[-1]):
            current = _Block(n, n, [line], page or raw.startswith("\f"))
            out.append(current)
        else:
            current.lines.append(line)
            current.end = n
    return out


def _role(text: str) -> str | None:
    for role, pattern in COLUMN_ROLES:
        if pattern.search(text):
            return role
    return None


def _header_at(blocks: list[_Block], i: int) -> list[_Block] | None:
    """The header blocks of an action table starting at block ``i``."""
    run: list[_Block] = []
    for block in blocks[i:]:
        text = block.text
        if (block.height > 4 or max(len(line.strip()) for line in block.lines) > _HEADER_LINE
                or len(text.split()) > 6 or _role(text) is None or ACTION_KEY.match(text)
                or (run and block.page_start)):
            break
        run.append(block)
    while len(run) >= 3:
        if _columns([b.text for b in run]) is not None:
            return run
        run.pop()
    return None


def _is_furniture(blocks: list[_Block], i: int) -> bool:
    """A page footer: "Sida 3 av 7" anywhere, a bare number only at the foot of a page (a bare
    number elsewhere is a cell: "45" tkr)."""
    block = blocks[i]
    if block.height != 1 or not PAGE_NUMBER.match(block.lines[0]):
        return False
    if re.search(r"[a-z/]", block.lines[0], re.IGNORECASE):
        return True
    return i + 1 == len(blocks) or blocks[i + 1].page_start


class _Table:
    """One action table: its header, then its rows as they are rebuilt."""

    def __init__(self, header: list[_Block]):
        self.header = header
        self.names = [b.text for b in header]
        self.columns = _columns(self.names) or {}
        self.width = len(header)
        self.first_role = _role(self.names[0])
        self.title = self.columns.get("title", 0)
        self.rows: list[_Row] = []
        self.lettered: bool | None = None
        self.expected = "A"
        self.widths = [0] * self.width  # the longest line seen in each column
        self.sure = [0] * self.width  # the same, from rows whose every cell had text (no guessing)
        self.segments: list[tuple[_Row, list[_Block], bool]] = []  # read first, placed at the end

    # ------------------------------------------------------------- what starts a row
    def starts_row(self, text: str) -> bool:
        if TOTAL_ROW.match(text):
            # "Summa område 1" heads a total row; "Summa område 2: 765 tkr" is a line of text
            return not re.search(r":\s*\d", text)
        if self.first_role == "title":
            key = ACTION_KEY.match(text)
            if self.lettered is None:
                return bool(key and key.group(1) == "A") or not self.rows
            if self.lettered:
                return bool(key and key.group(1) == self.expected)
            return False
        if self.first_role == "key":
            return bool(_NUMBER_KEY.match(text)) or (not self.rows and bool(re.match(r"^\d{1,3}\.?$", text)))
        if self.first_role == "goals":
            return bool(_CODES.match(text))
        return False

    def open_row(self, block: _Block) -> None:
        text = block.text
        if self.first_role == "title" and not TOTAL_ROW.match(text):
            key = ACTION_KEY.match(text)
            if self.lettered is None:
                self.lettered = bool(key and key.group(1) == "A")
            if self.lettered and key:
                self.expected = chr(ord(key.group(1)) + 1)
        self.rows.append(_Row([[] for _ in range(self.width)], block.start, block.end))

    # ------------------------------------------------------------- filling a row
    def place_first_page(self, row: _Row, blocks: list[_Block]) -> None:
        """The blocks of a row on its first page: one per non-empty cell, in column order."""
        total = TOTAL_ROW.match(blocks[0].text) is not None

        def cost(block: _Block, column: int) -> float:
            if block is blocks[0] and not total:
                return 0.0 if column == 0 else 10.0  # the block that started the row is its first cell
            return self._fit(block, column, total and block is blocks[0])

        columns = _assign(blocks, list(range(self.width)), cost)
        self._put(row, blocks, columns)

    def place(self, row: _Row | None, blocks: list[_Block], carried: bool) -> None:
        if row is not None and blocks:
            self.segments.append((row, list(blocks), carried))

    def place_all(self) -> None:
        """Place the rows' blocks, once the column widths are known from the rows that are sure."""
        for _row, blocks, carried in self.segments:
            if not carried and len(blocks) == self.width:
                for column, block in enumerate(blocks):
                    if block.height > 1:
                        self.sure[column] = max(self.sure[column], *(len(line.strip()) for line in block.lines))
        for row, blocks, carried in self.segments:
            (self.place_next_page if carried else self.place_first_page)(row, blocks)

    def place_next_page(self, row: _Row, blocks: list[_Block]) -> None:
        """Carried-over blocks: they belong to the cells that filled the page before to its foot."""
        tallest = max(row.heights.values(), default=0)
        candidates = [c for c, h in sorted(row.heights.items()) if h == tallest]

        def state(column: int) -> str:
            before = " ".join(row.cells[column]).rstrip()
            if before.endswith((".", "!", "?")):
                return "closed"
            words = before.split()
            if before.endswith((",", "-", "–", "/", "&")) or (words and words[-1].lower() in _OPEN_WORDS):
                return "open"
            return "neutral"

        def cost(block: _Block, column: int) -> float:
            if column not in candidates:
                return 5.0
            closed = state(column) == "closed"
            lower = block.text[:1].islower()
            # a line wraps where the next word does not fit: if it would have fitted, it is not this cell's
            word = block.lines[0].strip().split(" ")[0]
            width = self.widths[column]
            fits = width > 0 and len(row.tails.get(column, "")) + 1 + len(word) <= width - 2
            return ((1.0 if closed and lower else 0.0) + (0.5 if not closed and not lower else 0.0)
                    + (2.0 if fits else 0.0))

        def skip(column: int) -> float:
            if column not in candidates:
                return 0.0
            return {"closed": 0.0, "neutral": 1.0, "open": 3.0}[state(column)]

        columns = _assign(blocks, list(range(self.width)), cost, skip)
        self._put(row, blocks, columns)

    def _fit(self, block: _Block, column: int, total: bool) -> float:
        """How badly a block fits a column, from what it reads like."""
        role = next((r for r, c in self.columns.items() if c == column), None)
        text = block.text
        if total:
            return 0.0 if column == self.title else 10.0
        cost = 0.0
        # a wrapped cell's lines are as long as its column is wide
        longest = max(len(line.strip()) for line in block.lines)
        if self.sure[column]:
            if longest > self.sure[column] + 2:
                cost += 3.0
            elif block.height > 1 and longest < self.sure[column] - 10:
                cost += 1.0
        hint = _hint(text)
        if hint == "actors" and role == "partners":
            hint = "partners"
        if hint is None:
            prose = text.endswith((".", "!", "?")) or len(text.split()) > 6
            return cost + (2.0 if role == "goals" else 1.0 if role in _TYPED and prose else 0.0)
        if role == hint:
            return cost - 2.0
        return cost + (2.0 if hint in self.columns else 0.0)

    def _put(self, row: _Row, blocks: list[_Block], columns: list[int]) -> None:
        row.heights = {}
        for block, column in zip(blocks, columns, strict=True):
            row.cells[column].append(block.text)
            row.heights[column] = block.height
            row.tails[column] = block.lines[-1].strip()
            self.widths[column] = max(self.widths[column], *(len(line.strip()) for line in block.lines))
            row.first, row.last = min(row.first, block.start), max(row.last, block.end)

    def line(self, row: _Row) -> str:
        return "\t".join(" ".join(parts) for parts in row.cells)


def _hint(text: str) -> str | None:
    """What kind of cell a block reads as, from its words."""
    if _CODES.match(text):
        return "goals"
    if len(text) <= 40 and _MONEY.search(text):
        return "financing"
    if len(text) <= 30 and _TIME.match(text):
        return "time"
    if len(text) <= 120 and not text.endswith((".", "!", "?")):
        found = [m for m in load_gazetteer().scan(text, kinds=ACTOR_KINDS) if m.entity]
        covered = sum(m.end - m.start for m in found)
        if found and covered >= 0.4 * len(text):
            return "actors"
        parts = [p.strip() for p in re.split(r",|/|;|\boch\b", text) if p.strip()]
        names = sum(1 for p in parts if len(p.split()) <= 4
                    and (_ABBREVIATION.match(p) or _ORGANISATION.search(p)))
        if parts and names >= 0.5 * len(parts):
            return "actors"
    return None


def _assign(blocks: list[_Block], columns: list[int], cost, skip=lambda column: 0.0) -> list[int]:
    """Blocks to columns, in order, each column at most once, at the least cost (ties: leftmost)."""
    m, n = len(blocks), len(columns)
    if m > n:
        return [columns[min(i, n - 1)] for i in range(m)]
    inf = float("inf")
    # best[i][j]: cost of placing blocks[:i] within columns[:j]
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    choice: list[list[int]] = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for j in range(1, n + 1):
        best[0][j] = best[0][j - 1] + skip(columns[j - 1])
    for i in range(1, m + 1):
        for j in range(i, n + 1):
            take = best[i - 1][j - 1] + cost(blocks[i - 1], columns[j - 1]) + 0.001 * j
            leave = best[i][j - 1] + skip(columns[j - 1]) if j - 1 >= i else inf
            best[i][j], choice[i][j] = (take, 1) if take <= leave else (leave, 0)
    out: list[int] = []
    i, j = m, n
    while i > 0:
        if choice[i][j]:
            out.append(columns[j - 1])
            i -= 1
        j -= 1
    return out[::-1]


def _ends_table(block: _Block) -> bool:
    text = block.lines[0].strip()
    if TOTAL_ROW.match(text) and re.search(r":\s*\d", text):
        return True  # "Summa område 2: 765 tkr" under the table
    return bool(block.wide or AREA_LETTERED.match(text) or FINANCING.match(text) or HEADINGS.match(text)
                or (GOAL.match(text) and len(text) > 40))


def relayout_action_plan(src: SourceText) -> SourceText | None:
    """The plan's PDF text with its action tables as TAB-separated rows, or None.

    None when the text already has TAB-separated rows (a Word export) or no action-table
    header. Lines the rebuilt rows absorbed, and page footers, are left blank, so the text
    keeps its length.
    """
    lines = src.lines
    if sum("\t" in line for line in lines) >= 2:
        return None
    blocks = _blocks(lines)
    outs: list[tuple[int, str, int, int]] = []  # (line, text, first, last)
    consumed: list[tuple[int, int]] = []
    i = 0
    while i < len(blocks):
        header = _header_at(blocks, i)
        if header is None:
            i += 1
            continue
        table = _Table(header)
        i, last = _read_table(blocks, i + len(header), table)
        if not table.rows:
            continue
        first = header[0].start
        outs.append((first, "\t".join(table.names), header[0].start, header[-1].end))
        outs += [(r.first, table.line(r), r.first, r.last) for r in table.rows]
        consumed.append((first, max(last, header[-1].end)))
    if not outs:
        return None
    # page footers between paragraphs go too: "Sida 3 av 7" would cut a list in two
    consumed += [(b.start, b.end) for k, b in enumerate(blocks) if _is_furniture(blocks, k)]
    return _assemble(src, outs, consumed)


def _read_table(blocks: list[_Block], i: int, table: _Table) -> tuple[int, int]:
    """Read a table's rows from block ``i`` (after its header) on: (the block after the table,
    the table's last line)."""
    last = 0
    row: _Row | None = None
    pending: list[_Block] = []  # the current row's blocks on the current page
    carried = False  # whether ``pending`` continues the row from the page before
    capacity = table.width  # blocks the current page can hold for the current row
    while i < len(blocks):
        block = blocks[i]
        if _is_furniture(blocks, i):
            i += 1
            continue
        text = block.text
        if block.page_start:
            repeat = _repeated_header(blocks, i, table)
            if not repeat and not table.starts_row(text) and not text[:1].islower():
                break  # no header repeated, no row, no sentence going on: the table ended
            table.place(row, pending, carried)
            # the cells that go on after the break are those that filled the page to its foot
            tallest = max((b.height for b in pending), default=0)
            capacity = sum(b.height == tallest for b in pending) or table.width
            pending, carried = [], row is not None
            if repeat:
                i += repeat
                continue
        if table.starts_row(text):
            table.place(row, pending, carried)
            table.open_row(block)
            row, pending, carried, capacity = table.rows[-1], [block], False, table.width
            last = block.end
            i += 1
            continue
        if row is None or _ends_table(block) or len(pending) >= capacity:
            break
        pending.append(block)
        last = block.end
        i += 1
    table.place(row, pending, carried)
    table.place_all()
    return i, last


def _repeated_header(blocks: list[_Block], i: int, table: _Table) -> int:
    """How many blocks from ``i`` repeat the table's header at the top of a page (0: none)."""
    names = [fold(n) for n in table.names]
    k = 0
    while k < len(names) and i + k < len(blocks) and fold(blocks[i + k].text) == names[k]:
        k += 1
    return k if k >= min(2, len(names)) else 0


def _assemble(src: SourceText, outs: list[tuple[int, str, int, int]], consumed: list[tuple[int, int]]) -> SourceText:
    total = len(src.lines)
    new = list(src.lines)
    origin = [(n, n) for n in range(1, total + 1)]
    for first, last in consumed:
        for n in range(first, last + 1):
            new[n - 1] = ""
    for pos, text, first, last in outs:
        new[pos - 1] = text
        origin[pos - 1] = (first, last)
    return SourceText(src.name, "\n".join(new), new, original=src, origin=origin)
