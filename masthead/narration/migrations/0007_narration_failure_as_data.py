"""A narration's reason for failure becomes data, said in each editor's language (Narration.failure_said).

The old reasons were sentences the worker wrote in English; each is kept word for word as the one value of a
sentence that is only that value, so no narration loses what it said.
"""

from django.db import migrations, models

AS_WRITTEN = "%(text)s"


def to_data(apps, schema_editor):
    Narration = apps.get_model("narration", "Narration")
    for narration in Narration.objects.exclude(error=""):
        Narration.objects.filter(pk=narration.pk).update(
            failure={"says": AS_WRITTEN, "with": {"text": narration.error}}
        )


def to_text(apps, schema_editor):
    Narration = apps.get_model("narration", "Narration")
    for narration in Narration.objects.exclude(failure={}):
        failure = narration.failure or {}
        text = failure.get("says", "") % failure.get("with", {}) if "says" in failure else ""
        if "retry" in failure:
            retry = failure["retry"]
            text = f"Attempt {retry['attempt']} failed, trying again in {retry['delay']} s: {text}"
        Narration.objects.filter(pk=narration.pk).update(error=text)


class Migration(migrations.Migration):
    dependencies = [
        ("narration", "0006_lexicon_renarration_as_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="narration",
            name="failure",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(to_data, to_text),
        migrations.RemoveField(model_name="narration", name="error"),
        migrations.RenameField(model_name="narration", old_name="failure", new_name="error"),
        migrations.AlterField(
            model_name="narration",
            name="error",
            field=models.JSONField(blank=True, default=dict, verbose_name="reason for failure"),
        ),
    ]
