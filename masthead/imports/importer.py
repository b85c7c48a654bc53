"""The part of every import that does not depend on the source: pages, people, images, redirects, the summary.

A source (wordpress.py, ghost.py, substack.py) reads its export into `Item`s;
`Importer.run` writes each one in its own transaction, so a failure in one post
leaves the others, and the database, consistent. Each item remembers the
source's own id (`ImportRecord`), so importing the same export again updates
what changed and creates nothing new.
"""

import hashlib
import json
import logging
import re
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Page

from masthead.articles.blocks import MEDIA_KINDS
from masthead.articles.models import ArticleContributor, ArticlePage, Contributor, HomePage, SectionPage, StandardPage
from masthead.core.indexing import index_once
from masthead.core.sqlite_share import WriterPause
from masthead.narration.api import narration_held_back

from .html import html_to_blocks, in_site_language, split_credit
from .models import ImportRecord

UNTITLED = gettext_lazy("Untitled")
# The report's sentences for an Item's notes (what a source knows about a post beyond its HTML).
NOTES = {
    # %(audience)s: who could read it on Ghost ("paying members"), ghost.post_audience and ghost.card_audience
    "members_only": gettext_lazy(
        "On Ghost it was for %(audience)s only; Masthead has no paywall, so it is public now."
    ),
    "members_from": gettext_lazy(
        "From “%(start)s” on it was for %(audience)s only; Masthead has no paywall, so all of it is public now."
    ),
    "segment": gettext_lazy("A part Ghost showed to %(audience)s only is public now: “%(start)s”."),
    "email_only": gettext_lazy("A part written for the newsletter email only was left out: “%(start)s”."),
    "reusable_missing": gettext_lazy("The reusable block #%(ref)s is not in the export; it was left out."),
    "shortcode": gettext_lazy("The shortcode [%(name)s] was removed: it needs a WordPress plugin."),
    "gallery_missing": gettext_lazy("A gallery's images (%(ids)s) are not in the export; they were left out."),
}

logger = logging.getLogger(__name__)
SIZED_RE = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's resized copies: photo-300x200.jpg


class ImportFileError(Exception):
    """The file given is not an export this importer reads: the message says why, politely."""


# What reading a file out of a damaged zip raises: a failed checksum is zipfile's own error, a broken compressed
# stream comes through as zlib's, and one cut short as EOFError.
ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError)
# Pictures barely compress and an export's text about tenfold; a zip that unpacks to far more is a zip bomb,
# which would fill the worker's disk (an images zip is unpacked) or memory (a Substack file is read whole).
ZIP_MAX_RATIO = 100


def refuse_zip_bomb(archive, path):
    """ImportFileError if the zip at `path` would unpack to more than ZIP_MAX_RATIO times its own size.

    The sizes its entries declare are what zipfile will unpack at most: it stops at them.
    """
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > ZIP_MAX_RATIO * max(Path(path).stat().st_size, 1024 * 1024):
        raise ImportFileError(
            _("%(name)s would unpack to %(size)s, far more than such an export holds; it was refused.")
            % {"name": Path(path).name, "size": filesizeformat(unpacked)}
        )


def images_folder(folder):
    """Where the images start in the folder given for them (a zip's, or the command line's).

    Ghost's whole content folder holds them in its images/, and the importer finds audio, video and other files
    beside that, in media/ and files/; an uploads or images folder holds them itself (in year folders).
    """
    folder = Path(folder)
    images = folder / "images"
    if images.is_dir() and not any(child.name.isdigit() for child in folder.iterdir()):
        return images
    return folder


def without_nul(value):
    """Text with its NUL characters taken out: exports can carry them, PostgreSQL refuses them in text, and the
    narration's voice stops at one. They are invisible, so nothing a reader would see is lost."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [without_nul(part) for part in value]
    return value


@dataclass
class Author:
    source_id: str
    name: str
    bio: str = ""
    slug: str = ""  # the old archive's slug, for its redirect

    def __post_init__(self):
        self.name, self.bio, self.slug = without_nul(self.name), without_nul(self.bio), without_nul(self.slug)


@dataclass
class Item:
    """One post or static page from an export, in the shape every source is read into."""

    source_id: str
    kind: str  # "post" or "page"
    title: str
    slug: str
    status: str  # "published", "draft" or "scheduled"
    body_html: str
    published_at: datetime | None = None
    modified_at: datetime | None = None
    standfirst: str = ""
    authors: list = field(default_factory=list)  # [Author], in byline order
    section: str = ""  # the section's name (first category, primary tag)
    section_slug: str = ""
    tags: list = field(default_factory=list)
    image_src: str = ""  # the lead image
    image_caption: str = ""
    image_alt: str = ""
    old_urls: list = field(default_factory=list)
    # What the source says about the body that its HTML does not show: [(a key of NOTES, {its details})]
    notes: list = field(default_factory=list)

    def __post_init__(self):
        for name, value in list(vars(self).items()):
            if name not in ("source_id", "authors", "notes"):
                setattr(self, name, without_nul(value))

    def fingerprint(self):
        data = asdict(self)
        # Who could read a part on the old site is for the report, and came to it later: a story imported before
        # keeps its fingerprint, so it is not converted again (over an editor's changes) for it.
        data["notes"] = [
            (key, {name: value for name, value in details.items() if name != "audience"}) for key, details in self.notes
        ]
        if not data["notes"]:  # an item without notes keeps the fingerprint it had before notes existed
            del data["notes"]
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Summary:
    """What an import did (or, with --dry-run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    warnings: list = field(default_factory=list)  # [(title, message)]
    extra: dict = field(default_factory=dict)  # e.g. {"subscriptions confirmed": 3}

    def warn(self, title, message):
        self.warnings.append((title, str(message)))

    def as_dict(self):
        return asdict(self)

    def lines(self, dry_run=False):
        counts = {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }
        head = _("Would import: ") if dry_run else _("Imported: ")
        lines = [head + ", ".join(f"{value} {name}" for name, value in counts.items())]
        lines += [f"{name}: {value}" for name, value in self.extra.items()]
        if self.warnings:
            lines.append(_("Warnings (%(count)d):") % {"count": len(self.warnings)})
            lines += [f"  “{title}”: {message}" for title, message in self.warnings]
        return lines


def parse_datetime_utc(value, fmt="%Y-%m-%d %H:%M:%S"):
    """An aware UTC datetime from the export's text, or None for empty and WordPress's zero date."""
    if not value or value.startswith("0000"):
        return None
    try:
        moment = datetime.strptime(value[:19], fmt)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


def describe(error):
    """An error as a sentence for the summary (a ValidationError's messages, not its repr)."""
    messages = getattr(error, "messages", None)
    return " ".join(str(message) for message in messages) if messages else str(error)


def old_path(url):
    """The path (and query) of an old address, for a redirect; "" if it is empty."""
    if not url:
        return ""
    parsed = urlparse(url)
    path = parsed.path or "/"
    return path + (f"?{parsed.query}" if parsed.query else "")


class Importer:
    """Writes Items into Masthead. One instance per import run."""

    source = ""

    def __init__(self, *, site, images_dir=None, section=None, dry_run=False, progress=True, on_progress=None):
        self.site = site[:300]
        self.images_dir = Path(images_dir) if images_dir else None
        self.section_slug = section
        self.dry_run = dry_run
        self.progress = progress
        self.on_progress = on_progress  # callable(done, total), e.g. the admin's progress bar
        self.summary = Summary()
        self.imported_pages = []  # ids of pages written, for what follows an import
        self._images = {}
        self._contributors = {}
        self._sections = {}
        self.home = HomePage.objects.first()

    # --- records: the source's own ids -------------------------------------------------
    def record(self, kind, source_id):
        return ImportRecord.objects.filter(
            source=self.source, site=self.site, kind=kind, source_id=str(source_id)[:300]
        ).first()

    def remember(self, kind, source_id, obj, fingerprint=""):
        ImportRecord.objects.update_or_create(
            source=self.source,
            site=self.site,
            kind=kind,
            source_id=str(source_id)[:300],
            defaults={
                "content_type": ContentType.objects.get_for_model(obj),
                "object_id": obj.pk,
                "fingerprint": fingerprint,
            },
        )

    def target(self, kind, source_id, model):
        record = self.record(kind, source_id)
        if record is None:
            return None
        return model.objects.filter(pk=record.object_id).first()

    # --- people, sections, images ----------------------------------------------------------
    def contributor(self, author):
        if author.source_id in self._contributors:
            return self._contributors[author.source_id]
        contributor = self.target("author", author.source_id, Contributor)
        if contributor is None:
            contributor = Contributor.objects.filter(name=author.name).first()
        if contributor is None:
            contributor = Contributor(name=author.name[:120], bio=author.bio[:1200], slug=self.unique_slug(author.name))
            contributor.save()
        self.remember("author", author.source_id, contributor)
        if author.slug:
            self.redirect(f"/author/{author.slug}/", link=contributor.get_absolute_url())
        self._contributors[author.source_id] = contributor
        return contributor

    @staticmethod
    def unique_slug(name):
        base = slugify(name, allow_unicode=True)[:110] or "contributor"
        slug, n = base, 1
        while Contributor.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def section(self, item):
        if self.section_slug:
            key = ("slug", self.section_slug)
        else:
            key = ("name", item.section or in_site_language(gettext_lazy("News")))
        if key in self._sections:
            return self._sections[key]
        if key[0] == "slug":
            section = SectionPage.objects.filter(slug=self.section_slug).first()
            if section is None:
                raise ImportFileError(_("There is no section with the slug “%(slug)s”.") % {"slug": self.section_slug})
        else:
            name = key[1]
            slug = slugify(item.section_slug or name, allow_unicode=True)[:255] or "news"
            section = (
                SectionPage.objects.child_of(self.home).filter(title__iexact=name).first()
                or SectionPage.objects.child_of(self.home).filter(slug=slug).first()
            )
            if section is None:
                # A draft until a story readers may see goes in (open_section): a section made for drafts alone
                # would stand empty in the site's menus.
                section = SectionPage(title=name[:255], slug=slug, live=False)
                self.home.add_child(instance=section)
                section.save_revision()
            if item.section_slug:
                self.redirect(f"/category/{item.section_slug}/", page=section)
        self._sections[key] = section
        return section

    @staticmethod
    def open_section(section, item):
        """Publishes a section that has never been live once a published story is in it (or schedules it with a
        scheduled one). A section an editor took offline stays offline."""
        if section.live or section.first_published_at is not None:
            return
        if item.status == "published":
            section.go_live_at = None
        elif item.status == "scheduled" and item.published_at and item.published_at > timezone.now():
            if section.go_live_at and section.go_live_at <= item.published_at:
                return  # already due to open with an earlier story
            section.go_live_at = item.published_at
        else:
            return  # a draft (publish() keeps a scheduled post whose time has passed a draft too)
        section.save_revision().publish()

    def local_image_path(self, src):
        """The file in the images folder an image address points at, or None."""
        if not self.images_dir:
            return None
        path = unquote(urlparse(src).path)
        for marker in ("/wp-content/uploads/", "/content/images/", "/images/"):
            if marker in path:
                path = path.split(marker, 1)[1]
                break
        else:
            path = path.lstrip("/")
        candidate = (self.images_dir / path).resolve()
        if self.images_dir.resolve() not in candidate.parents:
            return None  # never outside the folder given
        original = candidate.with_name(SIZED_RE.sub("", candidate.name))
        for option in (original, candidate):
            if option.is_file():
                return option
        return None

    def local_file_path(self, src):
        """The file in the folder given that an audio, video or other file's address points at, or None.

        WordPress keeps them with the images in wp-content/uploads; Ghost beside its content/images, in
        content/media and content/files.
        """
        if not self.images_dir:
            return None
        path = unquote(urlparse(src).path)
        for kind in ("media", "files"):
            marker = f"/content/{kind}/"
            if marker in path:
                root = (self.images_dir.parent / kind).resolve()
                candidate = (root / path.split(marker, 1)[1]).resolve()
                return candidate if root in candidate.parents and candidate.is_file() else None
        return self.local_image_path(src)

    def file_url(self, src, title, context_title):
        """The address a reader gets for a file of the export: a Wagtail document made from the file in the folder
        given; without it, the file's old address (reported); without a full one, "" (reported)."""
        path = self.local_file_path(src)
        if path is None:
            if src.startswith(("http://", "https://")):
                message = _("The file %(src)s is not in the folder given: the story links to its old address.")
            else:
                message = _("The file %(src)s is not in the folder given: only its name was kept.")
            self.summary.warn(context_title, message % {"src": src})
            return src if src.startswith(("http://", "https://")) else ""
        if self.dry_run:
            return src
        return self.document(path, title).url

    def file_key(self, path):
        """What a file of the folder given is remembered by: its path in the images folder, or (Ghost's audio, video
        and files beside it) in the folder that holds it."""
        root = self.images_dir.resolve()
        return str(path.relative_to(root if root in path.parents else root.parent))

    def document(self, path, title):
        """The Wagtail document made from the file at `path` (a file of the folder given), made once per import."""
        key = self.file_key(path)
        Document = get_document_model()
        document = self.target("document", key, Document)
        if document is None:
            with path.open("rb") as handle:
                document = Document(title=(title or path.stem)[:255], file=File(handle, name=path.name))
                document.save()
            self.remember("document", key, document)
        return document

    def media_document(self, src, title):
        """The id of the document an audio or video player of the export plays, for the body's media block; None
        when its file is not in the folder given or is not one a browser plays (file_url then links to it)."""
        path = self.local_file_path(src)
        if path is None or path.suffix.lower().lstrip(".") not in MEDIA_KINDS:
            return None
        if self.dry_run:
            return 0
        return self.document(path, title).pk

    def missing_image(self, src):
        """The summary's sentence for an image whose file the import does not have."""
        where = _("no images folder was given") if not self.images_dir else _("not in the images folder")
        return _("Image %(src)s is missing (%(where)s).") % {"src": src, "where": where}

    def image(self, src, alt, title, context_title):
        """The Wagtail image for an address in the export (read from the images folder), or None, reported."""
        if not src:
            return None
        path = self.local_file_path(src)  # the folder given, or beside it (the frame Ghost takes of a video)
        if path is None:
            self.summary.warn(context_title, self.missing_image(src))
            return None
        key = self.file_key(path)
        if key in self._images:
            return self._images[key]
        if self.dry_run:
            self._images[key] = 0
            return 0
        Image = get_image_model()
        image = self.target("image", key, Image)
        if image is None:
            try:
                with transaction.atomic(), path.open("rb") as handle:
                    image = Image(title=(title or alt or path.stem)[:255], file=ImageFile(handle, name=path.name))
                    image.save()
            except Exception:
                logger.exception("Could not import image %s", path)
                self.summary.warn(context_title, _("Image %(src)s could not be read as an image.") % {"src": src})
                return None
            self.remember("image", key, image)
        self._images[key] = image.pk
        return image.pk

    # --- redirects ------------------------------------------------------------------------
    def redirect(self, url, page=None, link=""):
        if self.dry_run:
            return
        path = Redirect.normalise_path(old_path(url))
        if not path or path == "/":
            return
        if page is not None and Redirect.normalise_path(page.url_path.removeprefix(self.home.url_path[:-1])) == path:
            return
        Redirect.objects.update_or_create(
            old_path=path,
            site=None,
            defaults={"redirect_page": page, "redirect_link": "" if page else link, "is_permanent": True},
        )

    def tag_redirects(self, tags):
        """Old tag archives (/tag/<slug>/) lead to a search for the tag, which lists its stories."""
        for slug, name in tags.items():
            if slug and name:
                self.redirect(f"/tag/{slug}/", link=f"/search/?q={quote(name)}")

    # --- the run -------------------------------------------------------------------------
    def run(self, items):
        items = list(items)
        total = len(items)
        bar = tqdm(items, total=total, unit=_("item"), disable=not self.progress, leave=False)
        if self.on_progress:
            self.on_progress(0, total)
        with narration_held_back():
            self._run(bar, total)
        return self.summary

    def _run(self, bar, total):
        pause = WriterPause()  # on SQLite, the mail worker may write between two items (core/sqlite_share.py)
        for done, item in enumerate(bar, start=1):
            try:
                with transaction.atomic(), index_once():  # a post is saved several times, indexed once
                    outcome = self.import_item(item)
            except ImportFileError:
                raise
            except Exception as error:  # one bad post must not stop the others
                logger.exception("Import of %s %s failed", self.source, item.source_id)
                self.summary.skipped += 1
                self.summary.warn(item.title, _("Not imported: %(error)s") % {"error": describe(error)})
            else:
                setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
            if self.on_progress:
                self.on_progress(done, total)
            pause.between()

    def import_item(self, item):
        model = ArticlePage if item.kind == "post" else StandardPage
        record = self.record(item.kind, item.source_id)
        fingerprint = item.fingerprint()
        if record is not None and record.fingerprint == fingerprint:
            return "unchanged"
        page = model.objects.filter(pk=record.object_id).first() if record else None
        outcome = "updated" if page is not None else "created"
        if self.dry_run:
            self.convert(item)  # reports missing images and cleaned HTML
            return outcome
        if page is None:
            page = model(live=False)
            parent = self.section(item) if model is ArticlePage else self.home
            page.slug = self.free_slug(parent, item.slug or item.title)
            self.fill(page, item)
            parent.add_child(instance=page)
        else:
            self.fill(page, item)
            if not page.live:
                page.save()
        self.publish(page, item)
        self.remember(item.kind, item.source_id, page, fingerprint)
        page.refresh_from_db()
        if model is ArticlePage:
            self.open_section(page.get_parent().specific, item)
        if item.status != "draft":  # a draft's old address never worked for readers
            for url in item.old_urls:
                self.redirect(url, page=page)
        self.imported_pages.append(page.pk)
        return outcome

    def free_slug(self, parent, wanted):
        base = slugify(unquote(wanted), allow_unicode=True)[:240] or "untitled"
        slug, n = base, 1
        while Page.objects.child_of(parent).filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def convert(self, item):
        body = html_to_blocks(
            item.body_html,
            lambda src, alt: self.image(src, alt, alt, item.title),
            lambda src, title: self.file_url(src, title, item.title),
            self.media_document,
        )
        for key, details in item.notes:
            self.summary.warn(item.title, NOTES[key] % details)
        for message in body.warnings:
            self.summary.warn(item.title, message)
        if not self.dry_run:
            for embed in body.embeds:
                self.remember_embed(embed)
        return body.blocks

    def remember_embed(self, embed):
        """Keeps the frame of a known video host, so the page shows it without asking the network at render time."""
        if not embed.frame_src:
            return
        Embed.objects.update_or_create(
            hash=get_embed_hash(embed.url),
            defaults={
                "url": embed.url,
                # Escaped: the frame's address comes from the export, and the body shows this HTML as it is.
                "html": format_html(
                    '<iframe src="{}" width="560" height="315" loading="lazy" allowfullscreen title="{}"></iframe>',
                    embed.frame_src,
                    embed.provider,
                ),
                "type": "video",
                "provider_name": embed.provider,
                "width": 560,
                "height": 315,
                "cache_until": None,
            },
        )

    def fill(self, page, item):
        page.title = item.title[:255]
        page.body = self.convert(item)
        if isinstance(page, ArticlePage):
            if len(item.standfirst) > 400:
                self.summary.warn(item.title, _("The excerpt was cut to 400 characters for the standfirst."))
            page.standfirst = item.standfirst[:400]
            page.lead_image_id = self.image(item.image_src, item.image_alt, item.image_alt, item.title)
            caption, credit = split_credit(item.image_caption)
            page.lead_image_caption, page.lead_image_credit = caption[:300], credit[:150]
            page.lead_image_alt = item.image_alt[:250]
            page.byline = [
                ArticleContributor(contributor=self.contributor(author), sort_order=index)
                for index, author in enumerate(item.authors)
            ]
            page.tags.set([tag[:100] for tag in item.tags])
            if not item.authors:
                self.summary.warn(item.title, _("No author in the export."))

    def publish(self, page, item):
        if item.status == "scheduled" and item.published_at and item.published_at > timezone.now():
            page.go_live_at = item.published_at
            page.save_revision().publish()
        elif item.status == "published":
            page.go_live_at = None
            page.first_published_at = page.first_published_at or item.published_at
            page.save_revision().publish()
            # Publishing stamps "now"; the story keeps the dates it had.
            first = item.published_at or page.first_published_at
            if first is None:  # a new page, and a date missing or unreadable in the export
                first = timezone.now()
                self.summary.warn(item.title, _("Its publication date could not be read: it is dated today."))
            last = max(item.modified_at or first, first)
            type(page).objects.filter(pk=page.pk).update(first_published_at=first, last_published_at=last)
        else:
            page.save_revision()
