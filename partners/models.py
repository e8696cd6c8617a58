"""Partner designs (look, portal settings, framing allow-list) and embed loads (which site embedded what).

Views and embed loads are counted in the observatory's usage events (the one record of usage, read by the portals'
"most used" lists); partners keeps only what the observatory does not know: the site that framed each embed.

The colours live on the design; the partner's `primary_colour` and `accent_colour` (used for badges across the
site) are kept equal to the design's by `service.save_design`.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Partner
from app.db import TimestampMixin, UTCDateTime, db, utcnow
from partners.design import COLOUR_DEFAULTS, DEFAULT_TYPEFACE


class SearchScope(enum.StrEnum):
    """What the search box of a partner's portal looks through."""

    OWN = "own"  #: the partner's own (and co-owned) resources
    COMMONS = "commons"  #: the whole commons


def _enum(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


class PartnerDesign(TimestampMixin, db.Model):
    """One partner's design and portal settings."""

    __tablename__ = "partner_designs"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), unique=True)
    primary_colour: Mapped[str] = mapped_column(sa.String(7), default=COLOUR_DEFAULTS["primary_colour"])
    accent_colour: Mapped[str] = mapped_column(sa.String(7), default=COLOUR_DEFAULTS["accent_colour"])
    background_colour: Mapped[str] = mapped_column(sa.String(7), default=COLOUR_DEFAULTS["background_colour"])
    text_colour: Mapped[str] = mapped_column(sa.String(7), default=COLOUR_DEFAULTS["text_colour"])
    #: text on the primary colour (header, buttons)
    on_primary_colour: Mapped[str] = mapped_column(sa.String(7), default=COLOUR_DEFAULTS["on_primary_colour"])
    #: a key of partners.design.TYPEFACES
    typeface: Mapped[str] = mapped_column(sa.String(30), default=DEFAULT_TYPEFACE)
    #: storage key of the logo (generated name, sniffed type), None without logo
    logo_key: Mapped[str | None] = mapped_column(sa.String(255))
    logo_mime: Mapped[str | None] = mapped_column(sa.String(40))
    logo_width: Mapped[int | None]
    logo_height: Mapped[int | None]
    #: links of the portal header and footer: [{"label": ..., "url": ...}]
    header_links: Mapped[list] = mapped_column(sa.JSON, default=list)
    footer_links: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: a sentence under the partner's name on its portal
    tagline: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    #: host name that serves the portal at / (lower case, no scheme, no port), e.g. ressources.hameaux-legers.org
    host_name: Mapped[str | None] = mapped_column(sa.String(253), unique=True)
    search_scope: Mapped[SearchScope] = mapped_column(_enum(SearchScope), default=SearchScope.OWN,
                                                      server_default=SearchScope.OWN.value)
    #: origins (scheme://host[:port]) allowed to frame this partner's embeds
    frame_origins: Mapped[list] = mapped_column(sa.JSON, default=list)

    partner: Mapped[Partner] = relationship(lazy="joined")

    def can_edit(self, user) -> bool:
        """The design belongs to the partner's admins (and platform admins), like its members."""
        from partners.permissions import can_edit_design

        return can_edit_design(user, self.partner)

    @property
    def colours(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in COLOUR_DEFAULTS}


class EmbedLoad(db.Model):
    """One load of an embed in a partner's design: which embedding site showed what (the per-site statistics of
    the partner's integrations page). The load itself is counted as the observatory's `embed_load` usage event."""

    __tablename__ = "partner_embed_loads"
    __table_args__ = (sa.Index("ix_partner_embed_loads_partner", "partner_id", "created_dt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a key of partners.embeds.EMBEDDABLE_KINDS ("resource", "video", "step", "course")
    object_kind: Mapped[str] = mapped_column(sa.String(20))
    object_id: Mapped[int]
    #: the partner whose embed (design, framing allow-list) showed it
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"))
    #: origin of the page that framed the embed (from its Referer), e.g. https://wiki.example.org; None when the
    #: browser sent none
    site_origin: Mapped[str | None] = mapped_column(sa.String(300))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


__all__ = ["EmbedLoad", "PartnerDesign", "SearchScope"]
