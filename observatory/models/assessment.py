"""Self-assessment grids (dimensions of criteria, each scored 0–4) and the assessments collectives make."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.db import TimestampMixin, db
from observatory.models.collectives import Collective

#: every criterion is scored on this scale
SCORE_MIN, SCORE_MAX = 0, 4


class AssessmentGrid(TimestampMixin, db.Model):
    """A self-assessment method designed by the observatory (e.g. "Gouvernance et sobriété")."""

    __tablename__ = "assessment_grids"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    dimensions: Mapped[list[AssessmentDimension]] = relationship(
        back_populates="grid", order_by="AssessmentDimension.position", cascade="all, delete-orphan")

    @staticmethod
    def can_manage(user) -> bool:
        """Designing grids is the scientific committee's work (researchers and platform admins)."""
        return bool(user and user.is_authenticated and user.is_researcher)


class AssessmentDimension(db.Model):
    __tablename__ = "assessment_dimensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_grids.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    position: Mapped[int] = mapped_column(default=0)

    grid: Mapped[AssessmentGrid] = relationship(back_populates="dimensions")
    criteria: Mapped[list[AssessmentCriterion]] = relationship(
        back_populates="dimension", order_by="AssessmentCriterion.position", cascade="all, delete-orphan")


class AssessmentCriterion(db.Model):
    __tablename__ = "assessment_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    dimension_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_dimensions.id", ondelete="CASCADE"),
                                              index=True)
    label: Mapped[str] = mapped_column(sa.String(300))
    position: Mapped[int] = mapped_column(default=0)

    dimension: Mapped[AssessmentDimension] = relationship(back_populates="criteria")


class SelfAssessment(TimestampMixin, db.Model):
    """A collective scoring itself on a grid; the latest one per grid is the one compared."""

    __tablename__ = "self_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_grids.id", ondelete="CASCADE"), index=True)
    collective_id: Mapped[int] = mapped_column(sa.ForeignKey("collectives.id", ondelete="CASCADE"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: criterion id (as a string) -> score
    scores: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    grid: Mapped[AssessmentGrid] = relationship()
    collective: Mapped[Collective] = relationship()
    submitted_by: Mapped[User | None] = relationship()
