"""The JSON API root (/api/v1): flask-smorest with problem details and token or session authentication."""

from __future__ import annotations

from flask import g, request
from flask_login import current_user
from flask_smorest import Api
from flask_smorest import Blueprint as ApiBlueprint
from marshmallow import Schema, fields, validate

from app.extensions import csrf
from app.http import ERROR_TITLES, french_errors, problem

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class TerreauApi(Api):
    """flask-smorest, answering every HTTP error on the API as an RFC 9457 problem detail."""

    def handle_http_exception(self, error):
        if not request.path.startswith("/api/"):
            from app.http import _handle_http_exception

            return _handle_http_exception(error)
        status = error.code or 500
        data = getattr(error, "data", {}) or {}
        errors = data.get("messages")
        extra = {"errors": french_errors(_flatten_locations(errors))} if errors else {}
        detail = error.description if isinstance(error.description, str) and "<" not in error.description else None
        return problem(status, ERROR_TITLES.get(status, error.name), detail, **extra)


def _flatten_locations(messages):
    """webargs nests errors under their location ('json', 'query'); clients care about the fields."""
    if isinstance(messages, dict) and set(messages) <= {"json", "query", "form", "files", "headers"}:
        merged = {}
        for value in messages.values():
            merged.update(value if isinstance(value, dict) else {"_schema": value})
        return merged
    return messages


api = TerreauApi()


def protect_cookie_api_writes():
    """Cookie-authenticated writes need the CSRF token (header X-CSRFToken); bearer tokens do not."""
    if request.method in UNSAFE_METHODS and not g.get("api_token_auth") and current_user.is_authenticated:
        csrf.protect()


def make_api_blueprint(name: str, import_name: str, url_prefix: str, description: str) -> ApiBlueprint:
    blp = ApiBlueprint(name, import_name, url_prefix="/api/v1" + url_prefix, description=description)
    csrf.exempt(blp)
    blp.before_request(protect_cookie_api_writes)
    return blp


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class PageMetaSchema(Schema):
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    pages = fields.Integer()
