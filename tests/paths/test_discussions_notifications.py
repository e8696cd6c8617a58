"""Notifications: followers hear of replies (bell, page, mark read), mentioned facilitators hear of posts and
the mention is a link, and those who chose it get an e-mail digest through the outbox."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from tests.paths.discussion_helpers import last_post, last_thread

pytest_plugins = ["tests.paths.discussion_fixtures"]


def _bell(client) -> str:
    header = client.get("/mes-sessions").get_data(as_text=True).split("</header>")[0]
    return header.split('class="bell"')[1].split("</a>")[0]


def test_followers_get_a_notification_and_mark_it_read(forum, client, login, post_thread):
    post_thread(forum.learner, forum.session, title="Où acheter du bois ?")
    thread = last_thread()
    login(forum.classmate)
    client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "À la scierie."})
    login(forum.facilitator)
    client.post(f"/sessions/{forum.session}/forum/{thread.id}/suivi", data={"follow": "1"})
    login(forum.learner)
    client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "Merci !"})
    # the asker heard of Zoé's reply; Zoé (a replier) and the facilitator (a follower) of the asker's
    login(forum.learner)
    assert 'class="badge" aria-hidden="true">1<' in _bell(client)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Zoé Camarade a répondu dans « Où acheter du bois ? »" in page
    for user in (forum.classmate, forum.facilitator):
        login(user)
        assert "Léa Apprenante a répondu" in client.get("/notifications").get_data(as_text=True)
    login(forum.learner)
    assert client.post("/notifications/lues").status_code == 302
    assert 'class="badge"' not in _bell(client)
    login(forum.p_admin)  # neither follower nor mentioned
    assert "a répondu" not in client.get("/notifications").get_data(as_text=True)


def test_opening_a_notification_marks_it_read_and_leads_to_the_post(forum, client, login, post_thread):
    from paths.discussions.models import Notification

    post_thread(forum.learner, forum.session, title="Question sur l'eau")
    thread = last_thread()
    login(forum.classmate)
    client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "Récupérez la pluie."})
    notification = db.session.scalar(sa.select(Notification))
    assert client.post(f"/notifications/{notification.id}/lue").status_code == 404  # someone else's
    login(forum.learner)
    opened = client.post(f"/notifications/{notification.id}/lue")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/forum/{thread.id}#message-{last_post().id}")
    db.session.refresh(notification)
    assert notification.read_dt is not None


def test_mentioning_a_facilitator_links_and_notifies_them(forum, client, login, post_thread):
    post_thread(forum.learner, forum.session, title="Besoin d'aide",
                body="Bonjour @animatrice-hls, et @inconnu, pouvez-vous m'aider ? mail: lea@animatrice-hls.org")
    thread = last_thread()
    page = client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)
    assert f'<a href="/sessions/{forum.session}#animation" rel="noopener noreferrer nofollow">@Animatrice HLS</a>' \
        in page
    assert "@inconnu" in page and "lea@animatrice-hls.org" in page
    login(forum.facilitator)
    assert "Léa Apprenante vous a mentionné·e dans « Besoin d" in client.get("/notifications").get_data(as_text=True)
    login(forum.other_facilitator)
    assert "mentionné" not in client.get("/notifications").get_data(as_text=True)


def test_the_email_digest_goes_to_the_outbox_for_those_who_chose_it(forum, client, login, post_thread, app):
    from paths.models import OutboxEmail

    runner = app.test_cli_runner()

    post_thread(forum.learner, forum.session, title="Un chantier participatif ?")
    thread = last_thread()
    login(forum.classmate)
    post_thread(forum.classmate, forum.session, title="Fil de Zoé")
    zoe_thread = last_thread()
    client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "Oui, en mai."})
    login(forum.learner)
    client.post("/notifications/preferences", data={"email_digest": "1"})
    client.post(f"/sessions/{forum.session}/forum/{zoe_thread.id}/reponses", data={"body": "Je viens !"})
    result = runner.invoke(args=["paths", "discussion-digest"])
    assert "1 résumé(s)" in result.output
    mails = list(db.session.scalars(sa.select(OutboxEmail)))
    assert [m.to_email for m in mails] == ["lea@example.org"]  # Zoé did not choose the digest
    assert "Zoé Camarade a répondu dans « Un chantier participatif ? »" in mails[0].body
    assert f"/forum/{thread.id}#message-" in mails[0].body
    assert "0 résumé(s)" in runner.invoke(args=["paths", "discussion-digest"]).output  # sent once
