"""Resources of the commons and their taxonomy, revisions and attachments.

Who may see a resource is decided in one place, twice over: `Resource.can_view(user)` for one object and
`Resource.visible_to(user)` as a SQL filter for lists, so a list page and a detail page cannot disagree.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import EDITING_ROLES, Membership, Partner, User
from app.db import SoftDeleteMixin, TimestampMixin, UTCDateTime, db
from media.models import MediaAsset


def _enum(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


class Status(enum.StrEnum):
    """Editorial workflow: draft → in review → published → archived."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


#: the moves an editor may make from each status
STATUS_TRANSITIONS = {
    Status.DRAFT: {Status.IN_REVIEW, Status.PUBLISHED},
    Status.IN_REVIEW: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.ARCHIVED, Status.DRAFT},
    Status.ARCHIVED: {Status.PUBLISHED, Status.DRAFT},
}


class Visibility(enum.StrEnum):
    """Who may read a published resource."""

    PUBLIC = "public"  #: anyone, without an account
    COMMONS = "commons"  #: members of any partner
    PARTNER = "partner"  #: members of the owner and co-owner partners


class TaxonomyMixin(TimestampMixin):
    """A term editable by platform admins: kinds, themes, project phases, licences."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stable identifier used in URLs, filters and exports
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    label: Mapped[str] = mapped_column(sa.String(200))
    #: English label, shown when the interface is in English
    label_en: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: display order
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    #: retired terms stay on old resources but are no longer offered
    is_retired: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    def display_label(self, locale: str = "fr") -> str:
        return self.label_en if locale == "en" and self.label_en else self.label


class Kind(TaxonomyMixin, db.Model):
    """Kind of resource: video, method, dossier, tool, FAQ, training, testimony, template…"""

    __tablename__ = "kinds"


class Theme(TaxonomyMixin, db.Model):
    """Subject of a resource: governance, eco-construction, financing, legal forms…"""

    __tablename__ = "themes"


class Phase(TaxonomyMixin, db.Model):
    """Phase of a citizen housing project, from the first idea to living together."""

    __tablename__ = "phases"


class Licence(TaxonomyMixin, db.Model):
    """Licence under which a resource may be reused (Creative Commons by default)."""

    __tablename__ = "licences"

    url: Mapped[str | None] = mapped_column(sa.String(300))


class Keyword(db.Model):
    """A free keyword, shared by every resource that uses it."""

    __tablename__ = "keywords"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: lower-cased, trimmed form used to find an existing keyword
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    label: Mapped[str] = mapped_column(sa.String(120))


def _link_table(name: str, other_table: str, other_column: str) -> sa.Table:
    return sa.Table(
        name, db.metadata,
        sa.Column("resource_id", sa.ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(other_column, sa.ForeignKey(f"{other_table}.id", ondelete="CASCADE"), primary_key=True,
                  index=True),
    )


resource_themes = _link_table("resource_themes", "themes", "theme_id")
resource_phases = _link_table("resource_phases", "phases", "phase_id")
resource_keywords = _link_table("resource_keywords", "keywords", "keyword_id")
resource_co_owners = _link_table("resource_co_owners", "partners", "partner_id")


class Resource(TimestampMixin, SoftDeleteMixin, db.Model):
    """One resource of the commons, owned by a partner."""

    __tablename__ = "resources"
    __table_args__ = (
        sa.Index("ix_resources_listing", "is_deleted", "status", "visibility", "owner_partner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    #: one or two sentences shown in lists
    summary: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: Markdown source; rendered and sanitised on display
    body: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    kind_id: Mapped[int] = mapped_column(sa.ForeignKey("kinds.id"), index=True)
    owner_partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id"), index=True)
    licence_id: Mapped[int | None] = mapped_column(sa.ForeignKey("licences.id"))
    #: where the resource comes from (an organisation, a publication, a website)
    source: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    #: people who made it, as they wish to be credited
    authors: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    #: ISO 639-1 code of the content's language
    language: Mapped[str] = mapped_column(sa.String(5), default="fr", server_default="fr")
    #: the date of the content itself (a talk, a study), which may be older than the resource
    content_date: Mapped[date | None] = mapped_column(sa.Date)
    #: when it was first published in the commons
    published_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.DRAFT, server_default=Status.DRAFT.value)
    visibility: Mapped[Visibility] = mapped_column(_enum(Visibility), default=Visibility.COMMONS,
                                                  server_default=Visibility.COMMONS.value)
    #: incremented on every save; a stale edit form is refused with a conflict
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    deleted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    kind: Mapped[Kind] = relationship(lazy="joined")
    owner_partner: Mapped[Partner] = relationship(lazy="joined")
    licence: Mapped[Licence | None] = relationship(lazy="joined")
    co_owners: Mapped[list[Partner]] = relationship(secondary=resource_co_owners, order_by=Partner.name)
    themes: Mapped[list[Theme]] = relationship(secondary=resource_themes, order_by=Theme.position)
    phases: Mapped[list[Phase]] = relationship(secondary=resource_phases, order_by=Phase.position)
    keywords: Mapped[list[Keyword]] = relationship(secondary=resource_keywords, order_by=Keyword.label)
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="resource", order_by="Attachment.id",
        primaryjoin="and_(Attachment.resource_id == Resource.id, Attachment.is_deleted.is_(False))",
        viewonly=True)
    #: videos and sounds (media assets owned by `resource:<id>`, see commons.media_policy)
    media: Mapped[list[MediaAsset]] = relationship(
        primaryjoin="and_(foreign(MediaAsset.owner_id) == Resource.id, MediaAsset.owner_type == 'resource', "
                    "MediaAsset.is_deleted.is_(False))",
        order_by=MediaAsset.id, viewonly=True)
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    def __repr__(self) -> str:
        return f"<Resource {self.id} {self.title!r}>"

    @property
    def partner_ids(self) -> set[int]:
        return {self.owner_partner_id} | {p.id for p in self.co_owners}

    # Permissions ----------------------------------------------------------------------------------------------

    def can_edit(self, user) -> bool:
        """Platform admins, and admins and editors of the owner or a co-owner partner."""
        if user is None or not user.is_authenticated:
            return False
        return user.is_platform_admin or bool(user.partner_ids(EDITING_ROLES) & self.partner_ids)

    def can_view(self, user) -> bool:
        """Published resources by visibility; anything else only for those who may edit it."""
        if self.can_edit(user):
            return True
        if self.is_deleted or self.status != Status.PUBLISHED:
            return False
        if self.visibility == Visibility.PUBLIC:
            return True
        if user is None or not user.is_authenticated:
            return False
        if self.visibility == Visibility.COMMONS:
            return user.is_partner_member
        return bool(user.partner_ids() & self.partner_ids)

    @classmethod
    def editable_by(cls, user) -> sa.ColumnElement[bool]:
        """SQL filter: resources `user` may edit (trashed ones included; combine with is_deleted)."""
        if user is None or not user.is_authenticated:
            return sa.false()
        if user.is_platform_admin:
            return sa.true()
        return cls.belongs_to(user.partner_ids(EDITING_ROLES))

    @classmethod
    def visible_to(cls, user) -> sa.ColumnElement[bool]:
        """SQL filter matching `can_view`, for every listing, count and search."""
        not_deleted = cls.is_deleted.is_(False)
        if user is not None and user.is_authenticated and user.is_platform_admin:
            return not_deleted
        published = cls.status == Status.PUBLISHED
        readable = cls.visibility == Visibility.PUBLIC
        if user is not None and user.is_authenticated:
            member_of = user.partner_ids()
            if member_of:
                readable = sa.or_(readable, cls.visibility == Visibility.COMMONS,
                                  sa.and_(cls.visibility == Visibility.PARTNER, cls.belongs_to(member_of)))
            editable = cls.belongs_to(user.partner_ids(EDITING_ROLES))
            return sa.and_(not_deleted, sa.or_(sa.and_(published, readable), editable))
        return sa.and_(not_deleted, published, readable)

    @classmethod
    def belongs_to(cls, partner_ids) -> sa.ColumnElement[bool]:
        """SQL filter: owned or co-owned by one of `partner_ids` (a set of ids or a select of ids)."""
        if isinstance(partner_ids, set | frozenset | list) and not partner_ids:
            return sa.false()
        co_owned = sa.select(resource_co_owners.c.resource_id).where(
            resource_co_owners.c.partner_id.in_(partner_ids))
        return sa.or_(cls.owner_partner_id.in_(partner_ids), cls.id.in_(co_owned))


class ResourceRevision(db.Model):
    """A snapshot of a resource taken at each save; any revision can be restored."""

    __tablename__ = "resource_revisions"
    __table_args__ = (sa.UniqueConstraint("resource_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(sa.ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    #: 1 for the creation, then one more per save
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    #: what the editor said about the change, if anything
    comment: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    #: every editable field, with taxonomy as lists of slugs (see service.snapshot)
    snapshot: Mapped[dict] = mapped_column(sa.JSON)

    author: Mapped[User | None] = relationship()


class Attachment(TimestampMixin, SoftDeleteMixin, db.Model):
    """A file attached to a resource, stored under the media root by a generated name."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(sa.ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    #: cleaned version of the name the file was uploaded with, used only for display and download
    filename: Mapped[str] = mapped_column(sa.String(255))
    #: generated path relative to the media root; never built from user input
    storage_key: Mapped[str] = mapped_column(sa.String(255), unique=True)
    #: type found by sniffing the content, not the one the browser claimed
    mime_type: Mapped[str] = mapped_column(sa.String(120))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    resource: Mapped[Resource] = relationship()


__all__ = ["Attachment", "Keyword", "Kind", "Licence", "Membership", "Phase", "Resource", "ResourceRevision",
           "Status", "Theme", "Visibility"]
