"""“Did you mean …?” for a query that finds nothing.

Two sources of a better spelling, tried in this order:

1. Place names readers often type in their Russian-derived spelling (Kharkov,
   Kiev, Odessa). Our articles spell them as Ukraine does (Kharkiv, Kyiv, Odesa),
   so the reader's word matches nothing. The table below is our own: the
   spellings follow Ukraine's official romanisation (2010) and the usage of
   the newsroom's style guide, and no package we could use keeps such a list
   for Ukrainian place names (spelling libraries would "correct" Kyiv to Kiev).
2. The nearest word (difflib) among the distinct words of published article and
   news item headlines in the reader's edition, kept in the cache for a while:
   building the list reads every headline once, which a reader's query must not pay for.

A Ukrainian word with an apostrophe («з’їзд», «пам'ять») is one word here as in the search itself
(word_forms.py): words are compared with their apostrophes folded, a respelt word is written as the
headline writes it, and a word the reader spelt right is left as they typed it.

A suggestion is only made when searching for it finds something.
"""

import difflib
import re

from django.core.cache import cache

from masthead.articles.models import ArticlePage
from masthead.core.i18n import current_locale_id
from masthead.search.word_forms import SPELT_WORD, fold_apostrophes

# A word as the search engines see it once its Ukrainian apostrophes are folded (word_forms.py).
UNSPLIT = re.compile(r"[^'’]+")
VOCABULARY_SECONDS = 15 * 60
SHORTEST_WORD = 4  # shorter words have too many near neighbours to guess from

# Russian-derived spelling (lower case) → the spelling Ukraine uses, in Latin and Cyrillic script.
PLACE_NAMES = {
    "kiev": "Kyiv",
    "kharkov": "Kharkiv",
    "odessa": "Odesa",
    "lvov": "Lviv",
    "nikolaev": "Mykolaiv",
    "nikolayev": "Mykolaiv",
    "zaporozhye": "Zaporizhzhia",
    "zaporozhie": "Zaporizhzhia",
    "zaporozhe": "Zaporizhzhia",
    "dnepr": "Dnipro",
    "dnepropetrovsk": "Dnipro",
    "chernigov": "Chernihiv",
    "chernovtsy": "Chernivtsi",
    "lugansk": "Luhansk",
    "rovno": "Rivne",
    "vinnitsa": "Vinnytsia",
    "zhitomir": "Zhytomyr",
    "kirovograd": "Kropyvnytskyi",
    "ternopol": "Ternopil",
    "khmelnitsky": "Khmelnytskyi",
    "khmelnitskiy": "Khmelnytskyi",
    "cherkassy": "Cherkasy",
    "artemovsk": "Bakhmut",
    "artyomovsk": "Bakhmut",
    "uzhgorod": "Uzhhorod",
    "kiyv": "Kyiv",
    "киев": "Київ",
    "харьков": "Харків",
    "одесса": "Одеса",
    "львов": "Львів",
    "николаев": "Миколаїв",
    "запорожье": "Запоріжжя",
    "днепр": "Дніпро",
    "чернигов": "Чернігів",
    "луганск": "Луганськ",
    "ровно": "Рівне",
    "винница": "Вінниця",
}


def vocabulary(locale_id=None):
    """The distinct words of the headlines of published articles and news items in one edition: {the word in lower
    case with its apostrophes folded: the word in lower case as a headline writes it}."""
    locale_id = locale_id or current_locale_id()
    # v2: a dict since apostrophes are kept; a list cached by the code before must not be read as one.
    key = f"search:vocabulary:v2:{locale_id}"
    words = cache.get(key)
    if words is None:
        titles = list(ArticlePage.objects.published().in_edition(locale_id).values_list("title", flat=True))
        try:
            from masthead.livefeed.models import NewsItem
        except ImportError:
            pass
        else:
            titles += NewsItem.objects.published().in_edition(locale_id).values_list("headline", flat=True)
        words = {}
        for title in titles:
            for written in SPELT_WORD.findall(title.lower()):
                # Folding keeps every character where it is; an apostrophe left unfolded (English "kharkiv’s")
                # splits the word, as it does for the search engines.
                for piece in UNSPLIT.finditer(fold_apostrophes(written)):
                    if len(piece[0]) >= SHORTEST_WORD:
                        words.setdefault(piece[0], written[piece.start() : piece.end()])
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def in_case_of(word, original):
    """`word` written as the reader wrote `original`: capitalised if they capitalised it."""
    if original[:1].isupper() and word[:1].islower():
        return word[:1].upper() + word[1:]
    return word


def nearest(word, words):
    """The closest word to `word` among `words` (a vocabulary), as a headline writes it, or None when none is close."""
    lowered = fold_apostrophes(word.lower())
    if len(lowered) < SHORTEST_WORD or lowered in words:
        return None
    # Only words of about the same length can be close; this keeps difflib's work small.
    candidates = [candidate for candidate in words if abs(len(candidate) - len(lowered)) <= 2]
    found = difflib.get_close_matches(lowered, candidates, n=1, cutoff=0.75)
    return in_case_of(words[found[0]], word) if found else None


def alternatives(terms):
    """Queries the reader may have meant instead of `terms` (a list of words as typed), most likely first."""
    respelt = [PLACE_NAMES.get(word.lower(), word) for word in terms]
    if respelt != terms:
        yield respelt
    words = vocabulary()
    corrected = [nearest(word, words) or word for word in respelt]
    if corrected != respelt:
        yield corrected


def did_you_mean(terms, finds_something):
    """A better spelling of `terms` (a list of words as typed) for which `finds_something(query)` is true, or ""."""
    for alternative in alternatives(terms):
        query = " ".join(alternative)
        if finds_something(query):
            return query
    return ""
