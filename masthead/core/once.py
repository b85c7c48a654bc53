"""A form sent twice (a double click, a page sent again from the browser's history) acts once.

A form that creates something carries a token made when it was shown; the
first request with that token claims it in a cache every process shares (the
database cache, or Redis with REDIS_URL: settings' "ratelimit" cache), whose
`add` is atomic, so of two requests racing with one token only one wins.
"""

import uuid

from django import forms
from django.core.cache import caches

# Long enough to cover a page left open and sent again; the forms' tokens are random, so keys never collide.
HOURS = 24


def first_submission(key):
    """True the first time `key` is claimed, False for every later request with it."""
    return caches["ratelimit"].add(f"once:{key}", 1, timeout=HOURS * 3600)


def forget_submission(key):
    """Free `key` again: the action it guarded did not happen."""
    caches["ratelimit"].delete(f"once:{key}")


def submission_field():
    """A form's hidden token, new each time the form is shown: the key a view claims with first_submission()."""
    return forms.CharField(widget=forms.HiddenInput, required=False, max_length=64, initial=lambda: uuid.uuid4().hex)
