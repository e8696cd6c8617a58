"""Settings, all read from the environment (`DATABASE_URL`, `REDIS_URL`, `TERREAU_*`).

The defaults give the embedded deployment: SQLite, media and search index under the instance folder, jobs
stored in SQLite. Setting `DATABASE_URL` and `REDIS_URL` moves to PostgreSQL and Redis without code changes.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def _secure_cookies_mode() -> str:
    """`TERREAU_SECURE_COOKIES`: unset or "auto" follows each request's scheme; a yes/no word forces it."""
    value = (os.environ.get("TERREAU_SECURE_COOKIES") or "auto").strip().lower()
    if value == "auto":
        return "auto"
    return "on" if value in {"1", "true", "yes", "on", "oui"} else "off"


def instance_path() -> Path:
    """Where runtime data lives: `TERREAU_INSTANCE_PATH` or `instance/` beside the code."""
    return Path(_env("TERREAU_INSTANCE_PATH") or PROJECT_ROOT / "instance").resolve()


def normalise_database_url(url: str) -> str:
    """Let people write `postgresql://` and still get the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _secret_key(folder: Path) -> str:
    """`TERREAU_SECRET_KEY`, or a random key kept in the instance folder (never in the repository)."""
    configured = _env("TERREAU_SECRET_KEY")
    if configured:
        return configured
    key_file = folder / "secret_key"
    if not key_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    """Configuration built from the environment at the moment the app is created."""

    def __init__(self, **overrides):
        folder = instance_path()
        self.INSTANCE_PATH = str(folder)
        self.SECRET_KEY = _secret_key(folder)
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            _env("DATABASE_URL") or f"sqlite:///{folder / 'terreau.db'}"
        )
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.REDIS_URL = _env("REDIS_URL")
        self.MEDIA_ROOT = _env("TERREAU_MEDIA_ROOT") or str(folder / "media")
        self.MAX_ATTACHMENT_BYTES = _env_int("TERREAU_MAX_ATTACHMENT_BYTES", 50 * 1024 * 1024)
        self.MAX_CONTENT_LENGTH = _env_int("TERREAU_MAX_REQUEST_BYTES", 60 * 1024 * 1024)
        self.BABEL_DEFAULT_LOCALE = "fr"
        self.BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
        self.LANGUAGES = ("fr", "en")
        self.PERMANENT_SESSION_LIFETIME = timedelta(days=14)
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        #: "auto": cookies are Secure on requests that came over HTTPS (directly or through a trusted proxy);
        #: "on": always (a site served only over HTTPS); "off": never
        self.SECURE_COOKIES = _secure_cookies_mode()
        self.SESSION_COOKIE_SECURE = self.SECURE_COOKIES == "on"
        self.REMEMBER_COOKIE_SECURE = self.SECURE_COOKIES == "on"
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        #: how many proxies (nginx…) stand in front: their X-Forwarded-For/Proto/Host are then trusted
        self.PROXY_FIX = _env_int("TERREAU_PROXY_FIX", 0)
        self.WTF_CSRF_TIME_LIMIT = None
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_HEADERS_ENABLED = True
        self.LOGIN_RATE_LIMIT = _env("TERREAU_LOGIN_RATE_LIMIT", "10 per minute")
        self.INVITATION_MAX_AGE = timedelta(days=_env_int("TERREAU_INVITATION_DAYS", 14))
        self.PUBLIC_URL = _env("TERREAU_PUBLIC_URL", "http://127.0.0.1:5000")
        # flask-smorest / OpenAPI
        self.API_TITLE = "Terreau"
        self.API_VERSION = "v1"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/api/v1"
        self.OPENAPI_JSON_PATH = "openapi.json"
        self.OPENAPI_SWAGGER_UI_PATH = "docs"
        self.OPENAPI_SWAGGER_UI_URL = "/static/vendor/swagger-ui/"
        self.API_SPEC_OPTIONS = {
            "info": {"description": "API du commun de ressources Terreau."},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}, {}],
        }
        self.TESTING = False
        for key, value in overrides.items():
            setattr(self, key, value)

    def as_dict(self) -> dict:
        return {key: value for key, value in vars(self).items() if key.isupper()}
