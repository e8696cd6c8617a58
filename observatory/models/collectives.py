"""Citizen collectives and their building projects, and the people who belong to them.

Who may see what is decided here, once for one object and once as a SQL filter for lists:
- the public part of a listed collective (name, place, kind, phase, households, building work) is open to all;
- an unlisted collective is seen by its members, by the members of its networks and by researchers;
- the private contact is seen only by the collective's members and by researchers (and platform admins);
- researchers and partner admins register collectives; researchers, members and the admins of one of its
  networks edit one; only researchers delete one.
"""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Partner, Role, User
from app.db import TimestampMixin, db
from app.i18n import N_
from commons.models import Phase


def enum_column(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


class ProjectKind(enum.StrEnum):
    """What kind of place the collective builds."""

    HABITAT = "habitat"  #: habitat participatif
    HAMEAU = "hameau"  #: hameau léger
    OASIS = "oasis"
    OTHER = "other"


class BuildingWork(enum.StrEnum):
    """The building work the project involves."""

    CONSTRUCTION = "construction"
    RENOVATION = "renovation"
    REHABILITATION = "rehabilitation"


KIND_LABELS = {ProjectKind.HABITAT: N_("Habitat participatif"), ProjectKind.HAMEAU: N_("Hameau léger"),
               ProjectKind.OASIS: N_("Oasis"), ProjectKind.OTHER: N_("Autre")}
WORK_LABELS = {BuildingWork.CONSTRUCTION: N_("Construction neuve"), BuildingWork.RENOVATION: N_("Rénovation"),
               BuildingWork.REHABILITATION: N_("Réhabilitation")}

collective_networks = sa.Table(
    "collective_networks", db.metadata,
    sa.Column("collective_id", sa.ForeignKey("collectives.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("partner_id", sa.ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Collective(TimestampMixin, db.Model):
    """A citizen group and its building project."""

    __tablename__ = "collectives"
    __table_args__ = (sa.UniqueConstraint("name", "commune"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    commune: Mapped[str] = mapped_column(sa.String(120))
    #: French département code: "01"…"95", "2A", "2B", "971"…
    departement: Mapped[str] = mapped_column(sa.String(3), index=True)
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    kind: Mapped[ProjectKind] = mapped_column(enum_column(ProjectKind), index=True)
    #: where the project stands, in the commons' vocabulary of project phases (the resources' one)
    phase_id: Mapped[int] = mapped_column(sa.ForeignKey("phases.id"), index=True)
    households: Mapped[int | None]
    building_work: Mapped[BuildingWork | None] = mapped_column(enum_column(BuildingWork))
    #: main materials, free text ("bois, paille, terre crue")
    materials: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    year_founded: Mapped[int | None]
    #: private contact: collective members and researchers only
    contact_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    contact_email: Mapped[str] = mapped_column(sa.String(320), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    #: listed collectives appear to everyone; the others to their networks, members and researchers
    is_listed: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    phase: Mapped[Phase] = relationship(lazy="joined")
    networks: Mapped[list[Partner]] = relationship(secondary=collective_networks, order_by=Partner.name)
    members: Mapped[list[CollectiveMember]] = relationship(back_populates="collective",
                                                           cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Collective {self.id} {self.name!r}>"

    @property
    def network_ids(self) -> set[int]:
        return {partner.id for partner in self.networks}

    def has_member(self, user) -> bool:
        return bool(user and user.is_authenticated) and any(m.user_id == user.id for m in self.members)

    def can_view(self, user) -> bool:
        if self.is_listed or self.can_see_private(user):
            return True
        return bool(user and user.is_authenticated and user.partner_ids() & self.network_ids)

    def can_see_private(self, user) -> bool:
        """The contact and the collective's own answers: its members and researchers."""
        if user is None or not user.is_authenticated:
            return False
        return user.is_researcher or self.has_member(user)

    def can_edit(self, user) -> bool:
        """Researchers, the collective's members, and the admins of one of its networks."""
        if self.can_see_private(user):
            return True
        return bool(user and user.is_authenticated and user.partner_ids({Role.ADMIN}) & self.network_ids)

    @staticmethod
    def can_create(user) -> bool:
        """Researchers (and platform admins) register any collective; partner admins those of their networks."""
        return bool(user and user.is_authenticated and (user.is_researcher or user.partner_ids({Role.ADMIN})))

    def can_delete(self, user) -> bool:
        """Removing a collective from the registry is the scientific committee's decision."""
        return bool(user and user.is_authenticated and user.is_researcher)

    @classmethod
    def visible_to(cls, user) -> sa.ColumnElement[bool]:
        """SQL filter matching `can_view`."""
        if user is not None and user.is_authenticated:
            if user.is_researcher:
                return sa.true()
            mine = sa.select(CollectiveMember.collective_id).where(CollectiveMember.user_id == user.id)
            clauses = [cls.is_listed.is_(True), cls.id.in_(mine)]
            if user.partner_ids():
                in_network = sa.select(collective_networks.c.collective_id).where(
                    collective_networks.c.partner_id.in_(user.partner_ids()))
                clauses.append(cls.id.in_(in_network))
            return sa.or_(*clauses)
        return cls.is_listed.is_(True)


class CollectiveMember(TimestampMixin, db.Model):
    """A user who belongs to a collective: they see its private data and speak for it."""

    __tablename__ = "collective_members"
    __table_args__ = (sa.UniqueConstraint("collective_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collective_id: Mapped[int] = mapped_column(sa.ForeignKey("collectives.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)

    collective: Mapped[Collective] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
