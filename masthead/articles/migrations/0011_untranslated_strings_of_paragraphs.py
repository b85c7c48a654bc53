# Written by hand: no schema change. A translation published before the strings of a paragraph were noted one by one
# (core.untranslated.untranslated_text: "<path>#<n>") gets them now, as its next publication would.

import importlib

from django.db import migrations


def note_untranslated_text(apps, schema_editor):
    importlib.import_module("masthead.articles.migrations.0010_translation_untranslated_text").note_untranslated_text(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_translation_untranslated_text"),
    ]

    operations = [migrations.RunPython(note_untranslated_text, migrations.RunPython.noop)]
