from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from masthead.imports import ghost
from masthead.imports.commands import ImportCommandMixin


class Command(ImportCommandMixin, BaseCommand):
    help = "Imports a Ghost site from its export (JSON): posts, pages, authors, tags, images, newsletters, members."

    def add_arguments(self, parser):
        parser.add_argument("export", help=_("The Ghost export (.json), from Settings → Labs → Export"))
        parser.add_argument(
            "--images",
            help=_(
                "Ghost's content folder (or its images folder): images, and audio, video and files beside them, are "
                "read from it"
            ),
        )
        parser.add_argument("--members", help=_("The members CSV, from Members → Export"))
        self.add_common_arguments(parser)

    def handle(self, *args, **options):
        self.run_import(
            ghost.import_file,
            options["export"],
            images_dir=options["images"],
            options=options,
            members=options["members"],
        )
