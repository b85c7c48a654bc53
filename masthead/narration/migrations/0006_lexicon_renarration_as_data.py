"""The lexicon's re-narration note becomes data said in the editor's language and the newsroom's time.

The old notes were English sentences written by the worker (its times in UTC); each is read back into the same
facts, so no entry loses what its last re-narration did.
"""

import re
from datetime import UTC, datetime

from django.db import migrations, models

QUEUED = re.compile(r"(\d+) published articles mention it; re-narration queued (\d{4}-\d\d-\d\d \d\d:\d\d)\.")
HELD = re.compile(r"Held back: “.*” is in (\d+) of (\d+) published articles\.")


def read_notes(apps, schema_editor):
    LexiconEntry = apps.get_model("narration", "LexiconEntry")
    for entry in LexiconEntry.objects.exclude(renarration=""):
        done = {}
        if match := QUEUED.match(entry.renarration):
            at = datetime.strptime(match[2], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
            done = {"held": False, "count": int(match[1]), "total": None, "at": at.isoformat()}
        elif match := HELD.match(entry.renarration):
            done = {"held": True, "count": int(match[1]), "total": int(match[2]), "at": entry.updated_at.isoformat()}
        LexiconEntry.objects.filter(pk=entry.pk).update(renarration_done=done)


def write_notes(apps, schema_editor):
    LexiconEntry = apps.get_model("narration", "LexiconEntry")
    for entry in LexiconEntry.objects.all():
        done = entry.renarration_done or {}
        if done.get("held"):
            note = f"Held back: “{entry.term}” is in {done['count']} of {done['total']} published articles."
        elif "count" in done:
            at = datetime.fromisoformat(done["at"]).astimezone(UTC)
            note = f"{done['count']} published articles mention it; re-narration queued {at:%Y-%m-%d %H:%M}."
        else:
            note = ""
        LexiconEntry.objects.filter(pk=entry.pk).update(renarration=note)


class Migration(migrations.Migration):
    dependencies = [
        ("narration", "0005_lexicon_duplicate_term_message"),
    ]

    operations = [
        migrations.AddField(
            model_name="lexiconentry",
            name="renarration_done",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(read_notes, write_notes),
        migrations.RemoveField(model_name="lexiconentry", name="renarration"),
        migrations.RenameField(model_name="lexiconentry", old_name="renarration_done", new_name="renarration"),
        migrations.AlterField(
            model_name="lexiconentry",
            name="renarration",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="re-narration"),
        ),
    ]
