"""The short rich text of a news item: what it may contain, and how it is made safe to show."""

from html import unescape

import nh3
from wagtail.rich_text import expand_db_html

# Paragraphs, bold, italic and links: the editor's toolbar offers nothing else.
FEATURES = ["bold", "italic", "link"]
BODY_MAX_LENGTH = 800

# nh3 (the Rust "ammonia" sanitiser) rather than our own filter, because
# getting HTML sanitising right is hard. Wagtail's editor already produces
# only these tags, but items also arrive from code (the demo loader, imports).
_TAGS = {"p", "br", "b", "strong", "i", "em", "a"}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_source(html):
    """The stored form: Wagtail's rich text (page links as <a linktype="page" id="…">), nothing else."""
    return nh3.clean(
        html or "",
        tags=_TAGS,
        attributes={"a": {"href", "linktype", "id"}},
        url_schemes=_URL_SCHEMES,
        link_rel=None,
    ).strip()


def render(source):
    """Reader-ready HTML: page links turned into URLs, then sanitised once more."""
    return nh3.clean(
        expand_db_html(source or ""),
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes=_URL_SCHEMES,
        link_rel=None,
    ).strip()


def plain_text(html):
    """The words alone, for meta descriptions, feeds and structured data."""
    # nh3 with no tags allowed keeps the text and drops the markup, many times
    # faster than Django's strip_tags (the feed page does this for every item).
    text = nh3.clean((html or "").replace("</p>", "</p> ").replace("<br>", " "), tags=set())
    return " ".join(unescape(text).split())
