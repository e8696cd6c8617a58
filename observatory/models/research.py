"""Research questions raised by the people of the collectives and triaged by the scientific committee."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.db import TimestampMixin, db
from app.i18n import N_
from commons.models import Resource
from observatory.models.collectives import Collective, enum_column


class QuestionStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    FUNDED = "funded"
    UNDER_STUDY = "under_study"
    PUBLISHED = "published"  #: results published
    DECLINED = "declined"


RESEARCH_STATUS_LABELS = {
    QuestionStatus.PROPOSED: N_("Proposée"), QuestionStatus.ACCEPTED: N_("Retenue"),
    QuestionStatus.FUNDED: N_("Financée"), QuestionStatus.UNDER_STUDY: N_("En cours d'étude"),
    QuestionStatus.PUBLISHED: N_("Résultats publiés"), QuestionStatus.DECLINED: N_("Non retenue"),
}

research_question_resources = sa.Table(
    "research_question_resources", db.metadata,
    sa.Column("question_id", sa.ForeignKey("research_questions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("resource_id", sa.ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ResearchQuestion(TimestampMixin, db.Model):
    """A question from the field; proposed ones are seen by their author and the committee only."""

    __tablename__ = "research_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    details: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[QuestionStatus] = mapped_column(enum_column(QuestionStatus), default=QuestionStatus.PROPOSED,
                                                   server_default=QuestionStatus.PROPOSED.value, index=True)
    #: what the committee says to the authors and the public
    committee_note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    collective_id: Mapped[int | None] = mapped_column(sa.ForeignKey("collectives.id", ondelete="SET NULL"))
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    collective: Mapped[Collective | None] = relationship()
    submitted_by: Mapped[User | None] = relationship()
    resources: Mapped[list[Resource]] = relationship(secondary=research_question_resources)

    def can_view(self, user) -> bool:
        if self.status not in (QuestionStatus.PROPOSED, QuestionStatus.DECLINED):
            return True
        if user is None or not user.is_authenticated:
            return False
        return user.is_researcher or self.submitted_by_id == user.id

    @classmethod
    def visible_to(cls, user) -> sa.ColumnElement[bool]:
        triaged = cls.status.not_in([QuestionStatus.PROPOSED, QuestionStatus.DECLINED])
        if user is None or not user.is_authenticated:
            return triaged
        if user.is_researcher:
            return sa.true()
        return sa.or_(triaged, cls.submitted_by_id == user.id)
