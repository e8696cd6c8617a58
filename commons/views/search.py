"""The search page and the theme and phase landing pages, all answered by the search engine (commons.search).

One box, a facet sidebar with counts, sorting, highlighted excerpts, pagination and "did you mean". The query
string holds everything (words, filters, order, page), so a search can be shared and bookmarked. Without
JavaScript the form is a plain GET; with htmx the results and the sidebar are swapped alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import abort, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from app.accounts.models import Partner
from app.db import db
from app.http import Page
from app.templating import add_nav_item
from commons.models import Kind, Licence, Phase, Theme
from commons.search import SearchRequest
from commons.search import search as run_search
from commons.search_schemas import (
    FACETS,
    SearchArgsSchema,
    effective_sort,
    engine_filters,
    last_page,
    resources_for,
)
from commons.views import bp
from commons.views.catalogue import LANGUAGE_NAMES, me

bp.record_once(lambda state: add_nav_item(state.app, _l("Recherche"), "commons.search", 5))

#: the facet sidebar, in display order
FACET_GROUPS = [
    ("kind", _l("Type")), ("theme", _l("Thème")), ("phase", _l("Phase du projet")), ("partner", _l("Partenaire")),
    ("keyword", _l("Mot-clé")), ("licence", _l("Licence")), ("language", _l("Langue")), ("year", _l("Année")),
]
ARG_LABELS = dict(FACET_GROUPS, q=_l("Recherche"), sort=_l("Tri"), per_page=_l("Résultats par page"))
SORT_OPTIONS = [("relevance", _l("Pertinence")), ("date", _l("Les plus récentes")), ("title", _l("Titre (A → Z)"))]
#: taxonomy behind each facet whose values are slugs
FACET_MODELS = {"kind": Kind, "theme": Theme, "phase": Phase, "licence": Licence}
#: longest search text kept, as in SearchArgsSchema
MAX_QUERY = 200
#: the long tail of keywords is cut; chosen ones always stay
MAX_KEYWORDS = 12


@dataclass
class Scope:
    """What a page searches in: everything (/recherche) or one theme or phase (its landing page)."""

    endpoint: str
    url_args: dict
    fixed: dict[str, list[str]]

    @property
    def fixed_facets(self) -> set[str]:
        return set(self.fixed)


# Reading the query string ---------------------------------------------------------------------------------------

def read_args(args, fixed_facets: set[str]) -> tuple[dict, list[str], str | None]:
    """(arguments, names of the ignored filters, a notice about the page) from the query string. Values that
    make no sense are dropped and named, never answered with an error: a shared link always opens."""
    raw = {key: [value for value in args.getlist(key) if value.strip()] for key in FACETS
           if key in args and key not in fixed_facets}
    raw.update({key: args[key] for key in ("q", "sort", "page", "per_page") if args.get(key, "").strip()})
    if "q" in raw:
        raw["q"] = raw["q"][:MAX_QUERY]  # a pasted paragraph is searched by its beginning
    schema = SearchArgsSchema()
    try:
        return schema.load(raw), [], None
    except ValidationError as exc:
        errors = exc.messages
    notice = None
    if "page" in errors:
        notice = _("« %(page)s » n'est pas une page de ces résultats : voici la première.", page=raw.pop("page"))
    for key, messages in errors.items():
        if key == "page":
            continue
        if isinstance(messages, dict) and isinstance(raw.get(key), list):  # some items of a list
            raw[key] = [value for index, value in enumerate(raw[key]) if index not in messages]
        else:
            raw.pop(key, None)
    ignored = [str(ARG_LABELS.get(key, key)) for key in errors if key != "page"]
    return schema.load(raw), ignored, notice


def page_url(scope: Scope, page: int | None = None, **changes) -> str:
    """This page's URL with the current query string, another page, or some arguments changed."""
    pairs = [(key, value) for key, value in request.args.items(multi=True)
             if key != "page" and key not in changes and key not in scope.fixed and value != ""]
    for key, values in changes.items():
        pairs += [(key, value) for value in (values if isinstance(values, list) else [values]) if value != ""]
    if page and page > 1:
        pairs.append(("page", str(page)))
    query = urlencode(pairs)
    return url_for(scope.endpoint, **scope.url_args) + ("?" + query if query else "")


# Facets: labels and counts ------------------------------------------------------------------------------------

def facet_labels(facets: dict, args: dict) -> dict[str, dict[str, str]]:
    """Labels of the values shown, by facet: taxonomy and partner names come from the database (retired terms
    too: old resources keep them), languages are named; years and keywords (their labels) speak for themselves."""
    locale = str(get_locale() or "fr")

    def shown(name):
        return {value.value for value in facets.get(name, [])} | {str(value) for value in args.get(name, [])}

    labels = {}
    for name, model in FACET_MODELS.items():
        slugs = shown(name)
        terms = db.session.scalars(sa.select(model).where(model.slug.in_(slugs))) if slugs else []
        labels[name] = {term.slug: term.display_label(locale) for term in terms}
    partners = shown("partner")
    labels["partner"] = dict(db.session.execute(
        sa.select(Partner.slug, Partner.name).where(Partner.slug.in_(partners))).all()) if partners else {}
    labels["language"] = {code: str(name) for code, name in LANGUAGE_NAMES.items()}
    return labels


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def input_id(self) -> str:
        return "f-" + "".join(char if char.isalnum() else "-" for char in self.value)


def facet_groups(result, args: dict, labels: dict, fixed: set[str]) -> list[tuple[str, str, list[FacetOption]]]:
    """(facet, legend, options) for the sidebar: values with results, and the chosen ones even at zero."""
    groups = []
    for name, legend in FACET_GROUPS:
        if name in fixed:
            continue
        chosen = {str(value) for value in args.get(name, [])}
        names = labels.get(name, {})
        options = [FacetOption(v.value, names.get(v.value, v.value), v.count, v.selected or v.value in chosen)
                   for v in result.facets.get(name, []) if v.count or v.selected or v.value in chosen]
        present = {option.value for option in options}
        options += [FacetOption(value, names.get(value, value), 0, True) for value in sorted(chosen - present)]
        if name == "year":
            options.sort(key=lambda option: option.value, reverse=True)
        elif name == "keyword":
            options = [o for i, o in enumerate(options) if o.selected or i < MAX_KEYWORDS]
        if options:
            groups.append((name, str(legend), options))
    return groups


def active_chips(scope: Scope, args: dict, labels: dict) -> list[tuple[str, str, str]]:
    """(filter, value, URL without it) for each chosen value, shown as removable chips."""
    chips = []
    for name, legend in FACET_GROUPS:
        chosen = [str(value) for value in args.get(name, [])]
        for value in chosen:
            others = [other for other in chosen if other != value]
            chips.append((str(legend), labels.get(name, {}).get(value, value), page_url(scope, **{name: others})))
    return chips


# Running a search and showing it --------------------------------------------------------------------------------

def wants_results_only() -> bool:
    """htmx asked for the results block (not when it restores a page missing from its history)."""
    return (request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == "resultats"
            and not request.headers.get("HX-History-Restore-Request"))


def render_search(scope: Scope, template: str, **extra):
    """Search within `scope` as the query string says, and render the full page or, for htmx, the results
    with the sidebar (swapped out of band)."""
    user = me()
    args, ignored, page_notice = read_args(request.args, scope.fixed_facets)
    filters = {**engine_filters(args), **scope.fixed}
    result = run_search(user, SearchRequest(text=args["q"], filters=filters, sort=effective_sort(args),
                                            page=args["page"], per_page=args["per_page"]))
    shown = resources_for(result.hits, user)
    pages = last_page(result.total, result.per_page)
    if args["page"] > pages and result.total:
        page_notice = ngettext("La page %(page)s n'existe pas : ces résultats tiennent en une page.",
                               "La page %(page)s n'existe pas : ces résultats tiennent en %(num)s pages.",
                               pages, page=args["page"])
    labels = facet_labels(result.facets, args)
    context = {
        "scope": scope, "args": args, "sort": effective_sort(args), "result": result, "shown": shown,
        "page": Page(items=shown, total=result.total, page=result.page, per_page=result.per_page),
        "page_url": lambda number: page_url(scope, number), "ignored": ignored, "page_notice": page_notice,
        "last_page_url": page_url(scope, pages), "groups": facet_groups(result, args, labels, scope.fixed_facets),
        "chips": active_chips(scope, args, labels), "reset_url": url_for(scope.endpoint, **scope.url_args),
        "clear_url": page_url(scope, **dict.fromkeys(FACETS, [])),
        "suggestion_url": page_url(scope, q=result.suggestion) if result.suggestion else None,
        "form_action": url_for(scope.endpoint, **scope.url_args), "sort_options": SORT_OPTIONS, **extra,
    }
    name = "commons/_search_results.html" if wants_results_only() else template
    return render_template(name, partial=wants_results_only(), **context), 200, {"Vary": "HX-Request, HX-Target"}


@bp.get("/recherche")
def search():
    """Search the whole commons the user may see."""
    return render_search(Scope("commons.search", {}, {}), "commons/search.html")


def active_term_or_404(model, slug: str):
    term = db.session.scalar(sa.select(model).where(model.slug == slug))
    if term is None or term.is_retired:
        abort(404)
    return term


@bp.get("/themes/<slug>")
def theme(slug: str):
    """A theme's landing page: what it covers, and its resources through the same engine."""
    term = active_term_or_404(Theme, slug)
    return render_search(Scope("commons.theme", {"slug": slug}, {"theme": [slug]}), "commons/landing.html",
                         term=term, vocabulary_label=_("Thème"), facet="theme", neighbours=None)


@bp.get("/phases/<slug>")
def phase(slug: str):
    """A project phase's landing page, with the phases before and after it to walk through a project."""
    term = active_term_or_404(Phase, slug)
    phases = list(db.session.scalars(sa.select(Phase).where(Phase.is_retired.is_(False)).order_by(Phase.position)))
    index = phases.index(term)
    neighbours = (phases[index - 1] if index > 0 else None, phases[index + 1] if index + 1 < len(phases) else None)
    return render_search(Scope("commons.phase", {"slug": slug}, {"phase": [slug]}), "commons/landing.html",
                         term=term, vocabulary_label=_("Phase du projet"), facet="phase", neighbours=neighbours)
