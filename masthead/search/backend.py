"""Wagtail's database search backend, with the words an editor types made safe for SQLite's FTS5.

On SQLite, Wagtail's backend puts each word between double quotes for FTS5 but
leaves a double quote inside the word as it is: an unfinished quotation typed
in any admin search box ('"Kyiv', 'a"b') was an FTS5 syntax error, a 500
(wagtail/wagtail#13227). FTS5's tokenizer never indexes a double quote, so the
words are searched without them. Other databases get Wagtail's backend unchanged.
"""

from modelsearch.backends import database
from modelsearch.query import Phrase, PlainText

# Searched for when nothing but quotes was typed: FTS5's quoted string holding one quote, no word, no match.
NOTHING = '""'


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend's module)
    backend = database.SearchBackend(params)
    # By name, as search/ranking.py does: the SQLite module cannot be imported on other databases.
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = without_quotes(backend.query_compiler_class)
        backend.autocomplete_query_compiler_class = without_quotes(backend.autocomplete_query_compiler_class)
    return backend


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
