"""Render a Word-export action plan (TAB rows) the way pdftotext lays out its tables.

Usage (from the project root)::

    python tests/corpus_pdf/make_pdf_text.py ingest/000_99ff51377d1c071c.txt tests/corpus/plan_*.txt

writes ``tests/corpus_pdf/<stem>.pdf.txt`` for each input. The output is deterministic (no
randomness), so the committed files can be regenerated and compared.

The layout imitated:

* a table row comes out cell by cell, each cell's text wrapped to its column's width, each cell
  a block of lines followed by a blank line; empty cells print nothing;
* a page holds ``PAGE`` physical lines (a row is as tall as its tallest cell); a row that does
  not fit is split: each cell's first lines stay on the page, the rest of each cell follows,
  cell by cell again, on the next page;
* each page ends with a footer "Sida N av M"; the first line of a new page starts with a
  single space; the table's header row is repeated at the top of a page the table goes on to;
* text outside the tables is kept line by line (not re-wrapped).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from rsp_graph.ingest._text import cells, clean, is_separator_row, paragraphs, pipes_to_tabs
from rsp_graph.ingest.action_plan import ACTION_KEY, _columns

PAGE = 50  # physical lines per page
WIDTHS = (22, 26, 18, 30, 24, 20, 28)  # column widths, by column index (cycled)
HERE = Path(__file__).resolve().parent


def _tables(text: str) -> list[tuple[str, object]]:
    """The document as ("line", text) and ("table", (header, rows)) items; rows are logical
    (a row the export broke over several lines is joined back)."""
    lines = pipes_to_tabs(text).split("\n")
    items: list[tuple[str, object]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        parts = cells(line) if "\t" in line else None
        header = _columns(parts) if parts else None
        if parts is None or header is None or ACTION_KEY.match(parts[0] or ""):
            items.append(("line", line.replace("\t", "   ").rstrip() if parts else line))
            i += 1
            continue
        width = len(parts)
        head = [clean(c) for c in parts]
        rows: list[list[str]] = []
        lettered: bool | None = None
        expected = "A"
        i += 1
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                nxt = next((x for x in lines[i:] if x.strip()), "")
                if "\t" in nxt:
                    i += 1
                    continue
                break
            if "\t" not in line:
                break
            i += 1
            if is_separator_row(line):
                continue
            row = cells(line)
            key = ACTION_KEY.match(clean(row[header.get("title", 0)] if header.get("title", 0) < len(row) else ""))
            if lettered is None:
                lettered = bool(key and key.group(1) == "A")
            if lettered:
                starts = bool(key and key.group(1) == expected)
                if starts:
                    expected = chr(ord(expected) + 1)
            else:
                starts = bool(clean(row[0]))
            if starts and rows and len(rows[-1]) < width and len(rows[-1]) + len(row) - 1 == width:
                rows[-1][-1] = f"{rows[-1][-1]} {row[0]}".strip()
                rows[-1].extend(row[1:])
                continue
            if starts or not rows:
                rows.append(list(row))
            else:
                for k, cell in enumerate(row):
                    if not cell.strip():
                        continue
                    while len(rows[-1]) <= k:
                        rows[-1].append("")
                    rows[-1][k] = f"{rows[-1][k]}\n{cell}" if rows[-1][k].strip() else cell
        items.append(("table", (head, [(r + [""] * width)[:width] for r in rows])))
    return items


def _wrap(cell: str, width: int) -> list[str]:
    out: list[str] = []
    for para in paragraphs(cell.replace("\n", "<br>")):
        out += textwrap.wrap(para, width, break_long_words=False, break_on_hyphens=False)
    return out


class _Pages:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.used = 0
        self.page = 1
        self.fresh = True  # nothing printed on this page yet

    def emit(self, line: str) -> None:
        if self.fresh and not line.strip():
            return  # no blank lines at the top of a page
        if self.fresh and self.page > 1:
            line = " " + line
        self.fresh = False
        self.out.append(line)

    def text_line(self, line: str) -> None:
        if self.used >= PAGE:
            self.break_page()
        self.emit(line)
        self.used += 1

    def break_page(self) -> None:
        if self.out and self.out[-1].strip():
            self.out.append("")
        self.out.append(f"Sida {self.page} av @PAGES@")
        self.page += 1
        self.used = 0
        self.fresh = True

    def blocks(self, parts: list[list[str]]) -> None:
        for lines in parts:
            if not lines:
                continue
            for line in lines:
                self.emit(line)
            self.emit("")

    def table(self, head: list[str], rows: list[list[str]]) -> None:
        widths = [WIDTHS[k % len(WIDTHS)] for k in range(len(head))]
        header = [_wrap(c, w) for c, w in zip(head, widths, strict=True)]
        header_height = max(len(h) for h in header) + 1
        if self.used + header_height + 2 > PAGE:
            self.break_page()
        self.blocks(header)
        self.used += header_height
        for row in rows:
            wrapped = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
            while True:
                height = max((len(w) for w in wrapped), default=0)
                room = PAGE - self.used - 1
                if height <= room:
                    self.blocks(wrapped)
                    self.used += height + 1
                    break
                if room < 2:  # too little room to start the row here
                    self.break_page()
                    self.blocks(header)
                    self.used += header_height
                    continue
                self.blocks([w[:room] for w in wrapped])
                wrapped = [w[room:] for w in wrapped]
                self.break_page()
                self.blocks(header)
                self.used += header_height

    def finish(self) -> str:
        self.out += ["", f"Sida {self.page} av @PAGES@"]
        return "\n".join(self.out).replace("@PAGES@", str(self.page)) + "\n"


def render(text: str) -> str:
    """The PDF text (pdftotext layout) of a Word-export plan."""
    pages = _Pages()
    for kind, item in _tables(text):
        if kind == "line":
            pages.text_line(item)  # type: ignore[arg-type]
        else:
            head, rows = item  # type: ignore[misc]
            pages.table(head, rows)
    return pages.finish()


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        out = HERE / f"{path.stem}.pdf.txt"
        out.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(out)


if __name__ == "__main__":
    main(sys.argv[1:])
