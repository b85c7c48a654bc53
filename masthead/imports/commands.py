"""What the import_* management commands share: options, the summary, polite errors."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from . import services
from .importer import ImportFileError, images_folder


class ImportCommandMixin:
    def add_common_arguments(self, parser):
        parser.add_argument("--section", help=_("Put every post in this section (its slug)"))
        parser.add_argument("--dry-run", action="store_true", help=_("Say what would happen; change nothing"))
        parser.add_argument("--no-progress", action="store_true", help=_("No progress bar"))

    def run_import(self, import_file, path, images_dir=None, options=None, **extra):
        options = options or {}
        try:
            importer = import_file(
                path,
                images_dir=images_folder(images_dir) if images_dir else None,
                section=options.get("section"),
                dry_run=options.get("dry_run", False),
                progress=not options.get("no_progress") and options.get("verbosity", 1) > 0,
                **extra,
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if not importer.dry_run:
            services.after_import(importer)
        for line in importer.summary.lines(dry_run=importer.dry_run):
            self.stdout.write(line)
        return importer
