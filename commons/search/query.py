"""Searching the commons: the public interface the search page, the API and the benchmark use.

Visibility is part of every query: hits, facet counts and suggestions only ever come from resources the user
may view, by the same rules as `Resource.visible_to` (a Whoosh query mirrors it in `visibility_query`, and
bitsets compute the same set in `visibility_bits`). Facet counts are the standard multi-select ones: each
facet counts what the other active filters and the words leave, ignoring its own filter, so ticking a second
theme shows what it would add.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup
from whoosh import qparser, query
from whoosh.fields import Schema

from app.accounts.models import EDITING_ROLES
from commons.search import excerpts
from commons.search.index import searcher, snapshot_for
from commons.search.schema import FACET_FIELDS, TEXT_FIELDS, build_schema
from commons.search.scoring import rank
from commons.search.snapshot import BitFilter, bits_for

log = logging.getLogger(__name__)

SORTS = ("relevance", "date", "title")
MAX_PER_PAGE = 100
MAX_QUERY_CHARS = 300
#: values listed for facets that may have thousands (keywords); selected values are always listed
FACET_LIMIT = {"keyword": 30}


@dataclass
class SearchRequest:
    text: str = ""
    #: keys: kind, theme, phase, partner, keyword, licence, language, year (year as "2024"); unknown keys ignored
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"  #: "relevance" | "date" | "title"
    page: int = 1
    per_page: int = 20


@dataclass
class Hit:
    resource_id: int
    score: float
    title_html: Markup  #: highlighted title (safe HTML)
    excerpt_html: Markup  #: highlighted excerpt from summary/body/attachments/captions (safe HTML), may be empty


@dataclass
class FacetValue:
    value: str  #: slug (or year, language code, keyword label)
    count: int
    selected: bool


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    pages: int
    facets: dict[str, list[FacetValue]]  #: same keys as filters
    suggestion: str | None  #: corrected text, only when it finds visible results
    #: the index is missing or of an older version and a rebuild is queued: no result means nothing yet
    rebuilding: bool = False


# Parsing ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _parsers() -> tuple[qparser.QueryParser, qparser.QueryParser]:
    """(full syntax, plain words). Fields other than the text ones are not searchable by name."""
    full = build_schema()
    text_only = Schema(**{name: full[name] for name in TEXT_FIELDS})
    syntax = qparser.MultifieldParser(TEXT_FIELDS, text_only, group=qparser.AndGroup)
    syntax.remove_plugin_class(qparser.WildcardPlugin)  # "a*" would expand to thousands of terms
    syntax.remove_plugin_class(qparser.EveryPlugin)
    syntax.replace_plugin(qparser.OperatorsPlugin(
        And=r"(?<=\s)(AND|ET)(?=\s)", Or=r"(?<=\s)(OR|OU)(?=\s)", Not=r"(^|(?<=(\s|[()])))(NOT|SAUF)(?=\s)"))
    plain = qparser.MultifieldParser(TEXT_FIELDS, text_only, group=qparser.AndGroup, plugins=[])
    return syntax, plain


def plain_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text or ""))


def parse_text(text: str) -> query.Query | None:
    """The user's words as a query (None when there are none); malformed syntax falls back to plain words."""
    text = (text or "").strip()[:MAX_QUERY_CHARS]
    return _parse(text) if text else None


@lru_cache(maxsize=2048)
def _parse(text: str) -> query.Query | None:
    """Parsing is a third of a search's own work, and people type the same words again (and again as they page
    and filter): parsed queries are kept. Nothing changes a query once parsed (they are only read)."""
    syntax, plain = _parsers()
    try:
        parsed = syntax.parse(text)
    except Exception:  # noqa: BLE001 - the parser must never turn a typo into an error page
        parsed = plain.parse(plain_words(text))
    if parsed is query.NullQuery:
        return None
    return parsed


def text_terms(parsed: query.Query | None) -> frozenset[str]:
    """The analysed words of the query, to highlight (field-independent: every text field is analysed alike)."""
    if parsed is None:
        return frozenset()
    return frozenset(text for fieldname, text in parsed.iter_all_terms() if fieldname in TEXT_FIELDS)


# Visibility ---------------------------------------------------------------------------------------------------

def _authenticated(user) -> bool:
    return user is not None and user.is_authenticated


def visibility_query(user) -> query.Query:
    """Whoosh query for the documents `user` may see, mirroring `Resource.visible_to(user)`."""
    not_deleted = query.Term("is_deleted", "0")
    if _authenticated(user) and user.is_platform_admin:
        return not_deleted
    published = query.Term("status", "published")
    readable = query.Term("visibility", "public")
    if _authenticated(user):
        member_of = sorted(user.partner_ids())
        if member_of:
            readable = query.Or([readable, query.Term("visibility", "commons"), query.And([
                query.Term("visibility", "partner"), _partners_query(member_of)])])
        editable = _partners_query(sorted(user.partner_ids(EDITING_ROLES)))
        return query.And([not_deleted, query.Or([query.And([published, readable]), editable])])
    return query.And([not_deleted, published, readable])


def _partners_query(partner_ids) -> query.Query:
    if not partner_ids:
        return query.NullQuery
    return query.Or([query.Term("partner_ids", str(pid)) for pid in partner_ids])


def visibility_bits(snap, user) -> int:
    """The same set as `visibility_query`, from the generation's bitsets (no search needed)."""
    not_deleted = snap.value("is_deleted", "0")
    if _authenticated(user) and user.is_platform_admin:
        return not_deleted
    published = snap.value("status", "published")
    readable = snap.value("visibility", "public")
    if _authenticated(user):
        member_of = user.partner_ids()
        if member_of:
            readable |= snap.value("visibility", "commons") | (
                snap.value("visibility", "partner") & snap.any_of("partner_ids", member_of))
        editable = snap.any_of("partner_ids", user.partner_ids(EDITING_ROLES))
        return not_deleted & ((published & readable) | editable)
    return not_deleted & published & readable


# Filters ------------------------------------------------------------------------------------------------------

def active_filters(filters: dict | None) -> dict[str, list[str]]:
    """Known facet names with their non-empty values, as strings."""
    active = {}
    for name, values in (filters or {}).items():
        if name not in FACET_FIELDS or values is None:
            continue
        values = [values] if isinstance(values, str | int) else values
        cleaned = list(dict.fromkeys(str(v) for v in values if str(v) != ""))
        if cleaned:
            active[name] = cleaned
    return active


def filters_query(filters: dict) -> query.Query | None:
    """Whoosh query for the facet filters: any of the values within a facet, every facet."""
    parts = [query.Or([query.Term(FACET_FIELDS[name], value) for value in values])
             for name, values in active_filters(filters).items()]
    return query.And(parts) if parts else None


def build_whoosh_query(user, request: SearchRequest) -> tuple[query.Query, query.Query]:
    """(words, filter) as plain Whoosh queries, for running "the same search" directly on a searcher.

    >>> q, f = build_whoosh_query(user, SearchRequest(text="habitat", filters={"theme": ["foncier"]}))
    >>> with searcher() as s:
    ...     s.search_page(q, 1, pagelen=20, filter=f, groupedby=["kind", "licence"])
    """
    words = parse_text(request.text) or query.Every()
    extra = filters_query(request.filters)
    visibility = visibility_query(user)
    return words, (query.And([visibility, extra]) if extra is not None else visibility)


# Searching ----------------------------------------------------------------------------------------------------

def _page_numbers(request: SearchRequest) -> tuple[int, int]:
    try:
        per_page = min(max(int(request.per_page), 1), MAX_PER_PAGE)
    except (TypeError, ValueError, OverflowError):
        per_page = 20
    try:
        page = max(int(request.page), 1)
    except (TypeError, ValueError, OverflowError):
        page = 1
    return page, per_page


def search(user, request: SearchRequest) -> SearchResult:
    """One page of hits the user may see, with facet counts and, when nothing matched, a suggestion."""
    page, per_page = _page_numbers(request)
    filters = active_filters(request.filters)
    with searcher() as current:
        if current is None:  # never built, or by an older version: queue the rebuild (once), do not run it here
            return SearchResult([], 0, page, per_page, 1, _facets({}, filters), None, rebuilding=_heal())
        snap = snapshot_for(current)
        parsed = parse_text(request.text)
        try:
            matched = _matched_bits(current, snap, parsed)
        except Exception:  # noqa: BLE001 - odd syntax that parsed but cannot run: search the plain words
            log.info("query %r failed, searching its plain words", request.text, exc_info=True)
            parsed = parse_text(plain_words(request.text))
            matched = _matched_bits(current, snap, parsed)
        visible = visibility_bits(snap, user)
        base = matched & visible
        by_facet = {name: snap.any_of(FACET_FIELDS[name], values) for name, values in filters.items()}
        selected = base
        for bits in by_facet.values():
            selected &= bits
        total = selected.bit_count()
        pages = max(1, math.ceil(total / per_page))
        hits = []
        if page <= pages and total:
            hits = _hits(current, snap, parsed, selected, request.sort, page, per_page)
        facets = _facets(facet_counts(snap, base, by_facet, selected), filters)
        suggestion = None
        if total == 0 and parsed is not None:
            from commons.search.suggest import suggest

            suggestion = suggest(current, snap, request.text, base_bits=visible)
    return SearchResult(hits, total, page, per_page, pages, facets, suggestion)


def _heal() -> bool:
    from commons.search.healing import ensure_index

    try:
        return ensure_index()
    except Exception:  # noqa: BLE001 - a queue down must not turn the search page into an error
        log.exception("could not queue the rebuild of the search index")
        return True


def _matched_bits(current, snap, parsed) -> int:
    if parsed is None:
        return snap.live
    return bits_for(current, snap, parsed)


def facet_counts(snap, base: int, by_facet: dict[str, int], selected: int) -> dict[str, dict[str, int]]:
    """Facet -> {value: count} the multi-select way: each facet within what the words, the visibility and the
    *other* facets' filters leave (`base` without facet filters, `by_facet` each filter's documents)."""
    counts = {}
    for name, fieldname in FACET_FIELDS.items():
        scope = selected
        if name in by_facet:  # ignore the facet's own filter
            scope = base
            for other, bits in by_facet.items():
                if other != name:
                    scope &= bits
        if not scope:
            counts[name] = {}
            continue
        counts[name] = {value: n for value, bits in snap.values[fieldname].items() if (n := (bits & scope).bit_count())}
    return counts


def _facets(counts: dict[str, dict[str, int]], filters: dict[str, list[str]]) -> dict[str, list[FacetValue]]:
    facets = {}
    for name in FACET_FIELDS:
        chosen = filters.get(name, [])
        found = counts.get(name, {})
        if name == "year":
            order = sorted(found, reverse=True)
        else:
            order = sorted(found, key=lambda value, found=found: (-found[value], value))
        if name in FACET_LIMIT:
            order = order[:FACET_LIMIT[name]]
        values = [FacetValue(value, found[value], value in chosen) for value in order]
        values += [FacetValue(value, found.get(value, 0), True) for value in chosen if value not in order]
        facets[name] = values
    return facets


def _hits(current, snap, parsed, selected: int, sort: str, page: int, per_page: int) -> list[Hit]:
    wanted = page * per_page
    if parsed is not None and sort not in ("date", "title"):
        ranked = rank(current, snap, parsed, selected, wanted)[wanted - per_page:]
    else:
        ranked = [(docnum, 0.0) for docnum in in_order(snap, selected, "title" if sort == "title" else "date",
                                                         wanted)][wanted - per_page:]
    terms = text_terms(parsed)
    hits = []
    for docnum, score in ranked:
        stored = current.stored_fields(docnum)
        title = stored.get("title", "")
        texts = [stored.get("summary", ""), stored.get("body_excerpt", ""), stored.get("attachments_excerpt", ""),
                 stored.get("captions_excerpt", "")]
        hits.append(Hit(int(stored["id"]), float(score), excerpts.highlight_title(title, terms),
                        excerpts.excerpt(texts, terms)))
    return hits


def in_order(snap, selected: int, sort: str, wanted: int) -> list[int]:
    """The first `wanted` documents of `selected` in the snapshot's "date" or "title" order."""
    member = BitFilter(selected, snap.size)
    found = []
    for docnum in snap.order(sort):
        if docnum in member:
            found.append(docnum)
            if len(found) == wanted:
                break
    return found
