from django.db import migrations


class Migration(migrations.Migration):
    """Wagtail stores each page's URL path without an index; routing looks pages up by it."""

    dependencies = [
        ("articles", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS masthead_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS masthead_page_url_path",
        ),
    ]
