"""Registering a collective by hand, editing it and deleting it (the CSV import does it in bulk)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.accounts.models import Partner, Role
from app.db import db
from app.http import french_errors, load_form
from commons.models import Phase
from observatory.models import KIND_LABELS, WORK_LABELS, Collective
from observatory.schemas import CollectiveInputSchema
from observatory.service import registry as service
from observatory.views import bp, me, require
from observatory.views.collectives import collective_or_404


def _offered_networks() -> list[Partner]:
    """The active partners; the service checks that a network admin keeps one of theirs."""
    return list(db.session.scalars(sa.select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.name)))


def _form_of(collective: Collective) -> dict:
    """The form's values for an existing collective."""
    values = {name: getattr(collective, name) for name in service.PLAIN_FIELDS}
    values.update(kind=collective.kind.value, phase=collective.phase.slug,
                  building_work=collective.building_work.value if collective.building_work else "",
                  networks=[p.slug for p in collective.networks])
    return {key: "" if value is None else value for key, value in values.items()}


def _render(collective: Collective | None, form: dict, errors: dict | None = None, status: int = 200):
    user = me()
    phases = list(db.session.scalars(sa.select(Phase).where(Phase.is_retired.is_(False)).order_by(Phase.position)))
    return render_template("observatory/collective_form.html", collective=collective, form=form,
                           errors=errors or {},
                           kind_options=[(k.value, _(label)) for k, label in KIND_LABELS.items()],
                           work_options=[(w.value, _(label)) for w, label in WORK_LABELS.items()],
                           phase_options=[(p.slug, p.display_label(str(get_locale() or "fr"))) for p in phases],
                           partners=_offered_networks(), admin_of=user.partner_ids({Role.ADMIN}),
                           can_delete=collective is not None and collective.can_delete(user)), status


def _submit(collective: Collective | None):
    """Validate the form, save, commit once; the form again with its errors (422) when something is wrong."""
    data, errors = load_form(CollectiveInputSchema(), list_fields={"networks"})
    if not errors:
        try:
            collective = service.save_collective(collective, data, me())
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        form = request.form.to_dict()
        form["networks"] = request.form.getlist("networks")
        return _render(None if collective is None or collective.id is None else collective, form, errors, 422)
    db.session.commit()
    flash(_("Collectif enregistré."), "success")
    return redirect(url_for("observatory.collective", collective_id=collective.id), 303)


@bp.get("/observatoire/collectifs/nouveau")
def new_collective():
    require(Collective.can_create(me()))
    return _render(None, {"is_listed": True, "networks": []})


@bp.post("/observatoire/collectifs/nouveau")
def create_collective():
    require(Collective.can_create(me()))
    return _submit(None)


@bp.get("/observatoire/collectifs/<int:collective_id>/modifier")
def edit_collective(collective_id: int):
    collective = collective_or_404(collective_id)
    require(collective.can_edit(me()))
    return _render(collective, _form_of(collective))


@bp.post("/observatoire/collectifs/<int:collective_id>/modifier")
def update_collective(collective_id: int):
    collective = collective_or_404(collective_id)
    require(collective.can_edit(me()))
    return _submit(collective)


@bp.post("/observatoire/collectifs/<int:collective_id>/supprimer")
def delete_collective(collective_id: int):
    collective = collective_or_404(collective_id)
    require(collective.can_delete(me()))
    try:
        service.delete_collective(collective)
    except ValidationError as exc:
        return _render(collective, _form_of(collective), french_errors(exc.messages), 409)
    db.session.commit()
    flash(_("Collectif « %(name)s » supprimé.", name=collective.name), "success")
    return redirect(url_for("observatory.collectives"), 303)
