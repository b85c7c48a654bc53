"""Wagtail's database search backend, with Ukrainian apostrophes folded and the words an editor types made safe for
SQLite's FTS5.

Ukrainian writes the apostrophe three ways, and the engines' tokenizers split a word at two of them: «з’їзд» was
indexed and searched as «з» and «їзд», and never met «зʼїзд». Everything the backend indexes (titles, bodies,
names, the admin's autocomplete) and every query it compiles has an apostrophe between two Cyrillic letters
written ʼ, which the tokenizers take for a letter (word_forms.fold_apostrophes): the admin's search boxes and the
search page (search/ranking.py) find the whole word whichever apostrophe it was written and typed with. What
pages show is not changed. Content indexed before needs `manage.py update_index` once.

On SQLite, Wagtail's backend puts each word between double quotes for FTS5 but
leaves a double quote inside the word as it is: an unfinished quotation typed
in any admin search box ('"Kyiv', 'a"b') was an FTS5 syntax error, a 500
(wagtail/wagtail#13227). FTS5's tokenizer never indexes a double quote, so the
words are searched without them.
"""

import copy
import sys

from modelsearch.backends import database
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from .word_forms import fold_apostrophes

# Searched for when nothing but quotes was typed: FTS5's quoted string holding one quote, no word, no match.
NOTHING = '""'


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend's module)
    backend = database.SearchBackend(params)
    module = sys.modules[type(backend).__module__]
    # The backends that keep an index of their own (SQLite's FTS5, PostgreSQL, MySQL); the fallback for a SQLite
    # without FTS5 searches the tables as they are, where nothing is folded.
    if hasattr(module, "ObjectIndexer"):
        fold_indexed_apostrophes(module)
        backend.query_compiler_class = with_apostrophes_folded(backend.query_compiler_class)
        backend.autocomplete_query_compiler_class = with_apostrophes_folded(backend.autocomplete_query_compiler_class)
    # By name, as search/ranking.py does: the SQLite module cannot be imported on other databases.
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = without_quotes(backend.query_compiler_class)
        backend.autocomplete_query_compiler_class = without_quotes(backend.autocomplete_query_compiler_class)
    return backend


class FoldsApostrophes:
    """An ObjectIndexer that gives the index each text with its Ukrainian apostrophes folded."""

    def prepare_value(self, value):
        return fold_apostrophes(super().prepare_value(value))


def fold_indexed_apostrophes(module):
    # The backend module's index builds its ObjectIndexer by name and offers no other way to change the text it
    # indexes; the backend is made once per process, and a second time finds the class already swapped.
    if not issubclass(module.ObjectIndexer, FoldsApostrophes):
        module.ObjectIndexer = type("ObjectIndexer", (FoldsApostrophes, module.ObjectIndexer), {})


def folded_query(query):
    """`query` (modelsearch's query objects) with the apostrophes of its words folded."""
    if hasattr(query, "query_string"):  # words: PlainText, Phrase, Fuzzy
        query = copy.copy(query)
        query.query_string = fold_apostrophes(query.query_string)
    elif isinstance(query, And | Or):
        query = copy.copy(query)
        query.subqueries = [folded_query(subquery) for subquery in query.subqueries]
    elif isinstance(query, Not | Boost):
        query = copy.copy(query)
        query.subquery = folded_query(query.subquery)
    return query


def with_apostrophes_folded(compiler_class):
    class ApostrophesFoldedCompiler(compiler_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = folded_query(self.query)

    ApostrophesFoldedCompiler.__name__ = ApostrophesFoldedCompiler.__qualname__ = (
        f"ApostrophesFolded{compiler_class.__name__}"
    )
    return ApostrophesFoldedCompiler


def without_quotes(compiler_class):
    class WithoutQuotesCompiler(compiler_class):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                words = query.query_string.replace('"', " ")
                query = PlainText(words if words.strip() else NOTHING, query.operator, query.boost)
            elif isinstance(query, Phrase):
                query = Phrase(query.query_string.replace('"', " "))
            return super().build_search_query_content(query, config=config)

    WithoutQuotesCompiler.__name__ = WithoutQuotesCompiler.__qualname__ = f"WithoutQuotes{compiler_class.__name__}"
    return WithoutQuotesCompiler
