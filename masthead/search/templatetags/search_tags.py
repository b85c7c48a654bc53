"""Helpers for the search results page: highlighted words and links that keep the query."""

import re
from html import unescape

from django import template
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import Truncator

register = template.Library()


# An HTML tag, kept in the split: a name on a byline may come marked with its language (<span lang="uk">…</span>).
TAG = re.compile(r"(<[^>]*>)")


@register.filter
def highlight(text, terms):
    """`text` (plain) with each search word wrapped in <mark>, cut to about 40 words.

    HTML made safe already (a byline's name in a <span lang>) has the words of its text marked, its tags kept.
    """
    if isinstance(text, SafeData):
        parts = TAG.split(str(text))
        return mark_safe(
            "".join(part if index % 2 else highlight(unescape(part), terms) for index, part in enumerate(parts))
        )
    text = Truncator(str(text or "")).words(50)
    words = sorted({term for term in terms or [] if len(term) > 1}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(any_apostrophe(word) for word in words) + r")", re.IGNORECASE)
    parts = pattern.split(text)
    # split() with one group alternates: text, match, text, match…
    return mark_safe(
        "".join(f"<mark>{escape(part)}</mark>" if index % 2 else escape(part) for index, part in enumerate(parts))
    )


def any_apostrophe(word):
    """A pattern for `word` written with any of Ukrainian's three apostrophes: the search's «зʼїзд» (word_forms.py)
    marks the text's «з’їзд»."""
    return "".join("['ʼ’]" if char in "'ʼ’" else re.escape(char) for char in word)


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search's query string with some parameters changed (None or "" removes one)."""
    current = context["request"].GET
    params = {"q": context.get("query", ""), "section": current.get("section", ""), "sort": current.get("sort", "")}
    params.update(changes)
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return "?" + urlencode(params) if params else "?"
