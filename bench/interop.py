"""Interop suite: what the publishers cost on a large catalogue, and an import from a YesWiki stand-in.

A fresh SQLite database gets the catalogue suite's bulk data (20,000 resources, 2,000 with --quick; about a third are
public and published). Then: the YesWiki façade's full and compact entries, the LDP container and compact list,
an OAI-PMH page; and a YesWiki form of 500 entries (100 with --quick) imported over loopback, then re-run unchanged.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time

import sqlalchemy as sa

from bench.catalogue import seed

URLS = (
    ("yeswiki_entries", "/yeswiki/?api/forms/1/entries"),
    ("yeswiki_compact", "/yeswiki/?api/forms/1/entries/json&fields=id_fiche,date_maj_fiche"),
    ("ldp_container", "/ldp/resources"),
    ("ldp_compact", "/ldp/resources/compact"),
    ("oai_list_records_page", "/oai?verb=ListRecords&metadataPrefix=oai_dc"),
)


def _timed(client, url: str, repeat: int) -> tuple[float, int]:
    """Median milliseconds of `repeat` GETs, and the answer's size in bytes."""
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.data)
    return statistics.median(times), size


def _entries(count: int) -> dict[str, dict]:
    return {f"Fiche{i}": {"id_fiche": f"Fiche{i}", "id_typeannonce": "1", "bf_titre": f"Fiche numéro {i}",
                          "bf_chapeau": "Un résumé.", "bf_description": "<p>Un contenu.</p>",
                          "listeListeTypeRessource": "methode", "checkboxListeThematiques": "gouv,foncier",
                          "date_creation_fiche": "2025-01-01 10:00:00", "date_maj_fiche": "2025-01-02 10:00:00",
                          "statut_fiche": "1", "owner": "X", "user": "X", "url": f"https://wiki.example/?Fiche{i}"}
            for i in range(count)}


def _import(app, entries: int):
    from werkzeug.serving import make_server

    from app.accounts.models import Membership, Partner, Role, User
    from app.db import db
    from partners.interop import service
    from partners.interop.fixture_server import make_app

    wiki = make_app("yeswiki")
    wiki.entries = _entries(entries)
    server = make_server("127.0.0.1", 0, wiki, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        partner = db.session.get(Partner, 3)
        admin = User(email="admin@bench.example", name="Admin")
        db.session.add_all([admin, Membership(user=admin, partner=partner, role=Role.ADMIN)])
        db.session.commit()
        source = service.create_source({"name": "Bench", "connector": "yeswiki", "form_id": "1",
                                        "url": f"http://127.0.0.1:{server.server_port}/", "partner_id": partner.id},
                                       admin)
        db.session.commit()
        timings = []
        for _ in range(2):
            start = time.perf_counter()
            run = service.run_source(source, "cli")
            db.session.commit()
            timings.append(((time.perf_counter() - start) * 1000, run))
        return timings
    finally:
        server.shutdown()
        server.server_close()


def run(quick: bool = False):
    """Yield (figure, value, unit)."""
    import logging
    import random

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the YesWiki stand-in's access log

    size, repeat, entries = (2_000, 3, 100) if quick else (20_000, 5, 500)
    with tempfile.TemporaryDirectory(prefix="terreau-bench-") as folder:
        os.environ["TERREAU_INSTANCE_PATH"] = folder
        os.environ.pop("REDIS_URL", None)
        from app import create_app
        from app.db import db
        from commons.models import Resource

        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "TESTING": True,
                          "SERVER_NAME": "localhost", "INTEROP_PRIVATE_HOSTS": "127.0.0.1"})
        with app.app_context():
            db.create_all()
            seed(random.Random(2024), size)
            public = db.session.scalar(sa.select(sa.func.count()).where(Resource.visible_to(None)))
            yield "public_resources", public, "count"
            client = app.test_client()
            for figure, url in URLS:
                median_ms, size_bytes = _timed(client, url, repeat)
                yield f"{figure}_p50_ms", round(median_ms, 1), "ms"
                yield f"{figure}_bytes", size_bytes, "bytes"
            (first_ms, first), (second_ms, second) = _import(app, entries)
            assert first.created == entries and second.unchanged == entries, (first.message, second.message)
            yield "import_entries", entries, "count"
            yield "import_first_run_ms", round(first_ms), "ms"
            yield "import_unchanged_rerun_ms", round(second_ms), "ms"
            db.engine.dispose()
