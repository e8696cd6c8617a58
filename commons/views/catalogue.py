"""Commons pages for reading: the home page, the catalogue with its filters, a resource and its files.

Each handler loads what the URL names (404), checks access with the model's `can_view`/`can_edit`, then
renders. The helpers at the top are shared with the editing pages.
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import abort, render_template, request, send_file, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from sqlalchemy.orm import selectinload

from app.accounts.models import Partner
from app.db import db
from app.http import deny, me  # noqa: F401 - the package's views import them from here
from app.i18n import N_
from app.templating import add_nav_item
from commons import service, taxonomy
from commons.attachments import INLINE_TYPES
from commons.models import (
    STATUS_TRANSITIONS,
    Attachment,
    Kind,
    Resource,
    Status,
    Theme,
    Visibility,
    resource_themes,
)
from commons.schemas import LANGUAGES, CatalogueFilterSchema
from commons.views import bp
from media.models import MediaAsset
from media.storage import get_storage

bp.record_once(lambda state: add_nav_item(state.app, _l("Ressources"), "commons.catalogue", 10))

#: catalogue filters that take several values (checkboxes)
LIST_FILTERS = ("kind", "theme", "phase", "partner", "licence", "language", "year")
PER_PAGE = 12

STATUS_LABELS = {
    Status.DRAFT: _l("Brouillon"), Status.IN_REVIEW: _l("En relecture"),
    Status.PUBLISHED: _l("Publiée"), Status.ARCHIVED: _l("Archivée"),
}
#: the button offered for each move of the workflow, in display order
TRANSITION_LABELS = {
    Status.PUBLISHED: _l("Publier"), Status.IN_REVIEW: _l("Soumettre à relecture"),
    Status.DRAFT: _l("Repasser en brouillon"), Status.ARCHIVED: _l("Archiver"),
}
VISIBILITY_LABELS = {
    Visibility.PUBLIC: _l("Publique"), Visibility.COMMONS: _l("Commun des réseaux"),
    Visibility.PARTNER: _l("Réservée aux partenaires propriétaires"),
}
VISIBILITY_HELP = {
    Visibility.PUBLIC: _l("Tout le monde peut la lire, même sans compte."),
    Visibility.COMMONS: _l("Les membres de tous les réseaux partenaires peuvent la lire."),
    Visibility.PARTNER: _l("Seuls les membres du partenaire propriétaire et des co-propriétaires peuvent la lire."),
}
LANGUAGE_NAMES = {
    "fr": _l("Français"), "en": _l("Anglais"), "de": _l("Allemand"), "es": _l("Espagnol"), "it": _l("Italien"),
    "br": _l("Breton"), "oc": _l("Occitan"), "ca": _l("Catalan"), "eu": _l("Basque"),
}
#: filters of the catalogue sidebar, in display order
FILTER_GROUPS = [
    ("kind", _l("Type")), ("theme", _l("Thème")), ("phase", _l("Phase du projet")), ("partner", _l("Partenaire")),
    ("licence", _l("Licence")), ("language", _l("Langue")), ("year", _l("Année")),
]
#: filters offering the terms of a vocabulary (commons.taxonomy's API names)
TERM_FILTERS = {"kind": "kinds", "theme": "themes", "phase": "phases", "licence": "licences"}
FILTER_LABELS = dict(FILTER_GROUPS, q=_l("Recherche"), sort=_l("Tri"))
SORT_OPTIONS = [("recent", _l("Les plus récentes")), ("title", _l("Titre (A → Z)")),
                ("content_date", _l("Date du contenu"))]


@bp.context_processor
def commons_labels():
    return {"status_labels": STATUS_LABELS, "visibility_labels": VISIBILITY_LABELS,
            "visibility_help": VISIBILITY_HELP, "language_names": LANGUAGE_NAMES, "Status": Status}


#: sizes in kilo-, mega- and gigabytes, as people write them in the interface's language
FILE_SIZE_UNITS = {"ko": N_("%(size)s ko"), "Mo": N_("%(size)s Mo"), "Go": N_("%(size)s Go")}


@bp.app_template_filter("file_size")
def file_size(size: int | None) -> str:
    """A size people read: 830 o, 12 ko, 3,4 Mo."""
    size = float(size or 0)
    if size < 1024:
        return _("%(size)s o", size=int(size))
    for unit in ("ko", "Mo", "Go"):
        size /= 1024
        if size < 1024 or unit == "Go":
            break
    return _(FILE_SIZE_UNITS[unit], size=format_decimal(round(size, 1)))


# Shared by the pages of the commons --------------------------------------------------------------------------


def resource_or_404(resource_id: int, options=()) -> Resource:
    """The resource, when it exists and the user may see it (trashed ones only for its editors); `options` are
    loader options for what the caller will show of it."""
    resource = db.session.get(Resource, resource_id, options=options)
    if resource is None or not resource.can_view(me()):
        abort(404)
    return resource


def require_editing(resource: Resource) -> None:
    if not resource.can_edit(me()):
        deny()


def render_resource(resource: Resource, status: int = 200, **context):
    """The resource page; editing views render it again, with a status, when an action is refused."""
    user = me()
    can_edit = resource.can_edit(user)
    transitions = []
    if can_edit and not resource.is_deleted:
        allowed = STATUS_TRANSITIONS[resource.status]
        transitions = [(status_, label) for status_, label in TRANSITION_LABELS.items() if status_ in allowed]
    return render_template("commons/resource.html", resource=resource, can_edit=can_edit,
                           transitions=transitions, **context), status


def _active_terms(model) -> list:
    return list(db.session.scalars(sa.select(model).where(model.is_retired.is_(False)).order_by(model.position)))


def active_partners() -> list[Partner]:
    return list(db.session.scalars(sa.select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.name)))


# Home ---------------------------------------------------------------------------------------------------------

@bp.get("/")
def home():
    """What Terreau is, a search box, the kinds and themes with their counts, the latest resources."""
    user = me()
    latest = service.list_resources(user, {"status": [Status.PUBLISHED]}, 1, 6, service.CARD_RELATIONS).items
    kind_counts = db.session.execute(
        sa.select(Kind, sa.func.count(Resource.id)).join(Resource, Resource.kind_id == Kind.id)
        .where(Resource.visible_to(user)).group_by(Kind.id).order_by(Kind.position)).all()
    theme_counts = dict(db.session.execute(
        sa.select(resource_themes.c.theme_id, sa.func.count(Resource.id))
        .join(Resource, Resource.id == resource_themes.c.resource_id)
        .where(Resource.visible_to(user)).group_by(resource_themes.c.theme_id)).all())
    total = db.session.scalar(sa.select(sa.func.count(Resource.id)).where(Resource.visible_to(user)))
    return render_template("commons/home.html", latest=latest, kind_counts=kind_counts, total=total,
                           themes=_active_terms(Theme), theme_counts=theme_counts, partners=active_partners(),
                           can_contribute=(user.is_authenticated and user.is_contributor))


# Catalogue ----------------------------------------------------------------------------------------------------

def load_filters(args) -> tuple[dict, list[str]]:
    """Filters from the query string; invalid values are dropped and their filters named for a message."""
    raw = {key: [v for v in args.getlist(key) if v.strip()] for key in LIST_FILTERS if key in args}
    raw.update({key: args[key] for key in ("q", "sort") if args.get(key, "").strip()})
    schema = CatalogueFilterSchema()
    try:
        return schema.load(raw), []
    except ValidationError as exc:
        for key, messages in exc.messages.items():
            if isinstance(messages, dict) and isinstance(raw.get(key), list):  # some items of a list
                raw[key] = [value for index, value in enumerate(raw[key]) if index not in messages]
            else:
                raw.pop(key, None)
        return schema.load(raw), [str(FILTER_LABELS.get(key, key)) for key in exc.messages]


def _catalogue_url(page: int | None = None, **changes) -> str:
    """The catalogue URL with the current query string, another page, or some filters changed."""
    args = [(key, value) for key, value in request.args.items(multi=True)
            if key != "page" and key not in changes and value != ""]
    for key, values in changes.items():
        args += [(key, value) for value in (values if isinstance(values, list) else [values])]
    if page and page > 1:
        args.append(("page", str(page)))
    query = urlencode(args)
    return url_for("commons.catalogue") + ("?" + query if query else "")


def _filter_years(user) -> list[int]:
    """Years that have resources: the content's date, else the publication date (as the year filter does)."""
    year = sa.func.coalesce(sa.extract("year", Resource.content_date), sa.extract("year", Resource.published_dt))
    years = db.session.scalars(sa.select(year).where(Resource.visible_to(user), year.is_not(None)).distinct())
    return sorted({int(year) for year in years}, reverse=True)


@functools.cache
def _filter_choices_query() -> sa.Select:
    """The terms and the partners the filters offer, in one query; the statement is the same for every request,
    so it is built once (building it cost more than running it)."""
    terms = [taxonomy.offered_select(taxonomy.VOCABULARIES[vocabulary], name)
             for name, vocabulary in TERM_FILTERS.items()]
    partners = taxonomy.listed_select("partner", Partner.slug, Partner.name, sa.null(), sa.literal(0)).where(
        Partner.is_active.is_(True))
    return taxonomy.lists_query(*terms, partners)


def _filter_options(user, locale: str) -> dict[str, list[tuple[str, str]]]:
    choices = taxonomy.read_lists(_filter_choices_query())

    def terms(name):
        return [(term.slug, term.display_label(locale)) for term in choices.get(name, [])]

    return {
        "kind": terms("kind"), "theme": terms("theme"), "phase": terms("phase"),
        "partner": [(partner.slug, partner.label) for partner in choices.get("partner", [])],
        "licence": terms("licence"),
        "language": [(code, str(LANGUAGE_NAMES[code])) for code in LANGUAGES],
        "year": [(str(year), str(year)) for year in _filter_years(user)],
    }


def _active_filters(filters: dict, options: dict) -> list[tuple[str, str, str]]:
    """(filter, value, URL without that value) for each chosen value, to show as removable chips."""
    chips = []
    for key, label in FILTER_GROUPS:
        names = dict(options[key])
        chosen = [str(value) for value in filters.get(key, [])]
        for value in chosen:
            others = [other for other in chosen if other != value]
            chips.append((str(label), names.get(value, value), _catalogue_url(**{key: others})))
    if filters.get("q"):
        chips.append((str(FILTER_LABELS["q"]), filters["q"], _catalogue_url(q=[])))
    return chips


def _wants_results_only() -> bool:
    """htmx asked for the results block alone (not when it restores a page missing from its history)."""
    return (request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == "resultats"
            and not request.headers.get("HX-History-Restore-Request"))


@bp.get("/ressources/")
def catalogue():
    """Every resource the user may see, filtered by the query string; htmx swaps the results alone."""
    user = me()
    filters, ignored = load_filters(request.args)
    page = service.list_resources(user, filters, max(1, request.args.get("page", 1, type=int)), PER_PAGE,
                                  service.CARD_RELATIONS)
    options = _filter_options(user, str(get_locale()))
    context = {"page": page, "filters": filters, "ignored": ignored, "page_url": _catalogue_url,
               "chips": _active_filters(filters, options),
               "can_contribute": user.is_authenticated and user.is_contributor}
    if _wants_results_only():
        response = render_template("commons/_results.html", **context)
    else:
        response = render_template("commons/catalogue.html", options=options, groups=FILTER_GROUPS,
                                   sort_options=SORT_OPTIONS, **context)
    return response, 200, {"Vary": "HX-Request, HX-Target"}


# A resource and its files -------------------------------------------------------------------------------------

#: the resource page's players list each video's renditions and captions: one query for all, not two per video
PAGE_MEDIA = selectinload(Resource.media).options(selectinload(MediaAsset.renditions),
                                                  selectinload(MediaAsset.captions))


@bp.get("/ressources/<int:resource_id>")
def resource(resource_id: int):
    return render_resource(resource_or_404(resource_id, [PAGE_MEDIA]))


@bp.get("/pieces-jointes/<int:attachment_id>/<path:filename>")
def download_attachment(attachment_id: int, filename: str):
    """The file, typed as sniffed at upload; only PDFs, images and plain text open in the browser."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.is_deleted or not attachment.resource.can_view(me()):
        abort(404)
    path = get_storage().path(attachment.storage_key)
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=attachment.mime_type, download_name=attachment.filename,
                     as_attachment=attachment.mime_type not in INLINE_TYPES)
