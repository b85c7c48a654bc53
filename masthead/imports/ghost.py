"""Ghost: the Admin API's database export (JSON) and its members CSV, read into Items and subscriptions."""

import csv
import json
import re

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from masthead.core.csvfiles import READ_AS_WINDOWS_1252, NotCSV, read_csv
from masthead.newsletters.models import Newsletter

from . import subscribers
from .importer import UNTITLED, Author, Importer, ImportFileError, Item, in_site_language, parse_datetime_utc
from .models import Source

SUPPORTED_MAJOR_VERSIONS = range(2, 7)  # Ghost 2.x (mobiledoc) to 6.x (Lexical); all store rendered HTML
STATUS = {"published": "published", "sent": "published", "scheduled": "scheduled", "draft": "draft"}
MEMBERS_ONLY = "<!--members-only-->"  # where the paywall card stands
# A card shown on the web to some readers only (Ghost's card visibility), as Ghost renders it:
# <!--kg-gated-block:begin nonMember:false memberSegment:"status:free" -->…<!--kg-gated-block:end-->
GATED_BLOCK_RE = re.compile(r"<!--kg-gated-block:begin(?P<who>[^>]*)-->(?P<part>.*?)<!--kg-gated-block:end-->", re.S)
NON_MEMBER_RE = re.compile(r"\bnonMember:\s*[\"']?(?P<value>true|false)")
SEGMENT_RE = re.compile(r"\bmemberSegment:\s*[\"'](?P<value>[^\"']*)[\"']")
# Ghost's segments of members: its free members, its paying ones (of any tier), or both.
SEGMENTS = {
    "status:free,status:-free": "all",
    "status:-free,status:free": "all",
    "status:free": "free",
    "status:-free": "paid",
}


def load_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise ImportFileError(_("This file is not a Ghost export: it is not text (JSON).")) from error
    except OSError as error:
        raise ImportFileError(_("The file could not be read: %(error)s") % {"error": error}) from error
    try:
        return json.loads(text)
    except RecursionError as error:  # arrays or objects nested thousands deep: never a Ghost export
        raise ImportFileError(_("This file is not a Ghost export: it has no Ghost data in it.")) from error
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) - 1:
            raise ImportFileError(
                _("The file ends too early: it looks truncated. Export it from Ghost again.")
            ) from error
        raise ImportFileError(_("This file is not a Ghost export: it is not valid JSON.")) from error


def read(path):
    """(site name, export version, data tables) from a Ghost export, or ImportFileError saying why not."""
    document = load_json(path)
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    if not isinstance(document, dict) or "meta" not in document or "data" not in document:
        raise ImportFileError(_("This file is not a Ghost export: it has no Ghost data in it."))
    version = str(document["meta"].get("version", ""))
    try:
        major = int(version.split(".")[0])
    except ValueError:
        major = None
    if major not in SUPPORTED_MAJOR_VERSIONS:
        raise ImportFileError(
            _("This export comes from Ghost %(version)s; this importer reads exports from Ghost 2 to Ghost 6.")
            % {"version": version or _("(unknown version)")}
        )
    data = document["data"]
    if not isinstance(data.get("posts"), list):
        raise ImportFileError(_("This file is not a Ghost export: it has no posts table."))
    settings = {row.get("key"): row.get("value") for row in data.get("settings", [])}
    return settings.get("title") or "Ghost", version, data


def items_from(data):
    users = {}
    for user in data.get("users", []):
        name = user.get("name") or user.get("slug") or ""
        users[user["id"]] = Author(user["id"], name, bio=user.get("bio") or "", slug=user.get("slug") or "")
    tags = {tag["id"]: tag for tag in data.get("tags", [])}
    post_tags, post_authors = {}, {}
    for row in sorted(data.get("posts_tags", []), key=lambda row: row.get("sort_order") or 0):
        post_tags.setdefault(row["post_id"], []).append(tags.get(row["tag_id"]))
    for row in sorted(data.get("posts_authors", []), key=lambda row: row.get("sort_order") or 0):
        if row["author_id"] in users:
            post_authors.setdefault(row["post_id"], []).append(users[row["author_id"]])
    meta = {row["post_id"]: row for row in data.get("posts_meta", [])}
    tier_names = {row["id"]: row.get("name") or row.get("slug") or "" for row in data.get("products", [])}
    post_tiers = {}
    for row in data.get("posts_products", []):
        if row.get("product_id") in tier_names:
            post_tiers.setdefault(row["post_id"], []).append(tier_names[row["product_id"]])
    items = []
    for post in data["posts"]:
        public = [tag for tag in post_tags.get(post["id"], []) if tag and not is_internal(tag)]
        authors = post_authors.get(post["id"]) or ([users[post["author_id"]]] if post.get("author_id") in users else [])
        extra = meta.get(post["id"], {})
        kind = post.get("type") or ("page" if post.get("page") else "post")
        items.append(
            Item(
                source_id=post["id"],
                kind="page" if kind == "page" else "post",
                title=(post.get("title") or "").strip() or in_site_language(UNTITLED),
                slug=post.get("slug") or "",
                status=STATUS.get(post.get("status"), "draft"),
                body_html=ghost_html(post),
                published_at=parse_datetime_utc(post.get("published_at")),
                modified_at=parse_datetime_utc(post.get("updated_at")),
                standfirst=" ".join((post.get("custom_excerpt") or "").split()),
                authors=authors,
                section=public[0]["name"] if public else "",
                section_slug=public[0]["slug"] if public else "",
                tags=[tag["name"] for tag in public],
                image_src=local_url(post.get("feature_image") or ""),
                image_caption=strip_html(extra.get("feature_image_caption") or post.get("feature_image_caption") or ""),
                image_alt=extra.get("feature_image_alt") or post.get("feature_image_alt") or "",
                old_urls=[f"/{post.get('slug')}/"] if post.get("slug") else [],
                notes=notes_on(post, post_tiers.get(post["id"], [])),
            )
        )
    return items, users, tags


def beginning(html, words=12):
    """The first words of some HTML, for the report to say which part it means."""
    text = strip_html(html).split()
    return " ".join(text[:words]).rstrip(".") + (" …" if len(text) > words else "")


def lexical_nodes(node):
    """Every node of a Lexical document, depth first."""
    if isinstance(node, dict):
        yield node
        for child in node.get("children") or []:
            yield from lexical_nodes(child)


def post_audience(visibility, tiers=()):
    """Who could read a post Ghost gave this visibility, in words for the report: "paying members"."""
    if visibility == "members":
        return _("members (free and paid)")
    if visibility == "paid":
        return _("paying members")
    if visibility == "tiers" and tiers:
        names = ", ".join(f"“{name}”" for name in tiers)
        words = ngettext("members of the tier %(tiers)s", "members of the tiers %(tiers)s", len(tiers))
        return words % {"tiers": names}
    return _("the readers Ghost's visibility “%(visibility)s” let in") % {"visibility": visibility}


def card_audience(params):
    """Who saw a card Ghost showed on the web to some readers only (the parameters of its gated block), in words."""
    non_member = NON_MEMBER_RE.search(params)
    segment = SEGMENT_RE.search(params)
    visitors = bool(non_member) and non_member["value"] == "true"
    members = SEGMENTS.get(segment["value"].replace(" ", "")) if segment else None
    phrases = {
        (False, "all"): _("members (free and paid)"),
        (False, "free"): _("free members"),
        (False, "paid"): _("paying members"),
        (True, None): _("visitors who are not members"),
        (True, "free"): _("visitors who are not members and free members"),
        (True, "paid"): _("visitors who are not members and paying members"),
    }
    return phrases.get((visitors, members), _("some readers"))


def notes_on(post, tiers=()):
    """What the report should say about a post beyond its HTML: who could read it on Ghost, what went by email only.

    `tiers` are the names of the tiers a post for some tiers only was for.
    """
    html = post.get("html") or ""
    notes = []
    visibility = post.get("visibility") or "public"
    if visibility != "public":
        audience = post_audience(visibility, tiers)
        if MEMBERS_ONLY in html:  # Ghost's public preview ends at the paywall card
            notes.append(("members_from", {"start": beginning(html.split(MEMBERS_ONLY, 1)[1]), "audience": audience}))
        else:
            notes.append(("members_only", {"visibility": visibility, "audience": audience}))
    for gated in GATED_BLOCK_RE.finditer(html):
        notes.append(("segment", {"start": beginning(gated["part"]), "audience": card_audience(gated["who"])}))
    try:
        document = json.loads(post.get("lexical") or "{}")
    except (TypeError, ValueError):
        document = {}
    for node in lexical_nodes(document.get("root") if isinstance(document, dict) else None):
        if node.get("type") in ("email", "email-cta") and strip_html(node.get("html") or "").strip():
            notes.append(("email_only", {"start": beginning(node["html"])}))
    return notes


def is_internal(tag):
    return tag.get("visibility") == "internal" or (tag.get("name") or "").startswith("#")


def local_url(url):
    return url.replace("__GHOST_URL__", "")


def strip_html(text):
    from django.utils.html import strip_tags

    return strip_tags(text)


def ghost_html(post):
    """The post's HTML as Ghost rendered it from Lexical or mobiledoc (both kept in the export)."""
    if post.get("html"):
        return local_url(post["html"])
    if post.get("plaintext"):
        return "".join(f"<p>{line}</p>" for line in post["plaintext"].split("\n\n") if line.strip())
    return ""


class GhostImporter(Importer):
    source = Source.GHOST

    def newsletters(self, rows):
        """Ghost newsletters → Masthead newsletters (matched by the source id, then by slug). Returns {id: row+obj}."""
        found = {}
        for index, row in enumerate(rows):
            newsletter = self.target("newsletter", row["id"], Newsletter)
            slug = slugify(row.get("slug") or row.get("name") or "newsletter")[:80]
            if newsletter is None:
                newsletter = Newsletter.objects.filter(slug=slug).first()
            if newsletter is None and not self.dry_run:
                newsletter = Newsletter.objects.create(
                    name=(row.get("name") or slug)[:120],
                    slug=slug,
                    description=(row.get("description") or row.get("name") or "")[:600],
                    sender_name=(row.get("sender_name") or "")[:120],
                    active=row.get("status", "active") == "active",
                    sort_order=row.get("sort_order") or index,
                )
                self.summary.extra[_("newsletters created")] = self.summary.extra.get(_("newsletters created"), 0) + 1
            if newsletter is not None and not self.dry_run:
                self.remember("newsletter", row["id"], newsletter)
            found[row["id"]] = (row, newsletter)
        return found

    def members(self, rows, newsletters):
        """Members CSV rows (`read_members`) → subscriptions, as Ghost shows them; nobody is emailed."""
        # Ghost's CSV says whether a member gets email, not which newsletters: a subscribed member
        # gets every active newsletter new members get (as Ghost does when it imports this CSV).
        targets = [
            newsletter
            for row, newsletter in newsletters.values()
            if newsletter is not None and row.get("status", "active") == "active" and row.get("subscribe_on_signup", 1)
        ]
        return subscribers.import_list(
            self,
            rows,
            targets,
            is_subscribed=lambda row: (row.get("subscribed_to_emails") or "").strip().lower() == "true",
            note=_("Imported from Ghost on %(today)s (member since %(since)s)"),
        )


def read_members(source):
    """A Ghost members CSV (a path or an open binary file) as a CSVFile, or ImportFileError saying why not.

    Read before anything is imported, so that a file that cannot be used stops the import before it starts.
    """
    try:
        if hasattr(source, "read"):
            data = source.read()
        else:
            with open(source, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise ImportFileError(_("The members file could not be read: %(error)s") % {"error": error}) from error
    # Ghost writes UTF-8; a file saved again by Excel on Windows is Windows-1252 (read_csv says which).
    try:
        members = read_csv(data, csv.DictReader)
    except NotCSV as error:
        raise ImportFileError(
            _("The members file cannot be read as CSV. Export the members from Ghost again and upload that file.")
        ) from error
    if not members.rows or not {"email", "subscribed_to_emails"} <= set(members.rows[0]):
        raise ImportFileError(
            _("This is not a Ghost members export: it needs the columns “email” and “subscribed_to_emails”.")
        )
    return members


def import_file(path, members=None, **options):
    """Reads and imports a Ghost export (and, if given, its members CSV); returns the Importer."""
    try:
        site, _version, data = read(path)
        items, users, tags = items_from(data)
        newsletter_rows = list(data.get("newsletters", []))
        if any(not isinstance(row, dict) or "id" not in row for row in newsletter_rows):
            raise TypeError("a newsletter row without an id")
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        # A table of the right name holding rows of another shape (a row that is not an object, a missing id):
        # a file edited by hand or by another tool. Nothing has been written yet.
        raise ImportFileError(
            _(
                "This file is not a Ghost export as Ghost writes it: one of its tables holds something else "
                "(%(error)s). Nothing was imported. Export the site from Ghost again and upload that file."
            )
            % {"error": error}
        ) from error
    member_file = read_members(members) if members else None
    importer = GhostImporter(site=site, **options)
    newsletters = importer.newsletters(newsletter_rows)
    importer.run(items)
    importer.tag_redirects({tag["slug"]: tag["name"] for tag in tags.values() if not is_internal(tag)})
    if member_file is not None:
        importer.members(member_file.rows, newsletters)
        if member_file.encoding == "cp1252":
            importer.summary.warn(_("Members file"), READ_AS_WINDOWS_1252)
    return importer
