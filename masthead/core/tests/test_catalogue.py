"""The Ukrainian catalogue: every string, for readers and editors alike, has a Ukrainian translation written by us."""

import json
import re
import shutil
import subprocess

import polib
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

CATALOGUE = django_settings.PROJECT_DIR / "locale" / "uk" / "LC_MESSAGES" / "django.po"
IGNORED = ["var/*", "bench/*", "scripts/*", "test-artifacts/*", "*/tests/*", "*/migrations/*"]


def translated(entry, plural_forms):
    # A fuzzy guess is not compiled, so it counts as missing (polib's translated() says so); a plural
    # needs every form the header declares, the last one being Ukrainian's form for fractions.
    return entry.translated() and (not entry.msgid_plural or len(entry.msgstr_plural) == plural_forms)


def test_every_string_is_translated_into_ukrainian(tmp_path, monkeypatch, settings):
    # Editors' strings too (the admin, model fields, the importers, management commands): Wagtail's
    # admin follows each editor's own language, and its own strings are in Ukrainian (below).
    # Gather the strings from the code as it is now (not as the catalogue last saw it),
    # merged into the catalogue of a copy of the source tree: a new string shows up untranslated.
    # makemessages writes into the `locale` folder it finds beside the sources, so it runs on a
    # copy; run on the checkout it would rewrite the committed catalogue and compare it with itself.
    source = django_settings.PROJECT_DIR
    copy = tmp_path / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("fixtures", "__pycache__", "*.mo"))
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["uk"], add_location="file", ignore_patterns=IGNORED, verbosity=0)
    gathered = polib.pofile(str(copy / CATALOGUE.relative_to(source)))
    plural_forms = int(re.search(r"nplurals=(\d+)", gathered.metadata["Plural-Forms"]).group(1))
    strings = [entry for entry in gathered if not entry.obsolete]

    missing = [entry.msgid for entry in strings if not translated(entry, plural_forms)]

    assert not missing, (
        f"{len(missing)} strings have no Ukrainian translation (run `make messages`, then "
        f"translate them in {CATALOGUE.relative_to(settings.BASE_DIR)}): {missing}"
    )
    assert len(strings) > 600


def test_the_catalogue_compiles_with_its_placeholders_intact():
    # msgfmt --check-format refuses a translation whose %(name)s placeholders differ from the English.
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated messages" in result.stderr


def test_every_string_of_wagtail_and_the_other_apps_has_ukrainian_too():
    """An editor whose admin is in Ukrainian reads Wagtail's own screens in Ukrainian: the strings the apps ship
    without a translation (about 550, most of them Wagtail's) are in masthead/locale_apps, written by us."""
    from pathlib import Path

    from django.apps import apps
    from django.utils.translation import trans_real

    missing = []
    for app in apps.get_app_configs():
        folder = Path(app.path) / "locale"
        if django_settings.PROJECT_DIR in Path(app.path).parents:
            continue
        for domain in ("django", "djangojs"):
            sources = sorted(folder.glob(f"*/LC_MESSAGES/{domain}.po"), key=lambda path: path.parts[-3] != "en")
            if not sources:
                continue
            # As Django looks strings up: the page's catalogue merges every app's, a script's is its package's.
            localedirs = None if domain == "django" else [str(folder)]
            catalogue = trans_real.DjangoTranslation("uk", domain=domain, localedirs=localedirs)._catalog
            for entry in polib.pofile(str(sources[0])):
                key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
                if not entry.obsolete and (key, 0) not in catalogue and key not in catalogue:
                    missing.append(f"{app.label} ({domain}): {entry.msgid}")
    assert not missing, f"{len(missing)} strings have no Ukrainian (add them to masthead/locale_apps): {missing[:20]}"


@pytest.mark.django_db
def test_an_editor_in_ukrainian_reads_wagtails_own_screens_in_ukrainian(client, newsroom):
    from wagtail.users.models import UserProfile

    from masthead.core.testing import user_in

    editor = user_in("Editors", "ed")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "uk"
    profile.save()
    client.force_login(editor)

    dashboard = client.get("/admin/").content.decode()
    assert "Шукати на всіх сторінках…" in dashboard and "Search all pages…" not in dashboard
    article = newsroom["articles"][0]
    editor_page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    for english, ukrainian in [
        ("Content metrics", "Показники тексту"),
        ("Save changes", "Зберегти зміни"),
        ("Preview in mobile size", "Переглянути в розмірі телефона"),
        ("Choose who can view the live version of this page", "Виберіть, хто бачитиме опубліковану версію"),
    ]:
        assert ukrainian in editor_page and english not in editor_page, english
    # An inline list's add button is a whole phrase: Wagtail's "Add %(label)s" gave «Додати Автор».
    assert "Додати автора" in editor_page and "Додати Автор" not in editor_page
    assert "Додати пов’язаний матеріал" in editor_page
    # The strings of Wagtail's scripts come from its JavaScript catalogue.
    scripts = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", scripts, re.S).group(1))
    prompt = catalogue["Write something or type ‘/’ to insert a block"]
    assert prompt == "Напишіть щось або введіть «/», щоб вставити блок"
    assert catalogue["Main menu"] == "Головне меню"
    # The translation editor's button is followed by the language's name: wagtail-localize's own ran into it.
    assert catalogue["Publish in "] + "Українська" == "Опублікувати: Українська"
