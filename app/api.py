"""The JSON API root (/api/v1): flask-smorest with problem details and token or session authentication."""

from __future__ import annotations

import logging
from functools import wraps

import wtforms
from flask import abort, current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Api
from flask_smorest import Blueprint as ApiBlueprint
from flask_wtf.csrf import same_origin, validate_csrf
from marshmallow import Schema, ValidationError, fields, validate

from app.db import MAX_ID, db
from app.extensions import csrf
from app.http import ERROR_TITLES, french_errors, handle_http_exception, problem
from app.i18n import N_

logger = logging.getLogger(__name__)

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
#: translated where it is used, in the caller's language
LOGIN_NEEDED = N_("Envoyez un jeton (Authorization: Bearer …) ou connectez-vous.")

#: what each problem means on this API, for the OpenAPI document. There is no catch-all `default` response:
#: each operation lists, where it is declared, the problems it may really answer with.
PROBLEMS = {
    400: "Requête illisible : JSON mal formé, caractère nul ou demi-paire UTF-16 isolée dans l'adresse, les "
         "paramètres ou le corps, ou, sur une écriture authentifiée par cookie, jeton CSRF absent de l'en-tête "
         "X-CSRFToken, invalide ou périmé",
    401: "Authentification requise : cookie de session ou `Authorization: Bearer <jeton>`",
    403: "Vos rôles ne permettent pas cette action",
    404: "Introuvable, ou invisible pour vous (même réponse)",
    409: "Conflit : version périmée, transition refusée, doublon ou objet à la corbeille",
    412: "En-tête `Tus-Resumable: 1.0.0` absent : version du protocole tus non prise en charge",
    413: "Corps de la requête ou fichier trop volumineux",
    415: "Type de fichier non accepté (le contenu est analysé, pas le nom)",
    422: "Données invalides ; `errors` donne les messages par champ",
    423: "Ce dépôt reçoit déjà des données : réessayez dans un instant",
    429: "Trop de requêtes en peu de temps : réessayez plus tard",
}


class ProblemSchema(Schema):
    """An error, as an RFC 9457 problem detail (application/problem+json)."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.Dict(metadata={"description": "Messages par champ"})


class TerreauApi(Api):
    """flask-smorest, answering every HTTP error on the API as an RFC 9457 problem detail."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # no catch-all: it would make any status code look documented

    def handle_http_exception(self, error):
        return handle_http_exception(error)

    def _register_responses(self):
        """The error responses flask-smorest documents by itself (the 422 of its argument parser) carry problem
        details, so they are documented with that content type."""
        self.DEFAULT_RESPONSE_CONTENT_TYPE = "application/problem+json"
        try:
            super()._register_responses()
        finally:
            del self.DEFAULT_RESPONSE_CONTENT_TYPE  # successful responses stay application/json


api = TerreauApi()


def protect_cookie_api_writes():
    """Cookie-authenticated writes need the CSRF token (header X-CSRFToken); bearer tokens do not."""
    if request.method not in UNSAFE_METHODS or not current_app.config["WTF_CSRF_ENABLED"]:
        return None
    # load the user first: loading it is what tells whether a bearer token was used
    if current_user.is_authenticated and not g.get("api_token_auth"):
        return _csrf_refusal()
    return None


def _csrf_refusal():
    """flask_wtf's `csrf.protect()` without its first step, the token looked up in request.form: API bodies are
    JSON or bytes, and parsing them here would read a video chunk under the form size limit. The token comes
    from a header only; on HTTPS the Referer must be this site, as csrf.protect() wants. None when it passes."""
    token = _header_token()
    if not token:
        return refuse_problem(400, _("Jeton CSRF absent : envoyez celui de la page dans l'en-tête X-CSRFToken."))
    try:
        validate_csrf(token)
    except wtforms.ValidationError as error:
        logger.info("API write refused: %s", error.args[0])
        return refuse_problem(400, _("Jeton CSRF invalide ou périmé : rechargez la page pour en obtenir un autre."))
    if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"] and not _referrer_is_this_site():
        return refuse_problem(400, _("Jeton CSRF refusé : sur HTTPS, l'en-tête Referer doit venir de ce site."))
    g.csrf_valid = True  # as csrf.protect() marks it
    return None


def _header_token() -> str | None:
    """The token of the first CSRF header that carries one (X-CSRFToken, X-CSRF-Token)."""
    headers = current_app.config["WTF_CSRF_HEADERS"]
    return next((value for name in headers if (value := request.headers.get(name))), None)


def _referrer_is_this_site() -> bool:
    return bool(request.referrer) and same_origin(request.referrer, f"https://{request.host}/")


def refuse_problem(status: int, detail: str | None = None, **extra):
    """Roll back whatever the request did, then answer with a problem detail."""
    db.session.rollback()
    return problem(status, _(ERROR_TITLES[status]), detail, **extra)


def _invalid(error: ValidationError):
    """Field errors raised past the schemas (by a service checking references) are 422 too."""
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return refuse_problem(422, errors=french_errors(messages))


def make_api_blueprint(name: str, import_name: str, url_prefix: str, description: str) -> ApiBlueprint:
    blp = ApiBlueprint(name, import_name, url_prefix="/api/v1" + url_prefix, description=description)
    csrf.exempt(blp)
    blp.before_request(protect_cookie_api_writes)
    blp.register_error_handler(ValidationError, _invalid)
    return blp


def problem_responses(blp: ApiBlueprint, *codes: int):
    """Document the problem details an operation may answer with."""

    def decorator(func):
        for code in reversed(codes):
            func = blp.alt_response(code, schema=ProblemSchema, content_type="application/problem+json",
                                    description=PROBLEMS[code])(func)
        return func

    return decorator


def deny():
    """401 for anonymous callers, 403 for signed-in ones."""
    if not current_user.is_authenticated:
        abort(401, _(LOGIN_NEEDED))
    abort(403, _("Vos rôles ne permettent pas cette action."))


def requires(check):
    """Refuse (401 or 403) callers for whom `check(user)` is false, before the body is even read."""

    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            if not check(current_user):
                deny()
            return func(*args, **kwargs)

        return wrapper

    return decorator


#: beyond it the offset no longer fits a database integer, and no list has that many pages
MAX_PAGE = 1_000_000


def id_field(**kwargs) -> fields.Integer:
    """An id in an input schema: a positive integer the database can compare, else 422."""
    return fields.Integer(strict=False, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class PageMetaSchema(Schema):
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    pages = fields.Integer()
