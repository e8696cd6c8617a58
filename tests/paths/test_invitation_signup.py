"""A person invited to a session without an account creates it from the invitation link and lands enrolled."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def _invite(client, login, learning, email):
    from paths.models import OutboxEmail

    login(learning.facilitator)
    assert client.post(f"/sessions/{learning.session}/invitations", data={"email": email}).status_code == 302
    body = db.session.scalar(sa.select(OutboxEmail.body).where(OutboxEmail.to_email == email.lower()))
    client.post("/deconnexion")
    return "/sessions/invitation/" + body.split("/sessions/invitation/")[1].split()[0]


def test_an_invitee_without_account_creates_it_from_the_link_and_lands_enrolled(learning, client, login):
    from app.accounts.models import User
    from paths import service
    from paths.models import CourseSession, SessionInvitation

    link = _invite(client, login, learning, "Nina@Example.org")
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert "Créez votre compte" in text and 'value="nina@example.org" readonly' in text

    weak = client.post(link, data={"name": "Nina", "password": "court", "password_confirm": "court"})
    assert weak.status_code == 422
    assert db.session.scalar(sa.select(User).where(User.email == "nina@example.org")) is None

    done = client.post(link, data={"name": "Nina Bâtisseuse", "password": "un-mot-de-passe-long",
                                   "password_confirm": "un-mot-de-passe-long"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/sessions/{learning.session}")
    nina = db.session.scalar(sa.select(User).where(User.email == "nina@example.org"))
    assert nina.name == "Nina Bâtisseuse" and nina.check_password("un-mot-de-passe-long")
    enrolment = service.enrolment_of(db.session.get(CourseSession, learning.session), nina)
    assert enrolment.is_active and enrolment.source == "invitation"
    assert db.session.scalar(sa.select(SessionInvitation.accepted_dt)) is not None
    # signed in: the session page shows her as enrolled
    assert "Reprendre" in client.get(f"/sessions/{learning.session}").get_data(as_text=True)


def test_the_link_asks_an_existing_account_to_sign_in_and_never_creates_a_second(learning, client, login):
    from app.accounts.models import User

    link = _invite(client, login, learning, "lea@example.org")
    page = client.get(link).get_data(as_text=True)
    assert "Un compte existe déjà pour lea@example.org" in page
    again = client.post(link, data={"name": "Usurpatrice", "password": "un-mot-de-passe-long",
                                    "password_confirm": "un-mot-de-passe-long"})
    assert again.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(
        User.email == "lea@example.org")) == 1


def test_a_session_full_since_the_invitation_creates_no_account(learning, client, login, enrol):
    from app.accounts.models import User
    from paths.models import CourseSession

    link = _invite(client, login, learning, "tardif@example.org")
    enrol(learning.learner, learning.session)
    db.session.get(CourseSession, learning.session).capacity = 1
    db.session.commit()
    response = client.post(link, data={"name": "Tardif", "password": "un-mot-de-passe-long",
                                       "password_confirm": "un-mot-de-passe-long"})
    assert response.status_code == 409 and "La session est complète." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(User).where(User.email == "tardif@example.org")) is None
