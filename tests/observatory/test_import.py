"""CSV import of collectives: a validation report with line numbers; nothing written when validating only, nor
when any row is wrong."""

from __future__ import annotations

import html
import io

import sqlalchemy as sa

from app.db import db
from observatory.models import Collective

HEADER = "nom,reseaux,commune,departement,latitude,longitude,type,phase,foyers,travaux,materiaux,annee_creation," \
         "contact_nom,contact_email,contact_telephone,public\n"
GOOD = [
    "Les Choux Lents,HPF,Lyon,69,45.75,4.85,habitat,vie-du-lieu,14,construction,bois,2009,Léa,lea@ex.org,,oui",
    "Hameau des Buttes,hls,Saint-André,11,43.1,2.82,Hameau léger,Chantier,6,Construction neuve,,2021,,,,non",
    "Oasis du Coq,co|hls,Aubenas,7,,,oasis,Vie du lieu,10,réhabilitation,pierre,2013,,,,",
]


def upload(client, text: str, mode: str):
    return client.post("/observatoire/collectifs/import", data={
        "mode": mode, "file": (io.BytesIO(text.encode()), "collectifs.csv")}, content_type="multipart/form-data")


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Collective))


def test_validating_a_good_file_writes_nothing(client, login, people, phases):
    login(people.researcher)
    response = upload(client, HEADER + "\n".join(GOOD) + "\n", "validate")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert "3 collectif(s) seraient créés, 0 mis à jour. Rien n'a été écrit." in page, page[page.find("rapport"):][:800]
    assert count() == 0


def test_importing_a_good_file_creates_then_updates(client, login, people, phases):
    login(people.researcher)
    assert upload(client, HEADER + "\n".join(GOOD) + "\n", "import").status_code == 200
    assert count() == 3
    oasis = db.session.scalar(sa.select(Collective).where(Collective.name == "Oasis du Coq"))
    assert oasis.departement == "07" and oasis.kind.value == "oasis" and oasis.phase.slug == "vie-du-lieu"
    assert {p.slug for p in oasis.networks} == {"co", "hls"} and oasis.is_listed is True
    hameau = db.session.scalar(sa.select(Collective).where(Collective.name == "Hameau des Buttes"))
    assert hameau.building_work.value == "construction" and hameau.is_listed is False
    changed = GOOD[0].replace(",14,", ",15,")
    page = html.unescape(upload(client, HEADER + changed + "\n", "import").get_data(as_text=True))
    assert "0 collectif(s) créé(s), 1 mis à jour" in page
    db.session.expire_all()
    assert count() == 3
    assert db.session.scalar(sa.select(Collective.households).where(Collective.name == "Les Choux Lents")) == 15


def test_bad_rows_are_reported_with_their_line_numbers_and_nothing_is_written(client, login, people, phases):
    login(people.researcher)
    rows = [
        GOOD[0],
        "Sans commune,hpf,,69,,,habitat,chantier,,,,,,,,",  # line 3: empty commune
        "Le Château,hpf,Paris,75,,,chateau,chantier,,,,,,,,",  # line 4: unknown kind
        GOOD[1],
        "Trop loin,hpf,Nulle part,99,,,habitat,chantier,abc,,,,,,,",  # line 6: département and households
        "Réseau fantôme,xyz,Lyon,69,,,habitat,chantier,,,,,,pas-un-email,,peut-être",  # line 7
        GOOD[0],  # line 8: same collective twice
    ]
    for mode in ("validate", "import"):
        response = upload(client, HEADER + "\n".join(rows) + "\n", mode)
        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 422
        assert "5 lignes en erreur : rien n'a été écrit." in page
        for line, text in ((3, "colonne « commune » vide"), (4, "« chateau »"), (6, "Département inconnu"),
                           (6, "Le nombre de foyers n'est pas un nombre"), (7, "Réseau inconnu : « xyz »"),
                           (7, "Adresse e-mail invalide"), (7, "« public » attend oui ou non"),
                           (8, "Doublon de la ligne 2")):
            row = page[page.index(f"<tr><td>{line}</td>"):].split("</tr>")[0]
            assert text in row, (line, text, row)
        assert count() == 0


def test_a_file_without_the_required_columns_is_refused(client, login, people, phases):
    login(people.researcher)
    page = html.unescape(upload(client, "nom;commune\nA;B\n", "import").get_data(as_text=True))
    assert "Colonnes manquantes : departement, type, phase" in page
    assert count() == 0


def test_semicolon_files_from_spreadsheets_are_read(client, login, people, phases):
    login(people.researcher)
    text = HEADER.replace(",", ";") + GOOD[0].replace(",", ";").replace("45.75", "45,75") + "\n"
    assert upload(client, text, "import").status_code == 200
    assert db.session.scalar(sa.select(Collective.latitude)) == 45.75


def test_only_researchers_import(client, login, people, phases):
    for user in (people.admin_hls, people.editor_co):
        login(user)
        assert upload(client, HEADER + GOOD[0] + "\n", "import").status_code == 403
    assert count() == 0
