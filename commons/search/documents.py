"""What the index holds for one resource: its words, facets, visibility fields and a version stamp.

Resources are read as plain rows (Core queries, a fixed number per batch: no ORM objects, nothing loaded one
by one), then turned into documents by `DocumentBuilder`, which needs no application context so that rebuild
workers can run it in other processes. Markdown bodies are turned into plain text by `markdown_text`, a pass
over the lines and a few regular expressions (rendering with markdown-it then stripping the HTML took a fifth
of the whole indexing time; this takes a fortieth). Attachment text (PDF through pypdf, plain-text files as they
are) is cut to a sensible size and cached by content hash under the instance folder, so a rebuild does not parse
every PDF again. The text of video captions comes from media (`media.service.caption_texts`, one query per
batch), is indexed with the rest of the content, and counts in the version stamp.
"""

from __future__ import annotations

import html
import logging
import re
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import sqlalchemy as sa

from app.accounts.models import Partner
from commons.media_policy import OWNER_TYPE as MEDIA_OWNER
from commons.models import (
    Attachment,
    Keyword,
    Kind,
    Licence,
    Phase,
    Resource,
    Theme,
    resource_co_owners,
    resource_keywords,
    resource_phases,
    resource_themes,
)
from commons.search.analysis import fold, join_values
from media import service as media_service

log = logging.getLogger(__name__)

#: characters of one attachment's text that are indexed (a 300-page report is not read to the end)
ATTACHMENT_TEXT_CHARS = 100_000
#: pages of a PDF read at most
PDF_MAX_PAGES = 200
#: characters of a resource's captions (all its videos and languages) that are indexed
CAPTION_TEXT_CHARS = 100_000
#: characters kept (stored) to cut highlighted excerpts from
EXCERPT_SOURCE_CHARS = 2_000
TEXT_TYPES = {"text/plain", "text/markdown", "text/csv"}
BATCH = 1_000
#: text fields kept even when empty (excerpts read them); other empty values are left out of the document
STORED_TEXT = {"title", "summary", "body_excerpt", "attachments_excerpt", "captions_excerpt"}

_COLUMNS = (Resource.id, Resource.title, Resource.summary, Resource.body, Resource.authors, Resource.source,
            Resource.language, Resource.content_date, Resource.published_dt, Resource.created_dt,
            Resource.updated_dt, Resource.version, Resource.status, Resource.visibility, Resource.is_deleted,
            Resource.owner_partner_id, Kind.slug.label("kind"), Partner.slug.label("owner"),
            Licence.slug.label("licence"))


# Reading ------------------------------------------------------------------------------------------------------

def iter_rows(connection, ids: Iterable[int] | None = None, batch: int = BATCH) -> Iterator[dict]:
    """Rows of the resources not in the trash (all of them, or those among `ids`), `batch` at a time."""
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), batch):
            yield from _load(connection, Resource.id.in_(wanted[start:start + batch]))
        return
    last = 0
    while True:
        rows = _load(connection, Resource.id > last, limit=batch)
        if not rows:
            return
        yield from rows
        last = rows[-1]["id"]


def _load(connection, where, limit: int | None = None) -> list[dict]:
    query = (sa.select(*_COLUMNS).join(Kind, Kind.id == Resource.kind_id)
             .join(Partner, Partner.id == Resource.owner_partner_id)
             .outerjoin(Licence, Licence.id == Resource.licence_id)
             .where(where, Resource.is_deleted.is_(False)).order_by(Resource.id).limit(limit))
    rows = {row["id"]: dict(row, themes=[], phases=[], keywords=[], co_owners=[], attachments=[], captions="")
            for row in connection.execute(query).mappings()}
    if not rows:
        return []
    ids = list(rows)
    links = (
        ("themes", sa.select(resource_themes.c.resource_id, Theme.slug).join(Theme)
         .where(resource_themes.c.resource_id.in_(ids)).order_by(Theme.position, Theme.id)),
        ("phases", sa.select(resource_phases.c.resource_id, Phase.slug).join(Phase)
         .where(resource_phases.c.resource_id.in_(ids)).order_by(Phase.position, Phase.id)),
        ("keywords", sa.select(resource_keywords.c.resource_id, Keyword.label).join(Keyword)
         .where(resource_keywords.c.resource_id.in_(ids)).order_by(Keyword.label)),
        ("co_owners", sa.select(resource_co_owners.c.resource_id, Partner.id, Partner.slug).join(Partner)
         .where(resource_co_owners.c.resource_id.in_(ids)).order_by(Partner.name)),
        ("attachments", sa.select(Attachment.resource_id, Attachment.id, Attachment.mime_type, Attachment.sha256,
                                  Attachment.storage_key)
         .where(Attachment.resource_id.in_(ids), Attachment.is_deleted.is_(False)).order_by(Attachment.id)),
    )
    for key, query in links:
        for resource_id, *values in connection.execute(query):
            rows[resource_id][key].append(values[0] if len(values) == 1 else tuple(values))
    for resource_id, text in media_service.caption_texts(MEDIA_OWNER, ids, connection).items():
        rows[resource_id]["captions"] = text
    return list(rows.values())


# Building -----------------------------------------------------------------------------------------------------

def stamp(version: int, updated_dt: datetime | None, attachment_ids: Iterable[int], captions: str = "") -> str:
    """What `check` compares: the resource's version and update time, its attachments, and a checksum of its
    captions' text (captions change without the resource changing)."""
    moment = updated_dt.strftime("%Y%m%dT%H%M%S.%f") if updated_dt else ""
    value = f"v{version}|{moment}|" + ",".join(str(i) for i in sorted(attachment_ids))
    return f"{value}|c{zlib.crc32(captions.encode('utf-8')):08x}" if captions else value


def year_of(resource) -> int | None:
    """The year of the content itself, else of publication (as the catalogue's year filter)."""
    content_date, published_dt = _get(resource, "content_date"), _get(resource, "published_dt")
    if content_date is not None:
        return content_date.year
    return published_dt.year if published_dt is not None else None


def sort_date(resource) -> datetime | None:
    """What "newest first" orders by: the date of the content itself (midnight UTC), else the publication date,
    else (drafts) the creation date; the date the hits show, as `resource_date` in the templates."""
    content_date: date | None = _get(resource, "content_date")
    if content_date is not None:
        return datetime.combine(content_date, time(), tzinfo=UTC)
    return _get(resource, "published_dt") or _get(resource, "created_dt")


def _get(obj, name):
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


class DocumentBuilder:
    """Turns resource rows into index documents; plain data only, so it works in any process."""

    def __init__(self, media_root: str, cache_dir: str):
        self.media_root = media_root
        self.cache_dir = cache_dir

    def __call__(self, row: dict) -> dict:
        body = markdown_text(row["body"])
        attachments = self.attachments_text(row["attachments"])
        keywords, year = row["keywords"], year_of(row)
        partners = [(row["owner_partner_id"], row["owner"]), *row["co_owners"]]
        moment = sort_date(row)
        summary = row["summary"] or ""
        captions = (row.get("captions") or "")[:CAPTION_TEXT_CHARS]
        content = "\n\n".join(part for part in (summary, row["authors"], row["source"], body, attachments, captions)
                              if part)
        doc = {
            "id": str(row["id"]), "title": row["title"], "summary": summary, "content": content,
            "keywords": " ; ".join(keywords),
            "body_excerpt": body[:EXCERPT_SOURCE_CHARS], "attachments_excerpt": attachments[:EXCERPT_SOURCE_CHARS],
            "captions_excerpt": captions[:EXCERPT_SOURCE_CHARS],
            "kind": row["kind"], "themes": join_values(row["themes"]), "phases": join_values(row["phases"]),
            "partners": join_values(slug for _id, slug in partners), "owner": row["owner"],
            "keywords_facet": join_values(keywords), "licence": row["licence"] or "",
            "language": row["language"] or "", "year": str(year) if year else "",
            "status": _value(row["status"]), "visibility": _value(row["visibility"]),
            "is_deleted": "1" if row["is_deleted"] else "0",
            "partner_ids": join_values(pid for pid, _slug in partners),
            "date": int(moment.timestamp() * 1000) if moment else 0,
            "title_sort": fold(row["title"])[:120].encode("utf-8"), "rid": row["id"],
            "updated": stamp(row["version"], row["updated_dt"], (a[0] for a in row["attachments"]),
                             row.get("captions") or ""),
        }
        return {name: value for name, value in doc.items() if value != "" or name in STORED_TEXT}

    # Attachments ----------------------------------------------------------------------------------------------

    def attachments_text(self, attachments) -> str:
        parts = [text for attachment in attachments if (text := self.attachment_text(*attachment))]
        return "\n\n".join(parts)

    def attachment_text(self, attachment_id: int, mime_type: str, sha256: str, storage_key: str) -> str:
        """The text of a PDF or plain-text attachment (empty for images, archives, office files)."""
        if mime_type != "application/pdf" and mime_type not in TEXT_TYPES:
            return ""
        cached = Path(self.cache_dir) / sha256[:2] / f"{sha256}.txt"
        if cached.is_file():
            return cached.read_text(encoding="utf-8")
        text = self._extract(attachment_id, mime_type, storage_key)
        if text is None:  # unreadable now (missing file): try again next time
            return ""
        cached.parent.mkdir(parents=True, exist_ok=True)
        temp = cached.with_suffix(".tmp")
        temp.write_text(text, encoding="utf-8")
        temp.replace(cached)
        return text

    def _extract(self, attachment_id: int, mime_type: str, storage_key: str) -> str | None:
        from media.storage import LocalStorage

        try:
            with LocalStorage(self.media_root).open(storage_key) as handle:
                if mime_type in TEXT_TYPES:
                    return handle.read(ATTACHMENT_TEXT_CHARS * 4).decode("utf-8", "replace")[:ATTACHMENT_TEXT_CHARS]
                return pdf_text(handle)
        except OSError as exc:
            log.warning("attachment %s unreadable for the index: %s", attachment_id, exc)
            return None


#: lines that hold no words: code fences, thematic breaks, table rules, link reference definitions
_NO_WORDS = re.compile(r"(?:`{3,}|~{3,}).*|(?:[-*_][ \t]*){3,}|\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?)?"
                       r"|\[[^\]]+\]:[ \t]*\S+.*")
#: what starts a line without being a word: heading, quote and list marks, nested ("> - item")
_LINE_MARKS = re.compile(r"(?:(?:>|#{1,6}(?=[ \t]|$)|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))[ \t]*)+")
_LINKS = re.compile(r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")  # links and images: their text
_TAGS = re.compile(r"<(?:https?|mailto):[^>\s]*>|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")  # autolinks, HTML
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")  # emphasis, not snake_case
_ESCAPED_MARKS = re.compile(r"(?<!\\)[*`|]|\\([!-/:-@\[-`{-~])")
_SPACES = re.compile(r"[ \t]{2,}|\t")


def markdown_text(source: str | None) -> str:
    """The words of a Markdown text without its markup: link and image texts kept, their addresses dropped,
    entities decoded. What `app.text.plain_text` gives, to within white space, for the Markdown people write,
    at a fraction of the cost: a pass over the lines for block marks, then each inline rule only when its
    character appears."""
    if not source:
        return ""
    lines: list[str] = []
    for line in source.splitlines():
        line = line.strip()
        if not line:
            if lines and lines[-1]:
                lines.append("")
            continue
        first = line[0]
        if first in "`~-*_|[" and _NO_WORDS.fullmatch(line):
            continue
        marks = _LINE_MARKS.match(line) if first in ">#-*+0123456789" else None
        if marks:
            line = line[marks.end():]
            if first == "#":  # a heading's closing hashes
                line = line.rstrip("#").rstrip()
        lines.append(line)
    text = "\n".join(lines).strip()
    if "[" in text:
        text = _LINKS.sub(r"\1", text)
    if "<" in text:
        text = _TAGS.sub("", text)
    if "_" in text:
        text = _UNDERSCORES.sub("", text)
    # (str.replace is many times quicker than str.translate or a regular expression here)
    text = _ESCAPED_MARKS.sub(r"\1", text) if "\\" in text else text.replace("*", "").replace("`", "").replace("|", "")
    if "&" in text:
        text = html.unescape(text)
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
        text = "\n".join(line.strip() for line in text.split("\n"))
    return text.strip()


def _value(enum_or_str) -> str:
    return getattr(enum_or_str, "value", enum_or_str)


def pdf_text(handle) -> str:
    """The text of a PDF, page after page, until ATTACHMENT_TEXT_CHARS; a broken PDF gives what was read."""
    from pypdf import PdfReader

    parts, size = [], 0
    try:
        reader = PdfReader(handle)
        for page in reader.pages[:PDF_MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size >= ATTACHMENT_TEXT_CHARS:
                break
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        log.warning("PDF text extraction stopped: %s", exc)
    return "\n".join(parts)[:ATTACHMENT_TEXT_CHARS]


def row_of(resource: Resource) -> dict:
    """The row `iter_rows` would read for this loaded resource (used to index an object at hand)."""
    row = {column.key: getattr(resource, column.key) for column in _COLUMNS if hasattr(resource, column.key)}
    row.update(kind=resource.kind.slug, owner=resource.owner_partner.slug,
               licence=resource.licence.slug if resource.licence else None,
               themes=[t.slug for t in resource.themes], phases=[p.slug for p in resource.phases],
               keywords=[k.label for k in resource.keywords], co_owners=[(p.id, p.slug) for p in resource.co_owners],
               attachments=[(a.id, a.mime_type, a.sha256, a.storage_key) for a in resource.attachments],
               captions=media_service.caption_text(MEDIA_OWNER, resource.id))
    return row
