"""The permission checks of the partners pages, used by the views and probed by the governance page."""

from __future__ import annotations

from app.accounts.models import Partner


def can_edit_design(user, partner: Partner) -> bool:
    """A partner's design, portal and framing settings belong to its admins (and platform admins)."""
    return partner.can_manage(user)


def can_onboard(user) -> bool:
    """Only platform admins bring a new partner in."""
    return bool(user is not None and user.is_authenticated and user.is_platform_admin)
