"""Terreau's core: the application factory and what every domain package stands on."""

from __future__ import annotations

import importlib
import os

from flask import Flask, has_request_context, request, session
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from app.config import Config
from app.db import MAX_ID

#: domain packages, lowest layer first (see design.md); each exposes `register(app)`
DOMAIN_PACKAGES = ("media", "commons", "courses", "paths", "observatory", "partners")


def select_locale() -> str | None:
    """The user's chosen language, else the one picked on this browser, else the browser's, else French."""
    from flask import current_app

    if not has_request_context():  # jobs and commands: messages in the default language (French)
        return None
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return request.accept_languages.best_match(languages) or "fr"


def digits_up_to(limit: int) -> str:
    """A regular expression matching the decimal numbers from 0 to `limit` (for 254: fewer digits, or 0 or 1 then
    two digits, or 2 then 0-4 then a digit, or 25 then 0-3, or 254 itself)."""
    digits = str(limit)
    shorter = [rf"\d{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    lower_at = [digits[:i] + f"[0-{int(d) - 1}]" + (rf"\d{{{len(digits) - i - 1}}}" if i < len(digits) - 1 else "")
                for i, d in enumerate(digits) if d != "0"]
    return "(?:" + "|".join([*shorter, *lower_at, digits]) + ")"


class DatabaseIntConverter(IntegerConverter):
    """`<int:...>` in a URL: at most the largest database integer, so an id beyond it is a 404, not a query the
    database refuses (PostgreSQL: "integer out of range"). The bound is in the regex, not only in `max`: werkzeug
    answers a value its converter refuses with 405 when the same path has rules for other methods."""

    regex = digits_up_to(MAX_ID)

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def create_app(config: Config | dict | None = None) -> Flask:
    """Build the application; `config` overrides what the environment says (tests pass a dict)."""
    if config is None or isinstance(config, dict):
        config = Config(**(config or {}))
    app = Flask(__name__, instance_path=config.INSTANCE_PATH, static_folder="static")
    app.url_map.converters["int"] = DatabaseIntConverter  # before any route is declared
    app.config.update(config.as_dict())
    os.makedirs(app.instance_path, exist_ok=True)

    _init_extensions(app)
    _register_core(app)
    for name in DOMAIN_PACKAGES:
        importlib.import_module(name).register(app)
    return app


def _init_extensions(app: Flask) -> None:
    from app import jobs  # noqa: F401 - the queue exists before any package declares a job
    from app.accounts import auth  # noqa: F401 - registers the login loaders
    from app.api import api
    from app.audit import models as audit_models  # noqa: F401 - the journal's table
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations"),
                     render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    api.init_app(app)


def _register_core(app: Flask) -> None:
    from app import cli, templating, views
    from app.accounts import api as accounts_api
    from app.accounts import views as accounts_views
    from app.api import api
    from app.audit import api as audit_api
    from app.audit import views as audit_views
    from app.http import refuse_unstorable_text, register_error_handlers
    from app.security import init_security

    register_error_handlers(app)
    app.before_request(refuse_unstorable_text)
    init_security(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(accounts_views.bp)
    app.register_blueprint(audit_views.bp)
    for blueprint in accounts_api.blueprints:
        api.register_blueprint(blueprint)
    api.register_blueprint(audit_api.blp)
    templating.init_templates(app)
    cli.register(app)
