"""Resource rows (as `documents.iter_rows` reads them) -> rows of `search.documents` and words of the
vocabulary, with the same texts, facets and visibility fields as the Whoosh documents."""

from __future__ import annotations

import re

import sqlalchemy as sa

from commons.search.analysis import fold
from commons.search.documents import CAPTION_TEXT_CHARS, EXCERPT_SOURCE_CHARS, markdown_text, sort_date, stamp, year_of
from commons.search.postgres.ddl import CONFIG, SCHEMA

#: words offered by "did you mean": letters only, three at least
VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,}")
#: words taken into the vocabulary from one resource (its title and the start of its texts)
VOCABULARY_CHARS = 20_000

COLUMNS = ("resource_id", "title", "summary", "body_excerpt", "attachments_excerpt", "captions_excerpt", "kind",
           "themes", "phases", "partners", "keywords", "licence", "language", "year", "status", "visibility",
           "partner_ids", "sort_ms", "title_sort", "stamp", "title_words", "tagged_words", "content_words")

#: title A, keywords and summary B, everything else (authors, source, body, attachments, captions) C
UPSERT = sa.text(f"""
INSERT INTO {SCHEMA}.documents ({", ".join(COLUMNS[:-3])}, words)
VALUES ({", ".join(":" + name for name in COLUMNS[:-3])},
        setweight(to_tsvector('{CONFIG}', :title_words), 'A')
        || setweight(to_tsvector('{CONFIG}', :tagged_words), 'B')
        || setweight(to_tsvector('{CONFIG}', :content_words), 'C'))
ON CONFLICT (resource_id) DO UPDATE SET {", ".join(f"{name} = EXCLUDED.{name}" for name in COLUMNS[1:-3])},
    words = EXCLUDED.words
""")  # noqa: S608
ADD_WORDS = sa.text(f"INSERT INTO {SCHEMA}.vocabulary (word, folded) VALUES (:word, :folded) "  # noqa: S608
                    "ON CONFLICT (word) DO NOTHING")


def _value(enum_or_str) -> str:
    return getattr(enum_or_str, "value", enum_or_str) or ""


def record(row: dict, attachments_text: str) -> dict:
    """The `search.documents` row of one resource row."""
    body = markdown_text(row["body"])
    captions = (row.get("captions") or "")[:CAPTION_TEXT_CHARS]
    summary = row["summary"] or ""
    year, moment = year_of(row), sort_date(row)
    partners = [(row["owner_partner_id"], row["owner"]), *row["co_owners"]]
    content = "\n\n".join(part for part in (row["authors"], row["source"], body, attachments_text, captions) if part)
    return {
        "resource_id": row["id"], "title": row["title"], "summary": summary,
        "body_excerpt": body[:EXCERPT_SOURCE_CHARS], "attachments_excerpt": attachments_text[:EXCERPT_SOURCE_CHARS],
        "captions_excerpt": captions[:EXCERPT_SOURCE_CHARS], "kind": row["kind"] or "",
        "themes": list(row["themes"]), "phases": list(row["phases"]),
        "partners": list(dict.fromkeys(slug for _id, slug in partners)), "keywords": list(row["keywords"]),
        "licence": row["licence"] or "", "language": row["language"] or "", "year": str(year) if year else "",
        "status": _value(row["status"]), "visibility": _value(row["visibility"]),
        "partner_ids": sorted({int(pid) for pid, _slug in partners}),
        "sort_ms": int(moment.timestamp() * 1000) if moment else 0, "title_sort": fold(row["title"])[:120],
        "stamp": stamp(row["version"], row["updated_dt"], (a[0] for a in row["attachments"]),
                       row.get("captions") or ""),
        "title_words": row["title"], "tagged_words": " ; ".join([*row["keywords"], summary]),
        "content_words": content,
    }


def vocabulary(records: list[dict]) -> list[dict]:
    """Distinct lower-cased words of the records' titles and texts, with their folded form."""
    words: set[str] = set()
    for item in records:
        text = " ".join((item["title"], item["summary"], item["content_words"]))[:VOCABULARY_CHARS]
        words.update(match.group().lower() for match in VOCABULARY_WORD.finditer(text))
    return [{"word": word, "folded": fold(word)} for word in sorted(words)]
