"""Ranked matches for a query over several kinds of content, best first, with comparable scores.

On PostgreSQL, MySQL, OpenSearch or Elasticsearch, Wagtail's search backend does
the work (`annotate_score`). On SQLite, Wagtail's database backend ranks with a
correlated sub-query that repeats the full-text match once per matching row:
a common word in a 3,000-article archive took 20 seconds. There we ask SQLite's
FTS5 index ourselves, in one pass that matches, scores and sorts every candidate
(milliseconds), reading the same index tables Wagtail keeps up to date.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from modelsearch.query import And, Or, Phrase, PlainText
from wagtail.search.backends import get_search_backend

from .word_forms import alternatives

# FTS5 column weights for bm25(): autocomplete (not used for search), body, title.
SQLITE_WEIGHTS = (0.0, 1.0, 2.0)


@dataclass
class Match:
    kind: str
    pk: int
    score: float  # higher is better, comparable across kinds


def ranked_matches(terms, operator, querysets, limit, latin=False):
    """Matches of `terms` in each of `querysets` ({kind: queryset}), best first, at most `limit` of each kind.

    `terms` are plain words (letters and digits, and apostrophes inside them);
    `operator` is "and" (every word must match) or "or" (any word). A Ukrainian
    word also matches its dictionary forms, and with `latin` (an edition written
    in Latin letters) their Latin spellings too (word_forms.py).
    """
    backend = get_search_backend()
    if _is_sqlite_fts(backend):
        return _sqlite_matches(terms, operator, querysets, limit, latin)
    return _backend_matches(backend, terms, operator, querysets, limit, latin)


def _backend_query(terms, operator, latin=False):
    words = []
    for term in terms.split():
        either = alternatives(term, latin=latin)
        # "mar iana", a Latin word split at its apostrophe, is searched as the phrase it is.
        either = [Phrase(word) if " " in word else PlainText(word) for word in either]
        words.append(Or(either) if len(either) > 1 else either[0])
    if all(isinstance(word, PlainText) for word in words):
        return terms  # as before: the backend's own plain-text query
    return And(words) if operator == "and" else Or(words)


def _backend_matches(backend, terms, operator, querysets, limit, latin):
    per_kind = {}
    query = _backend_query(terms, operator, latin)
    for kind, queryset in querysets.items():
        found = backend.search(query, queryset, operator=operator).annotate_score("_score")[:limit]
        per_kind[kind] = [(item.pk, item._score or 0) for item in found]
    direction = score_direction(*[[score for _pk, score in found] for found in per_kind.values()])
    matches = [Match(kind, pk, direction * score) for kind, found in per_kind.items() for pk, score in found]
    return sorted(matches, key=lambda match: match.score, reverse=True)


def score_direction(*score_lists):
    """1 when the backend's scores grow with relevance, -1 when they shrink.

    Every backend returns its results best first, but they score differently:
    PostgreSQL's ts_rank and Elasticsearch grow with relevance, bm25() in SQLite
    is negative and shrinks. The order of one list of results shows which; with
    too few results to tell, negative scores mean bm25.
    """
    for scores in score_lists:
        if len(scores) > 1 and scores[0] != scores[-1]:
            return 1 if scores[0] > scores[-1] else -1
    every_score = [score for scores in score_lists for score in scores]
    return -1 if every_score and max(every_score) < 0 else 1


def _is_sqlite_fts(backend):
    # By name: the module cannot even be imported on other databases.
    kind = type(backend)
    return kind.__module__ == "modelsearch.backends.database.sqlite.sqlite" and kind.__name__ == "SQLiteSearchBackend"


def _sqlite_matches(terms, operator, querysets, limit, latin):
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry

    entries, fts = IndexEntry._meta.db_table, SQLiteFTSIndexEntry._meta.db_table
    # Terms are words (see views.search_terms); quoted, they are plain FTS5 strings ("mar iana" a phrase).
    joiner = " AND " if operator == "and" else " OR "
    words = ["(" + " OR ".join(f'"{word}"' for word in alternatives(term, latin=latin)) + ")" for term in terms.split()]
    match = "{body title} : (" + joiner.join(words) + ")"
    kinds, conditions, params = {}, [], []
    for kind, queryset in querysets.items():
        content_type = ContentType.objects.get_for_model(queryset.model)
        kinds[content_type.pk] = kind
        candidates, candidate_params = queryset.order_by().values("pk").query.sql_with_params()
        conditions.append(f"(e.content_type_id = %s AND CAST(e.object_id AS INTEGER) IN ({candidates}))")
        params += [content_type.pk, *candidate_params]
    weights = ", ".join(str(weight) for weight in SQLITE_WEIGHTS)
    sql = (
        f"SELECT e.content_type_id, CAST(e.object_id AS INTEGER), bm25({fts}, {weights}) AS rank "
        f"FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s AND ({' OR '.join(conditions)}) "
        f"ORDER BY rank LIMIT %s"
    )
    with connections[next(iter(querysets.values())).db].cursor() as cursor:
        cursor.execute(sql, [match, *params, limit * len(querysets)])
        rows = cursor.fetchall()
    counts, matches = {}, []
    for content_type_id, pk, rank in rows:
        kind = kinds[content_type_id]
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= limit:
            # bm25() is negative and smaller for better matches.
            matches.append(Match(kind, pk, -rank))
    return matches
