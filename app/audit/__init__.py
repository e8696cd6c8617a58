"""The audit journal: who did which administrative action (roles, designs, sync sources, deletions) on what.

Every package may call `record(action, target, partner=..., **details)` from its services (app is the lowest
layer); the event joins the request's transaction, so it is kept exactly when the change itself is committed.
"""

from flask import Blueprint

bp = Blueprint("audit", __name__, template_folder="templates")

from app.audit.service import changes, record  # noqa: E402 - the blueprint exists before its views import it

__all__ = ["bp", "changes", "record"]
