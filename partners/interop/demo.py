"""Demo sources for `flask demo load`: a YesWiki and a SemApps served by `flask interop fixture-server`.

Both belong to the Coopérative Oasis (CO) and its demo admin, so they can be imported from the sync pages or by
`flask sync run wiki-des-oasis` / `flask sync run archipel-semapps` once the fixture servers run.
"""

from __future__ import annotations

import os

import sqlalchemy as sa

from app.accounts.demo import demo_email
from app.accounts.models import Partner, Role
from app.accounts.service import find_user_by_email
from app.db import db
from partners.interop.models import SyncSource

YESWIKI_URL = os.environ.get("TERREAU_DEMO_YESWIKI_URL", "http://127.0.0.1:8061/")
SEMAPPS_URL = os.environ.get("TERREAU_DEMO_SEMAPPS_URL", "http://127.0.0.1:8062/documents")

DEMO_SOURCES = [
    {"slug": "wiki-des-oasis", "name": "Wiki des oasis (YesWiki de démonstration)", "connector": "yeswiki",
     "url": YESWIKI_URL, "form_id": "1"},
    {"slug": "archipel-semapps", "name": "Archipel (SemApps de démonstration)", "connector": "semapps",
     "url": SEMAPPS_URL, "form_id": ""},
]


def load_demo_sources() -> list[str]:
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == "co"))
    admin = find_user_by_email(demo_email(Role.ADMIN, "co"))
    if partner is None or admin is None:
        return ["Sources de synchronisation : partenaire CO absent, rien à faire."]
    lines = []
    for spec in DEMO_SOURCES:
        if db.session.scalar(sa.select(SyncSource.id).where(SyncSource.slug == spec["slug"])):
            continue
        db.session.add(SyncSource(**spec, partner_id=partner.id, created_by_id=admin.id, mapping={}))
        lines.append(f"Source de synchronisation « {spec['name']} » ({spec['url']}).")
    db.session.flush()
    return lines
