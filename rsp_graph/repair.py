"""Character repair for text extracted from PDFs.

PDF text extraction often breaks letters: a font's glyph map turns "a" into "ä", a letter
with a diacritic comes out as its base plus a stray accent ("ä" -> "ää", "ö" -> "oä"), and a
space is inserted after the accent ("Tillvää xtverket"). Which letters break, and how, differs
from PDF to PDF, so nothing here lists a damage pattern or a word. Instead:

1. *Detect*: count the words that are not Swedish (:func:`rsp_graph.lexicon.is_known`).
2. *Learn*: align each unknown word with the known words that share its consonant skeleton
   and collect the substitutions that turn one into the other ("oä" -> "ö"). Substitutions that
   recur across many words are the document's damage pattern; the same alignment over
   neighbouring fragments learns after which substitutions a space was inserted.
3. *Repair* word by word, line by line: a word is rewritten when the rewrite is Swedish and the
   original is not, or when it carries a substitution that Swedish words almost never contain;
   undecided words follow their neighbours, because damage comes in runs (a font, a cell).

Lines are never joined or split, so line numbers stay those of the source file. A text that is
not damaged is returned unchanged, byte for byte.

Damage with a known cause comes first and is left to a library: ftfy repairs UTF-8 read in
the wrong encoding ("TillvÃ¤xtverket") and ligature characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property

from .lexicon import is_known, known_words

# Letters that PDF glyph maps and detached accents confuse: the vowels that carry diacritics
# in Swedish (and in names borrowed from neighbouring languages).
_FRAGILE = set("aäåoöeéèuüAÄÅOÖEÉÈUÜ")
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 30
_DAMAGE_RATIO = 0.12  # share of unknown words above which a text may be damaged
_MIN_SUPPORT = 3  # words a substitution must repair before it is believed
_MIN_FIXED_SHARE = 0.3  # share of unknown words the learned pattern must repair


@dataclass
class Repair:
    """The outcome of :func:`repair_text`."""

    text: str
    damaged: bool
    confidence: float  # share of rewritten words that are known Swedish words
    substitutions: dict[str, str] = field(default_factory=dict)
    joins_after: list[str] = field(default_factory=list)  # substitutions followed by a stray space
    words_checked: int = 0
    words_unknown: int = 0
    words_rewritten: int = 0
    lines_changed: list[int] = field(default_factory=list)
    encoding_fixed: bool = False  # mojibake or ligatures, repaired by ftfy

    def summary(self) -> str:
        if self.encoding_fixed and not self.substitutions:
            return f"repaired a wrong text encoding (mojibake or ligatures) on {len(self.lines_changed)} lines"
        if not self.damaged:
            return (f"no character damage found ({self.words_unknown} of {self.words_checked} words unknown)")
        rules = ", ".join(f"{a!r}->{b!r}" for a, b in self.substitutions.items())
        return (f"repaired {self.words_rewritten} words on {len(self.lines_changed)} lines "
                f"(confidence {self.confidence:.2f}; learned substitutions: {rules})")


_DROP_FRAGILE = str.maketrans("", "", "".join(_FRAGILE))


def _fix_known_encodings(text: str) -> str:
    """Damage with a known cause, repaired by ftfy: UTF-8 read as Latin-1 or Windows-1252
    ("TillvÃ¤xtverket") and typographic ligatures ("ﬁnansiering"). ftfy changes nothing in a
    text without such damage; line breaks are kept."""
    try:
        import ftfy
        from ftfy.fixes import fix_latin_ligatures
    except ImportError:
        return text
    fixed = fix_latin_ligatures(ftfy.fix_encoding(text))
    return fixed if fixed.count("\n") == text.count("\n") else text


def skeleton(word: str) -> str:
    return word.lower().translate(_DROP_FRAGILE)


@cache
def _skeleton_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for word in known_words():
        if len(word) >= 3 and word.isalpha():
            index[skeleton(word)].append(word)
    return {k: tuple(v) for k, v in index.items()}


def repair_text(text: str) -> Repair:
    """Detect and repair broken characters in ``text`` (see the module docstring)."""
    decoded = _fix_known_encodings(text)
    if decoded != text:
        report = repair_text(decoded)
        changed = [n for n, (a, b) in enumerate(zip(text.split("\n"), report.text.split("\n"), strict=True), 1)
                   if a != b]
        report.damaged, report.encoding_fixed, report.lines_changed = True, True, changed
        return report
    words = [w for w in _WORD.findall(text) if len(w) >= 2]
    unknown = [w for w in words if not is_known(w)]
    report = Repair(text, False, 1.0, words_checked=len(words), words_unknown=len(unknown))
    if len(words) < _MIN_WORDS or len(unknown) / len(words) < _DAMAGE_RATIO:
        return report
    rules = _learn_substitutions(text, unknown)
    if not rules:
        return report
    fixer = _Fixer(rules)
    fixed = sum(1 for w in set(unknown) if fixer.apply(w) != w and is_known(fixer.apply(w)))
    if fixed / max(1, len(set(unknown))) < _MIN_FIXED_SHARE:
        return report
    fixer.joins = _learn_joins(text, fixer)
    lines = text.split("\n")
    out, changed, rewritten, good = [], [], 0, 0
    for n, line in enumerate(lines, start=1):
        new, count, known = fixer.repair_line(line)
        out.append(new)
        if new != line:
            changed.append(n)
        rewritten += count
        good += known
    return Repair("\n".join(out), True, good / max(1, rewritten), dict(rules), sorted(fixer.joins),
                  len(words), len(unknown), rewritten, changed)


# ----------------------------------------------------------------------------- learning
_RUNS = re.compile("([" + "".join(sorted(_FRAGILE)) + "]+)")


def _shape(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A word as its steady parts (consonants and other letters) and its fragile vowel runs:
    "främ" -> (("fr", "m"), ("ä",)), with an empty run where a word starts or ends steadily."""
    parts = _RUNS.split(word)
    return tuple(p.lower() for p in parts[0::2]), tuple(parts[1::2])


def _learn_substitutions(text: str, unknown: list[str]) -> dict[str, str]:
    """Substitutions of fragile vowel runs (damaged -> clean) that recur when unknown words are
    set against the known words with the same steady letters; longest first."""
    index = _skeleton_index()
    votes: Counter[tuple[str, str]] = Counter()
    words = set(unknown) | _fragments_with_next(text)
    for word in words:
        if len(word) < 3:
            continue
        steady, runs = _shape(word)
        candidates = [c for c in index.get(skeleton(word), ()) if _shape(c)[0] == steady]
        if not candidates or len(candidates) > 50:
            continue
        for candidate in candidates:
            clean_runs = _shape(candidate)[1]
            for damaged, clean in zip(runs, clean_runs, strict=True):
                # a run left as it is votes too: that is how a letter proves it is not damaged
                pair = (damaged, damaged) if damaged.lower() == clean else _minimal(damaged, _like_case(clean, damaged))
                votes[pair] += 1 / len(candidates)
    by_source: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (a, b), n in votes.items():
        by_source[a].append((b, n))
    rules = {}
    for a, options in by_source.items():
        ranked = sorted(options, key=lambda x: -x[1])
        (b, n), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        if b != a and n >= _MIN_SUPPORT and n >= 2 * runner_up and n >= 0.4 * sum(w for _, w in options):
            rules[a] = b
    rules.update(_detached_accents(words, rules))
    return dict(sorted(rules.items(), key=lambda r: -len(r[0])))


def _detached_accents(words: set[str], rules: dict[str, str]) -> dict[str, str]:
    """Two-letter runs that are a letter plus a stray accent ("OÖ" for "Ö", "AÅ" for "Å"): too
    rare for the vote, they are tried as the accent put back on its letter and kept when that
    turns a word of the text into a known word."""
    out: dict[str, str] = {}
    runs = Counter(run for word in words for run in _shape(word)[1] if len(run) == 2 and run not in rules)
    for run in runs:
        letter, accented = run
        mark = unicodedata.normalize("NFD", accented)[1:]
        base = unicodedata.normalize("NFD", rules.get(letter, letter))[:1]
        composed = unicodedata.normalize("NFC", base + mark)
        if not mark or len(composed) != 1:
            continue
        trial, current = _Fixer({**rules, run: composed}), _Fixer(rules)
        containing = [w for w in words if run in w and not is_known(w)]
        gained = sum(1 for w in containing if is_known(trial.apply(w)))
        kept = sum(1 for w in containing if is_known(current.apply(w)))
        if gained > kept:
            out[run] = composed
    return out


def _like_case(clean: str, damaged: str) -> str:
    return clean.upper() if damaged[:1].isupper() and clean else clean


def _minimal(damaged: str, clean: str) -> tuple[str, str]:
    """Drop what a damaged run and its clean run share at either end ("eä" / "ea" -> "ä" / "a"),
    as long as both sides keep a letter."""
    while len(damaged) > 1 and len(clean) > 1 and damaged[0] == clean[0]:
        damaged, clean = damaged[1:], clean[1:]
    while len(damaged) > 1 and len(clean) > 1 and damaged[-1] == clean[-1]:
        damaged, clean = damaged[:-1], clean[:-1]
    return damaged, clean


def _fragments_with_next(text: str) -> set[str]:
    """Words glued to the word after them, for words split by a stray space ("Tillvää xtverket")."""
    out = set()
    for line in text.split("\n"):
        for m in re.finditer(r"([^\W\d_]+) (?=([^\W\d_]+))", line):
            if not is_known(m.group(1)) or not is_known(m.group(2)):
                out.add(m.group(1) + m.group(2))
    return out


def _learn_joins(text: str, fixer: _Fixer) -> set[str]:
    """Substitution patterns after which the extraction inserted a space: those that end a
    fragment whose join with the next one is a known word far more often than not."""
    joined: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for line in text.split("\n"):
        for m in re.finditer(r"([^\W\d_]+) (?! )([^\W\d_]+)", line):
            head, tail = m.group(1), m.group(2)
            pattern = fixer.trailing_pattern(head)
            if pattern is None:
                continue
            seen[pattern] += 1
            if is_known(fixer.apply(head + tail)):
                joined[pattern] += 1
    if sum(joined.values()) < _MIN_SUPPORT or sum(joined.values()) < 0.5 * sum(seen.values()):
        return set()
    # the space comes from the extraction, not from one pattern: a pattern too rare to prove
    # it on its own follows the others unless its own evidence says otherwise
    return {p for p in seen if joined[p] >= 0.3 * seen[p]}


# ----------------------------------------------------------------------------- repairing
class _Fixer:
    def __init__(self, rules: dict[str, str]):
        self.rules = rules
        self.joins: set[str] = set()
        alternatives = "|".join(re.escape(a) for a in sorted(rules, key=len, reverse=True) if a)
        self.pattern = re.compile(alternatives or r"(?!x)x")  # no rules: a pattern that never matches
        self.single = {a: b for a, b in rules.items() if len(a) == 1}

    @cached_property
    def telling(self) -> set[str]:
        """Substitutions whose source Swedish words practically never contain: proof of damage.
        Only the final fixer needs them; the trial fixers of learning never ask."""
        return {a for a in self.rules if len(a) > 1 and sum(1 for w in _lexicon_sample() if a.lower() in w) <= 2}

    def apply(self, word: str) -> str:
        """Rewrite the fragile vowel runs of ``word``; other letters never change.

        Longer substitutions win ("oä" -> "ö"), unless reading a run letter by letter gives a
        known word where the longer reading does not ("proäktivt" -> "proaktivt").
        """
        fixed = _RUNS.sub(lambda run: self.pattern.sub(lambda m: self.rules[m.group()], run.group()), word)
        if is_known(fixed) or not self.single:
            return fixed
        for run in _RUNS.finditer(word):
            if len(run.group()) < 2:
                continue
            letterwise = "".join(self.single.get(c, c) for c in run.group())
            head = _RUNS.sub(lambda r: self.pattern.sub(lambda m: self.rules[m.group()], r.group()),
                             word[: run.start()])
            tail = _RUNS.sub(lambda r: self.pattern.sub(lambda m: self.rules[m.group()], r.group()),
                             word[run.end():])
            if is_known(head + letterwise + tail):
                return head + letterwise + tail
        return fixed

    def trailing_pattern(self, word: str) -> str | None:
        for a in self.rules:
            if len(a) > 1 and word.endswith(a):
                return a
        return None

    def _verdict(self, word: str) -> tuple[str, int]:
        """(repaired word, evidence): +1 damaged, -1 clean, 0 undecided."""
        fixed = self.apply(word)
        if fixed == word:
            return word, 0
        if any(a in word for a in self.telling):
            return fixed, 1
        original_known, fixed_known = is_known(word), is_known(fixed)
        if fixed_known and not original_known:
            return fixed, 1
        if original_known and not fixed_known:
            return word, -1
        return fixed, 0

    def repair_line(self, line: str) -> tuple[str, int, int]:
        tokens = self._tokens(line)
        if not tokens:
            return line, 0, 0
        verdicts = [self._verdict(t[2]) for t in tokens]
        evidence = [v[1] for v in verdicts]
        out, last, rewritten, known = [], 0, 0, 0
        for i, (start, end, word) in enumerate(tokens):
            fixed, vote = verdicts[i]
            if vote == 0 and fixed != word:
                vote = _nearest(evidence, i)
            gap = line[last:start]
            if i and gap.startswith("  ") and self.trailing_pattern(tokens[i - 1][2]) in self.joins:
                gap = gap[1:]  # "på  frågorna": the stray space after the accent, and the real one
            out.append(gap)
            if vote > 0:
                out.append(fixed)
                rewritten += 1
                known += is_known(fixed)
            else:
                out.append(line[start:end])
            last = end
        rest = line[last:]
        if rest.startswith("  ") and self.trailing_pattern(tokens[-1][2]) in self.joins:
            rest = rest[1:]
        out.append(rest)
        return "".join(out), rewritten, known

    def _tokens(self, line: str) -> list[tuple[int, int, str]]:
        """Words with stray spaces removed: ("Tillvää", "xtverket") -> one token."""
        spans = [(m.start(), m.end()) for m in _WORD.finditer(line)]
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(spans):
            start, end = spans[i]
            word = line[start:end]
            while i + 1 < len(spans) and self.joins:
                nxt = spans[i + 1]
                gap = line[end:nxt[0]]
                pattern = self.trailing_pattern(word)
                tail = line[nxt[0]:nxt[1]]
                if gap != " " or pattern not in self.joins or not tail[:1].islower():
                    break
                if is_known(self.apply(word)) and is_known(self.apply(tail)) and \
                        not is_known(self.apply(word + tail)):
                    break
                word, end = word + tail, nxt[1]
                i += 1
            out.append((start, end, word))
            i += 1
        return out


def _nearest(evidence: list[int], i: int) -> int:
    for step in range(1, len(evidence)):
        for j in (i - step, i + step):
            if 0 <= j < len(evidence) and evidence[j] != 0:
                return evidence[j]
    return 0


@cache
def _lexicon_sample(size: int = 20000) -> tuple[str, ...]:
    """Every n-th known word: enough to tell a rare letter sequence from a common one."""
    words = sorted(known_words())
    return tuple(words[:: max(1, len(words) // size)])
