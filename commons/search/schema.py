"""The Whoosh schema of the commons index: words to match, facets to count, fields to filter visibility.

Every resource not in the trash is indexed, drafts and partner-only ones included (editors and partner members
search them too); who sees what is decided at query time by `query.visibility_query`.
"""

from __future__ import annotations

from whoosh import fields, formats

from commons.search.analysis import FrenchAnalyzer, ValuesTokenizer

#: bump when the schema or the analysis changes: an index built by another version counts as absent
SCHEMA_VERSION = 1
INDEX_NAME = f"commons_v{SCHEMA_VERSION}"

#: fields the user's words are looked up in, with their weight
TEXT_FIELDS = ("title", "summary", "body", "keywords", "authors", "source", "attachments_text")

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


class FACET(fields.FieldType):
    """Exact values, several per document (themes, partners, keyword labels), for filters and counts."""

    def __init__(self):
        super().__init__(formats.Existence(), ValuesTokenizer())


def build_schema() -> fields.Schema:
    analyzer = FrenchAnalyzer()

    def text(boost=1.0, stored=False):
        return fields.TEXT(analyzer=analyzer, field_boost=boost, stored=stored)

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        # words
        title=text(boost=3.0, stored=True),
        summary=text(stored=True),
        body=text(),
        keywords=text(boost=2.0),
        authors=text(),
        source=text(),
        attachments_text=text(),
        # text kept only to cut highlighted excerpts from
        body_excerpt=fields.STORED(),
        attachments_excerpt=fields.STORED(),
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
        # sorting
        date=fields.NUMERIC(int, bits=64, sortable=True, signed=False),
        title_sort=fields.ID(sortable=True),
        #: the resource id again, as a column: ties in sorting are broken by it
        rid=fields.NUMERIC(int, bits=64, sortable=True, signed=False),
        #: version stamp of what was indexed, compared by `flask search check`
        updated=fields.STORED(),
    )
