"""Builders for tests, benchmarks and the demo data."""

from .models import LexiconEntry, Narration


def add_lexicon_entry(term, spoken, note="", phonemes=""):
    """Add or update the pronunciation of `term` (matched ignoring case); safe to run again."""
    entry = LexiconEntry.objects.filter(term__iexact=term.strip()).first()
    if entry is None:
        return LexiconEntry.objects.create(term=term, spoken=spoken, phonemes=phonemes, note=note)
    if entry.spoken != spoken.strip() or entry.phonemes != phonemes.strip() or (note and entry.note != note):
        entry.spoken, entry.phonemes, entry.note = spoken, phonemes, note or entry.note
        entry.save()
    return entry


def narrated_article(section, paragraphs, contributors=(), title="Ships leave the port", duration_seconds=31.5):
    """A published article of `paragraphs` whose narration is recorded as ready, with no audio made: its page shows
    the player and a marker on each paragraph (the headline read from 0 s, paragraph n from 4 + 9n s)."""
    from masthead.articles.factories import make_article

    article = make_article(section, title, contributors, body=paragraphs)
    record_narration(article, duration_seconds)
    return article


def record_narration(article, duration_seconds=31.5):
    """Record `article`'s narration as ready, with no audio made (body block n read from 4 + 9n s)."""
    Narration.objects.update_or_create(
        article=article,
        defaults={
            "state": Narration.State.READY,
            "audio": f"narration/{article.slug}.mp3",
            "duration_seconds": duration_seconds,
            "timings": [{"part": "headline", "block": None, "start": 0.0}]
            + [{"part": "body", "block": index, "start": 4.0 + 9 * index} for index in range(len(article.body))],
        },
    )


def load_demo_lexicon(entries):
    """The demo newsroom's lexicon: the shipped pronunciations, then the demo's own respellings for other names."""
    from .pronunciations import load_pronunciations

    load_pronunciations()
    for entry in entries:
        if not LexiconEntry.objects.filter(term__iexact=entry["term"].strip()).exists():
            add_lexicon_entry(entry["term"], entry.get("spoken", ""), entry.get("note", ""), entry.get("phonemes", ""))
