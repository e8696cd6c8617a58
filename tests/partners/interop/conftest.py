"""Fixtures for interop tests: the taxonomy, a partner with its admin, and YesWiki/SemApps stand-ins on loopback.

The stand-ins are the WSGI apps of `flask interop fixture-server`, served for real by werkzeug in a thread, so
the connectors go through HTTP, content types, timeouts and all.
"""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from app.accounts.models import Role
from app.db import db


@pytest.fixture(autouse=True)
def _loopback_allowed(app, monkeypatch):
    """The stand-ins listen on 127.0.0.1 at random ports: let the address check allow loopback for these tests."""
    monkeypatch.setitem(app.config, "INTEROP_PRIVATE_HOSTS", "127.0.0.1")


@pytest.fixture
def taxonomy(app_ctx):
    from commons.models import Kind, Licence, Phase, Theme
    from commons.seed import seed_taxonomy

    seed_taxonomy()
    db.session.commit()
    return {name: {term.slug: term for term in db.session.scalars(sa.select(model))}
            for name, model in (("kinds", Kind), ("themes", Theme), ("phases", Phase), ("licences", Licence))}


@pytest.fixture
def oasis(create_partner):
    return create_partner(slug="co", name="Coopérative Oasis", short_name="CO")


@pytest.fixture
def partner_admin(create_user, oasis):
    return create_user(email="admin@co.example", name="Alix Admin", partner=oasis, role=Role.ADMIN)


@pytest.fixture
def serve():
    """`serve(wsgi_app)` → base URL of that app answering on 127.0.0.1 in a thread."""
    servers = []

    def start(wsgi_app) -> str:
        server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def yeswiki(serve):
    from partners.interop.fixture_server import make_app

    wiki = make_app("yeswiki")
    wiki.url = serve(wiki) + "/"
    return wiki


@pytest.fixture
def semapps(serve):
    from partners.interop.fixture_server import make_app

    instance = make_app("semapps")
    instance.base = serve(instance)
    instance.url = instance.base + "/documents"
    return instance


@pytest.fixture
def short_timeout(app, monkeypatch):
    monkeypatch.setitem(app.config, "INTEROP_TIMEOUT", 0.5)


YESWIKI_MAPPING = {
    "title": "bf_titre", "summary": "bf_chapeau", "body": "bf_description", "source": "bf_site",
    "authors": "bf_auteur", "kind_field": "listeListeTypeRessource", "theme_field": "checkboxListeThematiques",
    "phase_field": "", "kind_default": "dossier", "visibility": "public",
    "kinds": {"methode": "methode", "video": "video", "outil": "outil"},
    "themes": {"gouv": "gouvernance", "foncier": "foncier", "eco_construction": "eco-construction",
               "finances": "financement"},
}


@pytest.fixture
def make_source(taxonomy, oasis, partner_admin):
    """`make_source("yeswiki", url, mapping=...)`: a source of the CO partner, created by its admin."""
    from partners.interop import service

    def make(connector, url, form_id=None, mapping=None, **extra):
        source = service.create_source({"name": f"Source {connector}", "connector": connector, "url": url,
                                        "form_id": form_id if form_id is not None else
                                        ("1" if connector == "yeswiki" else ""),
                                        "partner_id": oasis.id, **extra}, partner_admin)
        source.mapping = mapping if mapping is not None else (YESWIKI_MAPPING if connector == "yeswiki" else {})
        db.session.commit()
        return source

    return make


from tests.partners.interop.publish_fixtures import catalogue  # noqa: E402,F401 - shared by publishing tests
