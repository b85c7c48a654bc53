from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from masthead.imports import wordpress
from masthead.imports.commands import ImportCommandMixin


class Command(ImportCommandMixin, BaseCommand):
    help = "Imports a WordPress site from its export (WXR, as Tools → Export writes it): posts, pages, authors, images."

    def add_arguments(self, parser):
        parser.add_argument("export", help=_("The WXR file (.xml)"))
        parser.add_argument("--uploads", help=_("The site's wp-content/uploads folder; images are read from it"))
        self.add_common_arguments(parser)

    def handle(self, *args, **options):
        self.run_import(wordpress.import_file, options["export"], images_dir=options["uploads"], options=options)
