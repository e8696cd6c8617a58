"""The observatory's home page, the collectives (filterable list, map and its data, page) and their CSV import."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Response, abort, current_app, jsonify, make_response, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from app.accounts.models import Partner
from app.db import db
from app.security import content_security_policy
from app.templating import add_nav_item
from commons.models import Phase
from observatory.chartdata import PALETTE
from observatory.models import (
    KIND_LABELS,
    AssessmentGrid,
    Collective,
    ProjectKind,
    ResearchQuestion,
    Survey,
    SurveyInvitation,
)
from observatory.schemas import CollectiveArgsSchema, CollectivePointSchema
from observatory.service import collectives as service
from observatory.service import testimonies
from observatory.service.usage import can_see_statistics
from observatory.views import bp, deny, me, require

bp.record_once(lambda state: add_nav_item(state.app, _l("Observatoire"), "observatory.home", 30))


@bp.get("/observatoire/")
def home():
    user = me()
    counts = {
        "collectives": db.session.scalar(sa.select(sa.func.count()).select_from(Collective)
                                         .where(Collective.visible_to(user))),
        "surveys": db.session.scalar(sa.select(sa.func.count()).select_from(Survey)),
        "questions": db.session.scalar(sa.select(sa.func.count()).select_from(ResearchQuestion)
                                       .where(ResearchQuestion.visible_to(user))),
    }
    mine = []
    if user.is_authenticated:
        mine = list(db.session.scalars(sa.select(Collective).where(Collective.members.any(user_id=user.id))))
    return render_template("observatory/home.html", counts=counts, mine=mine,
                           can_statistics=can_see_statistics(user), is_researcher=user.is_authenticated
                           and user.is_researcher)


def read_criteria(args) -> dict:
    """Filters of the list from the query string; unknown values are a 400."""
    try:
        data = CollectiveArgsSchema().load({"kind": args.getlist("kind"), "phase": args.getlist("phase"),
                                            "departement": args.getlist("departement"),
                                            "network": args.getlist("network")})
    except ValidationError:
        abort(400)
    return {"kinds": [k.value for k in data["kind"]], "phases": [p for p in data["phase"] if p],
            "departements": [d for d in data["departement"] if d], "networks": [n for n in data["network"] if n]}


#: marker colours by kind of project (the list's badges use the same ones, observatory.css)
KIND_COLOURS = {"habitat": PALETTE[0], "hameau": PALETTE[2], "oasis": PALETTE[1], "other": PALETTE[6]}
OUTLINE_ATTRIBUTION = "Contours : Natural Earth (domaine public)"


def map_tiles() -> tuple[str, str]:
    """`TERREAU_MAP_TILES_URL` and `TERREAU_MAP_TILES_ATTRIBUTION`: a tile server some deployments prefer to the
    vendored outline of France (none by default: the demo runs offline and visitors are not sent elsewhere)."""
    config = current_app.config
    url = config.get("MAP_TILES_URL") or os.environ.get("TERREAU_MAP_TILES_URL", "")
    attribution = config.get("MAP_TILES_ATTRIBUTION") or os.environ.get("TERREAU_MAP_TILES_ATTRIBUTION", "")
    return url, attribution


def tiles_policy(url: str) -> str:
    """The page's CSP, letting images come from the tile server too ("{s}" subdomains become a wildcard)."""
    parts = urlsplit(url.replace("{s}", "*"))
    return content_security_policy().replace("img-src 'self' data:",
                                             f"img-src 'self' data: {parts.scheme}://{parts.netloc}", 1)


@bp.get("/observatoire/collectifs/")
def collectives():
    user = me()
    criteria = read_criteria(request.args)
    found = service.list_collectives(user, criteria)
    departements = sorted(db.session.scalars(sa.select(Collective.departement).distinct()
                                             .where(Collective.visible_to(user))))
    partners = list(db.session.scalars(sa.select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.name)))
    tiles, attribution = map_tiles()
    page = render_template(
        "observatory/collectives.html", collectives=found, criteria=criteria, kinds=list(ProjectKind),
        phases=_phases(), departements=departements, partners=partners, kind_colours=KIND_COLOURS,
        tiles=tiles, attribution=attribution or OUTLINE_ATTRIBUTION,
        located=sum(1 for c in found if c.latitude is not None and c.longitude is not None),
        map_data=url_for("observatory.collectives_map", **request.args.to_dict(flat=False)),
        can_import=user.is_authenticated and user.is_researcher, can_create=Collective.can_create(user))
    response = make_response(page)
    if tiles:
        response.headers["Content-Security-Policy"] = tiles_policy(tiles)
    return response


@bp.get("/observatoire/collectifs/carte.json")
def collectives_map():
    """The located collectives of the list (same filters) for the map: their public part only."""
    user = me()
    kinds = obs_kind_labels()
    points = [{"id": c.id, "name": c.name, "commune": c.commune, "departement": c.departement,
               "latitude": c.latitude, "longitude": c.longitude, "kind": c.kind.value, "kind_label": kinds[c.kind],
               "phase": c.phase.slug, "phase_label": c.phase.display_label(str(get_locale() or "fr")),
               "url": url_for("observatory.collective", collective_id=c.id)}
              for c in service.list_collectives(user, read_criteria(request.args))
              if c.latitude is not None and c.longitude is not None]
    return jsonify({"collectives": CollectivePointSchema(many=True).dump(points)})


def obs_kind_labels() -> dict:
    return {kind: _(label) for kind, label in KIND_LABELS.items()}


def _phases() -> list[Phase]:
    return list(db.session.scalars(sa.select(Phase).where(Phase.is_retired.is_(False)).order_by(Phase.position)))


def collective_or_404(collective_id: int) -> Collective:
    collective = db.session.get(Collective, collective_id)
    if collective is None or not collective.can_view(me()):
        abort(404)
    return collective


@bp.get("/observatoire/collectifs/<int:collective_id>")
def collective(collective_id: int):
    user = me()
    found = collective_or_404(collective_id)
    private = found.can_see_private(user)
    invitations = []
    if private:
        invitations = list(db.session.scalars(sa.select(SurveyInvitation).join(Survey)
                                              .where(SurveyInvitation.collective_id == found.id)
                                              .order_by(Survey.created_dt.desc())))
    grids = list(db.session.scalars(sa.select(AssessmentGrid).where(AssessmentGrid.is_active.is_(True))
                                    .order_by(AssessmentGrid.title)))
    return render_template("observatory/collective.html", collective=found, private=private,
                           invitations=invitations, grids=grids, can_edit=found.can_edit(user),
                           can_delete=found.can_delete(user), testimonies=testimonies.testimonies_of(found.id, user))


@bp.route("/observatoire/collectifs/import", methods=["GET", "POST"])
def import_collectives():
    user = me()
    require(user.is_authenticated and user.is_researcher)
    if request.method == "GET":
        if request.args.get("modele"):
            return Response(service.export_template(), mimetype="text/csv",
                            headers={"Content-Disposition": "attachment; filename=collectifs-modele.csv"})
        return render_template("observatory/import.html", report=None)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return render_template("observatory/import.html", report=None,
                               error=_("Choisissez un fichier CSV.")), 422
    validate_only = request.form.get("mode") != "import"
    report = service.import_collectives_csv(upload.read(), validate_only=validate_only)
    if report.written:
        db.session.commit()
    status = 200 if report.ok else 422
    return render_template("observatory/import.html", report=report, validate_only=validate_only), status


__all__ = ["collective_or_404", "deny"]
