"""The answer page a collective reaches through its personal link: no account, save and come back, submit once.

The token in the URL is the only thing that says which response is shown or written: no collective or response
id is ever read from the form, so a link cannot open another collective's answers.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.db import db
from observatory.models import QUESTION_KIND_LABELS, QuestionKind, SurveyStatus
from observatory.service import surveys as service
from observatory.views import bp


def _invitation_or_404(token: str):
    invitation = service.invitation_from_token(token)
    if invitation is None or invitation.survey.status == SurveyStatus.DRAFT:
        abort(404)
    return invitation


def _render(invitation, answers, errors, status=200):
    survey = invitation.survey
    response = invitation.response
    return render_template("observatory/answer.html", invitation=invitation, survey=survey,
                           groups=service.ordered_questions(survey), answers=answers, errors=errors,
                           submitted=invitation.is_submitted, accepting=survey.is_accepting(),
                           saved_dt=response.updated_dt if response else None, kinds=QuestionKind,
                           kind_labels=QUESTION_KIND_LABELS), status


@bp.get("/enquete/<token>")
def answer_survey(token: str):
    invitation = _invitation_or_404(token)
    answers = invitation.response.answers if invitation.response else {}
    # a closed survey's link is gone for good (410), whether or not the collective had answered
    return _render(invitation, answers, {}, 200 if invitation.survey.is_accepting() else 410)


@bp.post("/enquete/<token>")
def submit_answers(token: str):
    invitation = _invitation_or_404(token)
    answers = service.read_answers(invitation.survey, request.form)
    submit = request.form.get("action") == "submit"
    try:
        errors = service.save_response(invitation, answers, submit=submit)
    except service.SurveyClosed:
        db.session.rollback()
        return _render(invitation, answers, {"_form": _("Cette enquête est close : les réponses ne sont plus "
                                                        "acceptées.")}, 410)
    except service.AlreadySubmitted:
        db.session.rollback()
        return _render(invitation, invitation.response.answers,
                       {"_form": _("Votre collectif a déjà envoyé ses réponses.")}, 409)
    db.session.commit()
    if errors:
        return _render(invitation, answers, errors, 422)
    flash(_("Merci ! Vos réponses sont envoyées.") if submit else
          _("Réponses enregistrées : vous pouvez revenir par le même lien pour continuer."), "success")
    return redirect(url_for("observatory.answer_survey", token=token), 303)
