"""French text analysis for the search index: accents are folded *before* stemming.

Whoosh's `StemmingAnalyzer | CharsetFilter` stems first, so "universites" and "université" end on different
stems; folding first makes "université", "universités", "universites" and "UNIVERSITE" one term. Whoosh's
French stop list lacks "les" and some other frequent words: they are added, and the list is folded too.

`french_analyzer()` is that chain as Whoosh composes it. The index uses `FrenchAnalyzer`, the same five steps
fused into one pass with a per-word cache: it gives the very same tokens (tests compare them) at about half the
cost, and analysis is most of what indexing costs. `index_terms` goes one step further for indexing: the
(term, frequency, weight, positions) Whoosh's `Positions` format makes of those tokens, without a token object
per word.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.acore import Token
from whoosh.analysis.tokenizers import Tokenizer
from whoosh.lang import stemmer_for_language
from whoosh.lang.stopwords import stoplists
from whoosh.support.charset import accent_map
from whoosh.util.text import rcompile

#: frequent French words whoosh's list forgets (it has "le", "la", "des" but not "les")
EXTRA_STOP_WORDS = (
    "les", "cet", "cette", "ceux", "celle", "celles", "celui", "ceci", "cela", "ça", "dont", "chez", "sans", "sous",
    "vers", "donc", "car", "ni", "comme", "aussi", "ainsi", "entre", "lors", "quand", "où", "très", "tout", "tous",
    "toute", "toutes", "leurs",
)


def fold(text: str) -> str:
    """Lower-case and accent-free: the form every term of the index takes before stemming."""
    return text.lower().translate(accent_map)


FRENCH_STOP_WORDS = frozenset(fold(word) for word in (*stoplists["fr"], *EXTRA_STOP_WORDS))


def french_analyzer():
    """Tokenise, lower-case, fold accents, drop stop words, then stem (Snowball French)."""
    return (RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=FRENCH_STOP_WORDS) | StemFilter(lang="fr", cachesize=100_000))


#: RegexTokenizer's default expression, StopFilter's default minimum length
WORD_PATTERN = r"\w+(\.?\w+)*"
MIN_LENGTH = 2
_stem = stemmer_for_language("fr")
_find_words = rcompile(r"\w+(?:\.?\w+)*").findall


@lru_cache(maxsize=200_000)
def analyse_word(word: str) -> tuple[str, str | None]:
    """(folded word, index term), the term None for a stop word: the chain's work for one token."""
    folded = word.lower().translate(accent_map)
    if len(folded) < MIN_LENGTH or folded in FRENCH_STOP_WORDS:
        return folded, None
    return folded, _stem(folded)


class FrenchAnalyzer(Tokenizer):
    """`french_analyzer()` in one pass: same texts, positions (stop words renumbered), chars and stopped flags."""

    def __init__(self):
        self.expression = rcompile(WORD_PATTERN)

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
                 start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize:
            spans = ((m.group(0), m.start(), m.end()) for m in self.expression.finditer(value))
        else:
            spans = ((value, 0, len(value)),)
        kept = None
        for index, (word, start, end) in enumerate(spans):
            folded, term = analyse_word(word)
            if term is None and removestops:
                continue
            token.boost = 1.0
            if keeporiginal or not tokenize:
                token.original = word
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            if term is None:
                token.text, token.stopped = folded, True
                if positions:
                    token.pos = start_pos + index
            else:
                token.text, token.stopped = term, False
                if positions:
                    kept = start_pos + index if kept is None else kept + 1
                    token.pos = kept
            yield token


def index_terms(text: str) -> dict[str, list[int]]:
    """Index term -> its positions in `text`, numbered as FrenchAnalyzer numbers them (the first kept word keeps
    its place among all words, the next ones follow it), in order of first appearance."""
    positions: defaultdict[str, list[int]] = defaultdict(list)
    kept = None
    for index, word in enumerate(_find_words(text)):
        term = analyse_word(word)[1]
        if term is not None:
            kept = index if kept is None else kept + 1
            positions[term].append(kept)
    return positions


#: separates the values of a multi-valued facet field (a keyword label may contain commas or spaces)
VALUE_SEPARATOR = "\x1f"


class ValuesTokenizer(Tokenizer):
    """One token per value of a facet field, values joined by VALUE_SEPARATOR; values are kept as they are."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
                 start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(dict.fromkeys(v for v in value.split(VALUE_SEPARATOR) if v)):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            yield token


def join_values(values) -> str:
    """The field text for a list of facet values."""
    return VALUE_SEPARATOR.join(str(v) for v in values if v not in (None, ""))


def term_for(word: str) -> str | None:
    """The index term of one word, as the analyzer makes it (None for a stop word)."""
    return analyse_word(word)[1]


#: `term_for` with its own cache: a word seen before costs one lookup in C, no Python call (excerpts)
cached_term = lru_cache(maxsize=200_000)(term_for)
