"""Ukrainian words found in any of their forms: a search for «бюджет» finds «бюджету» and «бюджетів».

Full-text search matches words as written on both databases: SQLite's FTS5 (`unicode61`) has no
Ukrainian stemmer and PostgreSQL 15 ships no Ukrainian dictionary. pymorphy3, with its Ukrainian
dictionary, gives each word its possible dictionary forms: «війни» is the noun «війна» or the verb
«війнути», «Києві» is «Київ» or «кий». No one form can be picked without reading the sentence, so:

- an article or a news item is indexed with every dictionary form of every Cyrillic word in it
  (`indexed_forms`, a search field of its own);
- a query word matches its own spelling or any of its dictionary forms (`alternatives`).

Two words that share no form never match («стали», became, does not find «сталь», steel). Latin
words are left to the search engine as before. The analyser loads on first use (about 1.5 s and
25 MB), in the worker that indexes and in a web process at its first Cyrillic query.
"""

import functools
import os.path
import re

from django.utils.html import strip_tags

# The same words as the search page's (views.WORD): \w+ runs, so an apostrophe splits «з'їзд» both ways.
WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# A highlighted stem shorter than this would mark unrelated words («ки» for «Києві»).
MIN_STEM = 3


@functools.cache
def _analyser():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@functools.lru_cache(maxsize=200_000)
def forms(word):
    """The dictionary forms of a Cyrillic `word`, lower case, sorted; () for any other word."""
    word = word.lower()
    if not CYRILLIC.search(word):
        return ()
    found = {parse.normal_form for parse in _analyser().parse(word)}
    return tuple(sorted(form for form in found if WORD.fullmatch(form)))


def indexed_forms(*texts):
    """The dictionary forms of every Cyrillic word in `texts` (plain or HTML), each once, for the index."""
    seen = {}
    for text in texts:
        for word in WORD.findall(strip_tags(text or "")):
            for form in forms(word):
                seen.setdefault(form, None)
    return " ".join(seen)


def alternatives(term):
    """What may stand for the query word `term` in a match: the word itself and its dictionary forms."""
    term = term.lower()
    return [term] + [form for form in forms(term) if form != term]


def highlight_terms(terms):
    """`terms` and, for Cyrillic ones, the stem they share with their dictionary forms, for marking results.

    «бюджету» marks «бюджет…», «війни» marks «війн…» (війна, війною), «Харкові» marks «харк…».
    """
    marked = []
    for term in terms:
        marked.append(term)
        for form in forms(term):
            stem = os.path.commonprefix([term.lower(), form])
            if len(stem) >= MIN_STEM and stem not in marked:
                marked.append(stem)
    return marked
