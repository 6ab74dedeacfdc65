"""An action plan's PDF text gets its action tables put back into rows (rsp_graph.ingest._pdf_plan_layout).

tests/corpus_pdf/*.pdf.txt are PDF-text renderings (tests/corpus_pdf/make_pdf_text.py) of Word
exports in ingest/ and tests/corpus/: cells as blocks, rows split by page breaks, headers
repeated on each page, page footers. Reading the PDF text must give the same actions as
reading the Word export, with spans that cite the PDF text's own lines.
"""

from __future__ import annotations

import importlib.util

import pytest

from rsp_graph import extract_file, extract_text
from rsp_graph.ingest._pdf_plan_layout import relayout_action_plan
from rsp_graph.ingest._text import SourceText, decode_source, fold, pipes_to_tabs, redact_contacts

from .conftest import ROOT

PDF = ROOT / "tests" / "corpus_pdf"
PAIRS = [
    ("ingest/000_99ff51377d1c071c.txt", "000_99ff51377d1c071c.pdf.txt"),
    ("tests/corpus/plan_vasterbotten_2021.txt", "plan_vasterbotten_2021.pdf.txt"),
    ("tests/corpus/plan_varmland_2019.txt", "plan_varmland_2019.pdf.txt"),
    ("tests/corpus/plan_kronoberg_2024.txt", "plan_kronoberg_2024.pdf.txt"),
]


def _generator():
    spec = importlib.util.spec_from_file_location("make_pdf_text", PDF / "make_pdf_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _overlap(word, pdf) -> float:
    """Share of the Word export's actions found in the PDF text by title, with equal goals and actors."""
    found = {fold(a.title): a for a in pdf.actions}
    same = sum(1 for a in word.actions
               if (b := found.get(fold(a.title))) is not None and b.goals == a.goals and b.actors == a.actors)
    return same / len(word.actions)


@pytest.mark.parametrize(("word", "pdf"), PAIRS, ids=[p for _, p in PAIRS])
def test_pdf_text_gives_the_word_exports_actions(word, pdf):
    expected = extract_file(ROOT / word)
    got = extract_file(PDF / pdf)
    assert expected.actions
    assert len(got.actions) == len(expected.actions)
    assert _overlap(expected, got) >= 0.9
    assert [a.key for a in got.actions] == [a.key for a in expected.actions]
    assert [fold(a.description or "") for a in got.actions] == [fold(a.description or "") for a in expected.actions]


@pytest.mark.parametrize(("word", "pdf"), PAIRS, ids=[p for _, p in PAIRS])
def test_spans_cite_the_pdf_text(word, pdf):
    lines = (PDF / pdf).read_text(encoding="utf-8").split("\n")
    ex = extract_file(PDF / pdf)
    assert ex.line_count == len(lines)
    for action in ex.actions:
        span = action.span
        assert span is not None and 1 <= span.start <= span.end <= len(lines)
        assert span.quote == redact_contacts("\n".join(lines[span.start - 1:span.end]).strip())
        title_start = " ".join(action.title.split()[:2])
        assert title_start in " ".join(span.quote.split()), (action.key, span)


@pytest.mark.parametrize(("word", "pdf"), PAIRS, ids=[p for _, p in PAIRS])
def test_relayout_keeps_the_line_count_and_the_way_back(word, pdf):
    src = decode_source((PDF / pdf).read_bytes(), pdf)
    rebuilt = relayout_action_plan(src)
    assert rebuilt is not None
    assert len(rebuilt.lines) == len(src.lines)
    assert rebuilt.original is src and rebuilt.origin is not None and len(rebuilt.origin) == len(src.lines)
    rows = [n for n, line in enumerate(rebuilt.lines, start=1) if "\t" in line]
    assert rows
    for n in rows:  # a rebuilt row sits on the line where it starts
        first, last = rebuilt.origin[n - 1]
        assert first == n <= last
    for n, line in enumerate(rebuilt.lines, start=1):  # every other line is kept or blanked
        assert "\t" in line or line in ("", src.lines[n - 1])


@pytest.mark.parametrize(("word", "pdf"), PAIRS, ids=[p for _, p in PAIRS])
def test_word_export_is_left_alone(word, pdf):
    src = decode_source((ROOT / word).read_bytes(), word)
    tabbed = SourceText(src.name, pipes_to_tabs(src.text))
    assert relayout_action_plan(tabbed) is None


def test_text_without_an_action_table_is_left_alone():
    text = "Handlingsplan 2024\n\nPrioriterat område 1: Service\n\nMål\n\n1.1 Butiker finns kvar.\n"
    assert relayout_action_plan(SourceText("x.txt", text)) is None


@pytest.mark.parametrize(("word", "pdf"), PAIRS, ids=[p for _, p in PAIRS])
def test_the_committed_renderings_are_the_generators_output(word, pdf):
    make = _generator()
    assert make.render((ROOT / word).read_text(encoding="utf-8")) == (PDF / pdf).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", [30, 42, 65])
def test_other_page_heights_and_column_widths(page, monkeypatch):
    """Rows split at other places, cells wrapped to other widths: still the same actions."""
    make = _generator()
    monkeypatch.setattr(make, "PAGE", page)
    monkeypatch.setattr(make, "WIDTHS", (25, 19, 29, 21, 27, 23))
    for word, _ in PAIRS:
        expected = extract_file(ROOT / word)
        got = extract_text(make.render((ROOT / word).read_text(encoding="utf-8")), "rendered.txt")
        assert _overlap(expected, got) >= 0.9, (word, page)


@pytest.mark.parametrize(("word", "cell"), [
    ("tests/corpus/plan_varmland_2019.txt", "\tLöpande\t"),  # no time plan
    ("tests/corpus/plan_vasterbotten_2021.txt", "\t1.2\t"),  # no goal
    ("ingest/000_99ff51377d1c071c.txt", "\tÖkad kunskap om digitalisering\t"),  # no expected result
])
def test_an_empty_cell_prints_nothing_and_the_others_keep_their_columns(word, cell):
    make = _generator()
    text = (ROOT / word).read_text(encoding="utf-8").replace(cell, "\t\t")
    expected = extract_text(text, "word.txt")
    got = extract_text(make.render(text), "pdf.txt")
    fields = ("title", "goals", "actors", "financing", "expected_result", "description")
    assert [[fold(str(getattr(a, f))) for f in fields] for a in got.actions] == \
        [[fold(str(getattr(a, f))) for f in fields] for a in expected.actions]
