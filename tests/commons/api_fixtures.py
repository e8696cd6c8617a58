"""Fixtures of the commons API tests: a client that talks to /api/v1 as another program would, the seeded
taxonomy, a cast of users in every role, and a resource factory.

Loaded by the API test modules through `pytest_plugins`, so their names stay clear of tests/commons/conftest.py.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from tests.conftest import ServerLikeClient


class ApiClient(ServerLikeClient):
    """Each request runs in its own app context (fresh `g`, login and database session), as behind a WSGI
    server; afterwards the test's session is rolled back so it reads what the request committed.

    `as_=user` sends that user's bearer token; without it the request is anonymous unless `login()` set
    the session cookie.
    """

    tokens: dict

    def open(self, *args, as_=None, **kwargs):
        if as_ is not None:
            kwargs.setdefault("headers", {})["Authorization"] = f"Bearer {self.token_for(as_)}"
        return super().open(*args, **kwargs)

    def token_for(self, user) -> str:
        from app.accounts.service import create_api_token

        if user.id not in self.tokens:
            self.tokens[user.id] = create_api_token(user, "tests")[1]
            db.session.commit()
        return self.tokens[user.id]

    def login(self, user):
        """Sign `user` in with the session cookie, as a browser would be."""
        with self.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    def logout(self):
        with self.session_transaction() as session:
            session.clear()

    def csrf_token(self) -> str:
        """A CSRF token valid for this client's session, as a page would embed it."""
        from flask import session
        from flask_wtf.csrf import generate_csrf

        with self.session_transaction() as stored, self.application.test_request_context():
            session.update(stored)
            token = generate_csrf()
            stored["csrf_token"] = session["csrf_token"]
        return token


@pytest.fixture
def api(app, app_ctx):
    client = ApiClient(app, app.response_class, use_cookies=True)
    client.tokens = {}
    return client


@pytest.fixture
def vocab(app_ctx):
    """The seeded taxonomy: `vocab["themes"]["foncier"]` is that theme's id."""
    from commons.models import Kind, Licence, Phase, Theme
    from commons.seed import seed_taxonomy

    seed_taxonomy()
    db.session.commit()
    return {name: dict(db.session.execute(sa.select(model.slug, model.id)).all())
            for name, model in (("kinds", Kind), ("themes", Theme), ("phases", Phase), ("licences", Licence))}


@pytest.fixture
def cast(create_partner, create_user):
    """Three partners and someone in each role that matters for the commons."""
    from types import SimpleNamespace

    def person(email, name, partner=None, role=None, **kwargs):
        return create_user(email, name, password=None, partner=partner, role=role, **kwargs)  # no slow hashing

    hls = create_partner("hls", "Hameaux Légers")
    hpf = create_partner("hpf", "Habitat Participatif France")
    co = create_partner("co", "Coopérative Oasis")
    return SimpleNamespace(
        hls=hls, hpf=hpf, co=co,
        hls_editor=person("editrice@hls.example", "Édith HLS", partner=hls, role=Role.EDITOR),
        hls_admin=person("admin@hls.example", "Adèle HLS", partner=hls, role=Role.ADMIN),
        hls_learner=person("apprenant@hls.example", "Léo HLS", partner=hls, role=Role.LEARNER),
        hls_facilitator=person("animatrice@hls.example", "Fanny HLS", partner=hls, role=Role.FACILITATOR),
        hpf_editor=person("editeur@hpf.example", "Hugo HPF", partner=hpf, role=Role.EDITOR),
        hpf_learner=person("apprenante@hpf.example", "Paule HPF", partner=hpf, role=Role.LEARNER),
        outsider=person("passant@example.org", "Sam Sans-Réseau"),
        platform_admin=person("plateforme@example.org", "Pat Plateforme", is_platform_admin=True),
    )


@pytest.fixture
def make_resource(vocab, cast):
    """Create a resource through the service, as `cast.hls_editor` unless told; published unless told."""
    from commons import service
    from commons.models import Status

    def make(title="Ressource", owner=None, kind="video", themes=(), phases=(), keywords=(), co_owners=(),
             status=Status.PUBLISHED, author=None, trashed=False, **fields):
        owner = owner or cast.hls
        data = {"title": title, "kind_id": vocab["kinds"][kind], "owner_partner_id": owner.id,
                "theme_ids": [vocab["themes"][slug] for slug in themes],
                "phase_ids": [vocab["phases"][slug] for slug in phases],
                "co_owner_ids": [partner.id for partner in co_owners], "keywords": list(keywords), **fields}
        user = author or cast.platform_admin
        resource = service.create_resource(data, user)
        if status != Status.DRAFT:
            if status == Status.ARCHIVED:
                service.change_status(resource, Status.PUBLISHED, user)
            service.change_status(resource, status, user)
        if trashed:
            service.trash_resource(resource, user)
        db.session.commit()
        return resource

    return make


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter:` counts the SQL statements run inside the block."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = {"n": 0, "statements": []}

        def count(conn, cursor, statement, parameters, context, executemany):
            counter["n"] += 1
            counter["statements"].append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)

    return counting
