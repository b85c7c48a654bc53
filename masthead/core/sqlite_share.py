"""Room for other processes to write between a long job's transactions, on SQLite.

SQLite lets one connection write at a time and keeps no queue of the others: each waiting one polls, and once it
has waited a third of a second its busy handler polls every 100 ms. A job that commits and begins its next write
at once, as an import does item after item, leaves gaps of microseconds that such a poll never finds. The mail
worker then cannot claim a confirmation email until the whole import is over: 13 s behind a 300-post import in
the test, and a 5,000-post import takes half an hour. PostgreSQL locks rows, not the database, so there nothing
needs doing. SQLite offers no fair lock to ask for instead, hence this pause.
"""

import time

from django.db import connection

POLL = 0.1  # SQLite's busy handler's longest wait between two tries (sqliteDefaultBusyCallback)
# How long the job waits: a waiting writer's poll comes within POLL, and what it then does needs several writes in
# a row (the mail worker claims a task, records the sign-up, claims the email's task), each of which must find
# the lock free too. With only a poll's length, a sign-up's email took several pauses and, in a loaded CI run, came
# after an 80-post import had ended.
PAUSE = 0.25


class WriterPause:
    """Call between() after each of a long job's transactions: on SQLite, every `every` seconds it waits PAUSE,
    outside any transaction, so that waiting writers get in (the job loses at most PAUSE / every of its time:
    12.5 % at the default)."""

    def __init__(self, every=2.0):
        self.every = every
        self.last = time.monotonic()

    def between(self):
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return
        if time.monotonic() - self.last >= self.every:
            time.sleep(PAUSE)
            self.last = time.monotonic()
