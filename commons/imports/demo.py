"""The demo spreadsheet: 200 resources a partner network might already list, built the same way every time.

Its headers are the ones partners write (« Référence », « Thématiques »…) so the mapping is guessed; a few
values match no term on purpose (« Fiche pratique », « Permaculture », « Après l'installation ») so the taxonomy
step has decisions to ask for.
"""

from __future__ import annotations

import io
from datetime import date

HEADERS = ["Référence", "Titre", "Type", "Thématiques", "Phase", "Résumé", "Mots-clés", "Auteur·rices", "Lien",
           "Date", "Langue", "Licence"]
SUBJECTS = [
    ("Gouvernance partagée", "la prise de décision par consentement", "gouvernance, consentement"),
    ("Foncier et recherche de terrain", "la recherche d'un terrain avec la commune", "foncier, commune"),
    ("Financement", "le plan de financement d'un habitat groupé", "financement, prêt"),
    ("Statuts juridiques", "le choix entre SCI, SCIA et coopérative", "SCI, coopérative"),
    ("Éco-construction et matériaux", "la construction en paille porteuse", "paille, matériaux"),
    ("Habitat léger et réversible", "l'installation d'une yourte ou d'une tiny house", "yourte, tiny house"),
    ("Urbanisme et autorisations", "le dépôt d'un permis d'aménager", "PLU, permis"),
    ("Énergie et sobriété", "le chauffage au bois et l'autonomie électrique", "énergie, sobriété"),
    ("Eau et assainissement", "la phytoépuration et les toilettes sèches", "phytoépuration, eau"),
    ("Vivre ensemble", "les réunions d'habitants et la gestion des conflits", "conflits, réunions"),
    ("Permaculture", "le jardin partagé en permaculture", "jardin, permaculture"),
    ("Ancrage territorial et collectivités", "le dialogue avec les élus du territoire", "élus, territoire"),
]
KINDS = ["Méthode", "Outil", "Dossier", "Fiche pratique", "Témoignage", "Modèle ou contrat vierge", "FAQ",
         "Document scientifique"]
PHASES = ["Émergence de l'idée", "Constitution du groupe", "Recherche du lieu", "Montage juridique et financier",
          "Conception du projet", "Chantier", "Emménagement", "Après l'installation"]
OPENINGS = ["Guide pratique sur", "Retour d'expérience sur", "Questions fréquentes sur", "Atelier sur",
            "Points de vigilance pour", "Boîte à outils pour", "Étude de cas :", "Repères pour"]
AUTHORS = ["Collectif Hameaux Légers", "Habitat Participatif France", "Coopérative Oasis", "Camille Martin",
           "Lucie Bernard et Hugo Petit", "Atelier paysan", "Réseau des Oasis"]
LICENCES = ["CC BY-SA 4.0", "CC BY 4.0", "CC BY-NC-SA 4.0", ""]
COUNT = 200


def demo_rows(count: int = COUNT) -> list[list]:
    """The rows under HEADERS: every combination is reached by steady strides, never by chance."""
    rows = []
    for n in range(count):
        theme, topic, keywords = SUBJECTS[n % len(SUBJECTS)]
        second_theme = SUBJECTS[(n * 5 + 3) % len(SUBJECTS)][0]
        opening = OPENINGS[(n // len(SUBJECTS)) % len(OPENINGS)]
        title = f"{opening} {topic} (n° {n + 1})"
        summary = (f"{opening} {topic} : ce que les collectifs ont appris, les étapes à prévoir et les "
                   f"ressources pour aller plus loin.")
        rows.append([
            f"DEMO-{n + 1:03d}", title, KINDS[(n * 3) % len(KINDS)],
            theme if n % 3 else f"{theme} ; {second_theme}", PHASES[(n * 7) % len(PHASES)], summary, keywords,
            AUTHORS[n % len(AUTHORS)], f"https://exemple.org/ressources/{n + 1}",
            date(2015 + n % 10, 1 + n % 12, 1 + n % 28), "Français" if n % 9 else "fr",
            LICENCES[n % len(LICENCES)],
        ])
    return rows


def demo_workbook(count: int = COUNT) -> bytes:
    """The demo sheet as XLSX bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ressources"
    sheet.append(HEADERS)
    for row in demo_rows(count):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
