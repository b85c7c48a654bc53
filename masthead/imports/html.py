"""HTML from another platform (WordPress blocks or classic posts, Ghost cards, Substack) → article body blocks.

The HTML is first cleaned with nh3 (scripts, styles, event handlers and unknown
tags go), then read with BeautifulSoup and turned into the body's own blocks:
paragraphs (with bold, italic, links and lists), subheadings, quotes, images
with captions and credits, galleries, tables, embeds, audio and video files, and
code, preformatted text and verse. The walk over the tree
is ours because no library maps arbitrary HTML onto a StreamField; the rich text
of each paragraph is then whitelisted by Wagtail's own converter, so it holds
exactly what the editor would let an editor write.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlparse

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from masthead.articles.blocks import PARAGRAPH_FEATURES

ALLOWED_TAGS = {
    "a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "br", "span", "mark",
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "cite", "pre", "hr",
    "figure", "figcaption", "img", "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "iframe", "audio", "video", "source",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "class"},
    "figure": {"class"},
    "div": {"class", "style"},
    "span": {"class"},
    "pre": {"class"},
    "iframe": {"src", "title", "width", "height"},
    "audio": {"src"},
    "video": {"src", "style", "poster"},
    "source": {"src"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
INLINE = {"a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "br", "span", "mark", "cite"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SUBHEADING_MAX = 120
# A caption that ends in "Photo: Name" carries the credit (the body shows it as "Photo: Name" again).
CREDIT_RE = re.compile(
    r"^(?P<caption>.*?)[\s.,;–—-]*\b(?:Photo|Photograph|Credit|Image|Фото|Світлина)\s*:\s*(?P<credit>[^.]+?)\.?$", re.S
)
QUOTE_ATTRIBUTION_RE = re.compile(r"^(?P<quote>[“\"«„].*[”\"»“])\s*[—–-]\s*(?P<who>[^“”\"«»]+)$", re.S)
SCRIPT_RE = re.compile(r"<script\b", re.I)
# A block WordPress builds when the page is shown (latest posts, a calendar): its comment is all the export holds.
# (WordPress writes "<" and ">" in a block's attributes as \u003c and \u003e, so "[^>]*" stays inside the comment.)
DYNAMIC_BLOCK_RE = re.compile(r"<!--\s+wp:(?!block\b)([a-z0-9/-]+)(?:\s+\{[^>]*\})?\s+/-->")
IMAGE_FILE_RE = re.compile(r"\.(jpe?g|png|gif|webp|avif)$", re.I)
# What a YouTube video id is made of: anything else in the address (a quote, a space) is not one.
YOUTUBE_ID_RE = re.compile(r"[A-Za-z0-9_-]+")
# Of a style, only a background image is read (an old WordPress cover, a Ghost video's thumbnail); nh3 drops the rest.
STYLE_PROPERTIES = {"background", "background-image"}
RATING = gettext_lazy("Rating: %(stars)d out of %(total)d")  # a product's stars
BACKGROUND_URL_RE = re.compile(r"url\(\s*(['\"]?)(?P<url>.*?)\1\s*\)")


def in_site_language(words, values=None):
    """Words that become the site's content (an untitled post's title, the section posts with none go to, a
    product's rating) are in the site's language; the rest of an import speaks the language of the admin who
    started it. `words` is lazy (gettext_lazy), and filled in with `values` once translated."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(words) % values if values else str(words)


@dataclass
class Embed:
    """An embed the body can show: the address Wagtail's EmbedBlock stores, and the frame to show for it."""

    url: str
    frame_src: str = ""
    provider: str = ""


def known_embed(src):
    """The embed for a YouTube or Vimeo address (page or player), or None for any other host."""
    parsed = urlparse(src.strip())
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host in ("youtube.com", "youtube-nocookie.com", "youtu.be"):
        if host == "youtu.be":
            video_id = parsed.path.strip("/")
        elif parsed.path.startswith("/embed/"):
            video_id = parsed.path.split("/")[2]
        else:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        if YOUTUBE_ID_RE.fullmatch(video_id):
            return Embed(
                f"https://www.youtube.com/watch?v={video_id}", f"https://www.youtube.com/embed/{video_id}", "YouTube"
            )
    elif host in ("vimeo.com", "player.vimeo.com"):
        video_id = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        if video_id.isdigit():
            return Embed(f"https://vimeo.com/{video_id}", f"https://player.vimeo.com/video/{video_id}", "Vimeo")
    return None


def split_credit(caption):
    """("The platform at night", "Marcus O’Neill") from "The platform at night. Photo: Marcus O’Neill"."""
    caption = " ".join((caption or "").split())
    match = CREDIT_RE.match(caption)
    if match and match.group("credit").strip():
        return match.group("caption").strip(), match.group("credit").strip()
    return caption, ""


def clean(html):
    """(clean HTML, [warnings]): nh3 with the tags the converter understands."""
    warnings = []
    if SCRIPT_RE.search(html or ""):
        warnings.append(_("A script was removed."))
    for name in dict.fromkeys(DYNAMIC_BLOCK_RE.findall(html or "")):
        warnings.append(
            _("The WordPress block “%(name)s” was left out: WordPress builds it when the page is shown.")
            % {"name": name.removeprefix("core/")}
        )
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
        filter_style_properties=STYLE_PROPERTIES,
    )
    return cleaned, warnings


@dataclass
class Body:
    """The blocks being built from one document, in raw StreamField form, and what went wrong on the way."""

    resolve_image: object  # callable(src, alt) -> image id or None (it reports a missing file itself)
    resolve_file: object = None  # callable(src, title) -> the address readers get, or "" (it reports what it lacks)
    # callable(src, title) -> the id of a document the media block plays, or None (no such file, or not one a
    # browser plays: resolve_file then links to it, and reports what it lacks)
    resolve_media: object = None
    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    embeds: list = field(default_factory=list)
    _rich: list = field(default_factory=list)
    _inline: list = field(default_factory=list)

    def add(self, block_type, value):
        self.flush()
        self.blocks.append({"type": block_type, "value": value})

    def inline(self, html):
        self._inline.append(html)

    def rich(self, html):
        self._flush_inline()
        self._rich.append(html)

    def _flush_inline(self):
        text = "".join(self._inline).strip()
        self._inline = []
        if text:
            self._rich.append(f"<p>{text}</p>")

    def flush(self):
        self._flush_inline()
        if self._rich:
            source = rich_text("".join(self._rich))
            self._rich = []
            if BeautifulSoup(source, "html.parser").get_text(strip=True):
                self.blocks.append({"type": "paragraph", "value": source})


_converter = None


def rich_text(html):
    """HTML reduced to what the paragraph block allows (Wagtail's own whitelist for its features)."""
    global _converter
    if _converter is None:
        _converter = EditorHTMLConverter(features=PARAGRAPH_FEATURES)
    return _converter.to_database_format(html)


def html_to_blocks(html, resolve_image, resolve_file=None, resolve_media=None):
    """Returns a Body: .blocks (raw StreamField data), .warnings (sentences for the summary), .embeds."""
    cleaned, warnings = clean(html)
    body = Body(
        resolve_image=resolve_image,
        resolve_file=resolve_file or absolute_address,
        resolve_media=resolve_media or no_media,
        warnings=warnings,
    )
    soup = BeautifulSoup(cleaned, "html.parser")
    for node in list(soup.children):
        walk(node, body)
    body.flush()
    return body


def text_of(node):
    return " ".join(node.get_text(" ").split())


def walk(node, body):
    if isinstance(node, NavigableString):
        if str(node).strip():
            body.inline(escape_text(str(node)))
        elif body._inline:
            body.inline(" ")
        return
    if not isinstance(node, Tag):
        return
    name = node.name
    card = next((CARDS[kind] for kind in node.get("class") or [] if kind in CARDS), None)
    if card is not None:
        card(node, body)
        return
    if name in INLINE:
        if name != "br" and not node.get_text().strip() and not node.find(["img", "br"]):
            if node.get_text() and body._inline:  # an empty tag (a card's icon, its svg removed) is nothing
                body.inline(" ")
            return
        images = node.find_all("img")
        if images:  # a linked image: the image, then whatever text was around it
            for image in images:
                image.extract()
                image_block(image, "", body)
                image_link_lost(node, body)
            if text_of(node):
                body.inline(str(node))
            return
        body.inline(str(node))
    elif name == "p":
        paragraph(node, body)
    elif name in ("ul", "ol"):
        body.rich(str(node))
    elif name in HEADINGS:
        heading(node, body)
    elif name == "blockquote":
        quote(node, body)
    elif name == "figure":
        figure(node, body)
    elif name == "img":
        image_block(node, "", body)
    elif name == "table":
        table(node, "", body)
    elif name == "iframe":
        iframe(node, "", body)
    elif name == "pre":
        preformatted(node, body)
    elif name in ("audio", "video"):
        media_link(node, "", body)
    elif name == "hr":
        body.flush()
    else:  # div, span wrappers and anything else: what is inside counts
        for child in list(node.children):
            walk(child, body)


def escape_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraph(node, body):
    images = node.find_all("img")
    iframes = node.find_all("iframe")
    if images or iframes:
        for child in list(node.children):
            walk(child, body)
        body._flush_inline()
        return
    inner = node.decode_contents().strip()
    if text_of(node):
        body.rich(f"<p>{inner}</p>")


def heading(node, body):
    text = text_of(node)
    if not text:
        return
    if len(text) > SUBHEADING_MAX:
        body.rich(f"<p><b>{escape_text(text)}</b></p>")
    else:
        body.add("subheading", text)


def quote(node, body):
    cite = node.find("cite")
    attribution = ""
    if cite is not None:
        attribution = text_of(cite)
        cite.extract()
    paragraphs = node.find_all("p")
    parts = [text_of(p) for p in paragraphs] or [text_of(node)]
    text = "\n".join(part for part in parts if part)
    if paragraphs and not attribution:  # a post embedded from a social network: "— Name (@handle) date" follows
        for p in paragraphs:
            p.extract()
        attribution = text_of(node).lstrip("—–- ")
    if not attribution:
        match = QUOTE_ATTRIBUTION_RE.match(text)
        if match:
            text, attribution = match.group("quote"), match.group("who").strip()
    if text:
        body.add("quote", {"quote": text, "attribution": attribution[:200]})


def classes(node):
    return set(node.get("class") or [])


def figure(node, body):
    caption_node = node.find("figcaption", recursive=False) or node.find("figcaption")
    kinds = classes(node)
    if kinds & {"wp-block-gallery", "kg-gallery-card", "gallery"} or len(node.find_all("img")) > 1:
        gallery(node, body)
        return
    caption = text_of(caption_node) if caption_node else ""
    if node.find("table"):
        table(node.find("table"), caption, body)
    elif node.find("iframe"):
        iframe(node.find("iframe"), caption, body)
    elif kinds & {"wp-block-embed", "kg-embed-card"}:
        if caption_node:
            caption_node.extract()
        url = text_of(node)
        if url.startswith(("http://", "https://")) and " " not in url:
            embed_block(url, caption, body)
        else:  # Ghost keeps the provider's own HTML (a post's text in a blockquote): the text, then its address
            links = [link["href"] for link in node.find_all("a", href=True)]
            for child in list(node.children):
                walk(child, body)
            if links:
                embed_block(links[-1], caption, body)
    elif node.find("img"):
        image_block(node.find("img"), caption, body)
        image_link_lost(node, body)
    elif node.find("blockquote"):
        quote(node.find("blockquote"), body)
    elif node.find("pre"):  # Ghost's code card, a WordPress code block with a caption
        preformatted(node.find("pre"), body, caption)
    else:  # anything else: what is inside, then its caption
        if caption_node:
            caption_node.extract()
        for child in list(node.children):
            walk(child, body)
        if caption:
            body.rich(f"<p>{escape_text(caption)}</p>")


def _image_value(body, img, caption):
    return _image_value_of(body, img.get("src") or "", (img.get("alt") or "").strip(), caption)


def _image_value_of(body, src, alt, caption):
    image_id = body.resolve_image(src, alt)
    if image_id is None:
        return None
    caption, credit = split_credit(caption)
    return {"image": image_id, "caption": caption[:300], "credit": credit[:150], "alt_text": alt[:250]}


def image_block(img, caption, body):
    value = _image_value(body, img, caption)
    if value is not None:
        body.add("image", value)


def gallery(node, body):
    own_caption = None
    for caption_node in node.find_all("figcaption"):
        if caption_node.parent is node:
            own_caption = caption_node
    images = []
    for img in node.find_all("img"):
        inner = img.find_parent("figure")
        caption_node = inner.find("figcaption") if inner is not None and inner is not node else None
        value = _image_value(body, img, text_of(caption_node) if caption_node else "")
        if value is not None:
            images.append(value)
    caption = text_of(own_caption) if own_caption else ""
    if images:
        body.add("gallery", {"images": images, "caption": caption[:300]})


def table(node, caption, body):
    caption_node = node.find("caption")
    if caption_node is not None:
        caption = caption or text_of(caption_node)
        caption_node.extract()
    rows = []
    header = False
    for index, row in enumerate(node.find_all("tr")):
        cells = row.find_all(["th", "td"])
        if index == 0:
            header = row.find_parent("thead") is not None or all(cell.name == "th" for cell in cells)
        rows.append([text_of(cell) for cell in cells])
    if not rows:
        return
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    body.add(
        "table",
        {
            "data": rows,
            "first_row_is_table_header": header,
            "first_col_is_header": False,
            "table_header_choice": "row" if header else "neither",
            "table_caption": caption[:300],
        },
    )


def iframe(node, caption, body):
    src = node.get("src") or ""
    embed = known_embed(src)
    if embed is None:
        host = urlparse(src).hostname or src
        body.warnings.append(
            _("An embedded frame from %(host)s was removed (not a known video host).") % {"host": host}
        )
        return
    embed_block(embed.url, caption, body, embed)


def embed_block(url, caption, body, embed=None):
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        return
    embed = embed or known_embed(url)
    if embed is None:
        # The body shows frames from known video hosts only; other providers' embeds bring their own scripts.
        body.warnings.append(
            _("The embed %(url)s is kept as a link: the body shows videos from YouTube and Vimeo only.") % {"url": url}
        )
        link_paragraph(url, caption or url, "", body)
        return
    body.embeds.append(embed)
    body.add("embed", {"embed": embed.url, "caption": caption[:300]})


def no_media(src, title):
    """Without an import's files there is no document to play: the file is linked to (absolute_address)."""
    return None


def absolute_address(src, title):
    """What a file links to when the import has no files of its own: its old address, if it is a full one."""
    return src if src.startswith(("http://", "https://")) else ""


def link_paragraph(href, text, note, body):
    """A paragraph with a link (or, without an address, the text alone) and a line under it."""
    text = escape_text(" ".join(text.split()))
    if href:
        text = f'<a href="{escape_text(href).replace(chr(34), "&quot;")}">{text}</a>'
    note = escape_text(" ".join(note.split()))
    body.rich(f"<p>{text}<br>{note}</p>" if note else f"<p>{text}</p>")


def file_name(src):
    return unquote(urlparse(src).path.rstrip("/").rsplit("/", 1)[-1])


def background_url(node):
    """The address of the image a tag's style paints as its background ("" if none): an old WordPress cover's
    picture, the thumbnail Ghost shows on a video before it plays."""
    match = BACKGROUND_URL_RE.search(node.get("style") or "")
    return match.group("url").strip() if match else ""


def media_link(node, caption, body, title=""):
    """An audio or video player: the body's media block playing the file, with its caption (or title), when the
    import has the file and a browser plays it; else a link to the file, named by its caption or title.

    A video's poster is the thumbnail Ghost paints behind the player (its card's own thumbnail, or the frame Ghost
    took from the video), else the video's poster attribute (WordPress's poster image, in its uploads). Ghost's
    poster attribute is a blank placeholder written in the page (a data: address, which nh3 drops).
    """
    src = node.get("src") or next((source.get("src") for source in node.find_all("source") if source.get("src")), "")
    if not src:
        return
    name = title or caption or file_name(src)
    document = body.resolve_media(src, name)
    if document is not None:
        thumbnail = (background_url(node) or node.get("poster") or "").strip() if node.name == "video" else ""
        poster = body.resolve_image(thumbnail, "") if thumbnail else None
        body.add("media", {"file": document, "caption": (caption or title)[:300], "poster": poster})
        return
    link_paragraph(body.resolve_file(src, name), name, caption if caption != name else "", body)


def media_figure(node, body):
    """WordPress's audio and video blocks, Ghost's video card: a player and a caption."""
    player = node.find(["audio", "video"])
    caption_node = node.find("figcaption")
    if player is not None:
        media_link(player, text_of(caption_node) if caption_node else "", body)


def audio_card(node, body):
    """Ghost's audio card: a player, its title, and the player's controls (whose text is not the story's)."""
    player = node.find("audio")
    title = node.find(class_="kg-audio-title")
    if player is not None:
        media_link(player, "", body, title=text_of(title) if title else "")


def file_card(node, body):
    """Ghost's file card (title, caption, file name, size) and WordPress's file block (a link and a Download button):
    one link to the file, named as the card names it."""
    links = [link for link in node.find_all("a", href=True)]
    if not links:
        return
    src = links[0]["href"]
    title = node.find(class_="kg-file-card-title")
    caption = node.find(class_="kg-file-card-caption")
    name = text_of(title) if title else text_of(links[0]) or file_name(src)
    link_paragraph(body.resolve_file(src, name), name or file_name(src), text_of(caption) if caption else "", body)


def bookmark_card(node, body):
    """Ghost's bookmark card: a link to the page with its title, and the page's description under it."""
    link = node.find("a", href=True)
    if link is None:
        return
    title = node.find(class_="kg-bookmark-title")
    description = node.find(class_="kg-bookmark-description")
    caption = node.find("figcaption")
    link_paragraph(
        link["href"], text_of(title) if title else link["href"], text_of(description) if description else "", body
    )
    if caption is not None and text_of(caption):
        body.rich(f"<p>{escape_text(text_of(caption))}</p>")


def callout_card(node, body):
    """Ghost's callout card (an emoji and a text in a box): its text as a paragraph, led by the emoji."""
    emoji = node.find(class_="kg-callout-emoji")
    text = node.find(class_="kg-callout-text")
    if text is None:
        return
    lead = text_of(emoji) if emoji else ""
    if lead:
        first = text.find("p") or text
        first.insert(0, NavigableString(lead + " "))
    body.flush()
    for child in list(text.children):
        walk(child, body)
    body.flush()


def product_rating(node, body):
    """The stars of Ghost's product card, as words: "Rating: 4 out of 5" (the stars are pictures Ghost draws)."""
    stars = node.find_all(class_="kg-product-card-rating-star")
    active = node.find_all(class_="kg-product-card-rating-active")
    if stars:
        words = in_site_language(RATING, {"stars": len(active), "total": len(stars)})
        body.rich(f"<p>{escape_text(words)}</p>")


def cover(node, body):
    """WordPress's cover block: its picture, then what is written on it. An older WordPress's cover, and a cover with
    a fixed background, paint the picture as the block's background (a style on the block, or on a <div> in it)
    rather than with an <img>."""
    for painted in [node, *node.find_all("div", class_="wp-block-cover__image-background", recursive=False)]:
        src = background_url(painted)
        value = _image_value_of(body, src, "", "") if src else None
        if value is not None:
            body.add("image", value)
    for child in list(node.children):
        walk(child, body)


def signup_card(node, body):
    """Ghost's newsletter sign-up card: a form for Ghost's members, left out (the sidebar has Masthead's own)."""
    heading_node = node.find(HEADINGS)
    body.warnings.append(
        _("A newsletter sign-up form (“%(heading)s”) was left out: the sign-up forms are in every story's sidebar.")
        % {"heading": text_of(heading_node) if heading_node else ""}
    )


def preformatted(node, body, caption=""):
    """Code, preformatted text and verse: the body's preformatted block, its lines and spaces as they were. Code is
    a <pre> holding <code> (WordPress's code block, Ghost's code card, Markdown's fences); verse is WordPress's verse
    block; any other <pre> is text in lines or columns."""
    text = node.get_text().strip("\n").replace("\r\n", "\n")
    if not text.strip():
        return
    if "wp-block-verse" in classes(node):
        kind = "verse"
    elif "wp-block-code" in classes(node) or node.find("code") is not None:
        kind = "code"
    else:
        kind = "text"
    body.add("preformatted", {"kind": kind, "text": text, "caption": caption[:300]})


def image_link_lost(node, body):
    """Reports the link an image had to somewhere other than the image itself: an image in the body cannot link."""
    link = node if node.name == "a" else node.find("a", href=True)
    href = (link.get("href") or "") if link is not None else ""
    if href and not IMAGE_FILE_RE.search(urlparse(href).path) and "attachment" not in href:
        body.warnings.append(
            _("The link on an image (to %(url)s) was not kept: an image in the body cannot link.") % {"url": href}
        )


CARDS = {
    "kg-signup-card": signup_card,
    "kg-product-card-rating": product_rating,
    "kg-callout-card": callout_card,
    "kg-bookmark-card": bookmark_card,
    "kg-audio-card": audio_card,
    "kg-video-card": media_figure,
    "kg-file-card": file_card,
    "wp-block-file": file_card,
    "wp-block-audio": media_figure,
    "wp-block-video": media_figure,
    "wp-block-cover": cover,
    "wp-block-cover-image": cover,
}
