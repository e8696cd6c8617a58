"""Demo courses built from the demo resources: Hameaux Légers, Habitat Participatif France, Coopérative Oasis."""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts.models import Partner
from app.db import db
from commons.models import Resource
from courses import service
from courses.models import CompletionRule, Course, Level

V, D, W = CompletionRule.VIDEO, CompletionRule.DONE, CompletionRule.VIEWED  # watch, done, viewed

#: partner slug -> (title, summary, minutes, [(sequence title, [(step title, resource title, rule, seconds)])])
COURSES = {
    "hls": ("Habiter léger : du projet au hameau",
            "Le parcours de Hameaux Légers pour passer de l'envie d'habiter léger à un hameau accueilli par une "
            "commune : comprendre, trouver un terrain, concevoir, construire et vivre ensemble.", 600, [
                ("Comprendre l'habitat léger", [
                    ("Découvrir les hameaux légers", "Qu'est-ce qu'un hameau léger ? La vidéo de présentation", V,
                     None),  # its length comes from the demo video media attaches (commons.media_policy)
                    ("Pourquoi habiter léger ?", "MOOC Habiter léger, chapitre 1 : pourquoi habiter léger ?", W, None),
                    ("Ce que dit la loi", "FAQ : habiter une tiny house à l'année, est-ce légal ?", D, None)]),
                ("Trouver un terrain et une commune", [
                    ("Le chapitre du MOOC",
                     "MOOC Habiter léger, chapitre 2 : trouver un terrain et une commune", W, None),
                    ("Approcher les élu·es",
                     "Trouver une commune accueillante : la démarche d'approche des élu·es", D, None),
                    ("Le regard d'une maire", "Témoignage : une maire raconte l'arrivée du hameau léger", W, None),
                    ("Le bail emphytéotique", "Bail emphytéotique : modèle commenté", D, None)]),
                ("Concevoir son habitat réversible", [
                    ("Le chapitre du MOOC",
                     "MOOC Habiter léger, chapitre 3 : concevoir son habitat réversible", W, None),
                    ("Des plans pour s'inspirer", "Plans d'une tiny house de 18 m² (remorque 7,20 m)", W, None),
                    ("Eau, électricité, assainissement",
                     "FAQ : eau, électricité et assainissement dans un hameau léger",
                     D, None)]),
                ("Construire et vivre ensemble", [
                    ("Autoconstruire le châssis", "Autoconstruire une tiny house : le châssis et le plancher", V, 600),
                    ("Décider ensemble", "La décision par consentement, expliquée en huit minutes", V, 480),
                    ("Un premier hiver", "Témoignage : premier hiver en yourte au hameau de Kerlann", W, None)]),
            ]),
    "hpf": ("Monter un habitat participatif",
            "Les étapes d'un projet d'habitat participatif, de la constitution du groupe à l'entrée dans les lieux.",
            480, [
                ("Le groupe", [
                    ("Les phases d'un projet",
                     "Les phases d'un projet d'habitat participatif (MOOC, chapitre 1)", W, None),
                    ("Constituer le groupe",
                     "Constituer et faire vivre le groupe (MOOC habitat participatif, chapitre 2)",
                     W, None),
                    ("Rédiger la charte", "Rédiger la charte d'un habitat participatif", D, None)]),
                ("Le montage", [
                    ("Choisir sa forme juridique", "Choisir entre SCI, SCIC et coopérative d'habitants", D, None),
                    ("Le plan de financement", "Tableur de plan de financement d'un habitat participatif", W, None)]),
            ]),
    "co": ("Créer une oasis",
           "Le parcours de la Coopérative Oasis : les cinq piliers, le financement et l'ouverture sur le territoire.",
           360, [
               ("Les fondations", [
                   ("Se situer", "Grille d'auto-évaluation d'une oasis (cinq piliers)", D, None),
                   ("Financer", "Financer une oasis : épargne citoyenne, prêts et subventions", W, None)]),
               ("Ouvrir le lieu", [
                   ("Le module 4", "Parcours Oasis, module 4 : l'ouverture sur le territoire", W, None),
                   ("Nourrir le lieu",
                    "Souveraineté alimentaire en oasis : du potager au partenariat paysan", W, None)]),
           ]),
}


def load_demo_courses() -> list[str]:
    """Create the demo courses that are missing (published); idempotent."""
    partners = {p.slug: p for p in db.session.scalars(sa.select(Partner))}
    resources = dict(db.session.execute(
        sa.select(Resource.title, Resource.id).where(Resource.is_deleted.is_(False))).all())
    created = 0
    for slug, (title, summary, minutes, sequences) in COURSES.items():
        partner = partners.get(slug)
        if partner is None or db.session.scalar(sa.select(Course.id).where(
                Course.owner_partner_id == partner.id, Course.title == title)):
            continue
        course = Course(owner_partner_id=partner.id, title=title, summary=summary, estimated_minutes=minutes,
                        level=Level.BEGINNER)
        db.session.add(course)
        for sequence_title, steps in sequences:
            sequence = service.add_sequence(course, sequence_title)
            for step_title, resource_title, rule, seconds in steps:
                service.add_step(sequence, {"title": step_title, "resource_id": resources.get(resource_title),
                                            "completion_rule": rule, "video_seconds": seconds})
        service.set_published(course, True)
        created += 1
    return [f"Parcours : {created} créé(s)."]
