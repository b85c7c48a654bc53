"""For the tests: the rows a fixture makes, made once and laid down again in each test that asks for them.

The shared newsroom (conftest's `newsroom`: a site, two sections, three contributors, four published stories)
goes through Wagtail's whole publishing path, about 750 queries and a second of work, and a quarter of the suite's
tests ask for it. `Snapshots.rows_of(build)` runs `build` once, notes which tables it changed and what they then
held, and in each later test with the same starting point writes those tables back as they were (a few dozen
rows, a few milliseconds) and fetches the objects `build` returned again from the database.

Django's own answer, `TestCase.setUpTestData`, keeps the rows for one class's tests, and the suite's tests are
functions; neither pytest-django nor Django lays a fixture's rows down again across tests, so this does.

A snapshot is used only when the test's database starts where the first one's did: nothing written yet in the
test, the same number of rows in every table (a transactional test empties them all, and a test after it starts
from that), the same settings and the same clock (a test travelling in time builds afresh), and `build` left no
file behind (a file belongs to one test's media folder). Otherwise `build` runs as before. Snapshots older than
`MAX_AGE` seconds are made again, so the stories' times ("five hours ago") stay as near to now as a build's.
MASTHEAD_TEST_SNAPSHOTS=0 builds every time.
"""

import functools
import os
import time

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

MAX_AGE = 120
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class WriteWatch:
    """An execute wrapper that notes whether the test has written anything (pytest-django's own statements,
    savepoints, are not writes)."""

    def __init__(self):
        self.written = False

    def __call__(self, execute, sql, params, many, context):
        if not self.written and sql.lstrip()[:7].upper().startswith(WRITES):
            self.written = True
        return execute(sql, params, many, context)


class Snapshot:
    def __init__(self, tables, result, made_at):
        self.tables = tables  # {table: (columns, rows)} as `build` left it
        self.result = result  # the returned value, with (model, pk) for each object
        self.made_at = made_at


class Snapshots:
    def __init__(self):
        self.saved = {}
        self.watch = None

    def rows_of(self, build, *args):
        """`build(*args)`'s result: built, or its rows laid down again from an earlier test's build."""
        if self.watch is None or self.watch.written or os.environ.get("MASTHEAD_TEST_SNAPSHOTS") == "0":
            return build(*args)
        key = (build.__module__, build.__qualname__, repr(args), settings_key(), row_counts())
        snapshot = self.saved.get(key)
        if snapshot is not None and time.monotonic() - snapshot.made_at < MAX_AGE:
            write_tables(snapshot.tables)
            result = fetch(snapshot.result)
        else:
            before = read_tables(all_tables())
            files = media_files()
            result = build(*args)
            if media_files() != files:
                return result  # the test has written, and not only rows
            after = read_tables(list(before))
            changed = {t: after[t] for t in after if sorted_rows(after[t]) != sorted_rows(before[t])}
            self.saved[key] = Snapshot(changed, reference(result), time.monotonic())
        # The database is now where the snapshot says: a second snapshotted build (the Ukrainian edition of the
        # newsroom) may start from it.
        self.watch.written = False
        return result


SNAPSHOTS = Snapshots()


def snapshotted(build):
    """`build`, made once and laid down again in later tests (above); outside the tests, `build` as it is."""

    @functools.wraps(build)
    def rows_of(*args):
        return SNAPSHOTS.rows_of(build, *args)

    return rows_of


def settings_key():
    """What could make a build differ: the settings' values (the media folder aside, which is per test and in
    which a snapshotted build writes nothing) and the clock's distance from the real time."""
    values = {name: repr(getattr(settings, name)) for name in dir(settings) if name.isupper() and name != "MEDIA_ROOT"}
    return hash(tuple(sorted(values.items()))), round(timezone.now().timestamp() - time.time())


def all_tables():
    """Every table, SQLite's full-text index included once: its virtual table, not the shadow tables behind it."""
    if connection.vendor != "sqlite":
        return sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        names = [name for (name,) in cursor.fetchall()]
    virtual = virtual_tables()
    return sorted(
        name for name in names if not any(name.startswith(f"{table}_") for table in virtual) and name != "sqlite_stat1"
    )


def virtual_tables():
    """SQLite's virtual tables (modelsearch's full-text index, its migration 0002), read and written with rowids."""
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND UPPER(sql) LIKE 'CREATE VIRTUAL TABLE%'"
        )
        return {name for (name,) in cursor.fetchall()}


def quoted(table):
    return connection.ops.quote_name(table)


def row_counts():
    """Each table's number of rows and highest key: a transactional test empties the tables and Django makes the
    content types again under new ids, so the same number of rows is not always the same rows."""
    tables = all_tables()
    columns = []
    for table in tables:
        key = primary_key(table)
        columns += [f"(SELECT COUNT(*) FROM {quoted(table)})", f"(SELECT MAX({key}) FROM {quoted(table)})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns))
        return tuple(tables), tuple(cursor.fetchone())


_primary_keys = {}


def primary_key(table):
    if connection.vendor == "sqlite":
        return "rowid"
    if table not in _primary_keys:
        with connection.cursor() as cursor:
            names = connection.introspection.get_primary_key_columns(cursor, table) or []
        # As text: MAX has no form for every type a key may be (a UUID).
        _primary_keys[table] = f"{quoted(names[0])}::text" if names else "NULL"
    return _primary_keys[table]


def read_tables(tables):
    contents = {}
    virtual = virtual_tables()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT {'rowid, ' if table in virtual else ''}* FROM {quoted(table)}")
            columns = [column[0] for column in cursor.description]
            contents[table] = (columns, cursor.fetchall())
    return contents


def sorted_rows(content):
    return sorted(content[1], key=repr)


def write_tables(tables):
    # In one transaction: a transactional test writes outside one, and a table emptied before its rows come
    # back would break the foreign keys that point into it.
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in tables.items():
            cursor.execute(f"DELETE FROM {quoted(table)}")
            if rows:
                names = ", ".join(quoted(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quoted(table)} ({names}) VALUES ({marks})", rows)
        if connection.vendor == "postgresql":
            # The rows came back with their ids; each sequence goes on from the highest.
            for sql in connection.ops.sequence_reset_sql(no_style(), models_of(tables)):
                cursor.execute(sql)


def models_of(tables):
    from django.apps import apps

    return [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in tables]


def media_files():
    root = str(settings.MEDIA_ROOT)
    return sorted(os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names)


def reference(value):
    """`value` with each model instance in it replaced by (model, pk), to fetch again later."""
    from django.db.models import Model

    if isinstance(value, Model):
        return ("object", type(value), value.pk)
    if isinstance(value, dict):
        return ("dict", {key: reference(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return (type(value).__name__, [reference(item) for item in value])
    return ("value", value)


def fetch(referenced):
    kind, *rest = referenced
    if kind == "object":
        model, pk = rest
        return model._default_manager.get(pk=pk)
    if kind == "dict":
        return {key: fetch(item) for key, item in rest[0].items()}
    if kind in ("list", "tuple"):
        items = [fetch(item) for item in rest[0]]
        return items if kind == "list" else tuple(items)
    return rest[0]
