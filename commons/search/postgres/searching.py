"""One search on `search.documents`: the words as a French tsquery, visibility and facet filters as SQL,
ranking by ts_rank_cd, highlighting by ts_headline, multi-select facet counts by GROUP BY, and "did you mean"
from the vocabulary by trigram similarity (pg_trgm; without it there is no suggestion).

Visibility is in every statement, built by `visible_sql` from the same rules as `Resource.visible_to` and the
Whoosh backend's `visibility_query`.
"""

from __future__ import annotations

import math
import re

import sqlalchemy as sa
from markupsafe import Markup, escape

from app.accounts.models import EDITING_ROLES
from app.db import db
from commons.search import excerpts
from commons.search.analysis import fold, term_for
from commons.search.postgres.ddl import CONFIG, SCHEMA
from commons.search.query import MAX_QUERY_CHARS, SearchResult, _facets, _page_numbers, active_filters
from commons.search.query import Hit as _Hit
from commons.search.suggest import MAX_DISTANCE, MAX_WORDS, WORD, _same_case, distance

#: facet name -> (column, holds several values)
FACET_COLUMNS = {"kind": ("kind", False), "theme": ("themes", True), "phase": ("phases", True),
                 "partner": ("partners", True), "keyword": ("keywords", True), "licence": ("licence", False),
                 "language": ("language", False), "year": ("year", False)}
#: marks ts_headline puts around matches (private-use characters: never in the text, untouched by escaping)
START, STOP = "\ue000", "\ue001"
#: ts_headline drops what looks like an HTML tag: `<`, `>` and `&` go in as private-use stand-ins, come back escaped
STAND_INS = {"<": "\ue002", ">": "\ue003", "&": "\ue004"}
ESCAPED = {"\ue002": "&lt;", "\ue003": "&gt;", "\ue004": "&amp;"}


def _shielded(column: str) -> str:
    """SQL: the column with `<`, `>` and `&` replaced by their stand-ins."""
    return f"translate({column}, '<>&', '{''.join(STAND_INS.values())}')"
HEADLINE = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, ShortWord=2"
ORDERS = {"relevance": "score DESC, sort_ms DESC, resource_id DESC", "date": "sort_ms DESC, resource_id DESC",
          "title": "title_sort ASC, resource_id ASC"}
SIMILARITY = 0.2
OPERATORS = {"OR", "OU", "AND", "ET", "NOT", "SAUF"}


def web_syntax(text: str) -> str:
    """The search box's syntax (AND/ET, OR/OU, NOT/SAUF, quotes) as websearch_to_tsquery reads it."""
    text = (text or "").replace("\x00", " ").strip()[:MAX_QUERY_CHARS]
    text = re.sub(r"(?<![^\s\"(])\w+:", "", text)  # "title:botte": only text fields are searched, all of them
    # the Whoosh backend's stop list ("les" is one), outside quotes (a phrase keeps its gaps)
    text = '"'.join(part if n % 2 else re.sub(r"\w+", _without_stop_word, part)
                   for n, part in enumerate(text.split('"')))
    text = re.sub(r"(?<!\S)(?:OR|OU)(?!\S)", " or ", text)
    text = re.sub(r"(?<!\S)(?:AND|ET)(?!\S)", " ", text)
    text = re.sub(r"(?<![^\s(])(?:NOT|SAUF)\s+", " -", text)
    return re.sub(r"[()]", " ", text)


def _without_stop_word(match: re.Match) -> str:
    word = match.group()
    return word if word in OPERATORS or term_for(word) is not None else ""


def visible_sql(user) -> tuple[str, dict]:
    """SQL condition (and its parameters) for the documents `user` may see (trashed ones are never indexed)."""
    if user is not None and user.is_authenticated and user.is_platform_admin:
        return "TRUE", {}
    public = "(status = 'published' AND visibility = 'public')"
    if user is None or not user.is_authenticated:
        return public, {}
    member_of, editing = sorted(user.partner_ids()), sorted(user.partner_ids(EDITING_ROLES))
    readable = "visibility = 'public'"
    if member_of:
        readable += (" OR visibility = 'commons' "
                     "OR (visibility = 'partner' AND partner_ids && CAST(:member_of AS integer[]))")
    condition = f"(status = 'published' AND ({readable}))"
    if editing:
        condition = f"({condition} OR partner_ids && CAST(:editing AS integer[]))"
    return condition, {"member_of": member_of, "editing": editing}


def _facet_sql(name: str, values: list[str]) -> str:
    column, several = FACET_COLUMNS[name]
    return f"{column} && CAST(:f_{name} AS text[])" if several else f"{column} = ANY(CAST(:f_{name} AS text[]))"


class Search:
    """The statements of one request: `base` (words and visibility) and one condition per active facet."""

    def __init__(self, user, text: str, filters: dict):
        self.query_text = web_syntax(text)
        self.params: dict = {"q": self.query_text}
        self.has_words = bool(self.query_text) and db.session.execute(sa.text(
            f"SELECT numnode(websearch_to_tsquery('{CONFIG}', :q))"), self.params).scalar() > 0
        visible, extra = visible_sql(user)
        self.params.update(extra)
        self.visible = visible
        self.base = [visible] + ([f"words @@ websearch_to_tsquery('{CONFIG}', :q)"] if self.has_words else [])
        self.filters = filters
        self.by_facet = {name: _facet_sql(name, values) for name, values in filters.items()}
        self.params.update({f"f_{name}": values for name, values in filters.items()})

    def where(self, skip: str | None = None) -> str:
        return " AND ".join([*self.base, *(sql for name, sql in self.by_facet.items() if name != skip)])

    def total(self) -> int:
        return db.session.execute(sa.text(f"SELECT count(*) FROM {SCHEMA}.documents WHERE {self.where()}"),  # noqa: S608
                                  self.params).scalar()

    def counts(self) -> dict[str, dict[str, int]]:
        """Facet -> {value: count}, each facet ignoring its own filter (one statement for all of them)."""
        parts = []
        for name, (column, several) in FACET_COLUMNS.items():
            value = "v" if several else column
            source = f"{SCHEMA}.documents, unnest({column}) AS v" if several else f"{SCHEMA}.documents"
            parts.append(f"SELECT '{name}' AS facet, {value} AS value, count(*) AS n FROM {source} "  # noqa: S608
                         f"WHERE {self.where(skip=name)} AND {value} <> '' GROUP BY {value}")
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_COLUMNS}
        for facet, value, n in db.session.execute(sa.text(" UNION ALL ".join(parts)), self.params):
            counts[facet][value] = n
        return counts

    def hits(self, sort: str, page: int, per_page: int) -> list[_Hit]:
        order = ORDERS["date" if sort == "relevance" and not self.has_words else sort]
        if self.has_words:
            query = f"websearch_to_tsquery('{CONFIG}', :q)"
            score = f"ts_rank_cd(words, {query})"
            title = f"ts_headline('{CONFIG}', {_shielded('title')}, {query}, 'HighlightAll=true, {HEADLINE}')"
            source = _shielded("concat_ws(E'\\n\\n', NULLIF(summary, ''), NULLIF(body_excerpt, ''), "
                               "NULLIF(attachments_excerpt, ''), NULLIF(captions_excerpt, ''))")
            excerpt = f"ts_headline('{CONFIG}', {source}, {query}, '{HEADLINE}')"
        else:
            score, title, excerpt, source = "0.0", "title", "''", "''"
        rows = db.session.execute(sa.text(
            f"SELECT resource_id, {score} AS score, {title}, {excerpt}, {source}, summary, body_excerpt, "  # noqa: S608
            f"attachments_excerpt, captions_excerpt FROM {SCHEMA}.documents WHERE {self.where()} "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset"),
            {**self.params, "limit": per_page, "offset": (page - 1) * per_page})
        return [self._hit(*row) for row in rows]

    def _hit(self, resource_id, score, title, headline, source, *texts) -> _Hit:
        if not self.has_words:
            return _Hit(resource_id, 0.0, escape(title), excerpts.excerpt(list(texts), frozenset()))
        return _Hit(resource_id, float(score), marked(title), _excerpt(headline, source, texts))


def marked(headline: str) -> Markup:
    """ts_headline's output escaped, its marks turned into <mark>."""
    html = str(escape(headline)).replace(START, "<mark>").replace(STOP, "</mark>")
    for stand_in, entity in ESCAPED.items():
        html = html.replace(stand_in, entity)
    return Markup(html)  # noqa: S704 - the text was escaped above, only our marks become tags


def _excerpt(headline: str, source: str, texts) -> Markup:
    plain = headline.replace(START, "").replace(STOP, "").strip()
    if not plain or START not in headline:  # no word matched the texts (only the title): their beginning
        return excerpts.excerpt(list(texts), frozenset())
    lead = "" if source.lstrip().startswith(plain) else "… "
    tail = "" if source.rstrip().endswith(plain) else " …"
    return marked(lead + headline.strip() + tail)


def search(user, request, trigram: bool) -> SearchResult:
    """The PostgreSQL twin of `query.search`."""
    page, per_page = _page_numbers(request)
    filters = active_filters(request.filters)
    current = Search(user, request.text, filters)
    total = current.total()
    pages = max(1, math.ceil(total / per_page))
    hits = current.hits(request.sort, page, per_page) if total and page <= pages else []
    suggestion = None
    if total == 0 and current.has_words and trigram:
        suggestion = suggest(current, request.text)
    return SearchResult(hits, total, page, per_page, pages, _facets(current.counts(), filters), suggestion)


# Suggestions --------------------------------------------------------------------------------------------------

def _finds(text: str, current: Search, plain: bool = True) -> bool:
    function = "plainto_tsquery" if plain else "websearch_to_tsquery"
    return db.session.execute(sa.text(
        f"SELECT 1 FROM {SCHEMA}.documents WHERE {current.visible} AND words @@ {function}('{CONFIG}', :text) "  # noqa: S608
        "LIMIT 1"), {**current.params, "text": text}).first() is not None


def _closest(word: str, current: Search) -> str | None:
    folded = fold(word)
    db.session.execute(sa.text("SELECT set_config('pg_trgm.similarity_threshold', :limit, true)"),
                       {"limit": str(SIMILARITY)})
    candidates = db.session.execute(sa.text(
        f"SELECT word, similarity(folded, :folded) FROM {SCHEMA}.vocabulary WHERE folded % :folded "  # noqa: S608
        "AND folded <> :folded ORDER BY 2 DESC LIMIT 30"), {"folded": folded}).all()
    ranked = sorted((distance(folded, fold(found)), -similarity, found) for found, similarity in candidates)
    for gap, _similarity, found in ranked:
        if gap <= MAX_DISTANCE and _finds(found, current):
            return found
    return None


def suggest(current: Search, text: str) -> str | None:
    """Each word that finds nothing visible replaced by the closest visible word of the vocabulary; offered
    only when the corrected text finds something the user may see."""
    corrected, changed = text, False
    for match in list(WORD.finditer(text))[:MAX_WORDS]:
        word = match.group()
        if term_for(word) is None or _finds(word, current):
            continue
        replacement = _closest(word, current)
        if replacement:
            corrected = corrected.replace(word, _same_case(replacement, word), 1)
            changed = True
    if changed and _finds(web_syntax(corrected), current, plain=False):
        return corrected
    return None
