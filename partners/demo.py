"""Demo designs for `flask demo load`: the three founding networks each get a distinct look and portal.

Idempotent: a partner that already has a design keeps it (people may have edited it).
"""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts.models import Partner
from app.db import db
from partners import service
from partners.design import contrast_failures
from partners.models import PartnerDesign, SearchScope

DESIGNS = {
    "hpf": {
        "primary_colour": "#1f5f8b", "accent_colour": "#b0413e", "background_colour": "#f4f7fa",
        "text_colour": "#1b2631", "on_primary_colour": "#ffffff", "typeface": "fira",
        "tagline": "Les ressources du mouvement de l'habitat participatif, de la première réunion à la vie des lieux.",
        "header_links": [{"label": "Le mouvement", "url": "https://www.habitatparticipatif-france.fr"},
                         {"label": "Rencontres nationales", "url": "https://www.habitatparticipatif-france.fr/?RencontresNationales"}],
        "footer_links": [{"label": "Contact", "url": "https://www.habitatparticipatif-france.fr/?Contact"}],
        "host_name": "hpf.localhost", "search_scope": SearchScope.COMMONS,
        "frame_origins": ["https://www.habitatparticipatif-france.fr"],
    },
    "hls": {
        "primary_colour": "#2f6f4e", "accent_colour": "#8a5a00", "background_colour": "#fbf8f1",
        "text_colour": "#1f2421", "on_primary_colour": "#ffffff", "typeface": "atkinson",
        "tagline": "La plateforme d'accès aux contenus du programme Hameaux Légers : habiter léger, abordable et "
                   "ancré dans le territoire.",
        "header_links": [{"label": "L'association", "url": "https://hameaux-legers.org"},
                         {"label": "Le MOOC", "url": "https://hameaux-legers.org/mooc"}],
        "footer_links": [{"label": "Mentions légales", "url": "https://hameaux-legers.org/mentions-legales"},
                         {"label": "Nous écrire", "url": "https://hameaux-legers.org/contact"}],
        "host_name": "hls.localhost", "search_scope": SearchScope.OWN,
        "frame_origins": ["https://hameaux-legers.org", "https://wiki.hameaux-legers.org"],
    },
    "co": {
        "primary_colour": "#8a3f0f", "accent_colour": "#2e6b6b", "background_colour": "#fff9f2",
        "text_colour": "#2b1d14", "on_primary_colour": "#fffaf0", "typeface": "lora",
        "tagline": "Ce que les oasis apprennent : sobriété, gouvernance partagée, ouverture sur le territoire.",
        "header_links": [{"label": "La Coopérative", "url": "https://cooperative-oasis.org"},
                         {"label": "Carte des oasis", "url": "https://cooperative-oasis.org/carte"}],
        "footer_links": [{"label": "Épargne citoyenne", "url": "https://cooperative-oasis.org/epargne"}],
        "host_name": "co.localhost", "search_scope": SearchScope.COMMONS,
        "frame_origins": ["https://cooperative-oasis.org"],
    },
}


def load_demo_designs() -> list[str]:
    lines = []
    for slug, spec in DESIGNS.items():
        partner = db.session.scalar(sa.select(Partner).where(Partner.slug == slug))
        if partner is None:
            continue
        if db.session.scalar(sa.select(PartnerDesign.id).where(PartnerDesign.partner_id == partner.id)):
            continue
        assert not contrast_failures(spec), slug  # the demo must pass its own rules
        design = service.editable_design(partner)
        service.save_design(design, spec)
        service.save_integrations(design, spec)
        lines.append(f"Apparence et portail de {partner.short_name} : /p/{slug}/ (ou http://{spec['host_name']}:5000/)")
    return lines
