"""Testimonies and the collectives they come from: read both ways, and change a testimony's collectives.

A testimony is a commons resource of kind `temoignage`; the link table is the observatory's
(`observatory.models.testimony_collectives`). Reads always filter by what the reader may see on both sides.
"""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from commons.models import Kind, Resource
from observatory.models import TESTIMONY_KIND, Collective, testimony_collectives


def is_testimony(resource: Resource) -> bool:
    return resource.kind is not None and resource.kind.slug == TESTIMONY_KIND


def collectives_of(resource_id: int, user) -> list[Collective]:
    """The collectives a testimony comes from, among those `user` may see, by name."""
    return list(db.session.scalars(
        sa.select(Collective).join(testimony_collectives, testimony_collectives.c.collective_id == Collective.id)
        .where(testimony_collectives.c.resource_id == resource_id, Collective.visible_to(user))
        .order_by(Collective.name)))


def testimonies_of(collective_id: int, user) -> list[Resource]:
    """The testimonies that come from a collective, among the resources `user` may see, newest first."""
    return list(db.session.scalars(
        sa.select(Resource).join(testimony_collectives, testimony_collectives.c.resource_id == Resource.id)
        .join(Kind, Kind.id == Resource.kind_id)
        .where(testimony_collectives.c.collective_id == collective_id, Kind.slug == TESTIMONY_KIND,
               Resource.visible_to(user))
        .order_by(Resource.created_dt.desc(), Resource.id.desc())))


def choosable_collectives(user) -> list[Collective]:
    """The collectives an editor may name: those the registry shows them."""
    return list(db.session.scalars(sa.select(Collective).where(Collective.visible_to(user))
                                   .order_by(Collective.name)))


def set_collectives(resource: Resource, chosen_ids: set[int], user) -> None:
    """The testimony now comes from `chosen_ids` among the collectives `user` sees; links to collectives they do
    not see are kept as they are (an editor never undoes what they cannot see). Flushes."""
    visible = {c.id for c in choosable_collectives(user)}
    current = set(db.session.scalars(sa.select(testimony_collectives.c.collective_id)
                                     .where(testimony_collectives.c.resource_id == resource.id)))
    wanted = chosen_ids & visible
    removed = (current & visible) - wanted
    added = wanted - current
    if removed:
        db.session.execute(sa.delete(testimony_collectives).where(
            testimony_collectives.c.resource_id == resource.id,
            testimony_collectives.c.collective_id.in_(removed)))
    if added:
        db.session.execute(sa.insert(testimony_collectives),
                           [{"resource_id": resource.id, "collective_id": cid} for cid in sorted(added)])
    db.session.flush()
