"""Writing a new segment in bulk, as a rebuild does: postings grouped by term as documents come, then written a
block at a time.

Whoosh's SegmentWriter makes a tuple per posting, sizes it, sorts all of them at the end and hands them one by
one to the codec (a check, a few appends and comparisons per posting): with 150 postings per resource, that
was half of what indexing cost. Here each field keeps, per term, the list of its postings in document order
(documents arrive in order), so nothing needs sorting but the terms themselves, and the codec's block writer
is given whole blocks. French text fields hand over their analysed words (`analysis.index_terms`) directly,
facet and id fields their values; other fields go through `field.index()` as before. The files written are
those Whoosh writes (a test compares the postings with an index written by Whoosh's own writer). This leans on
`whoosh.writing` and `whoosh.codec.whoosh3` internals of whoosh-reloaded 2.7.x (pinned below 2.8).
"""

from __future__ import annotations

from array import array
from collections import defaultdict

from whoosh import fields
from whoosh.analysis.tokenizers import IDTokenizer
from whoosh.multiproc import SubWriterTask
from whoosh.writing import SegmentWriter

from commons.search.analysis import VALUE_SEPARATOR, index_terms
from commons.search.schema import FACET, SINGLE_POSITIONS, FrenchText, encode_positions


class TermPool:
    """Field -> term (str for French text, bytes otherwise) -> [(docnum, weight, value bytes)], in document
    order. Stands in for Whoosh's PostingPool in a BulkSegmentWriter."""

    def __init__(self):
        self.fields: defaultdict[str, defaultdict] = defaultdict(lambda: defaultdict(list))
        self.fieldnames: set[str] = set()

    def add(self, item):  # Whoosh's interface, for anything that still adds postings one by one
        fieldname, tbytes, docnum, weight, value = item
        self.fieldnames.add(fieldname)
        self.fields[fieldname][tbytes].append((docnum, weight, value))

    def cleanup(self):
        self.fields.clear()


class BulkSegmentWriter(SegmentWriter):
    """A SegmentWriter for adding many new documents (no spelling fields, no term vectors in this schema)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = TermPool()

    def add_document(self, **fields):
        self._check_state()
        schema, docnum, perdocwriter = self.schema, self.docnum, self.perdocwriter
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdocwriter.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = self._index_field(name, field, value, docnum) if field.indexed else 0
                perdocwriter.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdocwriter.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _index_field(self, name: str, field, value, docnum: int) -> int:
        """Add the field's postings to the pool; returns the field's length (0 if not scorable)."""
        self.pool.fieldnames.add(name)
        terms = self.pool.fields[name]
        kind, length = type(field), 0
        if kind is FrenchText and isinstance(value, str):
            boost, single = field.format.field_boost, SINGLE_POSITIONS
            for term, positions in index_terms(value).items():
                count = len(positions)
                length += count
                encoded = single.get(positions[0]) if count == 1 else None
                terms[term].append((docnum, count * boost, encoded or encode_positions(positions)))
        elif kind is FACET and isinstance(value, str):  # what ValuesTokenizer and the Existence format give
            boost = field.format.field_boost
            for text in dict.fromkeys(text for text in value.split(VALUE_SEPARATOR) if text):
                terms[text.encode("utf-8")].append((docnum, boost, b""))
                length += 1
        elif kind is fields.ID and value and isinstance(value, str) and isinstance(field.analyzer, IDTokenizer):
            terms[value.encode("utf-8")].append((docnum, field.format.field_boost, b""))
            length = 1
        else:
            for tbytes, count, weight, vbytes in field.index(value):
                length += count
                terms[tbytes].append((docnum, weight, vbytes))
        return length if field.scorable else 0

    def _flush_segment(self):
        self.perdocwriter.close()
        write_postings(self.fieldwriter, self.schema, self.pool.fields)
        self.fieldwriter.close()


def write_postings(fieldwriter, schema, fields: dict) -> None:
    """Every field's terms in order, each term's postings a block at a time, through the codec's writers (what
    `FieldWriter.add_postings` does posting by posting). Strings sort as their UTF-8 bytes do."""
    for fieldname in sorted(fields):
        terms = fields[fieldname]
        if not terms:
            continue
        fieldwriter.start_field(fieldname, schema[fieldname])
        for term in sorted(terms):
            fieldwriter.start_term(term.encode("utf-8") if isinstance(term, str) else term)
            _write_term(fieldwriter._postwriter, terms[term])
            fieldwriter.finish_term()
        fieldwriter.finish_field()


def _write_term(postwriter, postings: list[tuple]) -> None:
    """Fill the postings writer's block buffer a block at a time; the last block is left for finish_term (which
    inlines or writes it, as after `add_posting` calls)."""
    limit = postwriter._blocklimit
    for start in range(0, len(postings), limit):
        block = postings[start:start + limit]
        ids, weights, values = zip(*block, strict=True)
        postwriter._ids = array("I", ids)
        postwriter._weights = array("f", weights)
        postwriter._values = [value for value in values if value]
        postwriter._maxweight = max(max(weights), 0)
        if start + limit < len(postings):
            postwriter._write_block()


class BulkWriterTask(SubWriterTask):
    """Whoosh's worker process for MpWriter, writing through a BulkSegmentWriter (`multisegment` only)."""

    def run(self):
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)
