"""Ukrainian words found in any of their forms and in either alphabet: «бюджет» finds «бюджету», "Kharkiv" «Харкові».

Full-text search matches words as written on both databases: SQLite's FTS5 (`unicode61`) has no
Ukrainian stemmer and PostgreSQL 15 ships no Ukrainian dictionary. pymorphy3, with its Ukrainian
dictionary, gives each word its possible dictionary forms: «війни» is the noun «війна» or the verb
«війнути», «Києві» is «Київ» or «кий». No one form can be picked without reading the sentence, so:

- an article or a news item is indexed with every dictionary form of every Cyrillic word in it
  (`indexed_forms`, a search field of its own);
- a query word matches its own spelling or any of its dictionary forms (`alternatives`).

Two words that share no form never match («стали», became, does not find «сталь», steel). The
analyser loads on first use (about 1.5 s and 25 MB), in the worker that indexes and in a web process
at its first Cyrillic query.

Readers also type Ukrainian names in Latin letters (a phone with an English keyboard), and English
readers paste them in Cyrillic. Both are spelt by Ukraine's national transliteration (2010, as in
passports and on road signs; `translitua`), which is how the English edition writes them too:

- a Ukrainian-edition story is also indexed with the Latin spelling of each Cyrillic word and of each
  of its dictionary forms («Харкова»: kharkova, kharkiv), so "Kharkiv" matches as it is typed;
- in the English edition a Cyrillic query word also matches its Latin spellings (`alternatives`
  with `latin=True`): «Харків» finds "Kharkiv".

Ukrainian writes the apostrophe three ways: ' (U+0027), ’ (U+2019) and ʼ (U+02BC). The search engines'
tokenizers (SQLite's `unicode61`, PostgreSQL's parser) split a word at the first two and take ʼ for a letter,
so «з’їзд» was searched as «з» and «їзд» and never met «зʼїзд». An apostrophe between two Cyrillic letters
is folded to ʼ (`fold_apostrophes`) in everything the search backend indexes (search/backend.py) and in every
query, so «з'їзд», «з’їзд» and «зʼїзд» are one word, whichever way it was written and typed. An English
"Kyiv's" keeps its apostrophe and is "Kyiv" and "s" to the engines, as before.

English words in the English edition are searched as before: nothing here applies to them.
"""

import functools
import os.path
import re

import translitua
from django.utils.html import strip_tags

# A word as the search engines' tokenizers see it once apostrophes are folded: ʼ is a letter to them, as to \w.
WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# A word as it is written, apostrophes inside it included: «з'їзд» is one word, "Mar'iana" too.
SPELT_WORD = re.compile(r"\w+(?:['ʼ’]\w+)*")
# The apostrophe the engines take for a letter, which all three are folded to between Cyrillic letters.
LETTER_APOSTROPHE = "ʼ"
CYRILLIC_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04ff])['ʼ’](?=[\u0400-\u04ff])")
# The two the engines split a word at.
SPLITTING_APOSTROPHES = re.compile(r"['’]")
ANY_APOSTROPHE = re.compile(r"['ʼ’]")
# pymorphy3's dictionary writes the apostrophe as ' (the typewriter one); readers and editors type all three.
APOSTROPHES = str.maketrans("ʼ’", "''")
# The edition whose stories are indexed with the Latin spellings of their words.
UKRAINIAN = "uk"
# A highlighted stem shorter than this would mark unrelated words («ки» for «Києві»).
MIN_STEM = 3


@functools.cache
def _analyser():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def fold_apostrophes(text):
    """`text` with each apostrophe between two Cyrillic letters written ʼ: «з’їзд» and «з'їзд» become «зʼїзд»."""
    return CYRILLIC_APOSTROPHE.sub(LETTER_APOSTROPHE, text)


@functools.lru_cache(maxsize=200_000)
def forms(word):
    """The dictionary forms of a Cyrillic `word`, lower case, apostrophes folded, sorted; () for any other word."""
    word = word.lower()
    if not CYRILLIC.search(word):
        return ()
    found = {fold_apostrophes(parse.normal_form) for parse in _analyser().parse(word.translate(APOSTROPHES))}
    return tuple(sorted(form for form in found if WORD.fullmatch(form)))


@functools.lru_cache(maxsize=200_000)
def latin_spellings(word):
    """How a Cyrillic `word` and its dictionary forms are spelt in Latin letters (lower case, sorted); () for others.

    «Харкова» gives ("kharkiv", "kharkova"); «з'їзду» gives ("zizd", "zizdu"), whichever apostrophe it is written with.
    """
    word = word.lower().translate(APOSTROPHES)
    if not CYRILLIC.search(word):
        return ()
    found = {word} | {parse.normal_form for parse in _analyser().parse(word)}
    spelt = {translitua.translit(form, translitua.UkrainianKMU).lower() for form in found}
    # A letter the Ukrainian system has no rule for (Russian «ы», «э») stays Cyrillic: no Latin spelling then.
    return tuple(sorted(spelling for spelling in spelt if WORD.fullmatch(spelling) and not CYRILLIC.search(spelling)))


def indexed_forms(*texts, language=None):
    """The dictionary forms of every Cyrillic word in `texts` (plain or HTML), each once, for the index.

    For a story in the Ukrainian edition (`language`), the Latin spellings of each word and of its forms as well.
    """
    latin = language == UKRAINIAN
    seen = {}
    for text in texts:
        words = SPELT_WORD.findall(strip_tags(text or ""))
        for word in words:
            for form in forms(word):
                seen.setdefault(form, None)
        if latin:
            for word in words:
                for spelling in latin_spellings(word):
                    seen.setdefault(spelling, None)
    return " ".join(seen)


def without_apostrophes(word):
    return ANY_APOSTROPHE.sub("", word)


def alternatives(term, latin=False):
    """What may stand for the query word `term` in a match: the word itself and its dictionary forms.

    With `latin` (the English edition), a Cyrillic word's Latin spellings too: «Харкові» also matches "Kharkiv".
    A Latin word with an apostrophe is searched as the engines split it and without it, as the national system
    spells Мар'яна: "Mar'iana" is "mar iana" (a phrase) or "mariana".
    """
    term = fold_apostrophes(term.lower())
    if SPLITTING_APOSTROPHES.search(term) or (LETTER_APOSTROPHE in term and not CYRILLIC.search(term)):
        return [SPLITTING_APOSTROPHES.sub(" ", term), without_apostrophes(term)]
    either = [term] + [form for form in forms(term) if form != term]
    if latin:
        either += [spelling for spelling in latin_spellings(term) if spelling not in either]
    return either


def highlight_terms(terms, latin=False):
    """`terms` and, for Cyrillic ones, the stem they share with their dictionary forms, for marking results.

    «бюджету» marks «бюджет…», «війни» marks «війн…» (війна, війною), «Харкові» marks «харк…». With `latin`
    (the English edition), a Cyrillic word's Latin spellings are marked too: «Харкові» marks "Kharkiv".
    """
    marked = []
    for term in terms:
        marked.append(term)
        for form in forms(term):
            stem = os.path.commonprefix([term.lower(), form])
            if len(stem) >= MIN_STEM and stem not in marked:
                marked.append(stem)
        if latin:
            marked += [spelling for spelling in latin_spellings(term) if spelling not in marked]
    return marked


def cyrillic_spellings(terms, texts):
    """The Cyrillic words in `texts` (plain or HTML) that Latin `terms` stand for, to mark them in results.

    A word stands for a term when its Latin spelling, or one of its dictionary forms', is the term:
    "Kharkiv" stands for «Харків», «Харкова» and «Харкові»; "Zaporizhzhia" for «Запоріжжі».
    """
    # "Mar'iana" stands for Мар'яна as "Mariana" does: the national system leaves the apostrophe out.
    wanted = {without_apostrophes(term.lower()) for term in terms if not CYRILLIC.search(term)}
    found = {}
    if wanted:
        for text in texts:
            for word in SPELT_WORD.findall(strip_tags(text or "")):
                if word not in found and wanted.intersection(latin_spellings(word)):
                    found[word] = None
    return list(found)
