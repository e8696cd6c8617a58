"""The Whoosh schema of the commons index: words to match, facets to count, fields to filter visibility.

Every resource not in the trash is indexed, drafts and partner-only ones included (editors and partner members
search them too); who sees what is decided at query time by `query.visibility_query`.
"""

from __future__ import annotations

from whoosh import columns, fields, formats

from commons.search.analysis import FrenchAnalyzer, ValuesTokenizer, index_terms

#: bump when the schema or the analysis changes: an index built by another version counts as absent, and the
#: application queues a full rebuild of it by itself (see `healing`). 3: the text of video captions.
SCHEMA_VERSION = 3
INDEX_NAME = f"commons_v{SCHEMA_VERSION}"

#: fields the user's words are looked up in: the title (boosted), the keywords (boosted) and everything else
#: (summary, authors, source, body, attachments, video captions) as one `content` field. Fewer fields make
#: indexing cheaper (each field of each document is a separate pass of Whoosh's writer) and queries too (a word
#: is looked up in each field).
TEXT_FIELDS = ("title", "keywords", "content")

#: filter/facet name (as in SearchRequest.filters and the catalogue's query string) -> index field
FACET_FIELDS = {
    "kind": "kind",
    "theme": "themes",
    "phase": "phases",
    "partner": "partners",
    "keyword": "keywords_facet",
    "licence": "licence",
    "language": "language",
    "year": "year",
}


class FrenchText(fields.TEXT):
    """A TEXT field (positions kept, for phrases) analysed by FrenchAnalyzer, and indexed without going through
    Whoosh's token stream: `index()` yields exactly what `Positions.word_values(FrenchAnalyzer())` would (a
    test compares them) at a fraction of the cost."""

    def __init__(self, field_boost: float = 1.0, stored: bool = False):
        super().__init__(analyzer=FrenchAnalyzer(), field_boost=field_boost, stored=stored)

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs or not isinstance(self.format, formats.Positions):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for term, positions in index_terms(value).items():
            count = len(positions)
            yield term.encode("utf-8"), count, count * boost, encode_positions(positions)


SINGLE_POSITIONS: dict[int, bytes] = {}


def encode_positions(positions: list[int]) -> bytes:
    """Whoosh's Positions encoding; most words appear once in a document, and those encodings are kept."""
    if len(positions) > 1:
        return formats.Positions.encode(None, positions)
    found = SINGLE_POSITIONS.get(positions[0])
    if found is None:
        found = SINGLE_POSITIONS[positions[0]] = formats.Positions.encode(None, positions)
    return found


class FACET(fields.FieldType):
    """Exact values, several per document (themes, partners, keyword labels), for filters and counts."""

    def __init__(self):
        super().__init__(formats.Existence(), ValuesTokenizer())


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        # words
        title=FrenchText(field_boost=3.0, stored=True),
        keywords=FrenchText(field_boost=2.0),
        content=FrenchText(),
        # text kept only to cut highlighted excerpts from
        summary=fields.STORED(),
        body_excerpt=fields.STORED(),
        attachments_excerpt=fields.STORED(),
        captions_excerpt=fields.STORED(),
        # facets
        kind=fields.ID(),
        themes=FACET(),
        phases=FACET(),
        partners=FACET(),
        owner=fields.ID(),
        keywords_facet=FACET(),
        licence=fields.ID(),
        language=fields.ID(),
        year=fields.ID(),
        # visibility
        status=fields.ID(),
        visibility=fields.ID(),
        is_deleted=fields.ID(),
        #: ids of the owner and co-owner partners (slugs may be renamed; ids are what memberships hold)
        partner_ids=FACET(),
        # sorting: columns only (nothing searches them, so they are not indexed as terms)
        #: milliseconds since 1970 of the content's own date, else of publication (creation for drafts)
        date=fields.COLUMN(columns.NumericColumn("q")),
        #: the folded title, UTF-8
        title_sort=fields.COLUMN(columns.VarBytesColumn()),
        #: the resource id again: ties in sorting are broken by it
        rid=fields.COLUMN(columns.NumericColumn("Q")),
        #: version stamp of what was indexed, compared by `flask search check`
        updated=fields.STORED(),
    )
