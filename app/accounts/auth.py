"""How a request finds its user: the session cookie (Flask-Login) or `Authorization: Bearer <token>`."""

from __future__ import annotations

from flask import g, request
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.service import user_for_api_token
from app.db import db
from app.extensions import login_manager


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The session's user, unless the request names itself with a bearer token (which then wins)."""
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        return None
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.is_active else None


@login_manager.request_loader
def load_user_from_token(req) -> User | None:
    header = req.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    user = user_for_api_token(header[7:].strip())
    if user is not None:
        g.api_token_auth = True
        if db.session.dirty:
            db.session.commit()
    return user


@login_manager.unauthorized_handler
def unauthorized():
    from flask import abort, flash, redirect, url_for

    from app.http import wants_json

    if wants_json():
        abort(401)
    flash(_l("Connectez-vous pour accéder à cette page."), "info")
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
