"""Users, partners (the networks), memberships with roles, invitations and personal API tokens."""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.db import SoftDeleteMixin, TimestampMixin, UTCDateTime, db, utcnow


class Role(enum.StrEnum):
    """A member's role inside one partner. Platform administration is a flag on the user."""

    ADMIN = "admin"
    EDITOR = "editor"
    FACILITATOR = "facilitator"
    LEARNER = "learner"
    #: member of the observatory's scientific committee: builds surveys, reads collectives' private data
    RESEARCHER = "researcher"

    @property
    def label(self) -> str:
        from flask_babel import gettext as _

        return {
            Role.ADMIN: _("Administrateur·rice du partenaire"),
            Role.EDITOR: _("Éditeur·rice"),
            Role.FACILITATOR: _("Animateur·rice"),
            Role.LEARNER: _("Apprenant·e"),
            Role.RESEARCHER: _("Chercheur·e (comité scientifique)"),
        }[self]


#: roles allowed to curate a partner's resources and courses
EDITING_ROLES = frozenset({Role.ADMIN, Role.EDITOR})
#: roles allowed to run sessions and follow learners
FACILITATING_ROLES = frozenset({Role.ADMIN, Role.FACILITATOR})
#: roles of the observatory's scientific committee (surveys, collectives' private data, research questions)
RESEARCH_ROLES = frozenset({Role.RESEARCHER})


class Partner(TimestampMixin, db.Model):
    """A network that pools resources into the commons (HPF, HLS, CO and those who join later)."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: short identifier used in URLs
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    #: full name, e.g. "Hameaux Légers"
    name: Mapped[str] = mapped_column(sa.String(200))
    #: acronym shown in tight places, e.g. "HLS"
    short_name: Mapped[str] = mapped_column(sa.String(20))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    website: Mapped[str | None] = mapped_column(sa.String(500))
    #: main colour of the partner's design (CSS hex)
    primary_colour: Mapped[str] = mapped_column(sa.String(7), default="#2f6f4e")
    #: accent colour of the partner's design (CSS hex)
    accent_colour: Mapped[str] = mapped_column(sa.String(7), default="#c0692b")
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    memberships: Mapped[list[Membership]] = relationship(back_populates="partner", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Partner {self.slug}>"

    def can_manage(self, user) -> bool:
        """Partner admins manage members and settings; platform admins manage every partner."""
        return bool(user and user.is_authenticated and user.has_role(self.id, {Role.ADMIN}))


class User(UserMixin, TimestampMixin, db.Model):
    """Someone with an account: a learner, a facilitator, an editor, an administrator."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: login, stored lower-cased
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str | None] = mapped_column(sa.String(256))
    #: preferred interface language
    locale: Mapped[str] = mapped_column(sa.String(5), default="fr", server_default="fr")
    is_platform_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    is_active_account: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    last_login_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<User {self.email}>"

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.is_active_account

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def roles_in(self, partner_id: int) -> set[Role]:
        return {m.role for m in self.memberships if m.partner_id == partner_id}

    def has_role(self, partner_id: int, roles) -> bool:
        """True for platform admins, or when the user holds one of `roles` in that partner."""
        if self.is_platform_admin:
            return True
        return bool(self.roles_in(partner_id) & set(roles))

    def partner_ids(self, roles=None) -> set[int]:
        """Partners where the user holds one of `roles` (any role when None)."""
        return {m.partner_id for m in self.memberships if roles is None or m.role in roles}

    @property
    def is_contributor(self) -> bool:
        """Editors and admins of at least one partner, and platform admins: they may file resources."""
        return self.is_platform_admin or bool(self.partner_ids(EDITING_ROLES))

    @property
    def is_researcher(self) -> bool:
        """Members of the observatory's scientific committee (in any partner), and platform admins."""
        return self.is_platform_admin or bool(self.partner_ids(RESEARCH_ROLES))

    @property
    def is_partner_member(self) -> bool:
        return self.is_platform_admin or bool(self.memberships)


class Membership(TimestampMixin, db.Model):
    """A user's role in one partner."""

    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "partner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(sa.Enum(Role, native_enum=False, length=20,
                                               values_callable=lambda roles: [r.value for r in roles]))

    user: Mapped[User] = relationship(back_populates="memberships")
    partner: Mapped[Partner] = relationship(back_populates="memberships")


class Invitation(TimestampMixin, db.Model):
    """An invitation sent by a partner admin; the signed link in the e-mail carries its id."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(320))
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(sa.Enum(Role, native_enum=False, length=20,
                                               values_callable=lambda roles: [r.value for r in roles]))
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: set once the link has been used; a link works once
    accepted_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    is_revoked: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    partner: Mapped[Partner] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    @property
    def is_pending(self) -> bool:
        return self.accepted_dt is None and not self.is_revoked


class ApiToken(TimestampMixin, SoftDeleteMixin, db.Model):
    """A personal token for API clients; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    #: first characters, shown so people can tell their tokens apart
    prefix: Mapped[str] = mapped_column(sa.String(12))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    last_used_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_dt is not None and self.expires_dt <= utcnow()
