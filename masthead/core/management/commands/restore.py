from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.core import nightly_backup
from masthead.core.backup import BackupError, restore_backup
from masthead.core.sites import point_default_site_at


class Command(BaseCommand):
    help = (
        "Restores an archive made by `manage.py backup` into this installation (database and media). "
        "Every file is checked against the archive's checksums first. An installation that already holds a "
        "newsroom is refused unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", metavar="ARCHIVE", help="An archive, or a folder of dated ones (the newest is restored)."
        )
        parser.add_argument("--force", action="store_true", help="Replace the newsroom this installation holds.")

    def handle(self, *args, archive, force, **options):
        if Path(archive).is_dir():  # the nightly backups' folder: its newest archive
            found = nightly_backup.archives(Path(archive))
            if not found:
                raise CommandError(f"There is no dated Masthead archive (masthead-….tar.gz) in {archive}.")
            archive = found[0].path
            self.stdout.write(f"Restoring the newest archive in that folder, {archive.name}.")
        try:
            manifest = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The copy answers at this installation's own address, not the one the backup was made at.
        address = point_default_site_at()
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} ({len(manifest['files'])} files checked); "
            f"the site answers at {address or 'its saved address'}. Run `manage.py migrate` if this version is newer."
        )
