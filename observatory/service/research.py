"""Research questions: submitted by the people of the collectives, triaged by the scientific committee."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from commons.models import Resource
from observatory.models import Collective, QuestionStatus, ResearchQuestion


def submit_question(data: dict, user) -> ResearchQuestion:
    collective = None
    if data.get("collective_id"):
        collective = db.session.get(Collective, data["collective_id"])
        if collective is None or not collective.has_member(user):
            raise ValidationError({"collective_id": [_("Vous ne faites pas partie de ce collectif.")]})
    question = ResearchQuestion(title=data["title"], details=data.get("details", ""), collective=collective,
                                submitted_by_id=user.id)
    db.session.add(question)
    db.session.flush()
    return question


def triage(question: ResearchQuestion, status: QuestionStatus, note: str, resource_ids: list[int], user) -> None:
    """The committee moves a question along and links the resources that answer it (ones the user may see)."""
    resources = list(db.session.scalars(sa.select(Resource).where(Resource.id.in_(resource_ids or [0]),
                                                                  Resource.visible_to(user))))
    if len(resources) != len(set(resource_ids)):
        raise ValidationError({"resource_ids": [_("Ressource introuvable.")]})
    question.status = status
    question.committee_note = note
    question.resources = resources
    db.session.flush()


def list_questions(user) -> list[ResearchQuestion]:
    return list(db.session.scalars(sa.select(ResearchQuestion).where(ResearchQuestion.visible_to(user))
                                   .order_by(ResearchQuestion.created_dt.desc())))
