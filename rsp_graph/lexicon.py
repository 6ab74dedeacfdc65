"""Swedish word lists: what counts as a word, and what counts as a name.

The words come from the Swedish lemma lookup table of ``spacy-lookups-data`` (about 660,000
inflected forms and their lemmas, kept up to date with spaCy). The table is case-sensitive:
proper nouns ("Växjö", "Luleå") are capitalised in it, common words are not. The names come
from our own reference data: the gazetteer, the organisations, the vocabularies' labels and
the given-name list.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources

from .resources import ontology_dir

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _lemma_table() -> dict[str, str]:
    try:
        data = resources.files("spacy_lookups_data").joinpath("data", "sv_lemma_lookup.json.gz")
        with data.open("rb") as fh, gzip.open(fh) as unzipped:
            return json.load(unzipped)
    except (ImportError, FileNotFoundError, OSError):
        return {}


@cache
def common_words() -> frozenset[str]:
    """Lower-case Swedish common words (no proper nouns), to tell names from words."""
    return frozenset(w for pair in _lemma_table().items() for w in pair if w.islower())


@cache
def known_words() -> frozenset[str]:
    """Every word form we know, lower-cased: common words, proper nouns, and each word of
    every name in our reference data (places, organisations, labels, given names)."""
    words = {w.lower() for pair in _lemma_table().items() for w in pair}
    folder = ontology_dir()
    turtle = [folder.joinpath(name) for name in ("gazetteer.ttl", "organisations.ttl", "aliases.ttl", "rsp.ttl")]
    turtle += [f for f in folder.joinpath("vocab").iterdir() if f.name.endswith(".ttl")]
    for file in turtle:
        for literal in re.findall(r'"([^"\n]+)"', file.read_text(encoding="utf-8")):
            words.update(w.lower() for w in _WORD.findall(literal))
    try:  # the lemma table leaves out words that never inflect ("fram", "eller")
        from spacy.lang.sv.stop_words import STOP_WORDS

        words.update(STOP_WORDS)
    except ImportError:
        pass
    words.update(name.lower() for name in given_names())
    return frozenset(words)


def _word_list(name: str) -> frozenset[str]:
    """A list in ``ontology/lexicon/``: one entry per line, '#' starts a comment line."""
    try:
        text = ontology_dir().joinpath("lexicon", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def given_names() -> frozenset[str]:
    """Swedish given names, to tell a person ("Anna Berg") from other capitalised words."""
    return _word_list("given_names.txt")


@cache
def area_names() -> frozenset[str]:
    """Provinces and large regions: named areas that are not places of our kinds."""
    return _word_list("areas.txt")


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    """spaCy's Swedish lemmatiser rules (suffix -> replacement), longest first."""
    try:
        data = resources.files("spacy_lookups_data").joinpath("data", "sv_lemma_rules.json.gz")
        with data.open("rb") as fh, gzip.open(fh) as unzipped:
            rules = json.load(unzipped)
    except (ImportError, FileNotFoundError, OSError):
        return ()
    pairs = {(old, new) for group in rules.values() for old, new in group if old}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def is_known(word: str) -> bool:
    """Whether ``word`` is Swedish as far as we can tell: a known form, an inflection of one
    (by spaCy's suffix rules), or a compound of two known parts ("hemsändnings|bidraget")."""
    word = word.lower()
    words = known_words()
    if word in words or _inflection_known(word):
        return True
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if (head in words or (head.endswith("s") and head[:-1] in words)) and \
                (tail in words or _inflection_known(tail)):
            return True
    return False


def _inflection_known(word: str) -> bool:
    words = known_words()
    return any(word.endswith(old) and len(word) - len(old) >= 2 and word[: len(word) - len(old)] + new in words
               for old, new in _suffixes())
