"""Ranking by relevance: Whoosh's BM25F scores, computed only for the documents the filters leave.

Whoosh's own search walks every document that matches the words, through a tree of matchers over its text fields,
before it looks at the filter; with 20,000 resources a common word costs it hundreds of milliseconds. Here the
postings of each (field, term) are read once per segment (segments never change, apart from deletions, which
the filter already excludes) and the score of a document is the sum of its matching terms' BM25F scores, as
Whoosh sums them for And/Or queries; it is worked out only for the documents left after visibility and facets.
Phrases count by their words; other query types restrict the results but add nothing to scores.
"""

from __future__ import annotations

import heapq
import logging
import threading
from array import array
from collections import OrderedDict, defaultdict
from itertools import accumulate, compress

from whoosh import query
from whoosh.matching.wrappers import FilterMatcher

log = logging.getLogger(__name__)

#: postings kept in memory (8 bytes each), least recently used dropped first
MAX_POSTINGS = 4_000_000


def scoring_terms(q, boost: float = 1.0) -> list[tuple[str, str, float]]:
    """(field, term, boost) of the query's words that add to scores."""
    kind = type(q)
    boost *= getattr(q, "boost", 1.0)
    if kind is query.Term:
        return [(q.fieldname, q.text, boost)]
    if kind in (query.And, query.Or, query.DisjunctionMax):
        return [item for sub in q.subqueries for item in scoring_terms(sub, boost)]
    if kind in (query.AndNot, query.Require):
        return scoring_terms(q.a, boost)
    if kind is query.AndMaybe:
        return scoring_terms(q.a, boost) + scoring_terms(q.b, boost)
    if kind is query.Phrase:
        return [(q.fieldname, word, boost) for word in q.words]
    return []


class PostingsCache:
    """(segment, field, term) -> (document numbers, weights), and (segment, field) -> document lengths."""

    def __init__(self):
        self._postings: OrderedDict[tuple, tuple[array, array]] = OrderedDict()
        self._lengths: dict[tuple, array] = {}
        self._size = 0
        self._lock = threading.Lock()

    def postings(self, reader, segid: str, fieldname: str, text: str) -> tuple[array, array]:
        key = (segid, fieldname, text)
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
                return found
        docs, weights = read_postings(reader, fieldname, text)
        with self._lock:
            self._postings[key] = (docs, weights)
            self._size += len(docs)
            while self._size > MAX_POSTINGS and len(self._postings) > 1:
                _key, (old, _weights) = self._postings.popitem(last=False)
                self._size -= len(old)
        return docs, weights

    def lengths(self, reader, segid: str, fieldname: str) -> array:
        key = (segid, fieldname)
        found = self._lengths.get(key)
        if found is None:
            found = array("f", (reader.doc_field_length(d, fieldname, 1) or 1 for d in range(reader.doc_count_all())))
            self._lengths[key] = found
        return found

    def forget_other_segments(self, segids: set[str]) -> None:
        with self._lock:
            for key in [k for k in self._postings if k[0] not in segids]:
                self._size -= len(self._postings.pop(key)[0])
            for key in [k for k in self._lengths if k[0] not in segids]:
                del self._lengths[key]


def read_postings(reader, fieldname: str, text: str) -> tuple[array, array]:
    """Document numbers and weights of a term in one segment, deleted documents left out.

    Whole blocks are copied from Whoosh's W3 posting reader when it is the one in use (whoosh-reloaded 2.7.x;
    about fifty times faster than a call per posting), else the matcher is walked posting by posting.
    """
    docs, weights = array("I"), array("f")
    if (fieldname, text) not in reader:
        return docs, weights
    matcher = reader.postings(fieldname, text)
    deleted = frozenset()
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        deleted, matcher = matcher._ids, matcher.child
    if all(hasattr(matcher, name) for name in ("_read_data", "_read_weights", "_next_block", "_byteids")):
        while matcher.is_active():  # each block: (delta-encoded ids, weights, values)
            matcher._read_data()
            raw_ids = matcher._data[0]
            docs.extend(raw_ids if matcher._byteids else accumulate(raw_ids))
            matcher._read_weights()
            weights.extend(matcher._weights)
            matcher._next_block()
    else:
        while matcher.is_active():
            docs.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    if deleted:
        kept = [i for i, docnum in enumerate(docs) if docnum not in deleted]
        docs, weights = array("I", (docs[i] for i in kept)), array("f", (weights[i] for i in kept))
    return docs, weights


def rank(current, snap, parsed, selected: int, wanted: int) -> list[tuple[int, float]]:
    """The `wanted` best (docnum, score) among `selected`; equal scores in resource id order."""
    words: defaultdict[str, list[tuple[str, float]]] = defaultdict(list)
    for fieldname, text, boost in scoring_terms(parsed):
        if fieldname in current.schema:
            words[text].append((fieldname, boost))
    vectors = [snap.word_vector(current, text, tuple(sorted(fields))) for text, fields in words.items()]
    docs = set_bits(selected, snap.size)
    if not vectors:
        scores = [0.0] * len(docs)
    elif len(vectors) == 1:
        scores = [vectors[0][d] for d in docs]
    else:
        first, second, *others = vectors
        scores = [first[d] + second[d] for d in docs]
        for vector in others:
            scores = [score + vector[d] for score, d in zip(scores, docs, strict=True)]
    if len(docs) > wanted:  # keep what can reach the top, ties at the boundary included
        lowest = heapq.nlargest(wanted, scores)[-1]
        pairs = [(score, d) for score, d in zip(scores, docs, strict=True) if score >= lowest]
    else:
        pairs = list(zip(scores, docs, strict=True))
    rids = snap.rids
    pairs.sort(key=lambda pair: (-pair[0], rids[pair[1]]))
    return [(d, score) for score, d in pairs[:wanted]]


_ZERO_ONE = bytes.maketrans(b"01", b"\x00\x01")


def set_bits(bits: int, size: int) -> list[int]:
    """The document numbers in a bitset, in order: its binary digits, lowest first, select their positions
    (`itertools.compress`), all in C."""
    if not bits:
        return []
    digits = bin(bits)[:1:-1].encode("ascii").translate(_ZERO_ONE)
    return list(compress(range(len(digits)), digits))


def word_vector(current, postings: PostingsCache, size: int, text: str, fields) -> array:
    """The summed BM25F score of one analysed word over `fields` ((field, boost) pairs), for every document."""
    vector = array("f", bytes(4 * size))
    for fieldname, boost in fields:
        scorable = current.schema[fieldname].scorable
        for reader, offset in current.ixreader.leaf_readers():
            segid = reader.segment().segment_id()
            docs, weights = postings.postings(reader, segid, fieldname, text)
            if not docs:
                continue
            lengths = postings.lengths(reader, segid, fieldname) if scorable else None
            values = bm25_scores(current, fieldname, text, docs, weights, lengths)
            for docnum, value in zip(docs, values, strict=True):
                vector[docnum + offset] += value * boost
    return vector


def bm25_scores(current, fieldname: str, text: str, docs: array, weights: array, lengths: array | None) -> array:
    """Whoosh's BM25F score of each posting (`weighting.scorer(...).score()`, without its per-call overhead)."""
    weighting = current.weighting
    if lengths is None or not hasattr(weighting, "K1"):  # not scorable, or another weighting: ask Whoosh
        scorer = weighting.scorer(current, fieldname, text)
        if lengths is None:
            return array("f", weights)
        return array("f", (scorer._score(w, lengths[d]) for d, w in zip(docs, weights, strict=True)))
    idf = current.idf(fieldname, text)
    avgfl = current.avg_field_length(fieldname) or 1
    b = getattr(weighting, "_field_B", {}).get(fieldname, weighting.B)
    k1 = weighting.K1
    factor, base, slope = idf * (k1 + 1), k1 * (1 - b), k1 * b / avgfl
    return array("f", (factor * w / (w + base + slope * lengths[d]) for d, w in zip(docs, weights, strict=True)))


#: (field, number of most frequent terms) read ahead when a segment appears
WARM_TERMS = (("content", 160), ("title", 80), ("keywords", 40))


def warm(ix, postings: PostingsCache, segids: set[str]) -> None:
    """Read ahead, on a reader of its own, the lengths and the postings of the frequent terms of new segments,
    so the first searches after an index change do not pay for reading them (meant for a background thread)."""
    try:
        with ix.searcher() as current:
            for reader, _offset in current.ixreader.leaf_readers():
                segid = reader.segment().segment_id()
                if segid not in segids:
                    continue
                for fieldname, number in WARM_TERMS:
                    postings.lengths(reader, segid, fieldname)
                    for _frequency, text in reader.most_frequent_terms(fieldname, number):
                        postings.postings(reader, segid, fieldname, text.decode("utf-8"))
    except Exception:  # noqa: BLE001 - only a speed-up; the folder may have been swapped meanwhile
        log.debug("search cache warm-up stopped", exc_info=True)
