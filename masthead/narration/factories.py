"""Builders for tests, benchmarks and the demo data."""

from .models import LexiconEntry


def add_lexicon_entry(term, spoken, note=""):
    """Add or update the pronunciation of `term` (matched ignoring case); safe to run again."""
    entry = LexiconEntry.objects.filter(term__iexact=term.strip()).first()
    if entry is None:
        return LexiconEntry.objects.create(term=term, spoken=spoken, note=note)
    if entry.spoken != spoken.strip() or (note and entry.note != note):
        entry.spoken, entry.note = spoken, note or entry.note
        entry.save()
    return entry
