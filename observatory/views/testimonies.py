"""Which collectives a testimony comes from: the observatory's form for the testimony's editors, and the panel the
resource page includes (`observatory/_testimony_panel.html`, through commons' optional include).

Commons sits below the observatory and cannot name collectives, so it does not get a field of its own: the
observatory owns the link table, this form, and the panel; commons only leaves a place for the panel.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import Schema, ValidationError, fields

from app.api import id_field
from app.db import db
from commons.models import Resource
from observatory.service import testimonies as service
from observatory.views import bp, deny, me


class TestimonyCollectivesSchema(Schema):
    """The form: the ids of the collectives ticked."""

    collective_ids = fields.List(id_field(), load_default=list)


@bp.app_template_global("observatory_testimony_collectives")
def testimony_collectives(resource) -> list:
    """For the resource page's panel: the collectives a testimony comes from, as the reader may see them."""
    return service.collectives_of(resource.id, me()) if service.is_testimony(resource) else []


@bp.app_template_global("observatory_is_testimony")
def is_testimony(resource) -> bool:
    return service.is_testimony(resource)


def _testimony_or_404(resource_id: int) -> Resource:
    resource = db.session.get(Resource, resource_id)
    if resource is None or not resource.can_view(me()) or not service.is_testimony(resource):
        abort(404)
    if resource.is_deleted or not resource.can_edit(me()):
        deny()
    return resource


@bp.route("/observatoire/temoignages/<int:resource_id>/collectifs", methods=["GET", "POST"])
def testimony_collectives_form(resource_id: int):
    """The testimony's editors name the collectives (from the observatory's registry) it comes from."""
    resource = _testimony_or_404(resource_id)
    user = me()
    if request.method == "POST":
        try:
            chosen = TestimonyCollectivesSchema().load({"collective_ids": request.form.getlist("collective_ids")})
        except ValidationError:
            flash(_("Choisissez des collectifs dans la liste."), "error")
            return redirect(url_for("observatory.testimony_collectives_form", resource_id=resource.id))
        service.set_collectives(resource, set(chosen["collective_ids"]), user)
        db.session.commit()
        flash(_("Collectifs du témoignage enregistrés."), "success")
        return redirect(url_for("commons.resource", resource_id=resource.id))
    linked = {c.id for c in service.collectives_of(resource.id, user)}
    return render_template("observatory/testimony_collectives.html", resource=resource, linked=linked,
                           collectives=service.choosable_collectives(user))
