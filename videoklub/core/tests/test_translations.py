"""The interface is Dutch (nl-BE) first: every string is translated, and the language switches."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from videoklub.accounts.forms import EmailAuthenticationForm
from videoklub.testing.factories import PASSWORD, UserFactory
from videoklub.testing.i18n import dutch

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # the `videoklub` package
PO_PATH = PACKAGE_DIR / "locale" / "nl_BE" / "LC_MESSAGES" / "django.po"
# The same arguments as `make messages` in the Makefile.
MAKEMESSAGES_ARGS = [
    "makemessages",
    "--locale",
    "nl_BE",
    "--no-obsolete",
    "--no-location",
    "--ignore",
    "*/tests/*",
    "--ignore",
    "testing/*",
]
# Python named and positional placeholders (%(name)s, %s, %d, ...), not an escaped %%.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%]")


def _key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _is_translated(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags or entry.obsolete:
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return len(forms) == 2 and all(text.strip() for text in forms.values())
    return bool(entry.msgstr.strip())


def _placeholders(text: str) -> set[str]:
    return {match for match in PLACEHOLDER.findall(text) if match != "%%"}


def test_the_catalogue_is_dutch_for_belgium_with_two_plural_forms():
    po = polib.pofile(str(PO_PATH))
    assert po.metadata["Language"] == "nl_BE"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert not po.metadata_is_fuzzy


def test_every_string_is_translated(tmp_path):
    """Extract the strings of the current source, as `make messages` does, into a copy."""
    if shutil.which("xgettext") is None or shutil.which("msgattrib") is None:
        pytest.fail("GNU gettext is needed to extract the strings: run `make system-deps`.")
    source = tmp_path / "videoklub"
    shutil.copytree(PACKAGE_DIR, source, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (source / "locale" / "nl_BE" / "LC_MESSAGES").mkdir(parents=True)
    # Without settings makemessages writes only into ./locale of the copy. With the project's
    # settings it would also consider LOCALE_PATHS, i.e. overwrite the committed catalogue.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-m", "django", *MAKEMESSAGES_ARGS],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted_path = source / "locale" / "nl_BE" / "LC_MESSAGES" / "django.po"
    assert extracted_path.exists(), result.stdout + result.stderr
    extracted = [e for e in polib.pofile(str(extracted_path)) if not e.obsolete]
    assert len(extracted) > 100, "makemessages found suspiciously few strings"

    committed = {_key(e): e for e in polib.pofile(str(PO_PATH))}
    missing = [
        entry.msgid if not entry.msgid_plural else f"{entry.msgid} / {entry.msgid_plural}"
        for entry in extracted
        if _key(entry) not in committed or not _is_translated(committed[_key(entry)])
    ]
    assert not missing, (
        f"{len(missing)} string(s) without a Dutch translation in {PO_PATH.name}; "
        "run `make messages` and translate:\n" + "\n".join(f"  {m!r}" for m in missing)
    )


def test_placeholders_match():
    wrong = []
    for entry in polib.pofile(str(PO_PATH)):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            expected = _placeholders(entry.msgid) | _placeholders(entry.msgid_plural)
            translations = list(entry.msgstr_plural.values())
        else:
            expected = _placeholders(entry.msgid)
            translations = [entry.msgstr]
        for text in translations:
            if text and _placeholders(text) != expected:
                wrong.append(f"{entry.msgid!r}: {sorted(expected)} ≠ {sorted(_placeholders(text))}")
    assert not wrong, "placeholders differ between English and Dutch:\n" + "\n".join(wrong)


def test_the_placeholder_check_sees_named_and_positional_placeholders():
    assert _placeholders("Hello %(name)s, %d files, 100%% done") == {"%(name)s", "%d"}


@pytest.mark.django_db
def test_dutch_is_the_default_language(client):
    assert settings.LANGUAGE_CODE == "nl-be"
    response = client.get(reverse("accounts:login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl-be">' in content
    assert "<h1>Aanmelden</h1>" in content
    # Django's own `nl` catalogue also knows "Aanmelden"; these texts exist only in ours.
    assert "Meld je aan met het e-mailadres waarmee je uitgenodigd bent." in content
    assert "Wachtwoord vergeten?" in content
    assert "Log in" not in content


@pytest.mark.django_db
def test_language_switch_to_english(client):
    login_url = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login_url})
    assert response.status_code == 302
    assert response["Location"] == login_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    content = client.get(login_url).content.decode()
    assert '<html lang="en">' in content
    assert "<h1>Log in</h1>" in content
    assert "Aanmelden" not in content


@pytest.mark.django_db
def test_a_logged_in_teacher_switches_to_english_and_back(client):
    client.force_login(UserFactory(full_name="Lotte Peeters"))
    home = reverse("home:home")
    assert "Welkom, Lotte" in client.get(home).content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": home})
    content = client.get(home).content.decode()
    assert "Welcome, Lotte" in content
    assert "Log out" in content

    client.post(reverse("set_language"), {"language": "nl-be", "next": home})
    content = client.get(home).content.decode()
    assert '<html lang="nl-be">' in content
    assert "Afmelden" in content


@pytest.mark.django_db
def test_a_wrong_password_shows_a_clear_dutch_message(client):
    UserFactory(email="lotte.peeters@school.test")
    response = client.post(
        reverse("accounts:login"),
        {"username": "lotte.peeters@school.test", "password": PASSWORD + "-wrong"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    message = dutch(EmailAuthenticationForm.error_messages["invalid_login"])
    assert "wachtwoord" in message
    content = response.content.decode()
    assert message in content
    assert '<html lang="nl-be">' in content


@pytest.mark.django_db
def test_django_s_own_messages_are_dutch_too(client):
    # Django ships an `nl` catalogue; nl-be falls back to it for the built-in texts.
    response = client.post(
        reverse("accounts:login"), {"username": "geen-adres", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()
