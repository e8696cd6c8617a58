"""HTTP helpers: problem details (RFC 9457), error pages, form parsing through schemas, pagination."""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, Response, abort, json, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from app.db import db
from app.i18n import N_

PROBLEM_TYPE_BASE = "https://terreau.example/problems/"

#: French wording of marshmallow's default messages, for people reading a form
FRENCH_FIELD_ERRORS = {
    "Missing data for required field.": "Ce champ est obligatoire.",
    "Field may not be null.": "Ce champ ne peut pas être vide.",
    "Not a valid string.": "Ce champ doit être un texte.",
    "Not a valid integer.": "Ce champ doit être un nombre entier.",
    "Not a valid number.": "Ce champ doit être un nombre.",
    "Not a valid boolean.": "Ce champ doit valoir oui ou non.",
    "Not a valid date.": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "Not a valid datetime.": "Cette date n'est pas valide.",
    "Not a valid email address.": "Cette adresse e-mail n'est pas valide.",
    "Not a valid URL.": "Cette adresse web n'est pas valide.",
    "Not a valid list.": "Ce champ doit être une liste.",
    "Unknown field.": "Champ inconnu.",
    "Invalid input type.": "Type de donnée invalide.",
    "Shorter than minimum length {min}.": "Trop court.",
}


def french_errors(messages):
    """Translate marshmallow messages (nested dicts and lists) into French when the interface is French."""
    from flask_babel import get_locale

    if str(get_locale() or "fr") != "fr":
        return messages
    if isinstance(messages, dict):
        return {key: french_errors(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [french_errors(value) for value in messages]
    if isinstance(messages, str):
        return FRENCH_FIELD_ERRORS.get(messages, messages)
    return messages


def form_to_dict(form: MultiDict, list_fields: set[str] = frozenset()) -> dict:
    """Turn submitted form data into a dict for a schema: list fields keep every value, empty strings drop."""
    data = {}
    for key in form:
        if key == "csrf_token":
            continue
        if key in list_fields:
            data[key] = [value for value in form.getlist(key) if value != ""]
        elif form.get(key, "") != "":
            data[key] = form.get(key)
    for key in list_fields:
        data.setdefault(key, [])
    return data


def load_form(schema: Schema, list_fields: set[str] = frozenset(), **kwargs) -> tuple[dict | None, dict]:
    """Validate the submitted form with `schema`: (data, {}) when valid, (None, french errors) when not."""
    try:
        return schema.load(form_to_dict(request.form, list_fields), **kwargs), {}
    except ValidationError as exc:
        return None, french_errors(exc.messages)


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only redirect to paths on this site (no open redirect)."""
    if not target:
        return fallback
    parts = urlsplit(target)
    # Browsers read "/\\host" as "//host", and strip control characters before parsing.
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target or any(ord(char) < 32 for char in target):
        return fallback
    return target


def wants_json() -> bool:
    """API paths and clients asking for JSON get problem details rather than HTML error pages."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "application/problem+json"])
    return best in {"application/json", "application/problem+json"}


def problem(status: int, title: str, detail: str | None = None, **extra) -> Response:
    """An RFC 9457 problem detail response."""
    body = {"type": PROBLEM_TYPE_BASE + str(status), "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(json.dumps(body), status=status, mimetype="application/problem+json")


#: error titles, translated where they are shown
ERROR_TITLES = {
    400: N_("Requête invalide"),
    401: N_("Authentification requise"),
    403: N_("Accès refusé"),
    404: N_("Page introuvable"),
    405: N_("Méthode non autorisée"),
    409: N_("Conflit"),
    413: N_("Fichier trop volumineux"),
    415: N_("Type de fichier non accepté"),
    422: N_("Données invalides"),
    429: N_("Trop de tentatives"),
    500: N_("Erreur interne"),
}


def _flatten_locations(messages):
    """webargs nests errors under their location ('json', 'query'); clients care about the fields."""
    if isinstance(messages, dict) and set(messages) <= {"json", "query", "form", "files", "headers"}:
        merged = {}
        for value in messages.values():
            merged.update(value if isinstance(value, dict) else {"_schema": value})
        return merged
    return messages


def handle_http_exception(error: HTTPException):
    """Problem details for API clients, a French error page for people."""
    status = error.code or 500
    title = _(ERROR_TITLES.get(status, error.name))
    if wants_json():
        errors = (getattr(error, "data", None) or {}).get("messages")
        extra = {"errors": french_errors(_flatten_locations(errors))} if errors else {}
        description = error.description if isinstance(error.description, str) else None
        detail = description if description and "<" not in description else None
        response = problem(status, title, detail, **extra)
    else:
        response = Response(render_template("app/error.html", status=status, title=title,
                                            description=error.description), status=status)
    if status == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _handle_unexpected(error: Exception):
    db.session.rollback()
    from flask import current_app

    current_app.logger.exception("Erreur non gérée")
    if wants_json():
        return problem(500, _(ERROR_TITLES[500]))
    return render_template("app/error.html", status=500, title=_(ERROR_TITLES[500]), description=None), 500


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    if not app.config.get("PROPAGATE_EXCEPTIONS"):
        app.register_error_handler(Exception, _handle_unexpected)


@dataclass
class Page:
    """One page of a listing, with what a pager needs."""

    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(select, page: int, per_page: int, count_select=None) -> Page:
    """Run `select` for one page; the count comes from `count_select` or from the same query."""
    import sqlalchemy as sa

    page = max(1, page)
    if count_select is None:
        count_select = sa.select(sa.func.count()).select_from(select.order_by(None).subquery())
    total = db.session.scalar(count_select) or 0
    items = list(db.session.scalars(select.limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(items=items, total=total, page=page, per_page=per_page)


def me():
    """The signed-in user as a model (or the anonymous user), for services and permission checks."""
    return current_user._get_current_object()


def deny():
    """A page refused: anonymous visitors go to the login page, signed-in users get 403."""
    from app.extensions import login_manager

    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    abort(403)


def _unstorable(value) -> bool:
    """NUL characters (PostgreSQL refuses them in text) or lone UTF-16 surrogates (no encoding accepts them)."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= char <= "\udfff" for char in value)
    if isinstance(value, dict):
        return any(_unstorable(key) or _unstorable(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_unstorable(item) for item in value)
    return False


def refuse_unstorable_text():
    """Paths, query strings, urlencoded forms and JSON bodies with characters no database column can hold are
    refused as unreadable (400) up front, instead of failing deep in a query (a slug looked up as `a\\x00b`).
    Multipart bodies are left to the views that stream them (reading them here would load uploads)."""
    values = [request.path, *(part for pair in request.args.items(multi=True) for part in pair)]
    if request.mimetype == "application/x-www-form-urlencoded":
        values += [part for pair in request.form.items(multi=True) for part in pair]
    if request.is_json:
        values.append(request.get_json(silent=True))
    if any(_unstorable(value) for value in values):
        abort(400, _("La requête contient des caractères invalides (caractère nul ou demi-paire UTF-16 isolée)."))
