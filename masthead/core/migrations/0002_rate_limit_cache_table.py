from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The "ratelimit" cache is a database table unless Redis is configured (settings.base).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
