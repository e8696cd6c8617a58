"""Demo discussions of the Hameaux Légers session: under the step « Ce que dit la loi », a question answered by
the facilitator and accepted, one answered by a fellow learner, one still unanswered; on the session, a pinned
welcome thread. Loading twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.accounts import service as accounts
from app.accounts.demo import demo_email
from app.accounts.models import Role
from app.db import db, utcnow
from paths.demo import DEMO_DOMAIN, _course
from paths.discussions import service
from paths.discussions.models import Notification, Thread
from paths.models import CourseSession

STEP_TITLE = "Ce que dit la loi"

#: (asker, days ago, title, body, [(replier, text)], index of the accepted reply or None)
QUESTIONS = [
    ("ines", 12, "Peut-on vivre à l'année dans une tiny house sur un terrain agricole ?",
     "Nous avons trouvé un terrain classé **A** au PLU, près de Redon. Le propriétaire est d'accord, mais "
     "peut-on y installer nos deux tiny houses pour y vivre toute l'année ?",
     [("facilitator", "En zone agricole, le principe est l'inconstructibilité. La loi ALUR permet toutefois "
                      "des **STECAL** (secteurs de taille et de capacité d'accueil limitées) : c'est à la commune "
                      "de les prévoir dans son PLU. Commencez par rencontrer la mairie, la séquence 2 vous y "
                      "prépare."),
      ("ines", "Merci, c'est très clair : nous prenons rendez-vous avec l'adjoint à l'urbanisme.")], 0),
    ("learner", 6, "Le bail emphytéotique est-il obligatoire ?",
     "Dans la FAQ, on parle surtout de bail emphytéotique. Un simple bail rural ne suffirait-il pas ?",
     [("chloe", "Chez nous, la commune a préféré un bail emphytéotique de 30 ans : il donne des droits réels "
                "et rassure la banque. Un bail rural ne permet pas d'habiter.")], None),
    ("hugo", 3, "Faut-il une déclaration préalable pour une yourte ?",
     "Notre yourte fait 28 m². Faut-il déposer une déclaration préalable ou un permis d'aménager pour "
     "l'installer plus de trois mois ?", [], None),
]


def _people() -> dict:
    """The demo accounts by nickname (those missing are left out)."""
    emails = {"facilitator": demo_email(Role.FACILITATOR, "hls"), "learner": demo_email(Role.LEARNER, "hls")}
    emails.update({name: f"{name}.apprenant@{DEMO_DOMAIN}" for name in ("ines", "hugo", "chloe", "maelle")})
    found = {name: accounts.find_user_by_email(email) for name, email in emails.items()}
    return {name: user for name, user in found.items() if user is not None}


def _backdate(thread: Thread, days: float) -> None:
    """Spread the thread's posts from `days` ago, five hours apart, as if written then."""
    start = utcnow() - timedelta(days=days)
    for index, post in enumerate(thread.posts):
        post.created_dt = start + timedelta(hours=index * 5)
        db.session.execute(sa.update(Notification).where(Notification.post_id == post.id)
                           .values(created_dt=post.created_dt))
    thread.created_dt, thread.last_post_dt = start, thread.posts[-1].created_dt


def _question(session, step, people, spec) -> None:
    asker, days, title, body, replies, accepted = spec
    thread = service.create_thread(session, people[asker], {"title": title, "body": body, "is_question": True,
                                                            "step_id": step.id})
    posts = [service.reply(thread, people[who], text) for who, text in replies if who in people]
    _backdate(thread, days)
    if accepted is not None and accepted < len(posts):
        service.accept(posts[accepted], people[asker])


def load_demo_discussions() -> list[str]:
    course = _course("hls")
    session = course and db.session.scalar(sa.select(CourseSession).where(CourseSession.course_id == course.id))
    if session is None or db.session.scalar(sa.select(Thread.id).where(Thread.session_id == session.id)):
        return ["Forum : déjà présent (ou pas de session Hameaux Légers)."]
    step = next((s for s in course.steps if s.title == STEP_TITLE), course.steps[0])
    people = _people()
    for spec in QUESTIONS:
        if spec[0] in people:
            _question(session, step, people, spec)
    if "facilitator" in people:
        welcome = service.create_thread(session, people["facilitator"], {
            "title": "Présentez-vous !", "body": "Bienvenue dans la session ! Dites-nous en quelques lignes d'où "
                                                 "vous venez et où en est votre projet d'habitat léger."})
        if "maelle" in people:
            service.reply(welcome, people["maelle"], "Maëlle, de Loire-Atlantique : nous sommes quatre foyers "
                                                     "et cherchons une commune pour notre hameau.")
        _backdate(welcome, 38)
        service.set_flag(welcome, "is_pinned", True)
    db.session.flush()
    return [f"Forum de « {session.title} » : {len(QUESTIONS) + 1} fils, sous l'étape « {step.title} »."]
