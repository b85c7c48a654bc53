from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from masthead.imports import substack
from masthead.imports.commands import ImportCommandMixin


class Command(ImportCommandMixin, BaseCommand):
    help = "Imports a Substack publication from its export (zip): posts and the email list."

    def add_arguments(self, parser):
        parser.add_argument("export", help=_("The export zip (or the folder it unpacks to)"))
        parser.add_argument("--author", help=_("Who wrote the posts (Substack's export does not say)"))
        self.add_common_arguments(parser)

    def handle(self, *args, **options):
        self.run_import(substack.import_file, options["export"], options=options, author=options["author"])
