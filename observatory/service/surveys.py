"""Surveys: building, addressing by criteria, personal links, answering (save, come back, submit once), reminders.

The personal link is `/enquete/<token>`, where the token is the invitation id and nonce signed with the secret
key: it needs no account, opens that one collective's response, and stops working when the survey closes.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from marshmallow import ValidationError

from app.db import db, utcnow
from observatory.models import (
    CHOICE_KINDS,
    OutboxMessage,
    Question,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
)
from observatory.service.collectives import check_criteria, matching_collectives

TOKEN_SALT = "observatory-survey-link"  # noqa: S105 - a namespace for signatures, not a secret
MAX_TEXT = {QuestionKind.SHORT_TEXT: 300, QuestionKind.LONG_TEXT: 5000}


class SurveyClosed(Exception):
    """The survey no longer accepts answers (closed, or past its closing date)."""


class AlreadySubmitted(Exception):
    """The response was submitted; it can no longer change."""


# Building -----------------------------------------------------------------------------------------------------

def create_survey(data: dict, author) -> Survey:
    survey = Survey(title=data["title"], introduction=data.get("introduction", ""),
                    closes_on=data.get("closes_on"), created_by=author, criteria={})
    db.session.add(survey)
    db.session.flush()
    return survey


def add_section(survey: Survey, title: str) -> SurveySection:
    section = SurveySection(survey=survey, title=title, position=len(survey.sections))
    db.session.add(section)
    db.session.flush()
    return section


def add_question(survey: Survey, data: dict) -> Question:
    """Append a question; choice questions need at least two options, scales a sensible range."""
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError({"_schema": [_("Les questions ne changent plus une fois l'enquête ouverte.")]})
    kind = QuestionKind(data["kind"])
    options = [option.strip() for option in data.get("options", []) if option.strip()]
    if kind in CHOICE_KINDS and len(options) < 2:
        raise ValidationError({"options": [_("Donnez au moins deux choix, un par ligne.")]})
    low, high = data.get("scale_min", 1), data.get("scale_max", 5)
    if kind == QuestionKind.SCALE and not low < high <= low + 10:
        raise ValidationError({"scale_max": [_("L'échelle va d'un minimum à un maximum (au plus 11 crans).")]})
    section_id = data.get("section_id")
    if section_id is not None and section_id not in {section.id for section in survey.sections}:
        raise ValidationError({"section_id": [_("Section inconnue.")]})
    question = Question(survey=survey, kind=kind, label=data["label"], help_text=data.get("help_text", ""),
                        is_required=data.get("is_required", False), options=options if kind in CHOICE_KINDS else [],
                        scale_min=low, scale_max=high, section_id=section_id,
                        position=max((q.position for q in survey.questions), default=0) + 1)
    db.session.add(question)
    db.session.flush()
    return question


def remove_question(survey: Survey, question: Question) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError({"_schema": [_("Les questions ne changent plus une fois l'enquête ouverte.")]})
    db.session.delete(question)
    db.session.flush()


def ordered_questions(survey: Survey) -> list[tuple[SurveySection | None, list[Question]]]:
    """Questions grouped by section, in order; questions without a section come first."""
    groups = [(None, [q for q in survey.questions if q.section_id is None])]
    groups += [(section, [q for q in survey.questions if q.section_id == section.id]) for section in survey.sections]
    return [(section, questions) for section, questions in groups if questions or section is not None]


def set_status(survey: Survey, status: SurveyStatus) -> None:
    if status == SurveyStatus.OPEN and not survey.questions:
        raise ValidationError({"status": [_("Ajoutez au moins une question avant d'ouvrir l'enquête.")]})
    survey.status = status
    db.session.flush()


# Addressing ---------------------------------------------------------------------------------------------------

def address_survey(survey: Survey, criteria: dict) -> list[SurveyInvitation]:
    """Invite every collective matching `criteria` not yet invited; return the new invitations."""
    criteria = check_criteria(criteria)
    already = {invitation.collective_id for invitation in survey.invitations}
    created = []
    for collective in matching_collectives(criteria):
        if collective.id in already:
            continue
        invitation = SurveyInvitation(survey=survey, collective=collective)
        db.session.add(invitation)
        created.append(invitation)
    survey.criteria = criteria
    db.session.flush()
    for invitation in created:
        _queue_mail(invitation, reminder=False)
    return created


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def link_token(invitation: SurveyInvitation) -> str:
    return _serializer().dumps([invitation.id, invitation.nonce])


def personal_url(invitation: SurveyInvitation) -> str:
    """The full link, on the public address (it goes into e-mails, built in requests, jobs and commands alike)."""
    return f"{current_app.config.get('PUBLIC_URL', '').rstrip('/')}/enquete/{link_token(invitation)}"


def invitation_from_token(token: str) -> SurveyInvitation | None:
    """The invitation a link names, or None for a forged, altered or revoked link."""
    try:
        invitation_id, nonce = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    invitation = db.session.get(SurveyInvitation, invitation_id) if isinstance(invitation_id, int) else None
    if invitation is None or invitation.nonce != nonce:
        return None
    return invitation


def _queue_mail(invitation: SurveyInvitation, reminder: bool) -> bool:
    collective = invitation.collective
    if not collective.contact_email:
        return False
    survey = invitation.survey
    subject = (_("Rappel : enquête « %(title)s »", title=survey.title) if reminder
               else _("Enquête de l'observatoire : « %(title)s »", title=survey.title))
    closing = _(" avant le %(date)s", date=survey.closes_on.isoformat()) if survey.closes_on else ""
    body = _("Bonjour,\n\nL'observatoire des collectifs invite %(name)s à répondre à l'enquête « %(title)s »"
             "%(closing)s. Ce lien personnel ne sert qu'à votre collectif ; vous pouvez enregistrer et revenir "
             "plus tard :\n\n%(url)s\n", name=collective.name, title=survey.title, closing=closing,
             url=personal_url(invitation))
    db.session.add(OutboxMessage(recipient=collective.contact_email, subject=subject, body=body,
                                 topic=f"survey-{'reminder' if reminder else 'invitation'}:{invitation.id}"))
    return True


def queue_reminders(survey: Survey) -> int:
    """One reminder in the outbox per collective that has not submitted yet; returns how many were queued."""
    if not survey.is_accepting():
        raise SurveyClosed
    queued = 0
    for invitation in survey.invitations:
        if not invitation.is_submitted and _queue_mail(invitation, reminder=True):
            invitation.last_reminded_dt = utcnow()
            invitation.reminder_count += 1
            queued += 1
    db.session.flush()
    return queued


def response_rate(survey: Survey) -> tuple[int, int]:
    """(submitted, invited)."""
    submitted = db.session.scalar(
        sa.select(sa.func.count()).select_from(SurveyResponse).join(SurveyInvitation)
        .where(SurveyInvitation.survey_id == survey.id, SurveyResponse.submitted_dt.is_not(None)))
    return submitted or 0, len(survey.invitations)


# Answering ----------------------------------------------------------------------------------------------------

def read_answers(survey: Survey, form) -> dict[str, object]:
    """Answers from a submitted form (`q<id>` fields), as stored: strings, numbers, lists, ISO dates."""
    answers = {}
    for question in survey.questions:
        name = f"q{question.id}"
        if question.kind == QuestionKind.MULTIPLE:
            values = [value for value in form.getlist(name) if value]
            if values:
                answers[str(question.id)] = values
        else:
            value = (form.get(name) or "").strip()
            if value:
                answers[str(question.id)] = value
    return answers


def clean_answers(survey: Survey, answers: dict, require: bool) -> tuple[dict, dict[str, str]]:
    """(answers converted to their types, errors by question id); `require` checks required questions."""
    cleaned, errors = {}, {}
    for question in survey.questions:
        key = str(question.id)
        value = answers.get(key)
        if value in (None, "", []):
            if require and question.is_required:
                errors[key] = _("Cette question demande une réponse.")
            continue
        try:
            cleaned[key] = _convert(question, value)
        except ValueError as exc:
            errors[key] = str(exc)
    return cleaned, errors


def _convert(question: Question, value):
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        if value not in question.options:
            raise ValueError(_("Choisissez une des réponses proposées."))
        return value
    if kind == QuestionKind.MULTIPLE:
        values = value if isinstance(value, list) else [value]
        if not values or any(v not in question.options for v in values):
            raise ValueError(_("Choisissez parmi les réponses proposées."))
        return [option for option in question.options if option in values]
    if kind == QuestionKind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(_("Choisissez une valeur de l'échelle.")) from None
        if not question.scale_min <= number <= question.scale_max:
            raise ValueError(_("Choisissez une valeur de l'échelle."))
        return number
    if kind == QuestionKind.NUMBER:
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            raise ValueError(_("Donnez un nombre.")) from None
        return int(number) if number.is_integer() else number
    if kind == QuestionKind.DATE:
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(_("Donnez une date (AAAA-MM-JJ).")) from None
    text = str(value)
    if len(text) > MAX_TEXT[kind]:
        raise ValueError(_("Réponse trop longue (%(max)s caractères au plus).", max=MAX_TEXT[kind]))
    return text


def save_response(invitation: SurveyInvitation, answers: dict, submit: bool) -> dict[str, str]:
    """Store the answers as a draft, or submit them (required questions checked); returns errors by question.

    Nothing typed is lost: on errors the valid answers are still saved as a draft.
    """
    survey = invitation.survey
    if not survey.is_accepting():
        raise SurveyClosed
    if invitation.is_submitted:
        raise AlreadySubmitted
    cleaned, errors = clean_answers(survey, answers, require=submit)
    response = invitation.response
    if response is None:
        response = SurveyResponse(invitation=invitation, answers={})
        db.session.add(response)
    response.answers = cleaned
    if submit and not errors:
        response.submitted_dt = utcnow()
    db.session.flush()
    return errors
