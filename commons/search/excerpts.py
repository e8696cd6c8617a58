"""Highlighted titles and excerpts: the words that matched in <mark>, everything else escaped.

Matching words are found the way the index found them: a word is marked when its French analysis (cached per
word) gives one of the query's terms, so "Universités" is marked for a search on "universite". Only the words
that may give such a term are analysed: a regular expression built once per set of terms finds the words that
start like one of them (case, accents and the stemmer's "y"/"i" set aside, see `_candidates`), in C, and each
of those is then checked. Most words of a text are thus never looked at one by one. Only a window around the
first match is cut from long texts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape
from whoosh.support.charset import accent_map

from commons.search.analysis import cached_term

#: the default pattern of Whoosh's RegexTokenizer, so words are cut as the index cut them
WORD = re.compile(r"\w+(?:\.?\w+)*")
EXCERPT_CHARS = 240
LEAD_CHARS = 60
#: letters of a term's end the stemmer may have rewritten ("publications" -> "publiqu", "chevaux" -> "cheval"):
#: candidates only have to start like the rest of the term
REWRITTEN_END = 3
#: a word starts where the tokenizer starts one: not after a word character, nor after "x." (which joins "x.y")
WORD_START = r"(?<!\w)(?<!\w\.)"


def _variants() -> dict[str, str]:
    """Folded letter -> every character that folds to it (accented forms; "y" too for "i": the French stemmer
    writes an "y" next to a vowel as "i", "payer" -> "pai")."""
    found: dict[str, set[str]] = {}
    for code, folded in accent_map.items():
        if len(folded) == 1:
            found.setdefault(folded, {folded}).add(chr(code))
    found.setdefault("i", {"i"}).update(found.get("y", {"y"}))
    return {letter: "".join(sorted(chars)) for letter, chars in found.items()}


_VARIANTS = _variants()


def _letter(char: str) -> str:
    chars = _VARIANTS.get(char)
    return f"[{re.escape(chars)}]" if chars else re.escape(char)


@lru_cache(maxsize=512)
def _candidates(terms: frozenset[str]) -> re.Pattern | None:
    """Words that may give one of `terms`: they start, in any case and with any accents, like the term without
    its last REWRITTEN_END letters (its first three letters at least). None when there are no terms."""
    starts = sorted({term[:max(min(len(term), 3), len(term) - REWRITTEN_END)] for term in terms if term})
    if not starts:
        return None
    alternatives = "|".join("".join(_letter(char) for char in start) for start in starts)
    return re.compile(rf"{WORD_START}(?:{alternatives})", re.IGNORECASE)


def matches(text: str, terms: frozenset[str], first_only: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` whose index term is one of `terms`."""
    spans = []
    pattern = _candidates(terms)
    if pattern is None or not text:
        return spans
    word_at = WORD.match
    for candidate in pattern.finditer(text):
        word = word_at(text, candidate.start())
        if cached_term(word.group()) in terms:
            spans.append(word.span())
            if first_only:
                break
    return spans


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> Markup:
    """`text[start:end]` escaped, with the spans inside it wrapped in <mark>."""
    end = len(text) if end is None else end
    out, position = [], start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        out.append(escape(text[position:span_start]))
        out.append("<mark>")
        out.append(escape(text[span_start:span_end]))
        out.append("</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    return Markup("".join(out))  # noqa: S704 - every piece of text was escaped above


def highlight_title(title: str, terms: frozenset[str]) -> Markup:
    return mark(title, matches(title, terms))


def excerpt(texts: list[str], terms: frozenset[str]) -> Markup:
    """A window of the first text where a query word appears, else the start of the first non-empty text."""
    if terms:
        for text in texts:
            first = matches(text, terms, first_only=True)
            if first:
                return _window(text, first[0][0], terms)
    for text in texts:
        if text:
            return _window(text, 0, frozenset())
    return Markup("")


def _window(text: str, position: int, terms: frozenset[str]) -> Markup:
    start = 0 if position <= LEAD_CHARS else text.rfind(" ", 0, position - LEAD_CHARS) + 1
    end = start + EXCERPT_CHARS
    if end < len(text):
        cut = text.rfind(" ", position, end)
        end = cut if cut > position else end
    else:
        end = len(text)
    spans = [(s + start, e + start) for s, e in matches(text[start:end], terms)]
    body = mark(text, spans, start, end)
    return Markup("").join([Markup("… ") if start else "", body, Markup(" …") if end < len(text) else ""])
