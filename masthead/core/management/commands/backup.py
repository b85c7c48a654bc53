from django.core.management.base import BaseCommand, CommandError

from masthead.core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Writes one archive with a consistent copy of the database and the media, while the site and workers run. "
        "DEST is a file name (….tar.gz) or a folder to put a dated archive in."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", metavar="DEST")

    def handle(self, *args, destination, **options):
        try:
            path, manifest = make_backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Backup written to {path}: the {manifest['database']['vendor']} database and {media} media files."
        )
