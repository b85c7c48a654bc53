# Written by hand: no schema change. Each page translated with wagtail-localize before its slug was filled from its
# title (core.translated_slugs) gets its slug counted as translated: a published one at the address it has.

from django.db import migrations

from masthead.core.translated_slugs import fill_slug


def fill_slugs(apps, schema_editor):
    Translation = apps.get_model("wagtail_localize", "Translation")
    for translation_key, locale_id in Translation.objects.filter(enabled=True).values_list(
        "source__object_id", "target_locale_id"
    ):
        fill_slug(translation_key, locale_id, apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_newsroom_texts_per_edition"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(fill_slugs, migrations.RunPython.noop)]
