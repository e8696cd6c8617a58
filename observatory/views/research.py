"""Research questions: anyone signed in proposes one, the scientific committee triages and links results."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from app.http import french_errors, load_form
from observatory.models import RESEARCH_STATUS_LABELS, Collective, ResearchQuestion
from observatory.schemas import ResearchQuestionInputSchema, TriageInputSchema
from observatory.service import research as service
from observatory.views import bp, me, require


def _render(errors=None, form=None, status=200):
    user = me()
    mine = []
    if user.is_authenticated:
        mine = list(db.session.scalars(sa.select(Collective).where(Collective.members.any(user_id=user.id))))
    return render_template("observatory/research.html", questions=service.list_questions(user),
                           labels=RESEARCH_STATUS_LABELS, errors=errors or {}, form=form or {}, mine=mine,
                           is_committee=user.is_authenticated and user.is_researcher), status


@bp.get("/observatoire/questions-de-recherche/")
def research_questions():
    return _render()


@bp.post("/observatoire/questions-de-recherche/")
def propose_question():
    user = me()
    require(user.is_authenticated)
    data, errors = load_form(ResearchQuestionInputSchema())
    if not errors:
        try:
            service.submit_question(data, user)
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        return _render(errors, request.form, 422)
    db.session.commit()
    flash(_("Question transmise au comité scientifique."), "success")
    return redirect(url_for("observatory.research_questions"), 303)


@bp.post("/observatoire/questions-de-recherche/<int:question_id>/statut")
def triage_question(question_id: int):
    user = me()
    question = db.session.get(ResearchQuestion, question_id)
    if question is None or not question.can_view(user):
        abort(404)
    require(user.is_authenticated and user.is_researcher)
    data, errors = load_form(TriageInputSchema(), list_fields={"resource_ids"})
    if not errors:
        try:
            service.triage(question, data["status"], data["committee_note"], data["resource_ids"], user)
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        return _render(errors, None, 422)
    db.session.commit()
    return redirect(url_for("observatory.research_questions") + f"#question-{question.id}", 303)
