"""Annual production plans: what each partner plans to produce for the commons, shared between networks."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import EDITING_ROLES, Partner
from app.db import TimestampMixin, db
from app.i18n import N_
from commons.models import Kind, Resource, Theme
from observatory.models.collectives import enum_column


class PlanStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    PUBLISHED = "published"
    DROPPED = "dropped"


PLAN_STATUS_LABELS = {PlanStatus.PLANNED: N_("Prévue"), PlanStatus.IN_PROGRESS: N_("En production"),
                      PlanStatus.PUBLISHED: N_("Publiée"), PlanStatus.DROPPED: N_("Abandonnée")}


class PlannedResource(TimestampMixin, db.Model):
    """One line of a partner's plan for a year; linked to the commons resource once it exists."""

    __tablename__ = "planned_resources"
    __table_args__ = (sa.Index("ix_planned_resources_overlap", "year", "theme_id", "kind_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    #: 1 to 4, or none when not decided
    quarter: Mapped[int | None]
    title: Mapped[str] = mapped_column(sa.String(300))
    kind_id: Mapped[int] = mapped_column(sa.ForeignKey("kinds.id"))
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("themes.id"))
    #: the course the resource is meant for (its title until courses can be linked)
    target_course: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    status: Mapped[PlanStatus] = mapped_column(enum_column(PlanStatus), default=PlanStatus.PLANNED,
                                               server_default=PlanStatus.PLANNED.value)
    resource_id: Mapped[int | None] = mapped_column(sa.ForeignKey("resources.id", ondelete="SET NULL"))

    partner: Mapped[Partner] = relationship(lazy="joined")
    kind: Mapped[Kind] = relationship(lazy="joined")
    theme: Mapped[Theme] = relationship(lazy="joined")
    resource: Mapped[Resource | None] = relationship()

    @staticmethod
    def can_view_plans(user) -> bool:
        """The shared view is for the members of every partner (and researchers)."""
        return bool(user and user.is_authenticated and (user.is_partner_member or user.is_researcher))

    def can_edit(self, user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(self.partner_id, EDITING_ROLES))
