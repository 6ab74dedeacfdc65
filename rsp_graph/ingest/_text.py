"""Reading documents: decoding with precise errors, lines, HTML cells and table rows."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import IngestError
from ..model import Span

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(?:br\s*/?|/p|/li|/tr)\s*>", re.IGNORECASE)
_TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)
_TR = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
_TD = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.IGNORECASE | re.DOTALL)
SEPARATOR_CELL = re.compile(r"^\s*-{3,}\s*$")
FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹]\s*\S")


@dataclass
class SourceText:
    """A decoded document: its name and its lines (``line(1)`` is the first).

    A text rebuilt from another one (a PDF table put back into rows) keeps the way back:
    ``origin[i]`` is the (first, last) line of ``original`` that line ``i + 1`` came from, and
    spans name and quote those original lines, so provenance always cites the file itself.
    """

    name: str
    text: str
    lines: list[str] = field(default_factory=list)
    original: SourceText | None = None
    origin: list[tuple[int, int]] | None = None

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = self.text.split("\n")

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def numbered(self, start: int = 1, end: int | None = None):
        end = len(self.lines) if end is None else end
        for n in range(start, end + 1):
            yield n, self.lines[n - 1]

    def span(self, start: int, end: int | None = None) -> Span:
        end = start if end is None else end
        if self.original is not None and self.origin is not None:
            first = min(self.origin[n - 1][0] for n in range(start, end + 1))
            last = max(self.origin[n - 1][1] for n in range(start, end + 1))
            return self.original.span(first, last)
        quote = "\n".join(self.lines[start - 1:end]).strip()
        return Span(start, end, redact_contacts(quote))


EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
# a page number or footer line in PDF text: "7", "Sida 3 av 7", "3/7"
PAGE_NUMBER = re.compile(r"^\s*(?:sida\s+)?\d{1,3}(?:\s*(?:av|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])(?:\+46|0)\s*\d{1,3}(?:[\s-]?\d{2,3}){2,4}(?![\w-])")


def redact_contacts(text: str) -> str:
    """Quotes keep their words but never e-mail addresses or phone numbers."""
    return _PHONE.sub("[telefon]", EMAIL.sub("[e-post]", text))


def decode_source(data: bytes, name: str) -> SourceText:
    """Bytes -> :class:`SourceText`, or an :class:`IngestError` naming file and line."""
    if not data.strip():
        raise IngestError("the file is empty; nothing to ingest", source=name)
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise IngestError("the file is binary (it contains NUL bytes), not a text export; "
                          "convert it to text first (e.g. pdftotext or a Word 'save as text')",
                          source=name, line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded); "
                          "re-save it as UTF-8", source=name, line=line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(name, unicodedata.normalize("NFC", text))


def clean(text: str) -> str:
    """One line of plain text: HTML removed, entities decoded, white space folded."""
    text = html.unescape(_TAG.sub(" ", text))
    text = re.sub(r"\*\*|__", "", text)  # Markdown emphasis
    text = text.replace("\u00ad", "").replace("\xa0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([.,;:!?])", r"\1", text)


def paragraphs(cell: str) -> list[str]:
    """A cell's paragraphs (``<p>``, ``<br>`` and '-----' rules separate them)."""
    cell = _TABLE.sub(" ", cell)
    parts = re.split(r"\n|-{4,}", _BREAK.sub("\n", cell))
    return [c for c in (clean(p) for p in parts) if c]


def html_tables(cell: str) -> list[list[list[str]]]:
    """Nested HTML tables in a cell, as rows of cleaned cell texts."""
    tables = []
    for table in _TABLE.findall(cell):
        rows = [[clean(td) for td in _TD.findall(tr)] for tr in _TR.findall(table)]
        tables.append([r for r in rows if any(r)])
    return tables


def without_tables(cell: str) -> str:
    return _TABLE.sub(" ", cell)


def cells(line: str) -> list[str]:
    return line.split("\t")


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]*\S\s+\|\s+\S[^|\n]*(?:\s+\|\s+[^|\n]*)+$")


def pipes_to_tabs(text: str) -> str:
    """Tables written with pipes (Markdown, or "a | b | c" exports) as TAB-separated rows, line
    for line, so that every table reader sees one layout. A line needs at least two pipes to
    count as a row; a rule row ("|---|---|") stays a rule row."""
    if "|" not in text:
        return text
    out = []
    in_table = False
    for line in text.split("\n"):
        # inside a pipe table, a row broken inside a cell has fewer pipes ("2.2.1 | ... för")
        if (line.count("|") >= 2 and _PIPE_ROW.match(line)) or (in_table and " | " in line):
            in_table = True
            inner = line.strip()
            if inner.startswith("|"):
                inner = inner[1:]
            if inner.endswith("|"):
                inner = inner[:-1]
            line = "\t".join(cell.strip() for cell in inner.split("|"))
        else:
            in_table = False
        out.append(line)
    return "\n".join(out)


def is_separator_row(line: str) -> bool:
    """A rule row such as '---\\t---\\t--' left over from a table export."""
    stripped = line.replace("\t", "").strip()
    return bool(stripped) and set(stripped) <= set("-|=_ ")


@dataclass
class Row:
    """A logical table row, assembled from one or more physical lines."""

    cells: list[str]
    start: int
    end: int

    def extend(self, more: list[str], line: int) -> None:
        for i, cell in enumerate(more):
            if not cell.strip():
                continue
            while len(self.cells) <= i:
                self.cells.append("")
            self.cells[i] = f"{self.cells[i]} {cell}".strip() if self.cells[i].strip() else cell
        self.end = line

    def get(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


def check_complete(last_row: Row, width: int, src: SourceText) -> None:
    """Raise if the document ends inside a table row: the file was cut short.

    A row at the very end of the text with fewer cells than its table's header has lost
    its tail; reading it would store a half fact.
    """
    tail = [line for line in src.lines[last_row.end:] if line.strip()]
    filled = len(last_row.cells)
    if not tail and filled < width and not src.text.endswith("\n"):
        raise IngestError(f"the table ends in the middle of a row ({filled} of {width} columns); "
                          "the file looks truncated. Export it again in full.",
                          source=src.name, line=last_row.end)


def fold(text: str) -> str:
    """Key for loose comparison: lower case, no hyphens or soft hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text).lower().replace("\u00ad", "")
    text = re.sub(r"(\w)-\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip(" .:;,")
