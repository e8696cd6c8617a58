"""The sync API: a partner admin lists their sources, reads a source's log and starts a run, with a token."""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts import service as accounts
from app.accounts.models import Role
from app.db import db
from commons.models import Resource


def _bearer(user) -> dict:
    _token, secret = accounts.create_api_token(user, "tests")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_sources_runs_and_starting_a_run(client, make_source, yeswiki, partner_admin):
    source = make_source("yeswiki", yeswiki.url)
    headers = _bearer(partner_admin)

    listed = client.get("/api/v1/interop/sources", headers=headers)
    assert listed.status_code == 200
    assert [(s["slug"], s["connector"], s["partner"]) for s in listed.json] == [(source.slug, "yeswiki", "co")]

    started = client.post(f"/api/v1/interop/sources/{source.id}/run", headers=headers)
    assert started.status_code == 202 and started.json == {"source": source.id, "queued": True}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 3  # the queue runs inline here

    yeswiki.fault = "html"
    client.post(f"/api/v1/interop/sources/{source.id}/run", headers=headers)
    runs = client.get(f"/api/v1/interop/sources/{source.id}/runs", headers=headers).json
    assert [run["status"] for run in runs] == ["failed", "succeeded"]
    assert runs[1]["created"] == 3 and "page HTML" in runs[0]["message"]


def test_other_partners_and_other_roles(client, make_source, yeswiki, create_user, create_partner, oasis):
    source = make_source("yeswiki", yeswiki.url)
    other_admin = create_user(email="admin@hls.example", partner=create_partner(slug="hls", name="HLS"),
                              role=Role.ADMIN)
    editor = create_user(email="editor@co.example", partner=oasis, role=Role.EDITOR)
    assert client.get("/api/v1/interop/sources").status_code == 401
    assert client.get("/api/v1/interop/sources", headers=_bearer(editor)).status_code == 403
    headers = _bearer(other_admin)
    assert client.get("/api/v1/interop/sources", headers=headers).json == []
    assert client.get(f"/api/v1/interop/sources/{source.id}/runs", headers=headers).status_code == 404
    assert client.post(f"/api/v1/interop/sources/{source.id}/run", headers=headers).status_code == 404
