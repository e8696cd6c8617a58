"""JSON API of the search: GET /api/v1/search, the engine behind the search page, for other programs."""

from __future__ import annotations

from app.api import problem_responses
from commons.api.common import blueprint, me
from commons.search import SearchRequest, search
from commons.search_schemas import SearchArgsSchema, SearchOutputSchema, effective_sort, engine_filters, listed_hits

blp = blueprint(
    "search_api", __name__, "/search",
    "Recherche plein texte dans le commun (analyse française : accents et pluriels confondus), avec filtres à "
    "facettes, comptes par facette, extraits surlignés et suggestion d'orthographe. Seules les ressources "
    "visibles pour vous sont cherchées et comptées.")


@blp.route("", methods=["GET"])
@blp.arguments(SearchArgsSchema(), location="query",  # an instance: not built again for every keystroke
               description="Répétez un filtre pour plusieurs valeurs (`?kind=video&kind=outil` : l'une ou "
                           "l'autre) ; des filtres différents s'appliquent tous.")
@problem_responses(blp, 400, 422)
@blp.response(200, SearchOutputSchema)
def search_resources(args):
    """Search: hits with highlighted title and excerpt, facet counts and a "did you mean" suggestion.

    Without `q`, every visible resource matches (sorted by date unless `sort` says otherwise). A page past
    the last one answers an empty `hits` with the real `pages`; malformed syntax (a lone quote, `AND OR (`)
    is read as plain words, never refused.
    """
    user = me()
    result = search(user, SearchRequest(text=args["q"], filters=engine_filters(args), sort=effective_sort(args),
                                        page=args["page"], per_page=args["per_page"]))
    return {"hits": listed_hits(result.hits, user), "total": result.total, "page": args["page"],
            "per_page": result.per_page, "pages": result.pages, "facets": result.facets,
            "suggestion": result.suggestion, "rebuilding": result.rebuilding}
