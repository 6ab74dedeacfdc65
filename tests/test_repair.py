"""Character repair of PDF text: learned from the text, checked against the lexicon."""

from __future__ import annotations

import re
import unicodedata

import pytest

from rsp_graph.repair import repair_text

from .conftest import ROOT

# A clean Swedish paragraph that is not in any seed (a county board's press text in our words).
CLEAN = """\
Länsstyrelsen och regionen har under året följt upp hur tillgången till dagligvaror,
drivmedel och apoteksombud har förändrats på landsbygden. Många butiker i glesbygden
har fått stöd för att byta kylar och frysar, och flera kommuner har börjat samordna
hemsändningen av varor till äldre som inte kan ta sig till butiken själva. Det är
viktigt att de små orterna får behålla sina mötesplatser, eftersom butiken ofta är
den sista servicen som finns kvar i byn. Under hösten höll regionen fyra möten med
kommunernas näringslivsenheter om hur servicen ska kunna utvecklas de kommande åren.
Både föreningar och företagare deltog, och många lyfte fram att bredband och
obemannade öppettider gör det möjligt att hålla öppet längre på kvällarna.
Arbetet fortsätter nästa år med en kartläggning av alla servicepunkter i länet,
och resultaten ska redovisas för kommunerna, länsstyrelsen och Tillväxtverket.
"""


def damage(text: str, glyph: dict[str, str], accent_space: bool) -> str:
    """The damage seen in PDF text: a glyph map turns letters into others, a letter with a
    diacritic comes out as its (damaged) base plus a stray accent, and a stray space may
    follow the accent."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        if len(decomposed) > 1:
            base, mark = decomposed[0], unicodedata.normalize("NFC", "a" + decomposed[1:])
            mark = mark.upper() if ch.isupper() else mark
            out.append(glyph.get(base, base) + mark + (" " if accent_space else ""))
        else:
            out.append(glyph.get(ch, ch))
    return re.sub(r" (?=[.,\n])", "", "".join(out)) if accent_space else "".join(out)


@pytest.mark.parametrize("stem", ["000_99ff51377d1c071c", "002_84ef355ead07de91", "003_857fa35a1064842e"])
def test_clean_seeds_pass_through_byte_identical(stem):
    text = (ROOT / "ingest" / f"{stem}.txt").read_text(encoding="utf-8")
    result = repair_text(text)
    assert not result.damaged
    assert result.text == text


def test_clean_paragraph_is_unchanged():
    assert repair_text(CLEAN).text == CLEAN


@pytest.mark.parametrize("accent_space", [False, True])
def test_damaged_paragraph_is_restored(accent_space):
    broken = damage(CLEAN * 2, {"a": "ä", "A": "Ä"}, accent_space)
    assert broken != CLEAN * 2 and "Tillvää" in broken
    result = repair_text(broken)
    assert result.damaged
    restored_words = re.findall(r"\w+", result.text)
    clean_words = re.findall(r"\w+", CLEAN * 2)
    same = sum(a == b for a, b in zip(restored_words, clean_words, strict=False))
    assert len(restored_words) == len(clean_words)
    assert same / len(clean_words) >= 0.97, [(a, b) for a, b in zip(restored_words, clean_words, strict=False)
                                             if a != b]
    assert result.text.count("\n") == (CLEAN * 2).count("\n")  # line numbers are kept


def test_a_different_glyph_map_is_learned_too():
    # another font: "o" comes out as "ö" and accents as the letter itself
    broken = damage(CLEAN * 2, {"o": "ö", "O": "Ö"}, accent_space=False)
    result = repair_text(broken)
    assert result.damaged
    words = re.findall(r"\w+", result.text)
    clean_words = re.findall(r"\w+", CLEAN * 2)
    assert sum(a == b for a, b in zip(words, clean_words, strict=False)) / len(clean_words) >= 0.95


def test_the_pdf_seed_is_repaired_with_its_own_pattern():
    text = (ROOT / "ingest" / "004_09a16d0edac6f1c2.txt").read_text(encoding="utf-8")
    result = repair_text(text)
    assert result.damaged and result.confidence >= 0.95
    assert result.text.count("\n") == text.count("\n")
    assert "Tillväxtverket" in result.text and "Tillvää" not in result.text
    assert "Östersund" in result.text and "Härjedalen" in result.text


def test_text_in_another_language_or_full_of_names_is_left_alone():
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    assert repair_text(english).text == english
    names = " ".join(["Kumpula Welin Nyqvist Ljungberg Högdahl Brifalk Abrahamzon Galant"] * 10)
    assert repair_text(names).text == names


@pytest.mark.parametrize("broken", [
    CLEAN.encode("utf-8").decode("cp1252"),  # UTF-8 read as Windows-1252: "LÃ¤nsstyrelsen"
    CLEAN.replace("fi", "\ufb01").replace("fl", "\ufb02"),  # ligature characters from a PDF
])
def test_wrong_encoding_and_ligatures_are_repaired(broken):
    assert broken != CLEAN
    result = repair_text(broken)
    assert result.damaged and result.encoding_fixed
    assert result.text == CLEAN


def test_a_damaged_pdf_text_of_a_plan_yields_the_word_exports_actions():
    """Repair and table layout together: broken characters in a plan's PDF text."""
    import difflib

    from rsp_graph import extract_file, extract_text

    pdf = (ROOT / "tests" / "corpus_pdf" / "000_99ff51377d1c071c.pdf.txt").read_text(encoding="utf-8")
    damaged = extract_text(damage(pdf, {"a": "ä", "A": "Ä"}, accent_space=True), "plan.pdf.txt")
    word = extract_file(ROOT / "ingest" / "000_99ff51377d1c071c.txt")
    matched = [a for a in word.actions
               if any(difflib.SequenceMatcher(None, a.title, b.title).ratio() > 0.9 and a.goals == b.goals
                      for b in damaged.actions)]
    assert len(damaged.actions) == len(word.actions)
    assert len(matched) >= 0.9 * len(word.actions)
