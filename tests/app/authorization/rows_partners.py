"""Rows of partners: portals, embeds, oEmbed, designs, onboarding, governance, interop."""

from __future__ import annotations

from app.accounts.models import Partner
from app.db import db
from tests.app.authorization.table import (
    LOGIN,
    Row,
    S,
    everyone,
    form,
)

ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Partners: portals, embeds, oEmbed, design and integration settings, onboarding, governance ----------------
    Row("GET", "/p/<slug>/", lambda w, r: "/p/hls/", everyone(200)),
    Row("GET", "/p/<slug>/recherche", lambda w, r: "/p/hls/recherche?q=SCI", everyone(200)),
    Row("GET", "/p/<slug>/ressources/<int:resource_id>", lambda w, r: f"/p/co/ressources/{w.pub}",
        S(404, 200, 200, 200, 404, 200, 200), label="published, partner-only, on co's portal"),
    Row("GET", "/p/<slug>/ressources/<int:resource_id>", lambda w, r: f"/p/hls/ressources/{w.draft}",
        S(404, 404, 404, 200, 404, 200, 200), label="draft"),
    Row("GET", "/p/<slug>/logo", lambda w, r: "/p/hls/logo", everyone(404), label="no logo yet"),
    Row("GET", "/p/<slug>/apparence", lambda w, r: "/p/hls/apparence", S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("POST", "/p/<slug>/apparence", lambda w, r: "/p/hls/apparence", S(LOGIN, 403, 403, 403, 403, 302, 302),
        body=form(primary_colour="#1f5f8b", accent_colour="#8a5a00", typeface="lora")),
    Row("GET", "/p/<slug>/integrations", lambda w, r: "/p/hls/integrations", S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("GET", "/p/<slug>/integrations", lambda w, r: "/p/co/integrations", S(LOGIN, 403, 403, 403, 403, 403, 200),
        label="co: hls's admin has no say"),
    Row("POST", "/p/<slug>/integrations", lambda w, r: "/p/hls/integrations",
        S(LOGIN, 403, 403, 403, 403, 302, 302), body=form(search_scope="commons", frame_origins="https://wiki.example")),
    # an embed of a partner-only resource opens for those who may read it (same-site cookie) or with a signed link
    Row("GET", "/embed/<slug>/<kind>/<int:object_id>", lambda w, r: f"/embed/hls/resource/{w.pub}",
        S(404, 200, 200, 200, 404, 200, 200), label="partner-only, no link"),
    Row("GET", "/embed/<slug>/<kind>/<int:object_id>", lambda w, r: f"/embed/co/resource/{w.pub}?jeton=" + __import__(
        "partners.embeds", fromlist=["sign_embed"]).sign_embed("resource", w.pub, db.session.get(Partner, w.co)),
        everyone(200), label="partner-only, signed link for co"),
    Row("GET", "/embed/<slug>/<kind>/<int:object_id>", lambda w, r: f"/embed/hls/resource/{w.draft}",
        S(404, 404, 404, 200, 404, 200, 200), label="draft"),
    Row("GET", "/oembed", lambda w, r: f"/oembed?url=http://localhost/ressources/{w.pub}", everyone(401),
        label="partner-only: not for oEmbed consumers"),
    Row("GET", "/gouvernance", lambda w, r: "/gouvernance", everyone(200)),
    Row("GET", "/admin/partenaires/nouveau", lambda w, r: "/admin/partenaires/nouveau",
        S(LOGIN, 403, 403, 403, 403, 403, 200)),
    Row("POST", "/admin/partenaires/nouveau", lambda w, r: "/admin/partenaires/nouveau",
        S(LOGIN, 403, 403, 403, 403, 403, 201), body=form(
            name="Réseau des Alpes", short_name="RDA", slug="reseau-alpes", primary_colour="#1d4f6e",
            accent_colour="#8a4b08", admin_email="coordination@alpes.example.org")),
    # partners.interop ---------------------------------------------------------------------------------------
    # publishing: public to everyone, showing only public published resources (w.pub is partner-only)
    Row("GET", "/yeswiki/", lambda w, r: "/yeswiki/?api/forms/1/entries", everyone(200)),
    Row("GET", "/yeswiki/", lambda w, r: f"/yeswiki/?TerreauRessource{w.pub}", everyone(404),
        label="partner-only entry page"),
    Row("GET", "/.well-known/context.jsonld", lambda w, r: "/.well-known/context.jsonld", everyone(200)),
    Row("GET", "/ldp/<any(resources, themes, kinds, partners):container>", lambda w, r: "/ldp/resources",
        everyone(200)),
    Row("GET", "/ldp/resources/compact", lambda w, r: "/ldp/resources/compact", everyone(200)),
    Row("GET", "/ldp/<any(resources, themes, kinds, partners):container>/<key>",
        lambda w, r: "/ldp/themes/foncier", everyone(200)),
    Row("GET", "/ldp/<any(resources, themes, kinds, partners):container>/<key>",
        lambda w, r: f"/ldp/resources/{w.pub}", everyone(404), label="partner-only resource"),
    Row("GET", "/ldp/outbox", lambda w, r: "/ldp/outbox?page=1", everyone(200)),
    Row("GET", "/oai", lambda w, r: "/oai?verb=ListRecords&metadataPrefix=oai_dc", everyone(200)),
    Row("POST", "/oai", lambda w, r: "/oai", everyone(200), body=form(verb="Identify")),
    # sync sources: partner admins of the owner (hls) and platform admins
    Row("GET", "/partenaires/synchronisation/", lambda w, r: "/partenaires/synchronisation/",
        S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("GET", "/partenaires/synchronisation/nouvelle", lambda w, r: "/partenaires/synchronisation/nouvelle",
        S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("POST", "/partenaires/synchronisation/nouvelle", lambda w, r: "/partenaires/synchronisation/nouvelle",
        S(LOGIN, 403, 403, 403, 403, 302, 302),
        body=lambda w, r: {"data": {"name": "Wiki", "connector": "yeswiki", "url": "http://127.0.0.1:8061/",
                                    "form_id": "1", "partner_id": w.hls}}),
    Row("GET", "/partenaires/synchronisation/<int:source_id>",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}", S(LOGIN, 404, 404, 404, 404, 200, 200)),
    Row("GET", "/partenaires/synchronisation/<int:source_id>/correspondances",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}/correspondances",
        S(LOGIN, 404, 404, 404, 404, 200, 200)),
    Row("POST", "/partenaires/synchronisation/<int:source_id>/correspondances",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}/correspondances",
        S(LOGIN, 404, 404, 404, 404, 200, 200), body=form(title="bf_titre")),  # remote down: shown, not saved
    Row("POST", "/partenaires/synchronisation/<int:source_id>/lancer",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}/lancer", S(LOGIN, 404, 404, 404, 404, 302, 302)),
    # pending changes: editors of the resource (w.pub belongs to hls)
    Row("GET", "/partenaires/synchronisation/modifications", lambda w, r: "/partenaires/synchronisation/modifications",
        S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/partenaires/synchronisation/modifications/<int:change_id>/accepter",
        lambda w, r: f"/partenaires/synchronisation/modifications/{w.pending_change}/accepter",
        S(LOGIN, 404, 404, 302, 404, 302, 302)),
    Row("POST", "/partenaires/synchronisation/modifications/<int:change_id>/refuser",
        lambda w, r: f"/partenaires/synchronisation/modifications/{w.pending_change}/refuser",
        S(LOGIN, 404, 404, 302, 404, 302, 302)),
    # the sync API: partner admins of the owner (hls) and platform admins
    Row("GET", "/api/v1/interop/sources", lambda w, r: "/api/v1/interop/sources", S(401, 403, 403, 403, 403, 200, 200)),
    Row("GET", "/api/v1/interop/sources/<int:source_id>/runs",
        lambda w, r: f"/api/v1/interop/sources/{w.sync_source}/runs", S(401, 403, 403, 403, 403, 200, 200)),
    Row("POST", "/api/v1/interop/sources/<int:source_id>/run",
        lambda w, r: f"/api/v1/interop/sources/{w.sync_source}/run", S(401, 403, 403, 403, 403, 202, 202)),
]
