"""The search at the HTTP edge, shared by the search page and GET /api/v1/search: its query-string arguments,
its JSON output, and the loading of the resources a page of hits shows (one query, in the engine's order).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, fields, validate
from sqlalchemy.orm import defer, selectinload

from app.accounts.models import Partner
from app.db import db
from commons.models import Kind, Resource, Status, Visibility
from commons.schemas import PartnerRefSchema, TermRefSchema

if TYPE_CHECKING:
    from commons.search import Hit

#: the facets of the engine, in the order the sidebar shows them
FACETS = ("kind", "theme", "phase", "partner", "keyword", "licence", "language", "year")
SORTS = ("relevance", "date", "title")
MAX_PER_PAGE = 100
#: beyond it a page number is not a page anyone reaches by clicking; answered as a mistake
MAX_PAGE = 10_000


def _facet_field(description: str, values: fields.Field | None = None) -> fields.List:
    values = values or fields.String(validate=validate.Length(min=1, max=120))
    return fields.List(values, load_default=list, metadata={"description": description})


class SearchArgsSchema(Schema):
    """What a search may ask for: words, filters (several values of one filter are alternatives, different
    filters all apply), an order and a page."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=200),
                      metadata={"description": "Les mots cherchés ; `\"entre guillemets\"` pour une expression"})
    kind = _facet_field("Type de ressource (slug)")
    theme = _facet_field("Thème (slug)")
    phase = _facet_field("Phase du projet (slug)")
    partner = _facet_field("Partenaire propriétaire ou co-propriétaire (slug)")
    keyword = _facet_field("Mot-clé")
    licence = _facet_field("Licence (slug)")
    language = _facet_field("Langue du contenu (code ISO 639-1)")
    year = _facet_field("Année du contenu, sinon de publication",
                        fields.Integer(validate=validate.Range(min=1900, max=2100)))
    sort = fields.String(load_default="relevance", validate=validate.OneOf(SORTS, error=_l(
        "Tri inconnu : relevance, date ou title.")), metadata={"description": (
            "relevance, date (celle du contenu, sinon de publication ; les plus récentes d'abord) ou title")})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE, error=_l(
        "La page doit être un nombre entre {min} et {max}.")))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE, error=_l(
        "Entre {min} et {max} résultats par page.")))


def engine_filters(args: dict) -> dict[str, list[str]]:
    """The chosen filters as the engine takes them: every value a string, unused filters left out."""
    return {name: [str(value) for value in args[name]] for name in FACETS if args.get(name)}


def effective_sort(args: dict) -> str:
    """Without words there is no relevance to sort by: the newest come first."""
    return args["sort"] if args["q"].strip() or args["sort"] != "relevance" else "date"


def last_page(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


# Resources behind the hits ------------------------------------------------------------------------------------

def visible_column(user) -> sa.ColumnElement[bool]:
    """`Resource.visible_to(user)` as a column rather than a filter, for rows read by their keys.

    With `WHERE id IN (...) AND <visibility>`, SQLite (without ANALYZE statistics) prefers the listing index on
    (is_deleted, status, visibility) and walks every visible resource: 2 ms at 20,000 resources instead of 0.1.
    """
    if user is None or not user.is_authenticated:
        return _anonymous_visible_column()
    return sa.case((Resource.visible_to(user), True), else_=False).label("visible")


@lru_cache(maxsize=1)
def _anonymous_visible_column() -> sa.ColumnElement[bool]:
    """The same for every visitor: built once (SQL expressions are immutable, so they may be shared)."""
    return sa.case((Resource.visible_to(None), True), else_=False).label("visible")


class ShownHit(NamedTuple):
    """A hit of the engine with the resource it stands for, for the search page."""

    hit: Hit
    resource: Resource


def resources_for(hits, user) -> list[ShownHit]:
    """The hits with their resources in the engine's order: the rows (kind, owner, licence joined) in ONE query,
    themes and co-owners in one more each, however many hits. (Joined into the first query, SQLite materialises
    every theme link of the commons: 100 ms at 20,000 resources.) A hit whose resource the user may no longer
    see (changed since it was indexed) is left out."""
    if not hits:
        return []
    query = (sa.select(Resource, visible_column(user)).where(Resource.id.in_([hit.resource_id for hit in hits]))
             .options(defer(Resource.body), selectinload(Resource.themes), selectinload(Resource.co_owners)))
    by_id = {resource.id: resource for resource, visible in db.session.execute(query) if visible}
    return [ShownHit(hit, by_id[hit.resource_id]) for hit in hits if hit.resource_id in by_id]


@lru_cache(maxsize=1)
def _listing_select() -> sa.Select:
    """The columns of a listed hit, their joins: built once, completed per request (selects are immutable)."""
    return (sa.select(Resource.id, Resource.title, Resource.summary, Resource.language, Resource.content_date,
                      Resource.published_dt, Resource.status, Resource.visibility, Kind.id, Kind.slug, Kind.label,
                      Partner.id, Partner.slug, Partner.name)
            .join(Kind, Kind.id == Resource.kind_id).join(Partner, Partner.id == Resource.owner_partner_id))


class TermRef(NamedTuple):
    id: int
    slug: str
    label: str


class PartnerRef(NamedTuple):
    id: int
    slug: str
    name: str


class ListedHit(NamedTuple):
    """A hit as the API lists it: the engine's highlights and the resource's listing columns."""

    id: int
    score: float
    title: str
    title_html: str
    excerpt_html: str
    summary: str
    kind: TermRef
    owner_partner: PartnerRef
    language: str
    content_date: date | None
    published_dt: datetime | None
    status: Status
    visibility: Visibility
    url: str


def listed_hits(hits, user) -> list[ListedHit]:
    """The hits with the columns the API shows, in the engine's order, from ONE query that reads columns, not
    ORM objects (3 to 4 times cheaper for a page of 20). Hits the user may no longer see are left out."""
    if not hits:
        return []
    query = (_listing_select().add_columns(visible_column(user))
             .where(Resource.id.in_([hit.resource_id for hit in hits])))
    rows = {row[0]: row for row in db.session.execute(query) if row[-1]}
    url = url_for("commons.resource", resource_id=0, _external=True)[:-1] + "{}"
    return [ListedHit(row[0], hit.score, row[1], str(hit.title_html), str(hit.excerpt_html), row[2],
                      TermRef(row[8], row[9], row[10]), PartnerRef(row[11], row[12], row[13]), row[3], row[4], row[5],
                      row[6], row[7], url.format(row[0]))
            for hit in hits if (row := rows.get(hit.resource_id)) is not None]


# Output -------------------------------------------------------------------------------------------------------

class QuickList(fields.List):
    """A list of nested objects documented by `schema` but dumped by `dump_one`, a plain function giving the same
    dict (a test holds them equal): marshmallow spends some microseconds per field, and a search answer has 20 hits
    and a hundred facet values on every keystroke."""

    def __init__(self, schema, dump_one, **kwargs):
        super().__init__(fields.Nested(schema), **kwargs)
        self.dump_one = dump_one

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else [self.dump_one(item) for item in value]


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def dump_hit(hit: ListedHit) -> dict:
    return {
        "id": hit.id, "score": float(hit.score), "title": hit.title, "title_html": hit.title_html,
        "excerpt_html": hit.excerpt_html, "summary": hit.summary, "kind": hit.kind._asdict(),
        "owner_partner": hit.owner_partner._asdict(), "language": hit.language,
        "content_date": _iso(hit.content_date), "published_dt": _iso(hit.published_dt),
        "status": Status(hit.status).value, "visibility": Visibility(hit.visibility).value, "url": hit.url,
    }


def dump_facet_value(value) -> dict:
    return {"value": value.value, "count": value.count, "selected": value.selected}


class SearchHitSchema(Schema):
    """One hit: the resource as listed, with its highlighted title and excerpt (HTML, `<mark>` only)."""

    id = fields.Integer()
    score = fields.Float(metadata={"description": "Pertinence (sans mots cherchés : 0)"})
    title = fields.String()
    title_html = fields.String(metadata={"description": "Titre, mots trouvés entre `<mark>` (HTML sûr)"})
    excerpt_html = fields.String(metadata={"description": "Extrait autour des mots trouvés, entre `<mark>` (HTML "
                                                          "sûr) ; vide s'il n'y a rien à citer"})
    summary = fields.String()
    kind = fields.Nested(TermRefSchema)
    owner_partner = fields.Nested(PartnerRefSchema)
    language = fields.String()
    content_date = fields.Date(allow_none=True)
    published_dt = fields.DateTime(allow_none=True)
    status = fields.Enum(Status, by_value=True, metadata={"description": "published, sauf pour qui peut modifier "
                                                                        "la ressource"})
    visibility = fields.Enum(Visibility, by_value=True)
    url = fields.String(metadata={"description": "Page de la ressource"})


class FacetValueSchema(Schema):
    value = fields.String(metadata={"description": "Valeur à passer dans le filtre du même nom (slug, code de "
                                                   "langue, année, libellé du mot-clé)"})
    count = fields.Integer(metadata={"description": "Résultats avec cette valeur, compte tenu des mots et des "
                                                    "autres filtres (pas de celui-ci)"})
    selected = fields.Boolean(metadata={"description": "Valeur choisie dans les filtres"})


def _facet(description: str):
    return QuickList(FacetValueSchema, dump_facet_value, metadata={"description": description})


class FacetsSchema(Schema):
    """Counts of each facet for the current search, most frequent first (years: newest first)."""

    kind = _facet("Types")
    theme = _facet("Thèmes")
    phase = _facet("Phases du projet")
    partner = _facet("Partenaires (propriétaires et co-propriétaires)")
    keyword = _facet("Mots-clés (les 30 plus fréquents, et ceux choisis)")
    licence = _facet("Licences")
    language = _facet("Langues")
    year = _facet("Années")


class SearchOutputSchema(Schema):
    hits = QuickList(SearchHitSchema, dump_hit)
    total = fields.Integer(metadata={"description": "Nombre de résultats, toutes pages confondues"})
    page = fields.Integer()
    per_page = fields.Integer()
    pages = fields.Integer(metadata={"description": "Nombre de pages (au moins 1)"})
    facets = fields.Nested(FacetsSchema)
    suggestion = fields.String(allow_none=True, metadata={
        "description": "Recherche corrigée quand des mots semblent mal orthographiés (« Vouliez-vous dire »), "
                       "seulement si elle trouve des résultats"})
    rebuilding = fields.Boolean(metadata={
        "description": "Vrai quand l'index de recherche est en cours de reconstruction (après une mise à jour) : "
                       "l'absence de résultats ne veut alors rien dire ; réessayez dans quelques minutes"})
