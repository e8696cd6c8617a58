"""Account pages: login, logout, account, API tokens, invitations, member administration."""

from app.accounts import bp

__all__ = ["bp"]
