"""Highlighted titles and excerpts: the words that matched in <mark>, everything else escaped.

Matching words are found the way the index found them: each word of the text goes through the same French
analysis (cached per word) and is compared with the terms of the query, so "Universités" is marked for a search
on "universite". Only a window around the first match is cut from long texts.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from commons.search.analysis import cached_term

#: the default pattern of Whoosh's RegexTokenizer, so words are cut as the index cut them
WORD = re.compile(r"\w+(?:\.?\w+)*")
EXCERPT_CHARS = 240
LEAD_CHARS = 60


def matches(text: str, terms: frozenset[str], first_only: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` whose index term is one of `terms`."""
    spans = []
    if not terms or not text:
        return spans
    for match in WORD.finditer(text):
        if cached_term(match.group()) in terms:
            spans.append(match.span())
            if first_only:
                break
    return spans


def mentions(text: str, terms: frozenset[str]) -> bool:
    """Whether a word of `text` has one of `terms` as index term (words looked up in C: no loop in Python)."""
    return bool(text) and not terms.isdisjoint(map(cached_term, WORD.findall(text)))


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> Markup:
    """`text[start:end]` escaped, with the spans inside it wrapped in <mark>."""
    end = len(text) if end is None else end
    out, position = [], start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        out.append(escape(text[position:span_start]))
        out.append(Markup("<mark>%s</mark>") % text[span_start:span_end])
        position = span_end
    out.append(escape(text[position:end]))
    return Markup("").join(out)


def highlight_title(title: str, terms: frozenset[str]) -> Markup:
    return mark(title, matches(title, terms))


def excerpt(texts: list[str], terms: frozenset[str]) -> Markup:
    """A window of the first text where a query word appears, else the start of the first non-empty text."""
    for text in texts:
        if terms and mentions(text, terms):
            return _window(text, matches(text, terms, first_only=True)[0][0], terms)
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
