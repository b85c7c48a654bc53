"""`manage.py load_pronunciations`: add Masthead's checked Ukrainian pronunciations to this newsroom's lexicon."""

from django.core.management.base import BaseCommand

from masthead.narration.pronunciations import load_pronunciations


class Command(BaseCommand):
    help = (
        "Adds the pronunciations that ship with Masthead (Ukrainian cities, oblasts, rivers, people) to the lexicon. "
        "Safe to run again; entries editors changed are kept, and shipped entries this release dropped are removed."
    )

    def handle(self, *args, **options):
        added, updated, removed, kept = load_pronunciations()
        self.stdout.write(
            f"Pronunciations: {added} added, {updated} updated, {removed} no longer shipped removed, "
            f"{kept} kept as they were."
        )
