"""Substack: the export zip (posts.csv, posts/<post_id>.html, email_list.<publication>.csv) read into Items.

Substack's export names no authors and holds no images (they stay on its
CDN, which the import never fetches): the byline is the --author given, or a
desk named after the publication, and missing images are reported.
"""

import csv
import io
import zipfile
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _

from masthead.articles.models import Contributor
from masthead.newsletters.models import Newsletter

from . import subscribers
from .importer import (
    UNTITLED,
    ZIP_DAMAGE,
    Author,
    Importer,
    ImportFileError,
    Item,
    in_site_language,
    parse_datetime_utc,
    refuse_zip_bomb,
)
from .models import Source

POSTS_COLUMNS = {"post_id", "post_date", "is_published", "title"}


class Export:
    """The files of an export, from the zip Substack sends or from the folder it unpacks to."""

    def __init__(self, path):
        path = Path(path)
        self.files = {}
        try:
            if path.is_dir():
                for file in path.rglob("*"):
                    if file.is_file():
                        self.files[str(file.relative_to(path))] = file.read_bytes
            else:
                archive = zipfile.ZipFile(path)
                refuse_zip_bomb(archive, path)
                for name in archive.namelist():
                    if not name.endswith("/"):
                        self.files[name] = lambda name=name: archive.read(name)
        except zipfile.BadZipFile as error:
            raise ImportFileError(_("This file is not a Substack export: it is not a zip file.")) from error
        except OSError as error:
            raise ImportFileError(_("The file could not be read: %(error)s") % {"error": error}) from error
        # Some unzip tools add a top folder: names are taken relative to the folder holding posts.csv.
        roots = [name[: -len("posts.csv")] for name in self.files if name.endswith("posts.csv")]
        if not roots:
            raise ImportFileError(_("This is not a Substack export: there is no posts.csv in it."))
        self.root = min(roots, key=len)

    def read(self, name):
        loader = self.files.get(self.root + name)
        if loader is None:
            return None
        try:
            return loader().decode("utf-8-sig")
        except (UnicodeDecodeError, OSError, *ZIP_DAMAGE) as error:
            raise ImportFileError(_("%(name)s in the export could not be read.") % {"name": name}) from error

    def csv(self, name):
        text = self.read(name)
        if text is None:
            return None
        try:
            return list(csv.DictReader(io.StringIO(text)))
        except csv.Error as error:  # e.g. a field over the csv module's size limit
            raise ImportFileError(_("%(name)s in the export could not be read.") % {"name": name}) from error

    def email_list(self):
        for name in self.files:
            short = name[len(self.root) :]
            if short.startswith("email_list") and short.endswith(".csv"):
                return short.removeprefix("email_list").removesuffix(".csv").strip(".") or "substack", self.csv(short)
        return None, None


def items_from(export, author):
    rows = export.csv("posts.csv") or []
    if rows and not POSTS_COLUMNS <= set(rows[0]):
        raise ImportFileError(_("This is not a Substack export: posts.csv lacks the columns Substack writes."))
    items = []
    for row in rows:
        post_id = row["post_id"]
        slug = post_id.split(".", 1)[1] if "." in post_id else post_id
        html = export.read(f"posts/{post_id}.html")
        published = (row.get("is_published") or "").lower() == "true"
        items.append(
            Item(
                source_id=post_id.split(".", 1)[0],
                kind="post",
                title=(row.get("title") or "").strip() or in_site_language(UNTITLED),
                slug=slug,
                status="published" if published else "draft",
                body_html=html or "",
                published_at=parse_datetime_utc(row.get("post_date")),
                standfirst=" ".join((row.get("subtitle") or "").split()),
                authors=[author],
                section=_("Newsletter"),
                old_urls=[f"/p/{slug}"],
            )
        )
    return items


class SubstackImporter(Importer):
    source = Source.SUBSTACK

    def missing_image(self, src):
        if self.images_dir:
            return super().missing_image(src)
        # Not "no images folder was given": the Import screen takes an images zip from WordPress and Ghost only.
        return _(
            "Image %(src)s was left out: Substack's export does not include pictures. The post was imported without it."
        ) % {"src": src}

    def email_list(self, publication, title, rows):
        """email_list.csv → subscriptions to the publication's newsletter; nobody is emailed."""
        if rows and "email" not in rows[0]:
            raise ImportFileError(_("The email list in this Substack export has no “email” column."))
        newsletter = (
            self.target("newsletter", publication, Newsletter)
            or Newsletter.objects.filter(slug=publication[:80]).first()
        )
        if newsletter is None and not self.dry_run:
            newsletter = Newsletter.objects.create(name=title[:120], slug=publication[:80], description=title[:600])
            self.summary.extra[_("newsletters created")] = 1
        if newsletter is not None and not self.dry_run:
            self.remember("newsletter", publication, newsletter)
        subscribers.import_list(
            self,
            rows,
            [newsletter],
            is_subscribed=lambda row: (row.get("email_disabled") or "").strip().lower() != "true",
            note=_("Imported from Substack on %(today)s (subscriber since %(since)s)"),
        )


def import_file(path, author=None, **options):
    """Reads and imports a Substack export (zip or unpacked folder); returns the Importer."""
    export = Export(path)
    publication, email_rows = export.email_list()
    publication = slugify(publication or Path(path).stem) or "substack"
    title = publication.replace("-", " ").title()  # "kyiv-notes" → "Kyiv Notes"
    name = author or title
    importer = SubstackImporter(site=f"substack:{publication}", **options)
    byline = Author(source_id=f"author:{name}", name=name)
    if not author and not options.get("dry_run"):
        desk = Contributor.objects.filter(name=name).first()
        if desk is None:
            Contributor.objects.create(name=name, kind=Contributor.Kind.DESK, slug=importer.unique_slug(name))
    importer.run(items_from(export, byline))
    if email_rows is not None:
        importer.email_list(publication, title, email_rows)
    return importer
