"""The resource fields a column can feed, how a header is guessed, and how a cell's text becomes a value."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from commons.models import Visibility
from commons.schemas import LANGUAGES


@dataclass(frozen=True)
class Field:
    """A resource field as the mapping page offers it."""

    name: str
    label: object
    #: normalised header words that point to this field
    headers: tuple[str, ...]
    #: the vocabulary whose terms the cells name (kinds, themes…), if any
    vocabulary: str | None = None
    #: cells may hold several values separated by , ; or |
    multiple: bool = False


FIELDS = [
    Field("key", _l("Clé stable (identifiant de la ligne)"), ("cle", "key", "id", "identifiant", "reference", "ref",
                                                              "code")),
    Field("title", _l("Titre"), ("titre", "title", "nom", "intitule", "name")),
    Field("summary", _l("Résumé"), ("resume", "summary", "description", "chapeau", "extrait")),
    Field("body", _l("Contenu (Markdown)"), ("contenu", "body", "texte", "text", "corps", "notes")),
    Field("kind", _l("Type"), ("type", "kind", "genre", "format", "nature", "type de ressource"), "kinds"),
    Field("themes", _l("Thèmes"), ("themes", "theme", "thematique", "thematiques", "sujet", "sujets"), "themes",
          True),
    Field("phases", _l("Phases du projet"), ("phases", "phase", "etape", "etapes", "phase du projet"), "phases",
          True),
    Field("keywords", _l("Mots-clés"), ("mots cles", "mot cle", "keywords", "tags", "etiquettes"), multiple=True),
    Field("licence", _l("Licence"), ("licence", "license", "droits"), "licences"),
    Field("source", _l("Source ou lien"), ("source", "lien", "url", "link", "adresse", "site", "origine")),
    Field("authors", _l("Auteur·rices"), ("auteurs", "auteur", "auteurices", "auteurrices", "auteur rices",
                                          "authors", "author", "credits")),
    Field("language", _l("Langue"), ("langue", "language", "lang")),
    Field("content_date", _l("Date du contenu"), ("date", "date du contenu", "annee", "content date", "publie le")),
    Field("visibility", _l("Visibilité"), ("visibilite", "visibility", "acces", "diffusion")),
]
FIELDS_BY_NAME = {field.name: field for field in FIELDS}
#: fields every import needs a column for (the kind may come from the default kind instead)
REQUIRED = ("title",)


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: how headers and terms are compared."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """header -> field for the headers that name a field; each field is taken by its first column only."""
    mapping, taken = {}, set()
    for header in headers:
        words = normalise(header)
        for field in FIELDS:
            if field.name not in taken and words in field.headers:
                mapping[header] = field.name
                taken.add(field.name)
                break
    return mapping


def split_values(text: str) -> list[str]:
    """The values of a multi-valued cell: separated by commas, semicolons, pipes or line breaks."""
    return [part.strip() for part in re.split(r"[,;|\n]", text) if part.strip()]


LANGUAGE_NAMES = {"francais": "fr", "french": "fr", "anglais": "en", "english": "en", "allemand": "de",
                  "espagnol": "es", "italien": "it", "breton": "br", "occitan": "oc", "catalan": "ca",
                  "basque": "eu"}
VISIBILITY_NAMES = {"publique": Visibility.PUBLIC, "public": Visibility.PUBLIC, "tout le monde": Visibility.PUBLIC,
                    "commun": Visibility.COMMONS, "communs": Visibility.COMMONS, "commons": Visibility.COMMONS,
                    "reseaux": Visibility.COMMONS, "partenaire": Visibility.PARTNER, "partner": Visibility.PARTNER,
                    "reservee": Visibility.PARTNER, "privee": Visibility.PARTNER}


def language_code(text: str) -> str:
    """A language code from a code or a name (« Français » → fr); anything else is left for the schema to refuse."""
    words = normalise(text)
    if words in LANGUAGES:
        return words
    return LANGUAGE_NAMES.get(words, text.strip())


def visibility_value(text: str) -> str:
    visibility = VISIBILITY_NAMES.get(normalise(text))
    return visibility.value if visibility else text.strip()


def iso_date(text: str) -> str:
    """An ISO date from 2021-03-04, 04/03/2021, 4.3.2021 or a year alone (1st January); else the text unchanged."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01"
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return text

