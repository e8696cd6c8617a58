"""Threads and posts as people use them: accepted answers, the unanswered list, hidden posts, edit history,
sanitised Markdown, mentions, pinning, closing and the posting rate limit."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from app.db import db
from tests.paths.discussion_helpers import QueryCounter, last_post, last_thread

pytest_plugins = ["tests.paths.discussion_fixtures"]


def _reply(client, login, user, forum, thread, body):
    login(user)
    return client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": body})


def _unanswered(client, login, forum) -> str:
    login(forum.facilitator)
    return client.get(f"/sessions/{forum.session}/tableau-de-bord").get_data(as_text=True)


def test_a_question_asked_under_a_step_shows_on_the_step_page(forum, client, post_thread, login):
    response = post_thread(forum.learner, forum.session, title="Combien coûte une yourte ?", step_id=forum.steps[0])
    assert response.status_code == 302
    login(forum.learner)
    step_page = client.get(f"/sessions/{forum.session}/etapes/{forum.steps[0]}").get_data(as_text=True)
    assert "Questions et échanges sur cette étape" in step_page and "Combien coûte une yourte ?" in step_page
    other_step = client.get(f"/sessions/{forum.session}/etapes/{forum.steps[1]}").get_data(as_text=True)
    assert "Combien coûte une yourte ?" not in other_step and "Poser une question" in other_step


def test_a_step_of_another_course_is_refused(forum, client, post_thread):
    response = post_thread(forum.learner, forum.session, step_id=999_999)
    assert response.status_code == 422 and "appartient pas à la session" in response.get_data(as_text=True)


def test_unanswered_questions_oldest_first_until_answered_or_accepted(forum, client, login, post_thread):
    post_thread(forum.learner, forum.session, title="Première question")
    first = last_thread()
    post_thread(forum.classmate, forum.session, title="Deuxième question")
    second = last_thread()
    post_thread(forum.classmate, forum.session, title="Une simple discussion", question=False)
    page = _unanswered(client, login, forum)
    assert page.index("Première question") < page.index("Deuxième question")
    assert "Une simple discussion" not in page.split('id="sequences"')[0]
    _reply(client, login, forum.learner, forum, first, "Je précise ma question.")  # the asker alone: still open
    assert "Première question" in _unanswered(client, login, forum)
    _reply(client, login, forum.classmate, forum, first, "Regarde du côté de la mairie.")
    page = _unanswered(client, login, forum)
    assert "Première question" not in page and "Deuxième question" in page
    _reply(client, login, forum.classmate, forum, second, "Moi-même j'ajoute…")
    _reply(client, login, forum.facilitator, forum, second, "Voici la réponse.")
    answer = last_post()
    assert client.post(f"/sessions/{forum.session}/forum/messages/{answer.id}/accepter").status_code == 302
    assert "Toutes les questions ont une réponse." in _unanswered(client, login, forum)
    sans = client.get(f"/sessions/{forum.session}/forum/sans-reponse").get_data(as_text=True)
    assert "Toutes les questions ont une réponse." in sans


def test_the_asker_accepts_an_answer_shown_first_and_highlighted(forum, client, login, post_thread):
    post_thread(forum.learner, forum.session, title="Quel statut juridique ?")
    thread = last_thread()
    _reply(client, login, forum.classmate, forum, thread, "Une association, peut-être.")
    _reply(client, login, forum.facilitator, forum, thread, "Une SCIA est le cadre le plus courant.")
    answer = last_post()
    login(forum.classmate)  # neither the asker nor a facilitator
    assert client.post(f"/sessions/{forum.session}/forum/messages/{answer.id}/accepter").status_code == 403
    login(forum.learner)
    assert client.post(f"/sessions/{forum.session}/forum/messages/{answer.id}/accepter").status_code == 302
    page = client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)
    assert "✓ Réponse acceptée" in page and "✓ Résolue" in page
    assert page.index("Une SCIA est le cadre") < page.index("Une association, peut-être.")
    forum_page = client.get(f"/sessions/{forum.session}/forum").get_data(as_text=True)
    assert "✓ Résolue" in forum_page


def test_hidden_posts_are_invisible_to_learners_visible_to_facilitators_and_audited(forum, client, login,
                                                                                   post_thread):
    from paths.discussions.models import ModerationAction

    post_thread(forum.learner, forum.session, title="Un fil animé")
    thread = last_thread()
    _reply(client, login, forum.classmate, forum, thread, "Un message déplacé")
    rude = last_post()
    login(forum.learner)
    assert client.post(f"/sessions/{forum.session}/forum/messages/{rude.id}/masquer",
                       data={"reason": "Hors charte"}).status_code == 403
    assert client.post(f"/sessions/{forum.session}/forum/messages/{rude.id}/signaler",
                       data={"reason": "Propos blessants"}).status_code == 302
    login(forum.facilitator)
    queue = client.get(f"/sessions/{forum.session}/forum/signalements").get_data(as_text=True)
    assert "Propos blessants" in queue
    missing = client.post(f"/sessions/{forum.session}/forum/messages/{rude.id}/masquer", data={})
    assert missing.status_code == 303 and not db.session.get(type(rude), rude.id).is_hidden
    client.post(f"/sessions/{forum.session}/forum/messages/{rude.id}/masquer", data={"reason": "Hors charte"})
    facilitator_view = client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)
    assert "Un message déplacé" in facilitator_view and "Masqué aux apprenant·es" in facilitator_view
    login(forum.learner)
    learner_view = client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)
    assert "Un message déplacé" not in learner_view
    assert "Un message déplacé" not in str(client.get(f"/api/v1/threads/{thread.id}").json)
    assert client.get(f"/sessions/{forum.session}/forum/messages/{rude.id}/historique").status_code == 404
    login(forum.facilitator)
    client.post(f"/sessions/{forum.session}/forum/messages/{rude.id}/retablir", data={"reason": "Erreur de ma part"})
    audit = [(a.action, a.reason, a.actor_id) for a in db.session.scalars(db.select(ModerationAction)
                                                                         .order_by(ModerationAction.id))]
    assert audit == [("hide", "Hors charte", forum.facilitator.id),
                     ("restore", "Erreur de ma part", forum.facilitator.id)]
    journal = client.get(f"/sessions/{forum.session}/forum/signalements").get_data(as_text=True)
    assert "Erreur de ma part" in journal and "Animatrice HLS" in journal
    login(forum.learner)
    assert "Un message déplacé" in client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)


def test_hiding_the_opening_post_hides_the_thread_from_learners(forum, client, login, post_thread):
    post_thread(forum.classmate, forum.session, title="Fil à masquer")
    thread = last_thread()
    login(forum.facilitator)
    client.post(f"/sessions/{forum.session}/forum/messages/{thread.opening.id}/masquer", data={"reason": "Spam"})
    assert "Fil à masquer" in client.get(f"/sessions/{forum.session}/forum").get_data(as_text=True)
    login(forum.learner)
    assert "Fil à masquer" not in client.get(f"/sessions/{forum.session}/forum").get_data(as_text=True)
    assert client.get(f"/sessions/{forum.session}/forum/{thread.id}").status_code == 404


def test_authors_edit_their_posts_and_the_history_is_kept(forum, client, login, post_thread):
    post_thread(forum.learner, forum.session, title="Premier titre", body="Premier jet")
    thread = last_thread()
    post = thread.opening
    login(forum.classmate)
    assert client.get(f"/sessions/{forum.session}/forum/messages/{post.id}/modifier").status_code == 403
    assert client.post(f"/sessions/{forum.session}/forum/messages/{post.id}/modifier",
                       data={"body": "Vandalisé"}).status_code == 403
    login(forum.learner)
    assert client.post(f"/sessions/{forum.session}/forum/messages/{post.id}/modifier",
                       data={"body": "Deuxième jet", "title": "Titre corrigé"}).status_code == 302
    client.patch(f"/api/v1/posts/{post.id}", json={"body": "Troisième jet"})
    page = client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)
    assert "Titre corrigé" in page and "Troisième jet" in page and "modifié" in page
    login(forum.classmate)
    history = client.get(f"/sessions/{forum.session}/forum/messages/{post.id}/historique").get_data(as_text=True)
    assert history.index("Troisième jet") < history.index("Deuxième jet") < history.index("Premier jet")


HOSTILE = """Bonjour <script>alert('x')</script>
[un lien](javascript:alert(1)) et <img src=x onerror="alert(2)"> <a href="#" onclick="alert(3)">clic</a>
[autre](JaVaScRiPt:alert(4)) <iframe src="https://evil.example"></iframe> **gras** [sûr](https://hameaux-legers.org)"""


class _Elements(HTMLParser):
    """The elements and attributes of an HTML fragment, as a browser would build them."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def _assert_harmless(html: str) -> None:
    elements = _elements(html)
    assert {tag for tag, _ in elements} <= {"p", "strong", "a", "br"}, elements
    for tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript"), attrs
    assert ("a", {"href": "https://hameaux-legers.org", "rel": "noopener noreferrer nofollow"}) in elements


def test_hostile_markdown_is_sanitised(forum, client, login, post_thread):
    post_thread(forum.learner, forum.session, title="Fil piégé", body=HOSTILE)
    thread = last_thread()
    login(forum.classmate)
    page = client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)
    body = page.split('<div class="prose">')[1].split("</div>")[0]
    assert "<strong>gras</strong>" in body and "&lt;script&gt;" in body  # shown as text, never run
    _assert_harmless(body)
    _assert_harmless(client.get(f"/api/v1/threads/{thread.id}").json["posts"][0]["body_html"])


def test_posting_is_rate_limited_with_a_french_message(forum, client, login, post_thread, app):
    app.config["DISCUSSION_POST_LIMIT"] = (3, 60)
    try:
        post_thread(forum.learner, forum.session, title="Fil rapide")
        thread = last_thread()
        assert _reply(client, login, forum.learner, forum, thread, "deux").status_code == 302
        assert _reply(client, login, forum.learner, forum, thread, "trois").status_code == 302
        refused = _reply(client, login, forum.learner, forum, thread, "quatre")
        assert refused.status_code == 429 and "Vous publiez trop vite" in refused.get_data(as_text=True)
        assert "quatre" in refused.get_data(as_text=True)  # the text is kept in the form
        api = client.post(f"/api/v1/threads/{thread.id}/posts", json={"body": "cinq"})
        assert api.status_code == 429 and "trop vite" in api.json["detail"]
        assert _reply(client, login, forum.classmate, forum, thread, "une autre personne").status_code == 302
        assert last_post().body == "une autre personne"
    finally:
        app.config["DISCUSSION_POST_LIMIT"] = (6, 60)


def test_pinned_threads_come_first_and_closed_ones_take_no_reply(forum, client, login, post_thread):
    post_thread(forum.learner, forum.session, title="Ancien fil important")
    old = last_thread()
    post_thread(forum.classmate, forum.session, title="Fil récent")
    login(forum.facilitator)
    client.post(f"/sessions/{forum.session}/forum/{old.id}/epingle", data={"value": "1"})
    client.post(f"/sessions/{forum.session}/forum/{old.id}/fermeture", data={"value": "1"})
    login(forum.learner)
    page = client.get(f"/sessions/{forum.session}/forum").get_data(as_text=True)
    assert page.index("Ancien fil important") < page.index("Fil récent") and "Épinglé" in page
    refused = _reply(client, login, forum.classmate, forum, old, "Encore un mot")
    assert refused.status_code == 409 and "Ce fil est fermé" in refused.get_data(as_text=True)


@pytest.mark.parametrize("who", ["learner", "facilitator"])
def test_the_api_lists_creates_and_accepts(forum, client, login, who):
    login(forum.learner)
    created = client.post(f"/api/v1/sessions/{forum.session}/threads",
                          json={"title": "Par l'API", "body": "Une *question*", "is_question": True,
                                "step_id": forum.steps[2]})
    assert created.status_code == 201
    assert created.json["posts"][0]["body_html"].strip() == "<p>Une <em>question</em></p>"
    thread_id = created.json["id"]
    login(forum.classmate)
    reply = client.post(f"/api/v1/threads/{thread_id}/posts", json={"body": "Une réponse"})
    assert reply.status_code == 201
    login(getattr(forum, who))
    listed = client.get(f"/api/v1/sessions/{forum.session}/threads?step_id={forum.steps[2]}").json["items"]
    assert [t["title"] for t in listed] == ["Par l'API"]
    accepted = client.post(f"/api/v1/posts/{reply.json['id']}/accept")
    assert accepted.status_code == 200 and accepted.json["is_accepted"] is True
    assert client.get(f"/api/v1/threads/{thread_id}").json["is_answered"] is True
    invalid = client.post(f"/api/v1/sessions/{forum.session}/threads", json={"title": "x", "body": ""})
    assert invalid.status_code == 422 and set(invalid.json["errors"]) == {"title", "body"}


def test_the_forum_page_costs_the_same_whatever_the_number_of_threads(forum, client, login, post_thread):
    def forum_queries() -> int:
        login(forum.learner)
        with QueryCounter() as counter:
            assert client.get(f"/sessions/{forum.session}/forum").status_code == 200
        return counter.n

    for n in range(2):
        post_thread(forum.classmate, forum.session, title=f"Fil numéro {n}", step_id=forum.steps[n])
    few = forum_queries()
    for n in range(2, 5):
        post_thread(forum.learner if n % 2 else forum.classmate, forum.session, title=f"Fil numéro {n}",
                    step_id=forum.steps[n % 4])
        _reply(client, login, forum.facilitator, forum, last_thread(), "Une réponse")
    assert forum_queries() == few
