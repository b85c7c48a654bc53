from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    """One Wagtail Locale per edition in settings.LANGUAGES (English and Ukrainian)."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_newsroom_postal_address"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
