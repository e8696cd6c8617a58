"""Authoring pages for editors: the course form, its outline (add, edit, reorder and remove sequences and
steps with plain buttons, so reordering works from the keyboard and without JavaScript), publish, copy."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from app.http import load_form
from app.i18n import N_
from commons.models import Licence, Resource
from courses import covers, service
from courses.models import CompletionRule, Course, Level, Sequence, Step
from courses.schemas import (
    CopySchema,
    CourseInputSchema,
    DeleteSchema,
    MoveSchema,
    PublishSchema,
    SequenceInputSchema,
    StepInputSchema,
)
from courses.views import bp, course_or_404, deny, editable_course, me

LEVEL_LABELS = {Level.BEGINNER: N_("Débutant"), Level.INTERMEDIATE: N_("Intermédiaire"),
                Level.ADVANCED: N_("Avancé")}
RULE_LABELS = {CompletionRule.VIEWED: N_("Étape ouverte"), CompletionRule.VIDEO: N_("Vidéo regardée à 95 %"),
               CompletionRule.DONE: N_("Marquée terminée par l'apprenant·e")}


def _authoring_partners():
    user = me()
    if not user.is_authenticated:
        deny()
    partners = service.editable_partners(user)
    if not partners:
        abort(403)
    return partners


def _licences():
    return [(lic.id, lic.label) for lic in db.session.scalars(
        sa.select(Licence).where(Licence.is_retired.is_(False)).order_by(Licence.position))]


def _cover_max_mb() -> int:
    return covers.max_bytes() // (1024 * 1024)


def _apply_cover(course: Course, data: dict) -> tuple[dict, int | None]:
    """Store the uploaded cover, or remove the cover when asked; (errors, status) when the image is refused."""
    upload = request.files.get("cover")
    try:
        if upload is not None and upload.filename:
            covers.set_cover(course, upload)
        elif data.get("remove_cover"):
            covers.remove_cover(course)
    except covers.CoverRejected as refused:
        return {"cover": [str(refused)]}, refused.status
    return {}, None


def _render_course_form(course, form, partners, errors=None, status=200):
    return render_template("courses/course_form.html", course=course, form=form, errors=errors or {},
                           cover_max_mb=_cover_max_mb(),
                           partners=[(p.id, p.name) for p in partners], licences=_licences(),
                           levels=[(lvl.value, _(LEVEL_LABELS[lvl])) for lvl in Level]), status


def _check_partner(data, partners, errors):
    if data and data["owner_partner_id"] not in {p.id for p in partners}:
        errors["owner_partner_id"] = [_("Vous ne pouvez pas créer de parcours pour ce partenaire.")]


@bp.route("/parcours/nouveau", methods=["GET", "POST"])
def create():
    partners = _authoring_partners()
    if request.method == "GET":
        return _render_course_form(None, {"owner_partner_id": partners[0].id}, partners)
    data, errors = load_form(CourseInputSchema())
    _check_partner(data, partners, errors)
    if errors:
        return _render_course_form(None, request.form, partners, errors, 422)
    course = service.create_course(data, me())
    cover_errors, status = _apply_cover(course, data)
    if cover_errors:
        db.session.rollback()
        return _render_course_form(None, request.form, partners, cover_errors, status)
    db.session.commit()
    flash(_("Parcours créé. Ajoutez-lui des séquences et des étapes."), "success")
    return redirect(url_for("courses.edit", course_id=course.id))


def _render_edit(course, form=None, errors=None, status=200):
    return render_template("courses/edit.html", course=course, form=form or _course_form(course),
                           errors=errors or {}, cover_max_mb=_cover_max_mb(),
                           partners=[(course.owner_partner_id, course.owner_partner.name)],
                           licences=_licences(), levels=[(lvl.value, _(LEVEL_LABELS[lvl])) for lvl in Level],
                           rule_labels={rule: _(label) for rule, label in RULE_LABELS.items()}), status


def _course_form(course: Course) -> dict:
    return {"title": course.title, "summary": course.summary, "level": course.level.value,
            "estimated_minutes": course.estimated_minutes or "",
            "licence_id": course.licence_id or "", "owner_partner_id": course.owner_partner_id}


@bp.route("/parcours/<int:course_id>/modifier", methods=["GET", "POST"])
def edit(course_id: int):
    course = editable_course(course_id)
    if request.method == "GET":
        return _render_edit(course)
    data, errors = load_form(CourseInputSchema())
    if data and data["owner_partner_id"] != course.owner_partner_id:
        errors["owner_partner_id"] = [_("Le partenaire propriétaire ne change pas ; copiez le parcours.")]
    if errors:
        return _render_edit(course, request.form, errors, 422)
    service.update_course(course, data)
    cover_errors, status = _apply_cover(course, data)
    if cover_errors:
        db.session.rollback()
        return _render_edit(course, request.form, cover_errors, status)
    db.session.commit()
    flash(_("Parcours enregistré."), "success")
    return redirect(url_for("courses.edit", course_id=course.id))


@bp.post("/parcours/<int:course_id>/publication")
def publish(course_id: int):
    course = editable_course(course_id)
    data, errors = load_form(PublishSchema())
    if errors:
        abort(400)
    if data["published"] and not course.steps:
        flash(_("Un parcours sans étape ne peut pas être publié."), "error")
        return _render_edit(course, status=409)
    service.set_published(course, data["published"])
    db.session.commit()
    flash(_("Parcours publié.") if data["published"] else _("Parcours repassé en brouillon."), "success")
    return redirect(url_for("courses.edit", course_id=course.id))


# Sequences ----------------------------------------------------------------------------------------------------

def _sequence_of(course: Course, sequence_id: int) -> Sequence:
    sequence = db.session.get(Sequence, sequence_id)
    if sequence is None or sequence.course_id != course.id:
        abort(404)
    return sequence


@bp.post("/parcours/<int:course_id>/sequences")
def add_sequence(course_id: int):
    course = editable_course(course_id)
    data, errors = load_form(SequenceInputSchema())
    if errors:
        flash(_("Donnez un titre à la séquence."), "error")
        return _render_edit(course, status=422)
    service.add_sequence(course, data["title"], data["summary"])
    db.session.commit()
    return redirect(url_for("courses.edit", course_id=course.id, _anchor="plan"))


@bp.post("/parcours/<int:course_id>/sequences/<int:sequence_id>")
def update_sequence(course_id: int, sequence_id: int):
    course = editable_course(course_id)
    sequence = _sequence_of(course, sequence_id)
    data, errors = load_form(SequenceInputSchema())
    if errors:
        flash(_("Donnez un titre à la séquence."), "error")
        return _render_edit(course, status=422)
    sequence.title, sequence.summary = data["title"], data["summary"]
    db.session.commit()
    return redirect(url_for("courses.edit", course_id=course.id, _anchor=f"sequence-{sequence.id}"))


@bp.post("/parcours/<int:course_id>/sequences/<int:sequence_id>/deplacer")
def move_sequence(course_id: int, sequence_id: int):
    course = editable_course(course_id)
    sequence = _sequence_of(course, sequence_id)
    return _move(course, sequence, f"sequence-{sequence.id}")


@bp.post("/parcours/<int:course_id>/sequences/<int:sequence_id>/supprimer")
def delete_sequence(course_id: int, sequence_id: int):
    course = editable_course(course_id)
    service.delete_sequence(_sequence_of(course, sequence_id))
    db.session.commit()
    flash(_("Séquence supprimée."), "success")
    return redirect(url_for("courses.edit", course_id=course.id, _anchor="plan"))


# Steps --------------------------------------------------------------------------------------------------------

def _step_of(course: Course, step_id: int) -> Step:
    step = db.session.get(Step, step_id)
    if step is None or step.sequence.course_id != course.id:
        abort(404)
    return step


def _resource_choices(q: str, selected_id: int | None) -> list[Resource]:
    """Published resources the editor may see, matching `q`; the current one first."""
    from commons.service import catalogue_query

    found = list(db.session.scalars(catalogue_query(me(), {"q": q, "status": ["published"]}).limit(15))) if q \
        else []
    selected = db.session.get(Resource, selected_id) if selected_id else None
    if selected is not None and selected not in found:
        found.insert(0, selected)
    return found


def _render_step_form(course, sequence, step, form, errors=None, status=200):
    q = request.args.get("q", "").strip()[:100]
    selected = form.get("resource_id") or None
    return render_template("courses/step_form.html", course=course, sequence=sequence, step=step, form=form,
                           errors=errors or {}, q=q, rules=[(r.value, _(RULE_LABELS[r])) for r in CompletionRule],
                           resources=_resource_choices(q, int(selected) if str(selected or "").isdigit() else None)
                           ), status


def _check_resource(data, errors):
    if data and data.get("resource_id"):
        resource = db.session.get(Resource, data["resource_id"])
        if resource is None or not resource.can_view(me()) or resource.is_deleted:
            errors["resource_id"] = [_("Ressource introuvable.")]


@bp.route("/parcours/<int:course_id>/sequences/<int:sequence_id>/etapes/nouvelle", methods=["GET", "POST"])
def add_step(course_id: int, sequence_id: int):
    course = editable_course(course_id)
    sequence = _sequence_of(course, sequence_id)
    if request.method == "GET":
        return _render_step_form(course, sequence, None, dict(request.args))
    data, errors = load_form(StepInputSchema())
    _check_resource(data, errors)
    if errors:
        return _render_step_form(course, sequence, None, request.form, errors, 422)
    service.add_step(sequence, data)
    db.session.commit()
    flash(_("Étape ajoutée."), "success")
    return redirect(url_for("courses.edit", course_id=course.id, _anchor=f"sequence-{sequence.id}"))


@bp.route("/parcours/<int:course_id>/etapes/<int:step_id>/modifier", methods=["GET", "POST"])
def edit_step(course_id: int, step_id: int):
    course = editable_course(course_id)
    step = _step_of(course, step_id)
    if request.method == "GET":
        form = {"title": step.title, "intro": step.intro, "resource_id": step.resource_id or "",
                "completion_rule": step.completion_rule.value, "video_seconds": step.video_seconds or ""}
        if request.args.get("resource_id"):
            form["resource_id"] = request.args["resource_id"]
        return _render_step_form(course, step.sequence, step, form)
    data, errors = load_form(StepInputSchema())
    _check_resource(data, errors)
    if errors:
        return _render_step_form(course, step.sequence, step, request.form, errors, 422)
    service.update_step(step, data)
    db.session.commit()
    flash(_("Étape enregistrée."), "success")
    return redirect(url_for("courses.edit", course_id=course.id, _anchor=f"step-{step.id}"))


@bp.post("/parcours/<int:course_id>/etapes/<int:step_id>/deplacer")
def move_step(course_id: int, step_id: int):
    course = editable_course(course_id)
    step = _step_of(course, step_id)
    return _move(course, step, f"step-{step.id}")


def _move(course: Course, item, anchor: str):
    """Move a sequence or a step one place up or down, then back to the plan where it now stands."""
    data, errors = load_form(MoveSchema())
    if errors:
        abort(400)
    service.move(item, data["direction"])
    db.session.commit()
    return redirect(url_for("courses.edit", course_id=course.id, _anchor=anchor))


@bp.post("/parcours/<int:course_id>/etapes/<int:step_id>/supprimer")
def delete_step(course_id: int, step_id: int):
    course = editable_course(course_id)
    service.delete_step(_step_of(course, step_id))
    db.session.commit()
    flash(_("Étape supprimée."), "success")
    return redirect(url_for("courses.edit", course_id=course.id, _anchor="plan"))


# Copy ---------------------------------------------------------------------------------------------------------

@bp.route("/parcours/<int:course_id>/copier", methods=["GET", "POST"])
def copy(course_id: int):
    """Copy a course (published, or one's own) into a partner one edits for, as a draft to adapt."""
    course = course_or_404(course_id)
    partners = _authoring_partners()
    if request.method == "GET":
        return render_template("courses/copy.html", course=course, partners=partners, errors={})
    try:
        data = CopySchema().load({"partner_id": request.form.get("partner_id")})
    except ValidationError:
        data = None
    if data is None or data["partner_id"] not in {p.id for p in partners}:
        return render_template("courses/copy.html", course=course, partners=partners,
                               errors={"partner_id": [_("Choisissez un partenaire pour lequel vous éditez.")]}), 422
    copied = service.copy_course(course, data["partner_id"], me())
    db.session.commit()
    flash(_("Parcours copié : c'est un brouillon que vous pouvez adapter."), "success")
    return redirect(url_for("courses.edit", course_id=copied.id))


# Deleting a course --------------------------------------------------------------------------------------------

def _render_delete(course: Course, refusals: list[str], status: int = 200):
    return render_template("courses/delete.html", course=course, refusals=refusals), status


@bp.route("/parcours/<int:course_id>/supprimer", methods=["GET", "POST"])
def delete(course_id: int):
    """Confirm, then put the course in the trash; refused (409) while its sessions have learners, whose progress
    and attestations need it: the page offers to unpublish it instead."""
    course = editable_course(course_id)
    refusals = service.deletion_refusals(course)
    if request.method == "GET":
        return _render_delete(course, refusals)
    _data, errors = load_form(DeleteSchema())
    if errors:
        abort(400)
    if refusals:
        return _render_delete(course, refusals, 409)
    service.delete_course(course)
    db.session.commit()
    flash(_("Le parcours « %(title)s » a été supprimé. Vous pouvez le restaurer depuis les parcours supprimés.",
            title=course.title), "success")
    return redirect(url_for("courses.index"))
