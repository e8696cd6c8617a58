"""Shared fixtures. The schema is created once per test run; every test starts from empty tables.

`pytest --db postgresql` runs the same suite against the PostgreSQL at 127.0.0.1:5432 (database `test`).
Without that server the run is skipped, unless TERREAU_REQUIRE_SERVICES=1, where it fails.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

_instance = tempfile.mkdtemp(prefix="terreau-test-")
os.environ["TERREAU_INSTANCE_PATH"] = _instance
os.environ.pop("REDIS_URL", None)  # the queue under test is chosen explicitly, see services tests
os.environ.setdefault("TERREAU_SECRET_KEY", "test-secret-key-not-for-production")

from app import create_app  # noqa: E402
from app.db import db  # noqa: E402
from app.jobs import huey  # noqa: E402

#: fixtures shared by the browser tests of every package
pytest_plugins = ["tests.browser_fixtures"]

POSTGRES_URL = os.environ.get("TERREAU_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TERREAU_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SERVICES_REQUIRED = os.environ.get("TERREAU_REQUIRE_SERVICES") == "1"


def pytest_addoption(parser):
    parser.addoption("--db", default="sqlite", choices=["sqlite", "postgresql"],
                     help="database the suite runs against")


def service_unavailable(reason: str):
    """Skip on a bare laptop, fail where the services are promised (CI)."""
    if SERVICES_REQUIRED:
        pytest.fail(f"service required but unavailable: {reason}")
    pytest.skip(reason)


def _database_url(config) -> str:
    if config.getoption("--db") == "postgresql":
        return POSTGRES_URL
    return f"sqlite:///{Path(_instance) / 'test.db'}"


@pytest.fixture(scope="session")
def database_url(request):
    url = _database_url(request.config)
    if url.startswith("postgresql"):
        try:
            engine = sa.create_engine(url)
            with engine.connect():
                pass
            engine.dispose()
        except sa.exc.OperationalError as exc:
            service_unavailable(f"PostgreSQL unreachable: {exc.orig}")
    return url


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """scrypt costs ~0.3 s a hash by design; tests create hundreds of accounts, so they use a cheap method."""
    import functools

    from werkzeug.security import generate_password_hash

    from app.accounts import models

    original = models.generate_password_hash
    models.generate_password_hash = functools.partial(generate_password_hash, method="pbkdf2:sha256:1000")
    yield
    models.generate_password_hash = original


@pytest.fixture(scope="session")
def app(database_url):
    huey.immediate = True  # jobs run inline, in memory, during tests
    application = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "MEDIA_ROOT": str(Path(_instance) / "media"),
        "SERVER_NAME": "localhost",
    })
    with application.app_context():
        _reset_schema()
    yield application
    with application.app_context():
        db.drop_all()
        db.engine.dispose()


def _reset_schema():
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    else:
        db.drop_all()
    db.create_all()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Empty every table after each test that used the app, so tests never see each other's rows."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            # DELETE is several times faster than TRUNCATE on small tables; no test relies on ids restarting.
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield
        db.session.remove()


class ServerLikeClient(FlaskClient):
    """Each request gets its own app context (fresh `g`, login and database session), as behind a WSGI server.

    The test's own session ends its transaction around each request: it holds no lock while the request runs,
    and what the test reads next is what the request committed.
    """

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.rollback()
        return response


@pytest.fixture
def client(app, app_ctx):
    return ServerLikeClient(app, app.response_class, use_cookies=True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    """Rate-limit counters are per process; start and end each test with none."""
    if "app" not in request.fixturenames:
        yield
        return
    from app.extensions import limiter

    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def login(client):
    """Log `user` in on the test client the way a browser session would be."""

    def log_in(user):
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    return log_in


@pytest.fixture
def logout(client):
    """Back to an anonymous visitor."""

    def log_out():
        with client.session_transaction() as session:
            session.clear()

    return log_out


@pytest.fixture
def create_partner(app_ctx):
    from app.accounts.models import Partner

    def make(slug="hls", name="Hameaux Légers", short_name=None, **kwargs):
        partner = Partner(slug=slug, name=name, short_name=short_name or slug.upper(), **kwargs)
        db.session.add(partner)
        db.session.commit()
        return partner

    return make


@pytest.fixture
def create_user(app_ctx):
    from app.accounts import service

    counter = {"n": 0}

    def make(email=None, name="Camille Martin", password="mot-de-passe-solide", partner=None, role=None,
             is_platform_admin=False, locale="fr"):
        counter["n"] += 1
        user = service.create_user(email or f"user{counter['n']}@example.org", name, password, locale=locale,
                                   is_platform_admin=is_platform_admin)
        if partner is not None and role is not None:
            service.set_membership(user, partner, role)
        db.session.commit()
        return user

    return make
