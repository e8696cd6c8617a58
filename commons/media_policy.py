"""How media assets of resources follow them: the policy commons registers on media for the `resource` owner type.

Media cannot import commons (it is a lower layer), so commons tells media, once at start-up, who may watch or
change a resource's media: exactly those who may view or edit the resource (`Resource.can_view`/`can_edit`).
"""

from __future__ import annotations

from flask import Flask, url_for

from app.db import db
from commons.models import Resource, Status, Visibility
from media.owners import register_owner

OWNER_TYPE = "resource"


class ResourceMediaPolicy:
    """media.owners.OwnerPolicy for resources."""

    def _resource(self, owner_id: int) -> Resource | None:
        return db.session.get(Resource, owner_id)

    def exists(self, owner_id: int) -> bool:
        return self._resource(owner_id) is not None

    def can_view(self, owner_id: int, user) -> bool:
        resource = self._resource(owner_id)
        return resource is not None and resource.can_view(user)

    def can_edit(self, owner_id: int, user) -> bool:
        resource = self._resource(owner_id)
        return resource is not None and not resource.is_deleted and resource.can_edit(user)

    def is_public(self, owner_id: int) -> bool:
        resource = self._resource(owner_id)
        return (resource is not None and not resource.is_deleted and resource.status == Status.PUBLISHED
                and resource.visibility == Visibility.PUBLIC)

    def label(self, owner_id: int) -> str:
        resource = self._resource(owner_id)
        return resource.title if resource else ""

    def url(self, owner_id: int) -> str:
        return url_for("commons.resource", resource_id=owner_id)


def register_media_policy(app: Flask) -> None:
    register_owner(app, OWNER_TYPE, ResourceMediaPolicy())
