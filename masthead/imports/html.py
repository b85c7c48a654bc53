"""HTML from another platform (WordPress blocks or classic posts, Ghost cards, Substack) → article body blocks.

The HTML is first cleaned with nh3 (scripts, styles, event handlers and unknown
tags go), then read with BeautifulSoup and turned into the body's own blocks:
paragraphs (with bold, italic, links and lists), subheadings, quotes, images
with captions and credits, galleries, tables and embeds. The walk over the tree
is ours because no library maps arbitrary HTML onto a StreamField; the rich text
of each paragraph is then whitelisted by Wagtail's own converter, so it holds
exactly what the editor would let an editor write.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from masthead.articles.blocks import PARAGRAPH_FEATURES

ALLOWED_TAGS = {
    "a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "br", "span", "mark",
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "cite", "pre", "hr",
    "figure", "figcaption", "img", "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "iframe",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "class"},
    "figure": {"class"},
    "div": {"class"},
    "iframe": {"src", "title", "width", "height"},
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
# What a YouTube video id is made of: anything else in the address (a quote, a space) is not one.
YOUTUBE_ID_RE = re.compile(r"[A-Za-z0-9_-]+")


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
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    return cleaned, warnings


@dataclass
class Body:
    """The blocks being built from one document, in raw StreamField form, and what went wrong on the way."""

    resolve_image: object  # callable(src, alt) -> image id or None (it reports a missing file itself)
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


def html_to_blocks(html, resolve_image):
    """Returns a Body: .blocks (raw StreamField data), .warnings (sentences for the summary), .embeds."""
    cleaned, warnings = clean(html)
    body = Body(resolve_image=resolve_image, warnings=warnings)
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
    if name in INLINE:
        images = node.find_all("img")
        if images:  # a linked image: the image, then whatever text was around it
            for image in images:
                image.extract()
                image_block(image, "", body)
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
        body.rich(f"<p>{escape_text(node.get_text())}</p>")
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
    parts = [text_of(p) for p in node.find_all("p")] or [text_of(node)]
    text = "\n".join(part for part in parts if part)
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
        embed_block(url, caption, body)
    elif node.find("img"):
        image_block(node.find("img"), caption, body)
    elif node.find("blockquote"):
        quote(node.find("blockquote"), body)
    else:
        if caption_node:
            caption_node.extract()
        for child in list(node.children):
            walk(child, body)


def _image_value(body, img, caption):
    src = img.get("src") or ""
    alt = (img.get("alt") or "").strip()
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
    embed = embed or known_embed(url) or Embed(url)
    body.embeds.append(embed)
    body.add("embed", {"embed": embed.url, "caption": caption[:300]})
