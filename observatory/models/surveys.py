"""Surveys addressed to collectives: sections, questions, one invitation per collective, one response each.

An invitation is the personal link: the URL carries a signed token naming the invitation and its nonce, so
it opens that collective's response and nothing else; it works until the survey closes, and a submitted
response can no longer change.
"""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.db import TimestampMixin, UTCDateTime, db, utcnow
from app.i18n import N_
from observatory.models.collectives import Collective, enum_column


class SurveyStatus(enum.StrEnum):
    DRAFT = "draft"  #: being built, no link works yet
    OPEN = "open"  #: links work until the closing date
    CLOSED = "closed"


class QuestionKind(enum.StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    DATE = "date"


STATUS_LABELS = {SurveyStatus.DRAFT: N_("Brouillon"), SurveyStatus.OPEN: N_("Ouverte"),
                 SurveyStatus.CLOSED: N_("Close")}
QUESTION_KIND_LABELS = {
    QuestionKind.SINGLE: N_("Choix unique"), QuestionKind.MULTIPLE: N_("Choix multiple"),
    QuestionKind.SCALE: N_("Échelle"), QuestionKind.NUMBER: N_("Nombre"),
    QuestionKind.SHORT_TEXT: N_("Texte court"), QuestionKind.LONG_TEXT: N_("Texte long"),
    QuestionKind.DATE: N_("Date"),
}
CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class Survey(TimestampMixin, db.Model):
    """A questionnaire built by researchers and addressed to collectives matching criteria."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    #: shown to the collectives above the questions (Markdown, sanitised)
    introduction: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[SurveyStatus] = mapped_column(enum_column(SurveyStatus), default=SurveyStatus.DRAFT,
                                                 server_default=SurveyStatus.DRAFT.value)
    #: last day answers are accepted (inclusive); none = until closed by hand
    closes_on: Mapped[date | None] = mapped_column(sa.Date)
    #: addressing criteria last used: {"kinds": [...], "phases": [...], "departements": [...], "networks": [...]}
    criteria: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    sections: Mapped[list[SurveySection]] = relationship(back_populates="survey", order_by="SurveySection.position",
                                                         cascade="all, delete-orphan")
    questions: Mapped[list[Question]] = relationship(back_populates="survey", order_by="Question.position",
                                                     cascade="all, delete-orphan")
    invitations: Mapped[list[SurveyInvitation]] = relationship(back_populates="survey",
                                                               cascade="all, delete-orphan")
    created_by: Mapped[User | None] = relationship()

    def is_accepting(self, today: date | None = None) -> bool:
        """Open, and the closing date not passed."""
        today = today or utcnow().date()
        return self.status == SurveyStatus.OPEN and (self.closes_on is None or today <= self.closes_on)

    @staticmethod
    def can_manage(user) -> bool:
        """Building, addressing and reading the results of surveys is the scientific committee's work."""
        return bool(user and user.is_authenticated and user.is_researcher)


class SurveySection(db.Model):
    __tablename__ = "survey_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    position: Mapped[int] = mapped_column(default=0)

    survey: Mapped[Survey] = relationship(back_populates="sections")


class Question(db.Model):
    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(sa.ForeignKey("survey_sections.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind))
    label: Mapped[str] = mapped_column(sa.String(500))
    help_text: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    is_required: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: the choices of single and multiple choice questions, in order
    options: Mapped[list] = mapped_column(sa.JSON, default=list)
    scale_min: Mapped[int] = mapped_column(default=1, server_default="1")
    scale_max: Mapped[int] = mapped_column(default=5, server_default="5")

    survey: Mapped[Survey] = relationship(back_populates="questions")
    section: Mapped[SurveySection | None] = relationship()


class SurveyInvitation(TimestampMixin, db.Model):
    """One collective asked to answer one survey: its personal link, reminders and response."""

    __tablename__ = "survey_invitations"
    __table_args__ = (sa.UniqueConstraint("survey_id", "collective_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    collective_id: Mapped[int] = mapped_column(sa.ForeignKey("collectives.id", ondelete="CASCADE"), index=True)
    #: part of the signed link; changing it revokes the link already sent
    nonce: Mapped[str] = mapped_column(sa.String(32), default=lambda: secrets.token_urlsafe(16))
    last_reminded_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_count: Mapped[int] = mapped_column(default=0, server_default="0")

    survey: Mapped[Survey] = relationship(back_populates="invitations")
    collective: Mapped[Collective] = relationship()
    response: Mapped[SurveyResponse | None] = relationship(back_populates="invitation", uselist=False,
                                                           cascade="all, delete-orphan")

    @property
    def is_submitted(self) -> bool:
        return self.response is not None and self.response.submitted_dt is not None


class SurveyResponse(TimestampMixin, db.Model):
    """A collective's answers: saved as a draft any number of times, submitted once."""

    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_invitations.id", ondelete="CASCADE"),
                                               unique=True)
    #: question id (as a string) -> value: str, number, ISO date, or a list of options
    answers: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    submitted_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    invitation: Mapped[SurveyInvitation] = relationship(back_populates="response")


class OutboxMessage(TimestampMixin, db.Model):
    """An e-mail waiting to be sent (survey links, reminders); the mail transport reads and marks them."""

    __tablename__ = "observatory_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(320))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    #: what the message is about, e.g. "survey-invitation:12"
    topic: Mapped[str] = mapped_column(sa.String(80), index=True)
    sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
