"""Demo content of the observatory for `flask demo load`: collectives of the three networks in every phase, a
survey they answered through their links, a self-assessment grid and its assessments, research questions, each
partner's production plan, usage events and ratings. Idempotent: what exists (by name or title) is left alone.
"""

from __future__ import annotations

import random
from datetime import timedelta

import sqlalchemy as sa

from app.accounts import demo as accounts_demo
from app.accounts.demo import demo_email
from app.accounts.models import Partner, Role
from app.accounts.service import find_user_by_email
from app.db import db, utcnow
from commons.models import Kind, Phase, Resource, Status, Theme
from observatory.models import (
    AssessmentCriterion,
    AssessmentDimension,
    AssessmentGrid,
    BuildingWork,
    Collective,
    CollectiveMember,
    PlannedResource,
    PlanStatus,
    ProjectKind,
    QuestionKind,
    QuestionStatus,
    ResearchQuestion,
    ResourceFeedback,
    SelfAssessment,
    Survey,
    SurveyStatus,
    UsageEvent,
    UsageKind,
    testimony_collectives,
)
from observatory.service import surveys as survey_service
from observatory.service.usage import record_usage

HAB, HAM, OAS, OTH = ProjectKind.HABITAT, ProjectKind.HAMEAU, ProjectKind.OASIS, ProjectKind.OTHER
C, R, RH = BuildingWork.CONSTRUCTION, BuildingWork.RENOVATION, BuildingWork.REHABILITATION

#: the scientific committee's demo researcher (HPF carries the observatory); outside the @demo.terreau.local
#: domain, which stays the accounts' own (one per role of the founding roles in each partner)
RESEARCHER_EMAIL = "chercheuse@observatoire.terreau.local"
RESEARCHER_NAME = "Hélène Vasseur"

#: name, networks, commune, département, lat, lon, kind, phase slug, households, work, materials, founded
COLLECTIVES = [
    ("Les Choux Lents", "hpf", "Lyon", "69", 45.75, 4.85, HAB, "vie-du-lieu", 14, C, "béton bas carbone, bois", 2009),
    ("La Ruche de Bègles", "hpf", "Bègles", "33", 44.80, -0.55, HAB, "chantier", 19, C, "bois, paille", 2016),
    ("Le Grand Portail", "hpf", "Nanterre", "92", 48.89, 2.20, HAB, "conception", 22, C, "bois", 2019),
    ("L'Échappée", "hpf", "Montreuil", "93", 48.86, 2.44, HAB, "montage", 11, RH, "briques, chaux", 2020),
    ("Habiter Autrement à Villeneuve", "hpf", "Villeneuve-d'Ascq", "59", 50.62, 3.14, HAB, "vie-du-lieu", 8, R,
     "ossature bois, ouate", 2012),
    ("Les Jardins de la Filature", "hpf co", "Rennes", "35", 48.11, -1.68, HAB, "chantier", 16, RH,
     "pierre, bois, chanvre", 2018),
    ("Éco-hameau du Ruisseau", "hpf", "Saint-Nazaire", "44", 47.27, -2.21, HAB, "recherche-lieu", 9, None, "", 2023),
    ("La Maison des Ormes", "hpf", "Grenoble", "38", 45.19, 5.72, HAB, "emmenagement", 12, R, "bois, laine", 2015),
    ("Le Hameau des Buttes", "hls", "Saint-André-de-Roquelongue", "11", 43.10, 2.82, HAM, "chantier", 6, C,
     "tiny houses, yourtes", 2021),
    ("Hameau léger de Bois-Guillaume", "hls", "Bois-Guillaume", "76", 49.47, 1.12, HAM, "conception", 7, C,
     "bois, paille", 2022),
    ("Les Cabanes du Lot", "hls", "Cajarc", "46", 44.48, 1.84, HAM, "vie-du-lieu", 5, C, "bois", 2017),
    ("La Clairière", "hls", "Lamballe", "22", 48.47, -2.52, HAM, "montage", 8, C, "yourtes, bois", 2022),
    ("Hameau de la Vallée Verte", "hls", "Die", "26", 44.75, 5.37, HAM, "emergence", 4, None, "", 2024),
    ("Les Roulottes de Saint-Affrique", "hls", "Saint-Affrique", "12", 43.96, 2.89, HAM, "chantier", 6, C,
     "roulottes, bois", 2020),
    ("Le Hameau du Plateau", "hls co", "Faux-la-Montagne", "23", 45.75, 1.93, HAM, "vie-du-lieu", 9, C,
     "bois, terre", 2014),
    ("Oasis du Coq à l'Âme", "co", "Aubenas", "07", 44.62, 4.39, OAS, "vie-du-lieu", 10, RH, "pierre, chaux, bois",
     2013),
    ("Oasis de la Bergerie", "co", "Forcalquier", "04", 43.96, 5.78, OAS, "chantier", 7, RH, "pierre, terre crue",
     2019),
    ("Le Moulin de Busseix", "co", "Busseix", "24", 45.28, 0.80, OAS, "vie-du-lieu", 12, RH, "pierre, bois", 2010),
    ("Les Amanins", "co", "La Roche-sur-Grane", "26", 44.68, 4.94, OAS, "vie-du-lieu", 6, C, "paille, bois", 2004),
    ("Oasis des Hautes-Terres", "co", "Saint-Flour", "15", 45.03, 3.09, OAS, "montage", 5, R, "bois", 2021),
    ("Ferme collective du Bocage", "co", "Vire", "14", 48.84, -0.89, OAS, "conception", 6, RH, "pierre, chanvre",
     2022),
    ("Oasis de Mas Cabanes", "co hls", "Lodève", "34", 43.73, 3.32, OAS, "chantier", 8, C, "terre crue, bois", 2020),
    ("Tiers-lieu des Coteaux", "co", "Cahors", "46", 44.45, 1.44, OTH, "emergence", 3, None, "", 2024),
    ("Oasis Alsacienne", "co", "Munster", "68", 48.04, 7.13, OAS, "recherche-lieu", 5, None, "", 2023),
]

SURVEY_TITLE = "Enquête 2026 : chantiers et matériaux des collectifs"
GRID_TITLE = "Sobriété et gouvernance partagée"
GRID = [
    ("Gouvernance", ["Les décisions se prennent selon des règles connues de tous",
                     "Chacun·e peut proposer un sujet à l'ordre du jour"]),
    ("Sobriété énergétique", ["Nous suivons nos consommations", "Nos bâtiments sont isolés au-delà de la norme"]),
    ("Ouverture au territoire", ["Le lieu accueille des activités ouvertes au public",
                                 "Nous travaillons avec la commune"]),
    ("Économie partagée", ["Nous mutualisons des équipements", "Les charges sont réparties de façon solidaire"]),
    ("Matériaux", ["Nous privilégions les matériaux biosourcés", "Nous réemployons des matériaux"]),
]


def load_demo_observatory() -> list[str]:
    rng = random.Random(2026)  # the same demo every time
    partners = {p.slug: p for p in db.session.scalars(sa.select(Partner))}
    if not partners:
        return ["Observatoire : aucun partenaire, rien à faire."]
    account_line = _researcher(partners)
    collectives = _collectives(partners)
    survey_line = _survey(collectives, rng)
    grid_line = _assessments(collectives, rng)
    lines = [account_line, f"Observatoire : {len(collectives)} collectifs, {survey_line}, {grid_line}",
             _research(collectives), _plans(partners), _usage(rng), _testimonies(collectives)]
    return lines


def _researcher(partners: dict[str, Partner]) -> str:
    """The demo researcher, with a password kept beside the other demo accounts'."""
    passwords = accounts_demo._read_passwords()
    password = accounts_demo._ensure_user(RESEARCHER_EMAIL, RESEARCHER_NAME, passwords,
                                          partner=partners.get("hpf"), role=Role.RESEARCHER)
    accounts_demo._write_passwords(passwords)
    return f"  {'Chercheur·e':<18} {'HPF':<4} {RESEARCHER_EMAIL:<36} {password}"


def _collectives(partners: dict[str, Partner]) -> list[Collective]:
    phases = {p.slug: p for p in db.session.scalars(sa.select(Phase))}
    existing = {c.name: c for c in db.session.scalars(sa.select(Collective))}
    found = []
    for name, networks, commune, dep, lat, lon, kind, phase, households, work, materials, year in COLLECTIVES:
        collective = existing.get(name)
        if collective is None:
            slug = name.lower().replace(" ", "-").replace("'", "")[:40]
            collective = Collective(
                name=name, commune=commune, departement=dep, latitude=lat, longitude=lon, kind=kind,
                phase=phases[phase], households=households, building_work=work, materials=materials,
                year_founded=year, contact_name=f"Contact {name}", contact_email=f"{slug}@collectifs.example",
                description=f"{name} : un projet {'en ' + phases[phase].label.lower()} à {commune}.",
                networks=[partners[s] for s in networks.split() if s in partners])
            db.session.add(collective)
        found.append(collective)
    db.session.flush()
    # the demo learners speak for one collective of their network each
    for slug, name in (("hpf", "Les Choux Lents"), ("hls", "Le Hameau des Buttes"), ("co", "Oasis du Coq à l'Âme")):
        user = find_user_by_email(demo_email(Role.LEARNER, slug))
        collective = next(c for c in found if c.name == name)
        if user is not None and not collective.has_member(user):
            db.session.add(CollectiveMember(collective=collective, user=user))
    db.session.flush()
    return found


#: demo testimonies (commons' demo resources, by title) and the demo collectives they come from
TESTIMONY_SOURCES = {
    "Témoignage : dix ans de vie au Clos des Voisins": ["Habiter Autrement à Villeneuve"],
    "Témoignage : premier hiver en yourte au hameau de Kerlann": ["La Clairière"],
    "Témoignage : d'une ferme maraîchère à un hameau de six tiny houses": ["Le Hameau des Buttes"],
    "Témoignage : construire sa cabane en bois local avec la scierie du village": ["Les Cabanes du Lot",
                                                                                  "Le Hameau du Plateau"],
    "Témoignage : l'oasis des Trois Chênes a rénové une longère en paille": ["Oasis de la Bergerie"],
    "Témoignage : quand le groupe se sépare d'un membre fondateur": ["Les Jardins de la Filature"],
}


def _testimonies(collectives: list[Collective]) -> str:
    """Link the demo testimonies to the collectives they come from (as an editor would on the testimony's page)."""
    by_name = {c.name: c.id for c in collectives}
    titles = dict(db.session.execute(sa.select(Resource.title, Resource.id)
                                     .where(Resource.title.in_(TESTIMONY_SOURCES))).all())
    linked = set(db.session.execute(sa.select(testimony_collectives.c.resource_id,
                                              testimony_collectives.c.collective_id)).all())
    wanted = {(titles[title], by_name[name]) for title, names in TESTIMONY_SOURCES.items() if title in titles
              for name in names if name in by_name}
    missing = sorted(wanted - linked)
    if missing:
        db.session.execute(sa.insert(testimony_collectives),
                           [{"resource_id": rid, "collective_id": cid} for rid, cid in missing])
    return f"Observatoire : {len(wanted)} liens entre témoignages et collectifs."


def _survey(collectives: list[Collective], rng: random.Random) -> str:
    if db.session.scalar(sa.select(Survey.id).where(Survey.title == SURVEY_TITLE)):
        return "enquête déjà présente"
    researcher = find_user_by_email(RESEARCHER_EMAIL)
    survey = survey_service.create_survey({
        "title": SURVEY_TITLE, "closes_on": (utcnow() + timedelta(days=45)).date(),
        "introduction": "L'observatoire recense les choix de construction des collectifs pour nourrir les "
                        "ressources du commun. Comptez dix minutes ; vous pouvez enregistrer et revenir."}, researcher)
    chantier = survey_service.add_section(survey, "Le chantier")
    vie = survey_service.add_section(survey, "Le collectif")
    materials = ["Bois", "Paille", "Terre crue", "Chanvre", "Pierre", "Matériaux de réemploi"]
    questions = [
        ({"label": "Quel est le principal mode de réalisation du chantier ?", "kind": QuestionKind.SINGLE,
          "options": ["Entreprises", "Autoconstruction", "Mixte"], "is_required": True, "section_id": chantier.id}),
        ({"label": "Quels matériaux biosourcés utilisez-vous ?", "kind": QuestionKind.MULTIPLE,
          "options": materials, "section_id": chantier.id}),
        ({"label": "Budget de construction par foyer (k€)", "kind": QuestionKind.NUMBER, "section_id": chantier.id}),
        ({"label": "Satisfaction quant à l'accompagnement reçu", "kind": QuestionKind.SCALE, "scale_min": 1,
          "scale_max": 5, "is_required": True, "section_id": vie.id}),
        ({"label": "Date de la première réunion du groupe", "kind": QuestionKind.DATE, "section_id": vie.id}),
        ({"label": "Quelle ressource vous a le plus manqué ?", "kind": QuestionKind.LONG_TEXT, "section_id": vie.id}),
    ]
    made = [survey_service.add_question(survey, q) for q in questions]
    survey_service.set_status(survey, SurveyStatus.OPEN)
    invitations = survey_service.address_survey(survey, {})
    wishes = ["Des modèles de statuts de SCIA commentés", "Un guide des assurances de chantier participatif",
              "Des retours d'expérience sur la paille porteuse", "Un tableur de suivi du budget",
              "Des contacts d'architectes sensibilisés", "Une méthode pour répartir les charges"]
    answered = 0
    for invitation in invitations:
        if rng.random() < 0.25:
            continue  # some collectives have not answered yet
        answers = {
            str(made[0].id): rng.choice(made[0].options),
            str(made[1].id): rng.sample(materials, rng.randint(1, 3)),
            str(made[2].id): rng.randrange(90, 260, 10),
            str(made[3].id): rng.choice([2, 3, 4, 4, 5, 5]),
            str(made[4].id): f"{rng.randint(2008, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            str(made[5].id): rng.choice(wishes),
        }
        survey_service.save_response(invitation, answers, submit=rng.random() > 0.1)
        answered += 1
    return f"enquête adressée à {len(invitations)} collectifs ({answered} réponses)"


def _assessments(collectives: list[Collective], rng: random.Random) -> str:
    if db.session.scalar(sa.select(AssessmentGrid.id).where(AssessmentGrid.title == GRID_TITLE)):
        return "grille déjà présente"
    grid = AssessmentGrid(title=GRID_TITLE, description="Une grille courte pour situer son collectif et "
                          "en discuter ensemble : chaque critère se note de 0 (pas du tout) à 4 (pleinement).")
    for position, (title, criteria) in enumerate(GRID):
        dimension = AssessmentDimension(title=title, position=position)
        dimension.criteria = [AssessmentCriterion(label=label, position=i) for i, label in enumerate(criteria)]
        grid.dimensions.append(dimension)
    db.session.add(grid)
    db.session.flush()
    count = 0
    for collective in collectives:
        if collective.phase.slug in ("emergence", "recherche-lieu"):
            continue
        scores = {str(c.id): rng.randint(1, 4) for d in grid.dimensions for c in d.criteria}
        db.session.add(SelfAssessment(grid=grid, collective=collective, scores=scores))
        count += 1
    db.session.flush()
    return f"{count} auto-évaluations"


def _research(collectives: list[Collective]) -> str:
    if db.session.scalar(sa.select(sa.func.count()).select_from(ResearchQuestion)):
        return "Questions de recherche déjà présentes."
    by_name = {c.name: c for c in collectives}
    items = [
        ("Quel confort d'été dans les habitats légers en bois ?", QuestionStatus.UNDER_STUDY, "Le Hameau des Buttes",
         "Nos tiny houses dépassent 32 °C en juillet : quelles solutions passives fonctionnent vraiment ?"),
        ("La gouvernance partagée tient-elle après dix ans ?", QuestionStatus.FUNDED, "Les Choux Lents",
         "Nous aimerions comparer nos pratiques avec d'autres groupes installés depuis longtemps."),
        ("Quels freins institutionnels aux hameaux légers ?", QuestionStatus.ACCEPTED, "Hameau léger de Bois-Guillaume",
         "Permis, PLU, assurances : où se bloquent les projets et pourquoi ?"),
        ("La terre crue résiste-t-elle aux hivers du Massif central ?", QuestionStatus.PROPOSED,
         "Oasis des Hautes-Terres", "Avant de lancer notre chantier, nous cherchons des mesures réelles."),
        ("Les oasis réduisent-elles l'empreinte carbone de leurs habitants ?", QuestionStatus.PUBLISHED,
         "Oasis du Coq à l'Âme", "Une étude menée avec le comité scientifique sur trois années de consommations."),
    ]
    for title, status, collective, details in items:
        db.session.add(ResearchQuestion(title=title, status=status, collective=by_name.get(collective),
                                        details=details))
    db.session.flush()
    return f"{len(items)} questions de recherche."


PLANS = {
    "hpf": [("Vidéo : monter une SCIA pas à pas", "video", "juridique", "Parcours HPF — se lancer", 1),
            ("Fiche pratique : budget d'un chantier participatif", "outil", "financement", "Parcours HPF", 2),
            ("Témoignage : dix ans aux Choux Lents", "temoignage", "vivre-ensemble", "", 3),
            ("Vidéo : isoler en paille", "video", "eco-construction", "Parcours HPF — construire", 4)],
    "hls": [("Modèle de bail emphytéotique communal", "modele", "foncier", "MOOC Hameaux Légers", 1),
            ("Vidéo : isoler une tiny house en paille", "video", "eco-construction", "MOOC Hameaux Légers", 2),
            ("Plan type d'un hameau de six habitats", "plan", "habitat-leger", "MOOC Hameaux Légers", 3)],
    "co": [("Vidéo : la gouvernance partagée en oasis", "video", "gouvernance", "Parcours Oasis", 1),
           ("Méthode : auto-évaluer sa sobriété", "methode", "energie", "Parcours Oasis", 2),
           ("Dossier : financer par l'épargne citoyenne", "dossier", "financement", "", 4)],
}


def _plans(partners: dict[str, Partner]) -> str:
    if db.session.scalar(sa.select(sa.func.count()).select_from(PlannedResource)):
        return "Plans de production déjà présents."
    kinds = {k.slug: k.id for k in db.session.scalars(sa.select(Kind))}
    themes = {t.slug: t.id for t in db.session.scalars(sa.select(Theme))}
    year, count = utcnow().year, 0
    for slug, items in PLANS.items():
        if slug not in partners:
            continue
        for index, (title, kind, theme, course, quarter) in enumerate(items):
            status = PlanStatus.IN_PROGRESS if index == 0 else PlanStatus.PLANNED
            db.session.add(PlannedResource(partner_id=partners[slug].id, year=year, quarter=quarter, title=title,
                                           kind_id=kinds[kind], theme_id=themes[theme], target_course=course,
                                           status=status))
            count += 1
    db.session.flush()
    return f"{count} lignes de plans de production ({year})."


def _usage(rng: random.Random) -> str:
    if db.session.scalar(sa.select(UsageEvent.id).where(UsageEvent.source == "demo").limit(1)):
        return "Usages de démonstration déjà présents."
    resources = list(db.session.scalars(sa.select(Resource).where(Resource.status == Status.PUBLISHED,
                                                                  Resource.is_deleted.is_(False))))
    if not resources:
        return "Aucune ressource publiée : pas d'usages de démonstration."
    now, count = utcnow(), 0
    weights = {UsageKind.VIEW: 1.0, UsageKind.DOWNLOAD: 0.25, UsageKind.EMBED_LOAD: 0.4,
               UsageKind.COMPLETION: 0.15}
    for months_ago in range(5, -1, -1):
        when = now - timedelta(days=30 * months_ago)
        for resource in resources:
            base = rng.randint(0, 12) + (6 - months_ago) * 2
            for kind, weight in weights.items():
                for _ in range(int(base * weight)):
                    record_usage(kind, source="demo", resource_id=resource.id,
                                 occurred_dt=when - timedelta(hours=rng.randint(0, 600)))
                    count += 1
    learners = [find_user_by_email(demo_email(Role.LEARNER, s)) for s in ("hpf", "hls", "co")]
    comments = ["Très clair, nous l'avons utilisé en réunion.", "Il manque un exemple chiffré.", ""]
    for resource in resources[:8]:
        for learner in learners:
            if learner is not None and resource.can_view(learner):
                db.session.add(ResourceFeedback(resource_id=resource.id, user_id=learner.id,
                                                rating=rng.randint(3, 5), comment=rng.choice(comments)))
    db.session.flush()
    return f"{count} événements d'usage."
