"""The follow-up form's PDF text gets its tables put back into rows (rsp_graph.ingest._pdf_layout)."""

from __future__ import annotations

import json

from rsp_graph import extract_file, extract_text
from rsp_graph.ingest._pdf_layout import relayout_follow_up
from rsp_graph.ingest._text import SourceText, decode_source

from .conftest import ROOT


def _pdf(text: str) -> str:
    """Lines as pdftotext ends them: with a space where a word ends. A line written here with
    a closing "|" (or a hyphen) ends inside a word, so it gets no space."""
    return "\n".join(line[:-1] if line.endswith("|") else line if not line or line.endswith("-") else line + " "
                     for line in text.split("\n"))


# The action-table header as pdftotext prints it: cells broken over lines ("Drivm / edel").
_HEADER = """\
Huvudsakligt
serviceslag

Markera med X.

Planerade
insatser

Namn och
beskrivning.

Mål

Mål i RSP (samt ev.
i RUS och Agenda
2030) som
insatsen ska leda
till.

Resurser

Vilka aktörer ska
genomföra insatsen
och med vilka
resurser? Dagligvaror

Drivm|
edel

Om|
bud för posttjänst,

betaltjänst eller apotek

Bredare sam|
m|

anhang

Resultat i form av
prestationer

Vilka aktiviteter har
genomförts?

Resultat/förväntade
resultat i form av
effekter på kort,
medellång och lång
sikt

 Vad har förändrats?

Status

Klar/Fortsätter

Vad tar vi med
oss?
"""

# An invented region's report in the layout of the PDF text: lines end with a space where a
# word ends, a page's first line starts with one space, empty cells before an X are empty
# strings joined by spaces. The second action of area 1 is cut by a page break (with a page
# number at the foot of the page); its title, resources and outputs go on after it.
SYNTHETIC = _pdf(f"""\
 Frågor för uppföljning av regionala
serviceprogram 2022–2030

Region: Västernorrland
1. Hur bedömer regionen att efterfrågan av respektive stödtyp kommer att
utvecklas de kommande två åren? Lämna kommentar:

Stödtyp Min-
skar

Oför|
ändr

Ökar Kommentar

Servicebidrag

 x  Stabilt antal
ansökningar.

Hemsändningsbidrag

x   Färre butiker
söker stödet.

2. Har ni någon annan framtidsspaning som ni vill dela med er av?

Nej.

3. Hur mycket personalresurser har regionen avsatt för arbetet med
regionalt serviceprogram under året?

 Årsarbetskrafter

Processledning/koordi|
nering

Anna Berglund (0,4)

Stödhandläggning Johan Ekholm (0,2) och
handläggare vid behov.

4. Vem eller vilka personer inom regionen ska vara kontaktpersoner
gentemot Tillväxtverket? Ange namn och e-post1.

 Namn E-post

Kontaktperson för
RSP

Anna Berglund anna.berglund@example.se

5. Beskriv hur arbetet med att främja tillgänglighet genomförts under året.

6. Vilka aktörer ingår i samverkan kring det regionala serviceprogrammet?

Aktör Beskriv samverkan Eventuella utmaningar
eller framgångsfaktorer

Kommuner

Träffar varje
kvartal.

Steg i samverkanstrappan:
Samverkan

Länsstyrelse

Gemensam planering
av stöden.

Steg i samverkanstrappan:
Samtal

 Uppföljning och redovisning av insatser i regionalt serviceprogram
Det är viktigt att skapa rutiner och strukturer för att följa upp arbetet i regionalt serviceprogram.

 Region: Västernorrland
Prioriterat område 1. Tillgänglig service i hela länet

Handlingsplan för verksamhetsår 2024 Uppföljning av verksamhetsår 2024 Till nästa år, 2025

{_HEADER}
Kartlägga
servicepunkter i
glesbygd.

1.1 Bibehållen
service i
glesbygd.

Region
Västernorrland

Inom ordinarie
budget.

X    Kartläggning
klar för fyra
kommuner.

Kort sikt: ny
kunskap.

Klar

Stöd till
drivmedels-
stationer i
inlandet och

1.2 Fler
drivmedels-
stationer i
inlandet.

Länsstyrelsen
Västernorrland

Inom ordinarie

 X   Två stationer
fick stöd för nya
pumpar och
laddstolpar i

Kort sikt: ökade
finansiella
resurser.

Fortsätter

Fler ansökningar
väntas 2025.
7
 längs kusten.

budget

glesbygden.

Prioriterat område 2. Samverkan mellan offentliga aktörer

Handlingsplan för verksamhetsår 2024 Uppföljning av verksamhetsår 2024 Till nästa år

{_HEADER}
Samordna
kommunernas
serviceplaner.

2.1 Ökad
samverkan
mellan kommuner.

Region
Västernorrland

   X Fyra nätverks-
möten hölls.

 Fortsätter

Nätverket
fortsätter 2025.

Utbilda
handläggare om
ombudsstöd.

2.2 Kunniga
handläggare i
alla kommuner.

Hela Sverige ska
leva

X  X  Två
utbildningar.

Kort sikt: ny
kunskap.

Klar
""")


def _line(text: str, needle: str, after: int = 0) -> int:
    """The 1-based number of the first line after line ``after`` that starts with ``needle``."""
    return next(n for n, line in enumerate(text.split("\n"), start=1)
                if n > after and line.strip().startswith(needle))


def test_a_synthetic_pdf_text_is_rebuilt_into_rows():
    rebuilt = relayout_follow_up(SourceText("synthetic.txt", SYNTHETIC))
    assert rebuilt is not None and rebuilt.original is not None
    assert len(rebuilt.lines) == len(rebuilt.origin or []) == len(SYNTHETIC.split("\n"))
    assert any("\t" in line for line in rebuilt.lines)

    ex = extract_text(SYNTHETIC, "synthetic.txt")
    assert ex.kind == "follow_up" and ex.year == 2024
    assert [(a.area, a.title) for a in ex.actions] == [
        (1, "Kartlägga servicepunkter i glesbygd."),
        (1, "Stöd till drivmedels-stationer i inlandet och längs kusten."),
        (2, "Samordna kommunernas serviceplaner."),
        (2, "Utbilda handläggare om ombudsstöd."),
    ]
    assert [a.goals for a in ex.actions] == [["1.1"], ["1.2"], ["2.1"], ["2.2"]]
    assert {g.code: g.text for g in ex.goals} == {
        "1.1": "Bibehållen service i glesbygd.", "1.2": "Fler drivmedels-stationer i inlandet.",
        "2.1": "Ökad samverkan mellan kommuner.", "2.2": "Kunniga handläggare i alla kommuner."}
    assert [a.service_types for a in ex.actions] == [
        ["Dagligvaror"], ["Drivmedel"], ["Bredare sammanhang"],
        ["Dagligvaror", "Ombud för posttjänst, betaltjänst eller apotek"]]
    assert [a.status for a in ex.actions] == ["Klar", "Fortsätter", "Fortsätter", "Klar"]

    split = ex.actions[1]  # the row the page break cut
    assert split.next_year == "Fler ansökningar väntas 2025"
    assert split.outputs == ["Två stationer fick stöd för nya pumpar och laddstolpar i glesbygden."]
    assert split.financing == ["Inom ordinarie budget"]
    assert "Länsstyrelsen i Västernorrlands län" in split.actors
    # the span cites the PDF text's own lines: from the title to the last carried-over line
    assert (split.span.start, split.span.end) == (_line(SYNTHETIC, "Stöd till"), _line(SYNTHETIC, "glesbygden."))
    assert "längs kusten." in split.span.quote and "\t" not in split.span.quote
    first = ex.actions[0]
    start = _line(SYNTHETIC, "Kartlägga")
    assert (first.span.start, first.span.end) == (start, _line(SYNTHETIC, "Klar", after=start))

    assert [(s.name, s.trend) for s in ex.support_types] == [
        ("Servicebidrag", "unchanged"), ("Hemsändningsbidrag", "decrease")]
    assert sorted((s.function, s.name, s.fte) for s in ex.staffing) == [
        ("Processledning/koordinering", "Anna Berglund", 0.4), ("Stödhandläggning", "Johan Ekholm", 0.2)]
    assert [(c.step) for c in ex.collaborations] == ["Samverkan", "Samtal"]
    assert ("Anna Berglund", "Kontaktperson för RSP") in {(p.name, p.role) for p in ex.people}
    assert "@" not in json.dumps(ex.to_json(), ensure_ascii=False)


def test_a_word_export_is_left_alone():
    data = (ROOT / "ingest" / "002_84ef355ead07de91.txt").read_bytes()
    assert relayout_follow_up(decode_source(data, "002_84ef355ead07de91.txt")) is None


def test_the_seed_pdf_text_yields_the_reports_facts():
    ex = extract_file(ROOT / "ingest" / "004_09a16d0edac6f1c2.txt")
    assert len(ex.actions) == 14
    assert len(ex.grants) == 4
    assert round(sum(s.fte for s in ex.staffing), 3) == 1.5
    assert "@" not in json.dumps(ex.to_json(), ensure_ascii=False)
    assert all(a.span is not None and a.span.end <= ex.line_count for a in ex.actions)


def test_page_headers_and_repeated_column_headers_are_skipped():
    """A page that opens with the region line and the action table's column headers again
    still carries the cut row's cells over to the right columns."""
    repeated = SYNTHETIC.replace(
        "7 \n längs kusten. ", " Region: Västernorrland \n\n" + _pdf(_HEADER) + "\nlängs kusten. ")
    assert repeated != SYNTHETIC
    actions = extract_text(repeated, "repeated.txt").actions
    assert [a.title for a in actions] == [a.title for a in extract_text(SYNTHETIC, "synthetic.txt").actions]
    assert actions[1].outputs == ["Två stationer fick stöd för nya pumpar och laddstolpar i glesbygden."]
    assert actions[1].financing == ["Inom ordinarie budget"]
