"""Bitsets of one index generation: facet values, visibility fields and sort orders, built once and shared.

A set of documents is a Python int used as a bitset (bit n = document number n): intersections and counts are
`&` and `int.bit_count()`, done in C, so counting every facet of 20,000 documents takes well under a
millisecond. Segments are immutable apart from deletions, so what is read from a segment is cached by segment
id and only masked with its current deletions when a new generation appears.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from functools import reduce
from itertools import repeat
from operator import and_, or_

from whoosh import query
from whoosh.idsets import DocIdSet

from commons.search.schema import FACET_FIELDS
from commons.search.scoring import PostingsCache

#: word score vectors kept per generation (4 bytes per document each)
VECTORS_KEPT = 256
#: fields whose values get a bitset: every facet, and what visibility is decided on
BITSET_FIELDS = (*FACET_FIELDS.values(), "owner", "status", "visibility", "is_deleted", "partner_ids")


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def bits_of(docnums, size: int) -> int:
    """The bitset of an iterable of document numbers: a byte per document set by `map` and read as binary
    digits, all in C."""
    flags = bytearray(size)
    deque(map(flags.__setitem__, docnums, repeat(1)), maxlen=0)
    return int(flags.translate(_DIGITS)[::-1], 2) if size else 0


class BitFilter(DocIdSet):
    """A bitset that Whoosh accepts as a search filter (membership tests in O(1))."""

    def __init__(self, bits: int, size: int):
        self._bytes = bits.to_bytes((size + 8) >> 3, "little")
        self._count = bits.bit_count()

    def __contains__(self, docnum):
        return (self._bytes[docnum >> 3] >> (docnum & 7)) & 1 == 1

    def __len__(self):
        return self._count

    def __iter__(self):
        data = self._bytes
        for index, byte in enumerate(data):
            if byte:
                base = index << 3
                for bit in range(8):
                    if byte >> bit & 1:
                        yield base + bit


class Segment:
    """What is read once from an immutable segment: value bitsets and the sort keys of each document."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.values = {}
        for field in BITSET_FIELDS:
            self.values[field] = {text: bits_of(reader.postings(field, text).all_ids(), self.size)
                                  for text in reader.field_terms(field) if text != ""}
        self.dates = _column(reader, "date", self.size, 0)
        self.rids = _column(reader, "rid", self.size, 0)
        self.titles = _column(reader, "title_sort", self.size, b"")


def _column(reader, field, size, default):
    if not reader.has_column(field):
        return [default] * size
    column = reader.column_reader(field)
    return [column[docnum] for docnum in range(size)]


class Snapshot:
    """The bitsets of one generation of the index, in global document numbers."""

    def __init__(self, searcher, segments: dict, postings=None):
        leaves = searcher.ixreader.leaf_readers()
        self.size = searcher.doc_count_all()
        self.live = 0
        #: resource id of each document number (ties in ranking are broken by it)
        self.rids = [0] * self.size
        self.values: dict[str, dict[str, int]] = {field: {} for field in BITSET_FIELDS}
        self._parts = []
        for reader, offset in leaves:
            segment = segments[reader.segment().segment_id()]
            deleted = bits_of(reader.deleted_docs_set, segment.size) if reader.has_deletions() else 0
            live = ((1 << segment.size) - 1) & ~deleted
            self.live |= live << offset
            self.rids[offset:offset + segment.size] = segment.rids
            for field, values in segment.values.items():
                merged = self.values[field]
                for text, bits in values.items():
                    merged[text] = merged.get(text, 0) | ((bits & live) << offset)
            self._parts.append((segment, offset, live))
        self._orders: dict[str, list[int]] = {}
        self._lock = threading.Lock()
        self.terms = TermBits()
        self._vectors: OrderedDict[tuple, object] = OrderedDict()
        #: per-segment postings for scoring, shared by the generations of one index
        self.postings = postings

    def word_vector(self, current, text: str, fields) -> object:
        """Score of every document for one word over some fields (see scoring.word_vector), cached."""
        from commons.search.scoring import word_vector

        key = (text, fields)
        with self._lock:
            found = self._vectors.get(key)
            if found is not None:
                self._vectors.move_to_end(key)
                return found
        found = word_vector(current, self.postings, self.size, text, fields)
        with self._lock:
            self._vectors[key] = found
            if len(self._vectors) > VECTORS_KEPT:
                self._vectors.popitem(last=False)
        return found

    def value(self, field: str, text: str) -> int:
        return self.values[field].get(text, 0)

    def any_of(self, field: str, texts) -> int:
        values = self.values[field]
        return reduce(or_, (values.get(str(text), 0) for text in texts), 0)

    def order(self, sort: str) -> list[int]:
        """Live document numbers sorted by date (newest first: the content's own date, else publication) or
        title, ties by resource id."""
        with self._lock:
            if sort not in self._orders:
                self._orders[sort] = self._build_order(sort)
            return self._orders[sort]

    def _build_order(self, sort: str) -> list[int]:
        keyed = []
        for segment, offset, live in self._parts:
            alive = live.to_bytes((segment.size + 8) >> 3, "little")
            for docnum in range(segment.size):
                if alive[docnum >> 3] >> (docnum & 7) & 1:
                    if sort == "title":
                        key = (segment.titles[docnum], segment.rids[docnum])
                    else:
                        key = (-segment.dates[docnum], -segment.rids[docnum])
                    keyed.append((key, docnum + offset))
        keyed.sort()
        return [docnum for _key, docnum in keyed]


class SnapshotCache:
    """One Snapshot per index generation, and the segments it was built from, shared by every thread."""

    def __init__(self, ix=None):
        self._ix = ix  #: to read ahead the postings of new segments on a reader of its own
        self._lock = threading.Lock()
        self._segments: dict[str, Segment] = {}
        self._current: tuple[object, Snapshot] | None = None
        self.postings = PostingsCache()
        #: the thread reading ahead the postings of the latest new segments, if any
        self.warming: threading.Thread | None = None

    def get(self, searcher) -> Snapshot:
        key = _generation_key(searcher)
        current = self._current
        if current is not None and current[0] == key:
            return current[1]
        with self._lock:
            if self._current is not None and self._current[0] == key:
                return self._current[1]
            live_ids, new_ids = set(), set()
            for reader, _offset in searcher.ixreader.leaf_readers():
                segid = reader.segment().segment_id()
                live_ids.add(segid)
                if segid not in self._segments:
                    self._segments[segid] = Segment(reader)
                    new_ids.add(segid)
            if new_ids and self._ix is not None:
                from commons.search.scoring import warm

                self.warming = threading.Thread(target=warm, args=(self._ix, self.postings, new_ids), daemon=True,
                                                name="search-warm-up")
                self.warming.start()
            self._segments = {segid: s for segid, s in self._segments.items() if segid in live_ids}
            self.postings.forget_other_segments(live_ids)
            snapshot = Snapshot(searcher, self._segments, self.postings)
            self._current = (key, snapshot)
            return snapshot


def _generation_key(searcher):
    return tuple((reader.segment().segment_id(), reader.segment().deleted_count())
                 for reader, _offset in searcher.ixreader.leaf_readers())


class TermBits:
    """The bitsets of the terms queries used lately, per generation (a word searched twice is read once)."""

    def __init__(self, limit: int = 4096):
        self.limit = limit
        self._cache: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, current, snap: Snapshot, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        with self._lock:
            bits = self._cache.get(key)
            if bits is not None:
                self._cache.move_to_end(key)
                return bits
        bits = 0
        if fieldname in current.schema:
            for reader, offset in current.ixreader.leaf_readers():
                segid = reader.segment().segment_id()
                docs, _weights = snap.postings.postings(reader, segid, fieldname, text)
                if docs:
                    bits |= bits_of(docs, reader.doc_count_all()) << offset
        bits &= snap.live
        with self._lock:
            self._cache[key] = bits
            if len(self._cache) > self.limit:
                self._cache.popitem(last=False)
        return bits


def bits_for(current, snap: Snapshot, q) -> int:
    """The documents matching `q`, combining cached term bitsets for the usual boolean shapes."""
    kind = type(q)
    if kind is query.Term:
        return snap.terms.get(current, snap, q.fieldname, q.text)
    if kind is query.And:
        return reduce(and_, (bits_for(current, snap, sub) for sub in q.subqueries), snap.live)
    if kind is query.Or or kind is query.DisjunctionMax:
        if getattr(q, "minmatch", 0):
            return bits_of(current.docs_for_query(q), snap.size)
        return reduce(or_, (bits_for(current, snap, sub) for sub in q.subqueries), 0)
    if kind is query.Not:
        return snap.live & ~bits_for(current, snap, q.query)
    if kind is query.Require:
        return bits_for(current, snap, q.a) & bits_for(current, snap, q.b)
    if kind is query.AndNot:
        return bits_for(current, snap, q.a) & ~bits_for(current, snap, q.b)
    if kind is query.AndMaybe:
        return bits_for(current, snap, q.a)
    if kind is query.Every:
        return snap.live
    if q is query.NullQuery:
        return 0
    return bits_of(current.docs_for_query(q), snap.size) & snap.live  # phrases and the like
