"""Who owns a media asset, and who may see or change it: a registry filled by the packages above media.

Media sits below commons in the layers, so it cannot ask a `Resource` anything. Each asset keeps a generic
owner reference instead (`owner_type`, `owner_id`, e.g. `("resource", 12)`), and the package that owns such
things registers an `OwnerPolicy` for its type at `register(app)` time (commons does it for resources). Every
media route asks the policy of the asset's owner; an owner type nobody registered is refused, so a missing
registration fails closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from flask import Flask, current_app


class OwnerPolicy(Protocol):
    """What media needs to know about the things that own assets; every method takes the owner's id."""

    def exists(self, owner_id: int) -> bool:
        """The owner exists (trashed ones included: their editors still see them)."""

    def can_view(self, owner_id: int, user) -> bool:
        """`user` may watch the owner's media (follows the owner's visibility)."""

    def can_edit(self, owner_id: int, user) -> bool:
        """`user` may add, replace, caption or remove the owner's media."""

    def is_public(self, owner_id: int) -> bool:
        """Anyone may watch, without an account: files are cacheable by shared caches, embeds need no signature."""

    def label(self, owner_id: int) -> str:
        """What people call the owner (a resource's title), for the upload page."""

    def url(self, owner_id: int) -> str:
        """The owner's page, where its media are shown."""


@dataclass(frozen=True)
class OwnerRef:
    """An owner as media sees it: a registered type and an id."""

    type: str
    id: int

    @classmethod
    def parse(cls, text: str) -> OwnerRef | None:
        """`"resource:12"` → OwnerRef; anything malformed gives None."""
        kind, _, number = (text or "").partition(":")
        if not kind.isidentifier() or not number.isdigit() or len(number) > 12:
            return None
        return cls(kind, int(number))

    def __str__(self) -> str:
        return f"{self.type}:{self.id}"


def register_owner(app: Flask, owner_type: str, policy: OwnerPolicy) -> None:
    """Called by a higher package's `register(app)`: media assets of `owner_type` are governed by `policy`."""
    app.extensions.setdefault("terreau_media_owners", {})[owner_type] = policy


def policy_for(owner_type: str) -> OwnerPolicy | None:
    return current_app.extensions.get("terreau_media_owners", {}).get(owner_type)


def owner_exists(owner: OwnerRef) -> bool:
    policy = policy_for(owner.type)
    return policy is not None and policy.exists(owner.id)


def can_view(owner_type: str, owner_id: int, user) -> bool:
    policy = policy_for(owner_type)
    return policy is not None and policy.can_view(owner_id, user)


def can_edit(owner_type: str, owner_id: int, user) -> bool:
    policy = policy_for(owner_type)
    return policy is not None and policy.can_edit(owner_id, user)


def is_public(owner_type: str, owner_id: int) -> bool:
    policy = policy_for(owner_type)
    return policy is not None and policy.is_public(owner_id)
