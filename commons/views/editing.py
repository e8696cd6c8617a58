"""Commons pages for editors: the resource form, workflow, trash, history and attachments.

Every handler: load what the URL names (404 when the user may not even see it), check the right to edit
(403, or the login page for anonymous visitors), validate the form with its schema, call the service,
commit once. A refused form is shown again with the user's input, its field errors and status 409 or 422.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from app.accounts.models import Partner
from app.db import db
from app.http import Page, french_errors, load_form, paginate
from app.templating import add_account_link
from commons import attachments, revisions, service
from commons.models import Attachment, Kind, Licence, Phase, Resource, ResourceRevision, Theme
from commons.schemas import LANGUAGES, ResourceInputSchema, StatusChangeSchema
from commons.seed import DEFAULT_LICENCE
from commons.views import bp
from commons.views.catalogue import (
    LANGUAGE_NAMES,
    STATUS_LABELS,
    VISIBILITY_LABELS,
    active_partners,
    deny,
    me,
    render_resource,
    require_editing,
    resource_or_404,
)

bp.record_once(lambda state: (
    add_account_link(state.app, _l("Nouvelle ressource"), "commons.create", 10, lambda user: user.is_contributor),
    add_account_link(state.app, _l("Corbeille"), "commons.trash", 20, lambda user: user.is_contributor)))

#: form fields sent as several values (checkboxes)
LIST_FIELDS = {"co_owner_ids", "theme_ids", "phase_ids"}


# The resource form --------------------------------------------------------------------------------------------

def _flat_errors(messages: dict) -> dict[str, list[str]]:
    """One list of messages per field, even for errors on single items of a list (keywords)."""
    flat = {}
    for field, value in messages.items():
        if isinstance(value, dict):
            value = [message for item in value.values() for message in (item if isinstance(item, list) else [item])]
        flat[field] = value if isinstance(value, list) else [value]
    return flat


def _form_from(resource) -> MultiDict:
    """The edit form filled from the resource as it is now."""
    form = MultiDict({
        "title": resource.title, "summary": resource.summary, "body": resource.body,
        "kind_id": resource.kind_id, "owner_partner_id": resource.owner_partner_id,
        "licence_id": resource.licence_id or "", "source": resource.source, "authors": resource.authors,
        "language": resource.language, "visibility": resource.visibility.value,
        "content_date": resource.content_date.isoformat() if resource.content_date else "",
        "keywords": ", ".join(keyword.label for keyword in resource.keywords), "version": resource.version,
    })
    for field, items in (("co_owner_ids", resource.co_owners), ("theme_ids", resource.themes),
                         ("phase_ids", resource.phases)):
        form.setlist(field, [str(item.id) for item in items])
    return form


def _new_form(partners: list[Partner]) -> MultiDict:
    licence = db.session.scalar(sa.select(Licence).where(Licence.slug == DEFAULT_LICENCE))
    form = MultiDict({"language": "fr", "visibility": "commons", "licence_id": licence.id if licence else ""})
    if len(partners) == 1:
        form["owner_partner_id"] = partners[0].id
    return form


def _options(model) -> list[tuple[int, str]]:
    query = sa.select(model).where(model.is_retired.is_(False)).order_by(model.position)
    return [(term.id, term.display_label(str(get_locale()))) for term in db.session.scalars(query)]


def _render_form(resource, form, partners, errors=None, status=200, conflict=False):
    owners = list(partners)
    if resource is not None and resource.owner_partner not in owners:
        owners.insert(0, resource.owner_partner)  # co-owners' editors may keep the current owner
    return render_template(
        "commons/resource_form.html", resource=resource, form=form, errors=errors or {}, conflict=conflict,
        kinds=_options(Kind), themes=_options(Theme), phases=_options(Phase), licences=_options(Licence),
        owners=[(p.id, p.name) for p in owners], partners=[(p.id, p.name) for p in active_partners()],
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        visibilities=list(VISIBILITY_LABELS)), status


def _contributor_partners() -> list[Partner]:
    """Partners the user may file resources under; nobody else may create one."""
    user = me()
    if not user.is_authenticated:
        deny()
    partners = service.editable_partners(user)
    if not partners:
        abort(403)
    return partners


@bp.route("/ressources/nouvelle", methods=["GET", "POST"])
def create():
    partners = _contributor_partners()
    if request.method == "GET":
        return _render_form(None, _new_form(partners), partners)
    data, errors = load_form(ResourceInputSchema(), LIST_FIELDS)
    if errors:
        return _render_form(None, request.form, partners, _flat_errors(errors), 422)
    try:
        resource = service.create_resource(data, me())
    except ValidationError as exc:
        db.session.rollback()
        return _render_form(None, request.form, partners, _flat_errors(french_errors(exc.messages)), 422)
    db.session.commit()
    flash(_("Brouillon enregistré. Publiez-le quand il est prêt."), "success")
    return redirect(url_for("commons.resource", resource_id=resource.id))


@bp.route("/ressources/<int:resource_id>/modifier", methods=["GET", "POST"])
def edit(resource_id: int):
    resource = resource_or_404(resource_id)
    require_editing(resource)
    if resource.is_deleted:
        flash(_("Restaurez d'abord cette ressource depuis la corbeille."), "error")
        return redirect(url_for("commons.resource", resource_id=resource.id))
    partners = service.editable_partners(me())
    if request.method == "GET":
        return _render_form(resource, _form_from(resource), partners)
    data, errors = load_form(ResourceInputSchema(), LIST_FIELDS)
    if errors:
        return _render_form(resource, request.form, partners, _flat_errors(errors), 422)
    try:
        service.update_resource(resource, data, me())
    except service.Conflict:
        db.session.rollback()
        return _render_form(resource, request.form, partners, status=409, conflict=True)
    except ValidationError as exc:
        db.session.rollback()
        return _render_form(resource, request.form, partners, _flat_errors(french_errors(exc.messages)), 422)
    db.session.commit()
    flash(_("Modifications enregistrées."), "success")
    return redirect(url_for("commons.resource", resource_id=resource.id))


# Workflow and trash -------------------------------------------------------------------------------------------

@bp.post("/ressources/<int:resource_id>/statut")
def change_status(resource_id: int):
    resource = resource_or_404(resource_id)
    require_editing(resource)
    data, errors = load_form(StatusChangeSchema())
    if errors:
        flash(_("Statut inconnu."), "error")
        return render_resource(resource, 422)
    if resource.is_deleted:
        flash(_("Restaurez d'abord cette ressource depuis la corbeille."), "error")
        return render_resource(resource, 409)
    try:
        service.change_status(resource, data["status"], me(), data["comment"])
    except service.NotAllowed:
        db.session.rollback()
        flash(_("Passage impossible du statut « %(old)s » au statut « %(new)s ».",
                old=STATUS_LABELS[resource.status], new=STATUS_LABELS[data["status"]]), "error")
        return render_resource(resource, 409)
    db.session.commit()
    flash(_("Statut : %(status)s.", status=STATUS_LABELS[resource.status]), "success")
    return redirect(url_for("commons.resource", resource_id=resource.id))


@bp.post("/ressources/<int:resource_id>/supprimer")
def delete(resource_id: int):
    resource = resource_or_404(resource_id)
    require_editing(resource)
    if not resource.is_deleted:
        service.trash_resource(resource, me())
        db.session.commit()
    flash(_("« %(title)s » est dans la corbeille. Vous pouvez encore la restaurer.", title=resource.title),
          "success")
    return redirect(url_for("commons.resource", resource_id=resource.id))


@bp.post("/ressources/<int:resource_id>/restaurer")
def restore(resource_id: int):
    resource = resource_or_404(resource_id)
    require_editing(resource)
    if resource.is_deleted:
        service.restore_resource(resource, me())
        db.session.commit()
    flash(_("« %(title)s » est restaurée.", title=resource.title), "success")
    return redirect(url_for("commons.resource", resource_id=resource.id))


@bp.get("/corbeille")
def trash():
    """Trashed resources the user may bring back."""
    user = me()
    if not (user.is_authenticated and user.is_contributor):
        deny()
    page: Page = paginate(service.trash_query(user), max(1, request.args.get("page", 1, type=int)), 20)
    return render_template("commons/trash.html", page=page,
                           page_url=lambda number: url_for("commons.trash", page=number))


# History ------------------------------------------------------------------------------------------------------

def _revision_or_404(resource, number: int) -> ResourceRevision:
    revision = db.session.scalar(sa.select(ResourceRevision).where(
        ResourceRevision.resource_id == resource.id, ResourceRevision.number == number))
    if revision is None:
        abort(404)
    return revision


def _readable(snapshot: dict) -> dict:
    """A snapshot with labels instead of slugs and codes, so the diff reads like the resource page."""
    locale = str(get_locale())
    names = {}
    for field, model in (("kind", Kind), ("themes", Theme), ("phases", Phase), ("licence", Licence)):
        names[field] = {t.slug: t.display_label(locale) for t in db.session.scalars(sa.select(model))}
    partner_names = {p.slug: p.name for p in db.session.scalars(sa.select(Partner))}
    names.update(owner_partner=partner_names, co_owners=partner_names,
                 status={s.value: str(label) for s, label in STATUS_LABELS.items()},
                 visibility={v.value: str(label) for v, label in VISIBILITY_LABELS.items()},
                 language={code: str(label) for code, label in LANGUAGE_NAMES.items()})
    readable = dict(snapshot)
    for field, value in snapshot.items():
        labels = names.get(field, {})
        if isinstance(value, list):  # sorted: the order terms were picked in is not a change
            readable[field] = sorted((labels.get(item, item) for item in value), key=str.lower)
        elif value is not None:
            readable[field] = labels.get(value, value)
    return readable


@bp.get("/ressources/<int:resource_id>/historique")
def history(resource_id: int):
    resource = resource_or_404(resource_id)
    require_editing(resource)
    return render_template("commons/history.html", resource=resource, revisions=revisions.history(resource))


@bp.get("/ressources/<int:resource_id>/historique/<int:number>")
def revision(resource_id: int, number: int):
    """What this revision changed compared with the one before it."""
    resource = resource_or_404(resource_id)
    require_editing(resource)
    revision = _revision_or_404(resource, number)
    previous = revisions.previous_snapshot(revision)
    changes = revisions.diff(_readable(previous) if previous else {}, _readable(revision.snapshot))
    return render_template("commons/revision.html", resource=resource, revision=revision, changes=changes,
                           is_current=number == max(r.number for r in revisions.history(resource)))


@bp.post("/ressources/<int:resource_id>/historique/<int:number>/restaurer")
def restore_revision(resource_id: int, number: int):
    resource = resource_or_404(resource_id)
    require_editing(resource)
    revision = _revision_or_404(resource, number)
    if resource.is_deleted:
        return _refuse_while_trashed(resource)
    revisions.restore(resource, revision, me())
    db.session.commit()
    flash(_("La révision %(number)s est restaurée (enregistrée comme nouvelle révision).", number=number),
          "success")
    return redirect(url_for("commons.resource", resource_id=resource.id))


def _refuse_while_trashed(resource: Resource):
    """A trashed resource is read-only until restored (409, as the API answers)."""
    flash(_("Restaurez d'abord cette ressource depuis la corbeille."), "error")
    return render_resource(resource, 409)


# Attachments --------------------------------------------------------------------------------------------------

@bp.post("/ressources/<int:resource_id>/pieces-jointes")
def upload_attachment(resource_id: int):
    resource = resource_or_404(resource_id)
    require_editing(resource)
    if resource.is_deleted:
        return _refuse_while_trashed(resource)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return render_resource(resource, 422, attachment_error=_("Choisissez un fichier à joindre."))
    try:
        attachment = attachments.add_attachment(resource, upload, me())
    except attachments.AttachmentRejected as exc:
        db.session.rollback()
        return render_resource(resource, exc.status, attachment_error=str(exc))
    db.session.commit()
    flash(_("« %(name)s » est jointe à la ressource.", name=attachment.filename), "success")
    return redirect(url_for("commons.resource", resource_id=resource.id, _anchor="pieces-jointes"))


@bp.errorhandler(RequestEntityTooLarge)
def request_too_large(error):
    """A request past MAX_CONTENT_LENGTH: on the upload form, say so next to the form."""
    message = _("Fichier trop volumineux (maximum %(size)s Mo).",
                size=current_app.config["MAX_ATTACHMENT_BYTES"] // (1024 * 1024))
    resource_id = (request.view_args or {}).get("resource_id")
    resource = db.session.get(Resource, resource_id) if resource_id is not None else None
    if request.endpoint == "commons.upload_attachment" and resource is not None and resource.can_edit(me()):
        return render_resource(resource, 413, attachment_error=message)
    return render_template("app/error.html", status=413, title=_("Fichier trop volumineux"),
                           description=message), 413


@bp.post("/pieces-jointes/<int:attachment_id>/supprimer")
def remove_attachment(attachment_id: int):
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.is_deleted:
        abort(404)
    resource = resource_or_404(attachment.resource_id)
    require_editing(resource)
    if resource.is_deleted:
        return _refuse_while_trashed(resource)
    attachments.remove_attachment(attachment)
    db.session.commit()
    flash(_("« %(name)s » est retirée.", name=attachment.filename), "success")
    return redirect(url_for("commons.resource", resource_id=resource.id, _anchor="pieces-jointes"))
