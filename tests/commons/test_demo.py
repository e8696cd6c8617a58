"""`flask demo load`: the three partners, their demo accounts and the demo resources, loaded twice."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.accounts.demo import PLATFORM_ADMIN_EMAIL, demo_email, load_demo_accounts
from app.accounts.models import Membership, Partner, Role, User
from app.cli import add_demo_loader
from app.db import db
from commons.demo import compose_body, load_demo_resources
from commons.demo_data import RESOURCES
from commons.models import Kind, Phase, Resource, ResourceRevision, Status, Theme, Visibility

ACCOUNT_LINE = re.compile(r"^\s+.+?\s(\S+@demo\.terreau\.local)\s+(\S+)$")


@pytest.fixture
def demo_app(app):
    """The app with the resources loader registered (until commons.register does it itself)."""
    loaders = app.extensions.setdefault("terreau_demo_loaders", [])
    if not any(loader is load_demo_resources for _order, loader in loaders):
        add_demo_loader(app, 20, load_demo_resources)
    return app


def run_demo_load(app) -> tuple[str, dict[str, str]]:
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    passwords = dict(match.groups() for line in result.output.splitlines() if (match := ACCOUNT_LINE.match(line)))
    return result.output, passwords


def table_counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Partner, User, Membership, Resource, ResourceRevision, Kind, Theme, Phase)}


def test_loading_twice_gives_the_whole_demo_once(demo_app, client):
    """One run of the slow part (password hashing, 87 resources) checked from every side."""
    first_output, first_passwords = run_demo_load(demo_app)
    counts_after_first = table_counts()
    second_output, second_passwords = run_demo_load(demo_app)
    db.session.expire_all()

    assert table_counts() == counts_after_first
    assert "Ressources : 0 créée(s)" in second_output
    assert "Partenaires : 0 créé(s), 3 déjà présent(s)." in second_output
    check_partners()
    check_users()
    check_passwords(demo_app, first_passwords, second_passwords)
    check_resources()
    check_revisions()
    check_login(client, second_passwords)


def check_partners():
    partners = db.session.scalars(sa.select(Partner).order_by(Partner.slug)).all()
    assert [p.slug for p in partners] == ["co", "hls", "hpf"]
    assert {p.short_name for p in partners} == {"HPF", "HLS", "CO"}
    assert len({p.primary_colour for p in partners}) == 3
    assert len({p.accent_colour for p in partners}) == 3
    for partner in partners:
        assert partner.website.startswith("https://")
        assert len(partner.description) > 100
        for colour in (partner.primary_colour, partner.accent_colour):
            assert contrast_on_white(colour) >= 4.5, (partner.slug, colour)


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of a #rrggbb colour against white."""
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


def check_users():
    users = db.session.scalars(sa.select(User).where(User.email.like("%@demo.terreau.local"))).all()
    assert len(users) == 13
    admin = next(u for u in users if u.email == PLATFORM_ADMIN_EMAIL)
    assert admin.is_platform_admin and admin.memberships == []
    for partner in db.session.scalars(sa.select(Partner)):
        # one demo account per founding role in each partner (the observatory adds its researcher elsewhere)
        for role in (Role.ADMIN, Role.EDITOR, Role.FACILITATOR, Role.LEARNER):
            user = next(u for u in users if u.email == demo_email(role, partner.slug))
            assert not user.is_platform_admin
            assert [(m.partner_id, m.role) for m in user.memberships] == [(partner.id, role)]


def check_passwords(app, first: dict, second: dict):
    """Printed both times, the same, kept in a file only its owner reads; some checked (hashing is slow)."""
    assert len(first) == 13 and len(set(first.values())) == 13
    assert first == second
    path = Path(app.instance_path) / "demo-accounts.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_text(encoding="utf-8")
    assert all(f"{email}\t{password}" in content for email, password in first.items())
    for email in (PLATFORM_ADMIN_EMAIL, demo_email(Role.ADMIN, "co"), demo_email(Role.LEARNER, "hpf")):
        assert db.session.scalar(sa.select(User).where(User.email == email)).check_password(first[email])


def check_login(client, passwords: dict):
    email = demo_email(Role.EDITOR, "hls")
    response = client.post("/connexion", data={"email": email, "password": passwords[email]})
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == email))
    with client.session_transaction() as session:
        assert session["_user_id"] == str(user.id)


def check_resources():
    resources = db.session.scalars(sa.select(Resource)).unique().all()
    assert len(resources) >= 72
    assert len(resources) == len(RESOURCES)
    for model, used in ((Kind, {r.kind.slug for r in resources}),
                        (Theme, {t.slug for r in resources for t in r.themes}),
                        (Phase, {p.slug for r in resources for p in r.phases})):
        assert used == set(db.session.scalars(sa.select(model.slug))), model.__name__
    assert {r.visibility for r in resources} == set(Visibility)
    assert {r.status for r in resources} == set(Status)
    assert {r.owner_partner.slug for r in resources} == {"hpf", "hls", "co"}
    assert any(r.co_owners for r in resources)
    assert {r.language for r in resources} == {"fr", "en"}
    assert len({r.licence.slug for r in resources}) >= 5
    years = {r.content_date.year for r in resources}
    assert min(years) == 2015 and max(years) == 2026
    assert all(r.published_dt for r in resources if r.status in {Status.PUBLISHED, Status.ARCHIVED})


def check_revisions():
    """Created by the owner's demo editor through the service, each workflow move leaving a revision."""
    archived = db.session.scalars(sa.select(Resource).where(Resource.status == Status.ARCHIVED)).first()
    editor = db.session.scalar(sa.select(User).where(
        User.email == demo_email(Role.EDITOR, archived.owner_partner.slug)))
    assert archived.created_by_id == editor.id
    revisions = db.session.scalars(sa.select(ResourceRevision).where(ResourceRevision.resource_id == archived.id)
                                   .order_by(ResourceRevision.number)).all()
    assert [r.snapshot["status"] for r in revisions] == ["draft", "published", "archived"]
    assert all(r.author_id == editor.id for r in revisions)


def test_edits_survive_a_reload(demo_app, app_ctx):
    run_demo_load(demo_app)
    resource = db.session.scalar(sa.select(Resource).where(Resource.title == RESOURCES[0]["title"]))
    resource.summary = "Résumé réécrit par une éditrice."
    resource.mark_deleted()
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == "hls"))
    partner.primary_colour = "#123456"
    db.session.commit()
    run_demo_load(demo_app)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == len(RESOURCES)
    assert resource.summary == "Résumé réécrit par une éditrice." and resource.is_deleted
    assert partner.primary_colour == "#123456"


def test_lost_password_file_resets_demo_passwords(app, app_ctx):
    """Existing demo users get a new password, printed and saved, so the printed one always works."""
    first = dict(match.groups() for line in load_demo_accounts() if (match := ACCOUNT_LINE.match(line)))
    db.session.commit()
    (Path(app.instance_path) / "demo-accounts.txt").unlink()
    second = dict(match.groups() for line in load_demo_accounts() if (match := ACCOUNT_LINE.match(line)))
    db.session.commit()
    email = demo_email(Role.LEARNER, "co")
    assert second[email] != first[email]
    assert db.session.scalar(sa.select(User).where(User.email == email)).check_password(second[email])
    assert f"{email}\t{second[email]}" in (Path(app.instance_path) / "demo-accounts.txt").read_text()


def test_bodies_are_markdown_with_headings_and_lists():
    bodies = [compose_body(entry) for entry in RESOURCES]
    assert len(set(bodies)) == len(bodies)
    for body in bodies:
        assert body.startswith(("## ", "Oui", "Non", "La ", "Le ", "Les ", "Un", "Ces", "French"))
        assert "\n## " in body or "\n### " in body
        assert re.search(r"^(- |\d+\. |### )", body, re.MULTILINE)
        assert "lorem" not in body.lower() and "{" not in body
