"""`manage.py start_newsroom`: a new, empty newsroom on a production install (`load_demo` is for trying Masthead).

    manage.py start_newsroom "The Odesa Courier" --section News --section "Culture=Культура" --edition uk

Makes the roles (`setup_roles`), the front page in place of Wagtail's welcome page, the sections, the newsroom's
name in its settings, the default site at MASTHEAD_BASE_URL's address and, with --edition, the other edition's
front page and sections (at /uk/). Everything else is done in the admin by an Admin (`createsuperuser`).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Site

from masthead.articles import factories
from masthead.articles.models import HomePage
from masthead.core.models import NewsroomSettings
from masthead.core.sites import point_default_site_at


class Command(BaseCommand):
    help = "Sets up a new, empty newsroom: its front page, sections, name, address, roles and editions."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The newsroom's name, as readers see it.")
        parser.add_argument(
            "--section",
            action="append",
            default=[],
            dest="sections",
            metavar="TITLE[=TRANSLATED TITLE]",
            help="A section, in menu order (repeat the option); with --edition, its title there after '='.",
        )
        other = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        parser.add_argument(
            "--edition", choices=other, help="Also the edition in this language, at /<language>/ (e.g. uk)."
        )

    def handle(self, *args, name, sections, edition=None, **options):
        name = name.strip()
        if not name:
            raise CommandError('Give the newsroom\'s name, e.g. start_newsroom "The Odesa Courier".')
        existing = HomePage.objects.first()
        if existing is not None:
            raise CommandError(
                f"This database already has a newsroom, “{existing.title}”: start_newsroom only sets up an empty one. "
                "Change its name in Settings → Newsroom settings, and add sections in Pages."
            )
        titles = self.titles(sections)
        call_command("setup_roles", stdout=self.stdout if options["verbosity"] > 1 else None)
        with transaction.atomic():
            home = factories.make_site(title=name)
            site = Site.objects.get(root_page=home)
            site.site_name = name
            site.save()
            newsroom = NewsroomSettings.for_site(site)
            newsroom.name = name
            newsroom.save()
            made = [
                (factories.make_section(home, title, slug=slugify(title, allow_unicode=True)), translated)
                for title, translated in titles
            ]
            for section, _translated in made:
                section.save_revision().publish()  # a revision, so the editor opens the page as it is
            if edition:
                factories.translate_page(home, language_code=edition)
                for section, translated in made:
                    factories.translate_page(section, language_code=edition, title=translated or section.title)
        root = point_default_site_at()
        self.stdout.write(f"Newsroom “{name}” at {root or 'the default site'}/ with {len(made)} section(s).")
        if edition:
            self.stdout.write(f"Its {edition} edition is at {root}/{edition}/.")
        self.stdout.write(
            "Next: `manage.py createsuperuser` for the first Admin, then in /admin/: Settings → Newsroom settings "
            "(logo, colour, time zone, postal address for newsletters), Contributors, Newsletters, Users."
        )

    @staticmethod
    def titles(options):
        """[(title, translated title or "")] from the --section options; an error for an empty or repeated one."""
        titles, slugs = [], set()
        for option in options:
            title, _equals, translated = (part.strip() for part in option.partition("="))
            if not title:
                raise CommandError(f"A section needs a title before any '=': “{option}”.")
            slug = slugify(title, allow_unicode=True)
            if not slug or slug in slugs:
                raise CommandError(f"“{title}” makes no address of its own for the section (/{slug}/).")
            slugs.add(slug)
            titles.append((title, translated))
        return titles
