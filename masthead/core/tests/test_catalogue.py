"""The Ukrainian catalogue: every string a reader can meet has a Ukrainian translation written by us."""

import re
import shutil
import subprocess

import polib
from django.conf import settings as django_settings
from django.core.management import call_command

CATALOGUE = django_settings.PROJECT_DIR / "locale" / "uk" / "LC_MESSAGES" / "django.po"
# Strings only editors see (the admin, model fields, management commands) may stay English:
# Wagtail's admin follows each editor's own language setting.
EDITORS_ONLY = re.compile(
    r"(/admin|wagtail_hooks\.py|admin_views\.py|admin_menu\.py|models\.py|blocks\.py|management/|/conf\.py|/apps\.py"
    r"|livefeed/forms\.py|/imports/)"
)
IGNORED = ["var/*", "bench/*", "scripts/*", "test-artifacts/*", "*/tests/*", "*/migrations/*"]


def reader_facing(entry):
    return any(not EDITORS_ONLY.search(path) for path, _line in entry.occurrences)


def test_every_reader_facing_string_is_translated_into_ukrainian(tmp_path, monkeypatch, settings):
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

    missing = [entry.msgid for entry in gathered if reader_facing(entry) and not entry.translated()]

    assert not missing, (
        f"{len(missing)} reader-facing strings have no Ukrainian translation (run `make messages`, then "
        f"translate them in {CATALOGUE.relative_to(settings.BASE_DIR)}): {missing}"
    )
    assert len([entry for entry in gathered if reader_facing(entry)]) > 150


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
