"""What the commons API modules share: access checks, loading a resource from the URL, error answers."""

from __future__ import annotations

from functools import wraps

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint

from app.api import LOGIN_NEEDED, UNSAFE_METHODS, deny, make_api_blueprint, refuse_problem
from app.db import db
from app.http import me  # noqa: F401 - the package's views import them from here
from commons.attachments import AttachmentRejected
from commons.models import Resource
from commons.service import Conflict, NotAllowed

#: writes accept the bearer token or the session cookie (with its X-CSRFToken header)
WRITE_SECURITY = [{"bearer": []}]


def blueprint(name: str, import_name: str, url_prefix: str, description: str) -> Blueprint:
    """An API blueprint answering the commons' refusals as problem details; writes need a signed-in user."""
    blp = make_api_blueprint(name, import_name, url_prefix, description)
    blp.before_request(_writes_need_login)
    blp.register_error_handler(Conflict, _conflict)
    blp.register_error_handler(NotAllowed, _conflict)
    blp.register_error_handler(AttachmentRejected, _rejected)
    return blp


def _writes_need_login():
    if request.method in UNSAFE_METHODS and not current_user.is_authenticated:
        abort(401, _(LOGIN_NEEDED))


def _conflict(error: Exception):
    return refuse_problem(409, str(error))


def _rejected(error: AttachmentRejected):
    return refuse_problem(error.status, str(error))


def is_contributor(user) -> bool:
    return user.is_authenticated and user.is_contributor


def is_platform_admin(user) -> bool:
    return user.is_authenticated and user.is_platform_admin


def is_signed_in(user) -> bool:
    return user.is_authenticated


def load_resource(resource_id: int, *, edit: bool = False, live: bool = False) -> Resource:
    """The resource if the user may see it (404 otherwise, as if absent), may edit it when `edit`, and is
    out of the trash when `live` (409 otherwise: restore it first)."""
    resource = db.session.get(Resource, resource_id)
    if resource is None or not resource.can_view(me()):
        abort(404)
    if edit and not resource.can_edit(me()):
        deny()
    if live and resource.is_deleted:
        abort(409, _("Cette ressource est dans la corbeille : restaurez-la d'abord."))
    return resource


def with_resource(*, edit: bool = False, live: bool = False):
    """Load `resource_id` from the URL and check access before the body is read; the view gets `resource`."""

    def decorator(func):
        @wraps(func)
        def wrapper(*args, resource_id: int, **kwargs):
            return func(*args, resource=load_resource(resource_id, edit=edit, live=live), **kwargs)

        return wrapper

    return decorator
