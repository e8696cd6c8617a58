"""Partner portals: /p/<slug>/ (and / on the partner's own host name) in the partner's design, with its featured
courses, the sessions open for enrolment, the latest and most used resources, a search limited as the partner
chose, and resource pages."""

from __future__ import annotations

import logging

from flask import abort, render_template, request, send_file
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from app.db import db
from commons import search as commons_search
from media.storage import get_storage
from partners import service
from partners.models import SearchScope
from partners.views import bp, design_style, me, partner_or_404

SEARCH_PER_PAGE = 12
log = logging.getLogger(__name__)


def portal_context(partner, design) -> dict:
    return {"partner": partner, "design": design, "design_style": design_style(design)}


def render_portal_home(partner, design):
    user = me()
    return render_template("partners/portal/home.html", latest=service.latest_resources(partner, user),
                           most_used=service.most_used_resources(partner, user),
                           courses=service.featured_courses(partner, user),
                           sessions=service.open_sessions(partner, user),
                           **portal_context(partner, design))


@bp.get("/p/<slug>/")
def portal(slug: str):
    """A partner's portal onto the commons."""
    partner = partner_or_404(slug)
    return render_portal_home(partner, service.design_for(partner))


@bp.get("/p/<slug>/recherche")
def portal_search(slug: str):
    """Search through the partner's resources, or the whole commons, as the partner chose."""
    partner = partner_or_404(slug)
    design = service.design_for(partner)
    text = request.args.get("q", "").strip()[:300]
    page = max(1, request.args.get("page", 1, type=int) or 1)
    filters = {"partner": [partner.slug]} if design.search_scope == SearchScope.OWN else {}
    result = commons_search.search(me(), commons_search.SearchRequest(
        text=text, filters=filters, sort="relevance" if text else "date", page=page, per_page=SEARCH_PER_PAGE))
    by_id = {r.id: r for r in service.resources_by_ids([hit.resource_id for hit in result.hits], me())}
    hits = [(by_id[hit.resource_id], hit) for hit in result.hits if hit.resource_id in by_id]
    return render_template("partners/portal/search.html", text=text, result=result, hits=hits,
                           **portal_context(partner, design))


@bp.get("/p/<slug>/ressources/<int:resource_id>")
def portal_resource(slug: str, resource_id: int):
    """A resource in the partner's design, with its embed code for the partner's sites."""
    from commons.models import Resource
    from partners.embeds import EMBEDDABLE_KINDS

    partner = partner_or_404(slug)
    resource = EMBEDDABLE_KINDS["resource"].load(resource_id)
    if resource is None or not isinstance(resource, Resource) or not resource.can_view(me()):
        abort(404)
    page = render_template("partners/portal/resource.html", resource=resource,
                           **portal_context(partner, service.design_for(partner)))
    if request.method == "GET":
        _count_view(resource, partner)
    return page


def _count_view(resource, partner) -> None:
    """Record the view in the observatory's usage events; statistics never break the page people asked for."""
    try:
        service.record_portal_view(resource, partner, me())
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("could not record a view of resource %s on %s's portal", resource.id, partner.slug,
                    exc_info=True)


@bp.get("/p/<slug>/logo")
def logo(slug: str):
    """The partner's logo, typed as sniffed at upload."""
    partner = partner_or_404(slug)
    design = service.design_for(partner)
    if not design.logo_key or not get_storage().exists(design.logo_key):
        abort(404, _("Ce partenaire n'a pas de logo."))
    response = send_file(get_storage().path(design.logo_key), mimetype=design.logo_mime, max_age=3600)
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
