"""Suggestions ("did you mean"): each word that finds nothing the user may see is replaced by the closest
word that does, and the corrected text is offered only if it finds something the user may see.

Candidates are terms of the index within two edits of the word's own term (both folded and stemmed, so the
accents and endings people leave out do not count as mistakes). A candidate counts only if documents the user
may see hold it, and it is shown as it is written in one of those documents ("réhabilitation", not the stem
"rehabilit"), so a word that only appears in a draft or another partner's private resource is never suggested.
"""

from __future__ import annotations

import re

from whoosh import query

from commons.search.analysis import fold, term_for
from commons.search.snapshot import bits_for

WORD = re.compile(r"[^\W\d_]{3,}")
FIELDS = ("title", "content")
MAX_DISTANCE = 2
MAX_WORDS = 6
#: visible documents read to find how a candidate term is written
SURFACE_TRIES = 5


def suggest(current, snap, text: str, base_bits: int) -> str | None:
    """A corrected version of `text` with visible results, or None."""
    from commons.search.query import parse_text

    corrected, changed = text, False
    for match in list(WORD.finditer(text))[:MAX_WORDS]:
        word = match.group()
        term = term_for(word)
        if term is None or _visible_bits(current, snap, term, base_bits):
            continue
        replacement = _closest(current, snap, word, term, base_bits)
        if replacement:
            corrected = corrected.replace(word, _same_case(replacement, word), 1)
            changed = True
    if not changed:
        return None
    parsed = parse_text(corrected)
    if parsed is None or not bits_for(current, snap, parsed) & base_bits:
        return None
    return corrected


def _visible_bits(current, snap, term: str, base_bits: int) -> int:
    return bits_for(current, snap, query.Or([query.Term(name, term) for name in FIELDS])) & base_bits


def _candidates(current, word: str, term: str) -> set[str]:
    """Terms near the word's term, near the word itself, or that the word starts with (a misspelt ending
    can stop the stemmer: "rehabilitaton" keeps its ending, "réhabilitation" becomes "rehabilit")."""
    folded = fold(word)
    prefixes = {folded[:k] for k in range(len(folded) - 1, max(3, len(folded) - 6), -1)}
    candidates = set()
    for reader, _offset in current.ixreader.leaf_readers():
        for name in FIELDS:
            for text in {term, folded}:
                candidates.update(reader.terms_within(name, text, MAX_DISTANCE, prefix=1))
            candidates.update(prefix for prefix in prefixes if (name, prefix) in reader)
    candidates.discard(term)
    return candidates


def _closest(current, snap, word: str, term: str, base_bits: int) -> str | None:
    ranked = []
    for candidate in _candidates(current, word, term):
        bits = _visible_bits(current, snap, candidate, base_bits)
        surface = _written_form(current, candidate, bits) if bits else None
        if surface and (gap := distance(fold(word), fold(surface))) <= MAX_DISTANCE:
            ranked.append((gap, -bits.bit_count(), surface))
    return min(ranked)[2] if ranked else None


def _written_form(current, term: str, bits: int) -> str | None:
    """How `term` is written in one of the documents of `bits` (lower-cased)."""
    for _ in range(SURFACE_TRIES):
        if not bits:
            return None
        docnum = (bits & -bits).bit_length() - 1
        bits &= bits - 1
        stored = current.stored_fields(docnum)
        for name in ("title", "summary", "body_excerpt", "captions_excerpt"):
            for found in WORD.finditer(stored.get(name, "")):
                if term_for(found.group()) == term:
                    return found.group().lower()
    return None


def _same_case(replacement: str, word: str) -> str:
    if word.isupper():
        return replacement.upper()
    return replacement.capitalize() if word[0].isupper() else replacement


def distance(a: str, b: str) -> int:
    """Levenshtein distance (words are short)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
