"""WordPress: a WXR file (what Tools → Export writes) read into Items."""

import json
import re
from html import escape, unescape
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree
from django.utils.translation import gettext as _

from .importer import UNTITLED, Author, Importer, ImportFileError, Item, in_site_language, parse_datetime_utc
from .models import Source

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
}
WXR_VERSIONS = ("1.0", "1.1", "1.2")
STATUS = {"publish": "published", "future": "scheduled", "draft": "draft", "pending": "draft", "private": "draft"}
BLOCK_LEVEL_RE = re.compile(r"^\s*(<(h[1-6]|blockquote|figure|ul|ol|table|div|iframe|p|pre|hr)\b|\[caption)", re.I)
CAPTION_RE = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S)
IMG_RE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S)
EMBED_SHORTCODE_RE = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
BARE_URL_RE = re.compile(r"^\s*(https?://\S+)\s*$")
REUSABLE_BLOCK_RE = re.compile(r"<!--\s+wp:block\s+(\{[^>]*\})\s*/-->")
# WordPress's own shortcodes for media; [caption] and [embed] are read in classic_to_html.
MEDIA_SHORTCODE_RE = re.compile(r"\[(gallery|audio|video)\b([^\]]*)\](?:\s*\[/\1\])?")
# A plugin's shortcode: a name with attributes ([contact-form-7 id="12"]) or closed further on ([tabs]…[/tabs]).
SHORTCODE_RE = re.compile(r"\[([a-z][\w-]*)(\s+[^\[\]]*=[^\[\]]*)?\]", re.I)
SHORTCODE_ATTRIBUTE_RE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
AUDIO_EXTENSIONS = ("src", "mp3", "m4a", "ogg", "wav", "flac")
VIDEO_EXTENSIONS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv")
# expat's "no element found", "unclosed token", "partial character", "unclosed CDATA section"
TRUNCATION_ERRORS = {3, 5, 6, 20}


def text(element, path):
    """Plain text WordPress wrote HTML-escaped (titles, excerpts, names of people and terms), decoded once.

    Its export escapes these ("Q&amp;A", "Port&#8217;s") even inside CDATA, where no XML parser undoes it; a
    literal "&amp;amp;" a writer typed stays "&amp;". The body is HTML and is never read through here.
    """
    return unescape(element.findtext(path, namespaces=NS) or "")


def count_lines(path):
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def read(path):
    """(site address, [Item], {tag slug: tag name}) from a WXR file, or ImportFileError with a clear reason."""
    try:
        tree = ElementTree.parse(str(path))
    except ParseError as error:
        line = getattr(error, "position", (0, 0))[0]
        if getattr(error, "code", None) in TRUNCATION_ERRORS and line >= count_lines(path):
            raise ImportFileError(
                _("The file ends too early (line %(line)d): it looks truncated. Export it from WordPress again.")
                % {"line": line}
            ) from error
        raise ImportFileError(
            _("This file is not a WordPress export (WXR): it is not valid XML (line %(line)d).") % {"line": line}
        ) from error
    except OSError as error:
        raise ImportFileError(_("The file could not be read: %(error)s") % {"error": error}) from error
    except DefusedXmlException as error:  # entity and DTD tricks, refused unread
        raise ImportFileError(
            _("This file is not a WordPress export (WXR): it declares XML entities, which WordPress never writes.")
        ) from error
    except Exception as error:
        raise ImportFileError(_("This file is not a WordPress export (WXR): %(error)s") % {"error": error}) from error
    channel = tree.getroot().find("channel")
    version = channel.findtext("wp:wxr_version", namespaces=NS) if channel is not None else None
    if tree.getroot().tag != "rss" or version is None:
        raise ImportFileError(_("This file is not a WordPress export (WXR): it has no WordPress export data."))
    if version not in WXR_VERSIONS:
        raise ImportFileError(
            _("This WordPress export has format version %(version)s, which this importer does not know.")
            % {"version": version}
        )
    site = channel.findtext("wp:base_blog_url", namespaces=NS) or channel.findtext("link") or ""
    authors = {}
    for element in channel.findall("wp:author", NS):
        login = element.findtext("wp:author_login", namespaces=NS) or ""
        name = text(element, "wp:author_display_name") or login
        authors[login] = Author(source_id=login, name=name.strip() or login, slug=login)
    tags = {
        element.findtext("wp:tag_slug", namespaces=NS): text(element, "wp:tag_name")
        for element in channel.findall("wp:tag", NS)
    }
    attachments, reusable = {}, {}
    items = []
    for element in channel.findall("item"):
        post_type = element.findtext("wp:post_type", namespaces=NS)
        if post_type == "attachment":
            attachments[element.findtext("wp:post_id", namespaces=NS)] = element
        elif post_type == "wp_block":  # a reusable block, which posts hold by reference
            reusable[element.findtext("wp:post_id", namespaces=NS)] = element.findtext("content:encoded", namespaces=NS)
        elif post_type in ("post", "page"):
            items.append(element)
    return site, [item_from(element, authors, attachments, reusable) for element in items], tags


def meta(element, key):
    for entry in element.findall("wp:postmeta", NS):
        if entry.findtext("wp:meta_key", namespaces=NS) == key:
            return entry.findtext("wp:meta_value", namespaces=NS) or ""
    return ""


def item_from(element, authors, attachments, reusable):
    post_id = element.findtext("wp:post_id", namespaces=NS)
    notes = []
    content = with_reusable_blocks(element.findtext("content:encoded", namespaces=NS) or "", reusable, notes)
    content = media_shortcodes(content, post_id, attachments, notes)
    post_type = element.findtext("wp:post_type", namespaces=NS)
    status = STATUS.get(element.findtext("wp:status", namespaces=NS), "draft")
    login = element.findtext("dc:creator", namespaces=NS) or ""
    author = authors.get(login) or Author(source_id=login, name=login, slug=login)
    first_category = next((c for c in element.findall("category") if c.get("domain") == "category"), None)
    tags = [unescape(c.text).strip() for c in element.findall("category") if c.get("domain") == "post_tag" and c.text]
    image_src = image_caption = image_alt = ""
    thumbnail = attachments.get(meta(element, "_thumbnail_id"))
    if thumbnail is not None:
        image_src = thumbnail.findtext("wp:attachment_url", namespaces=NS) or ""
        image_caption = text(thumbnail, "excerpt:encoded")
        image_alt = unescape(meta(thumbnail, "_wp_attachment_image_alt"))
    link = element.findtext("link") or ""
    old_urls = [link, f"/?{'page_id' if post_type == 'page' else 'p'}={post_id}"]
    return Item(
        source_id=post_id,
        kind=post_type,
        title=text(element, "title").strip() or in_site_language(UNTITLED),
        slug=element.findtext("wp:post_name", namespaces=NS) or "",
        status=status,
        body_html=classic_to_html(content, notes),
        published_at=parse_datetime_utc(element.findtext("wp:post_date_gmt", namespaces=NS))
        or parse_datetime_utc(element.findtext("wp:post_date", namespaces=NS)),
        modified_at=parse_datetime_utc(element.findtext("wp:post_modified_gmt", namespaces=NS)),
        standfirst=" ".join(text(element, "excerpt:encoded").split()),
        authors=[author],
        section=unescape(first_category.text or "").strip() if first_category is not None else "",
        section_slug=first_category.get("nicename", "") if first_category is not None else "",
        tags=tags,
        image_src=image_src,
        image_caption=image_caption,
        image_alt=image_alt,
        old_urls=old_urls,
        notes=notes,
    )


def with_reusable_blocks(content, reusable, notes, depth=0):
    """The content with each reusable block ("wp:block" with a "ref") replaced by the block's own content."""

    def expand(match):
        try:
            ref = str(json.loads(match.group(1)).get("ref", ""))
        except (ValueError, AttributeError):
            ref = ""
        if ref in reusable and depth < 3:  # a reusable block may hold another, never itself forever
            return with_reusable_blocks(reusable[ref] or "", reusable, notes, depth + 1)
        notes.append(("reusable_missing", {"ref": ref}))
        return ""

    return REUSABLE_BLOCK_RE.sub(expand, content)


def shortcode_attributes(text):
    return {
        m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None)
        for m in SHORTCODE_ATTRIBUTE_RE.finditer(text)
    }


def attachment_figure(element):
    src = escape(element.findtext("wp:attachment_url", namespaces=NS) or "")
    alt = escape(unescape(meta(element, "_wp_attachment_image_alt")))
    caption = escape(text(element, "excerpt:encoded"))
    return f'<figure><img src="{src}" alt="{alt}"><figcaption>{caption}</figcaption></figure>'


def media_shortcodes(content, post_id, attachments, notes):
    """[gallery], [audio] and [video] (WordPress's own shortcodes) as the HTML of the blocks that replaced them."""

    def replace(match):
        kind, attributes = match.group(1), shortcode_attributes(match.group(2))
        if kind == "gallery":
            if attributes.get("ids") or attributes.get("include"):
                ids = [i.strip() for i in (attributes.get("ids") or attributes["include"]).split(",") if i.strip()]
            else:  # no ids: the images attached to the post, in their order
                ids = sorted(
                    (i for i, a in attachments.items() if a.findtext("wp:post_parent", namespaces=NS) == post_id),
                    key=lambda i: (int(attachments[i].findtext("wp:menu_order", namespaces=NS) or 0), int(i)),
                )
            missing = [i for i in ids if i not in attachments]
            if missing:
                notes.append(("gallery_missing", {"ids": ", ".join(missing)}))
            figures = "".join(attachment_figure(attachments[i]) for i in ids if i in attachments)
            return f'<figure class="wp-block-gallery">{figures}</figure>' if figures else ""
        names = AUDIO_EXTENSIONS if kind == "audio" else VIDEO_EXTENSIONS
        src = next((attributes[name] for name in names if attributes.get(name)), "")
        if not src:
            return ""
        return f'<figure class="wp-block-{kind}"><{kind} src="{escape(src)}"></{kind}></figure>'

    return MEDIA_SHORTCODE_RE.sub(replace, content)


def without_plugin_shortcodes(content, notes):
    """Content with the shortcodes of plugins (which only WordPress could run) taken out, what they enclose kept."""
    closed = {name.lower() for name in re.findall(r"\[/([a-z][\w-]*)\]", content, re.I)}

    def remove(match):
        name = match.group(1).lower()
        if match.group(2) is None and name not in closed:
            return match.group(0)  # "[sic]", "[1]": words in brackets, not a shortcode
        if ("shortcode", {"name": name}) not in notes:
            notes.append(("shortcode", {"name": name}))
        return ""

    content = SHORTCODE_RE.sub(remove, content)
    for name in closed:
        content = re.sub(rf"\[/{re.escape(name)}\]", "", content, flags=re.I)
    return content


def caption_to_figure(match):
    inner = match.group(1)
    found = IMG_RE.match(inner)
    if not found:
        return inner
    return f"<figure>{found.group(1)}<figcaption>{found.group(2).strip()}</figcaption></figure>"


def classic_to_html(content, notes=None):
    """Classic-editor text (paragraphs by blank lines, [caption] and [embed] shortcodes) as HTML.

    Block-editor content is HTML already and passes through. This is a small
    cousin of WordPress's own wpautop(), written here because nothing in Python
    does it: enough to keep paragraphs, captions and embeds.
    """
    content = CAPTION_RE.sub(caption_to_figure, content)
    content = EMBED_SHORTCODE_RE.sub(
        lambda m: f'<figure class="wp-block-embed"><div>{m.group(1).strip()}</div></figure>', content
    )
    content = without_plugin_shortcodes(content, notes if notes is not None else [])
    if "<!-- wp:" in content:
        return content
    chunks = []
    for chunk in re.split(r"\n\s*\n", content.replace("\r\n", "\n")):
        if not chunk.strip():
            continue
        if BARE_URL_RE.match(chunk):
            chunks.append(f'<figure class="wp-block-embed"><div>{chunk.strip()}</div></figure>')
        elif BLOCK_LEVEL_RE.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + chunk.strip().replace("\n", "<br>") + "</p>")
    return "\n".join(chunks)


class WordPressImporter(Importer):
    source = Source.WORDPRESS


def import_file(path, **options):
    """Reads and imports a WXR file; returns the Importer (its .summary says what happened)."""
    site, items, tags = read(path)
    importer = WordPressImporter(site=site, **options)
    importer.run(items)
    importer.tag_redirects(tags)
    return importer
