"""The Ukrainian catalogue: every string, for readers and editors alike, has a Ukrainian translation written by us."""

import re
import shutil
import subprocess

import polib
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
    # admin follows each editor's own language, and its own screens are already in Ukrainian.
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
