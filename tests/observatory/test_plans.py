"""Production plans: the shared view of every partner's plan, and overlaps (same year, theme and kind)."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from observatory.models import PlannedResource, PlanStatus
from observatory.service.plans import overlaps, plans_for_year


@pytest.fixture
def terms(app_ctx):
    from commons.models import Kind, Theme
    from commons.seed import seed_taxonomy

    seed_taxonomy()
    db.session.commit()
    return ({k.slug: k.id for k in db.session.scalars(sa.select(Kind))},
            {t.slug: t.id for t in db.session.scalars(sa.select(Theme))})


@pytest.fixture
def plan(networks, terms):
    kinds, themes = terms

    def add(partner, title, kind="video", theme="gouvernance", year=2026, status=PlanStatus.PLANNED):
        item = PlannedResource(partner_id=getattr(networks, partner).id, year=year, title=title,
                               kind_id=kinds[kind], theme_id=themes[theme], status=status)
        db.session.add(item)
        db.session.commit()
        return item

    return add


def test_overlaps_are_same_year_theme_and_kind_across_partners(plan):
    a = plan("hpf", "Vidéo gouvernance HPF")
    b = plan("co", "Vidéo gouvernance CO")
    plan("hpf", "Autre vidéo gouvernance HPF")  # same partner as a: not an overlap with a by itself
    plan("hls", "Méthode gouvernance HLS", kind="methode")  # other kind
    plan("hls", "Vidéo financement HLS", theme="financement")  # other theme
    plan("hls", "Vidéo gouvernance 2027", year=2027)  # other year
    plan("hls", "Vidéo gouvernance abandonnée", status=PlanStatus.DROPPED)  # dropped
    found = overlaps(plans_for_year(2026))
    titles = {db.session.get(PlannedResource, item_id).title: sorted(o.title for o in others)
              for item_id, others in found.items()}
    assert titles == {
        "Vidéo gouvernance HPF": ["Vidéo gouvernance CO"],
        "Autre vidéo gouvernance HPF": ["Vidéo gouvernance CO"],
        "Vidéo gouvernance CO": ["Autre vidéo gouvernance HPF", "Vidéo gouvernance HPF"],
    }
    assert a.id in found and b.id in found


def test_no_overlap_within_one_partner(plan):
    plan("hpf", "Une")
    plan("hpf", "Deux")
    assert overlaps(plans_for_year(2026)) == {}


def test_the_shared_view_shows_every_partner_and_flags_overlaps(client, login, people, plan):
    flagged = plan("hpf", "Vidéo gouvernance HPF")
    plan("co", "Vidéo gouvernance CO")
    alone = plan("hls", "Plan type d'un hameau", kind="plan", theme="habitat-leger")
    login(people.learner_hls)
    page = html.unescape(client.get("/observatoire/plans/?annee=2026").get_data(as_text=True))
    for name in ("Habitat Participatif France", "Coopérative Oasis", "Hameaux Légers"):
        assert f"<h2>{name}</h2>" in page
    assert f'<tr id="plan-{flagged.id}" class="obs-overlap">' in page
    assert f'<tr id="plan-{alone.id}" >' in page
    assert "2 lignes recoupent le plan d'un autre réseau." in page


def test_editors_add_lines_to_their_partners_plan_only(client, login, people, networks, terms):
    kinds, themes = terms
    body = {"partner_id": networks.co.id, "year": 2026, "quarter": 2, "title": "Méthode : auto-évaluer sa sobriété",
            "kind_id": kinds["methode"], "theme_id": themes["energie"], "target_course": "Parcours Oasis"}
    login(people.editor_co)
    assert client.post("/observatoire/plans/", data=body).status_code == 303
    assert db.session.scalar(sa.select(PlannedResource.title)) == body["title"]
    refused = client.post("/observatoire/plans/", data={**body, "partner_id": networks.hls.id})
    assert refused.status_code == 422
    login(people.learner_hls)
    assert client.post("/observatoire/plans/", data={**body, "partner_id": networks.hls.id}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PlannedResource)) == 1


def test_linking_the_published_resource_marks_the_line_published(client, login, people, networks, plan,
                                                                  create_user):
    from commons import service
    from commons.models import Kind, Status

    item = plan("co", "Vidéo gouvernance CO")
    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "video"))
    resource = service.create_resource({"title": "La gouvernance en oasis", "kind_id": kind,
                                        "owner_partner_id": networks.co.id}, people.platform)
    service.change_status(resource, Status.PUBLISHED, people.platform)
    db.session.commit()
    login(people.editor_co)
    response = client.post(f"/observatoire/plans/{item.id}", data={"status": "in_progress",
                                                                   "resource_id": resource.id})
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.status == PlanStatus.PUBLISHED and item.resource_id == resource.id
    assert "→ la ressource publiée" in client.get("/observatoire/plans/?annee=2026").get_data(as_text=True)
    other_editor = create_user(email="ed@hls.example", partner=networks.hls, role=Role.EDITOR)
    login(other_editor)
    assert client.post(f"/observatoire/plans/{item.id}", data={"status": "dropped"}).status_code == 403
