"""The English interface: every marked string is extracted, translated and compiled, and the pages use it.

When one of the catalogue tests fails, run `make translations`, translate what is new in
app/translations/en/LC_MESSAGES/messages.po (empty or fuzzy entries), then `make translations` again.
"""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from app.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "app" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
ENGLISH_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
ENGLISH_MO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo"

#: the same extraction as `make translations`
EXTRACT_ARGS = ["-F", str(PROJECT_ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext", "--no-location",
                "--sort-output", "--project", "Terreau"]
SOURCE_PACKAGES = ("app", "commons", "courses", "media", "observatory", "partners", "paths")


def _read_po(path):
    with path.open("rb") as handle:
        return read_po(handle)


def _keys(catalog) -> set:
    """(context, msgid) of every message but the header; a plural message counts by its singular."""
    return {(message.context, message.id if isinstance(message.id, str) else message.id[0])
            for message in catalog if message.id}


def _show(keys) -> str:
    return "\n".join(f"  {msgid!r}" + (f" (context {context!r})" if context else "") for context, msgid in sorted(
        keys, key=lambda key: (key[1], key[0] or "")))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings marked in the code and templates right now, extracted as `make translations` does."""
    output = tmp_path_factory.mktemp("i18n") / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", *EXTRACT_ARGS, "-o", str(output),
                                *(str(PROJECT_ROOT / package) for package in SOURCE_PACKAGES)])
    return _read_po(output)


def test_every_marked_string_is_in_the_english_catalogue(extracted):
    marked, translated = _keys(extracted), _keys(_read_po(ENGLISH_PO))
    missing, stale = marked - translated, translated - marked
    assert not missing, "strings marked for translation but missing from the English catalogue (run `make " \
                        "translations`, then translate them):\n" + _show(missing)
    assert not stale, "strings in the English catalogue that the code no longer uses (run `make " \
                      "translations`):\n" + _show(stale)


def test_the_shipped_template_is_up_to_date(extracted):
    shipped = _keys(_read_po(TEMPLATE))
    assert shipped == _keys(extracted), "app/translations/messages.pot is stale: run `make translations`"


def test_every_english_message_is_translated():
    catalog = _read_po(ENGLISH_PO)
    untranslated = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                    if m.id and (not m.string or (not isinstance(m.string, str) and not all(m.string)))}
    fuzzy = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id and m.fuzzy}
    assert not untranslated, "English messages without a translation:\n" + _show(untranslated)
    assert not fuzzy, "English messages marked fuzzy (check them, then remove the flag):\n" + _show(fuzzy)


def test_the_compiled_catalogue_matches_the_po():
    """messages.mo is what the app reads: compiled from the current .po, message for message."""
    compiled = io.BytesIO()
    write_mo(compiled, _read_po(ENGLISH_PO))
    compiled.seek(0)
    with ENGLISH_MO.open("rb") as handle:
        shipped = read_mo(handle)
    expected = read_mo(compiled)

    def messages(catalog):
        def flat(value):
            return value if isinstance(value, str) else tuple(value)

        return {(m.context, flat(m.id)): flat(m.string) for m in catalog if m.id}

    assert messages(shipped) == messages(expected), "messages.mo is stale: run `make translations`"


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    broken = []
    for message in _read_po(ENGLISH_PO):
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for source, text in zip(ids, strings, strict=False):
            if sorted(placeholder.findall(source)) != sorted(placeholder.findall(text or "")):
                broken.append(f"  {source!r} -> {text!r}")
    assert not broken, "translations that lose or add a placeholder:\n" + "\n".join(broken)


# The pages ----------------------------------------------------------------------------------------------------

FRENCH_NAVIGATION = ("Ressources", "Partenaires", "Se connecter", "Aller au contenu")


def test_french_is_the_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="fr"' in html
    for words in FRENCH_NAVIGATION:
        assert words in html


def test_english_home_page(client):
    client.get("/langue/en")
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en"' in html
    for words in ("Resources", "Partners", "Log in", "Skip to content", "Latest published resources"):
        assert words in html, f"{words!r} missing from the English home page"
    for words in FRENCH_NAVIGATION:
        assert words not in html, f"{words!r} left in French on the English home page"


def test_english_follows_the_browser_until_a_language_is_chosen(client):
    assert "Log in" in client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    client.get("/langue/fr")
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert "Se connecter" in html and "Log in" not in html


def test_english_error_titles_and_form_errors(client):
    client.get("/langue/en")
    response = client.get("/api/v1/nulle-part")
    assert response.json["title"] == "Page not found"
    response = client.post("/connexion", data={"email": "   ", "password": "x"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "This field is required." in html and "Email address" in html


def test_messages_outside_a_request_are_in_french(app_ctx):
    """Jobs and commands have no request to choose a language from: services still word their errors."""
    from app.accounts import service

    try:
        service.invitation_from_token("not-a-token")
    except service.InvitationError as exc:
        assert str(exc) == "Ce lien d'invitation n'est pas valide."
    else:
        pytest.fail("a forged invitation token was accepted")
