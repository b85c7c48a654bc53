"""Pronunciations that ship with Masthead: Ukrainian cities, oblasts and people often in the news.

Each entry gives the phonemes (IPA as the Piper voice's espeak phonemizer
writes them) that the intelligibility bench found a listener understands
better than the voice's own guess: `make bench` (or `python -m
bench.bench_intelligibility --pronunciations`) checks every entry against raw
Piper. The voice varies from run to run, so a single entry can be heard better in one
run and worse in another; the README's narration section gives the last runs.
`also_written` lists other spellings a listener may write for the same name
(the bench counts them as heard right, for raw Piper and Masthead alike).

`load_pronunciations()` adds them to a newsroom's lexicon (`load_demo` and
`manage.py load_pronunciations` call it); it never overwrites an entry an
editor changed.
"""

from django.db import transaction

from .signals import renarration_batched

PRONUNCIATIONS = [
    {
        "term": "hryvnias",
        "phonemes": "hɹˈɪvnjəz",
        "note": "Currency (the normaliser writes “₴42” as “forty-two hryvnias”)",
        "also_written": ["Hrivnyas", "Hryvnyas", "Grivnas"],
    },
    {
        "term": "Odesa",
        "phonemes": "ˈoʊ dˈɛs sˈʌ",
        "note": "City",
        "also_written": ["Odessa"],
    },
    {
        "term": "Zaporizhzhia",
        "phonemes": "zˈæpɚɹˌiːʒə",
        "note": "City and oblast",
        "also_written": ["Zaporizhia", "Zaporozhye", "Zaporizhzhya"],
    },
    {
        "term": "Mykolaiv",
        "phonemes": "mˈiːkoʊlˌɪʲɪv",
        "note": "City and oblast",
        "also_written": ["Mikolaiv", "Nikolaev"],
    },
    {
        "term": "Chernihiv",
        "phonemes": "tʃˈɜːnɪɡˌɑːv",
        "note": "City and oblast",
        "also_written": ["Chernigov"],
    },
    {
        "term": "Bakhmut",
        "phonemes": "bˈɑːkmuːt",
        "note": "City",
        "also_written": ["Bakhmoot"],
    },
    {
        "term": "Sumy",
        "phonemes": "sˈuːmi",
        "note": "City and oblast",
        "also_written": ["Sumi"],
    },
    {
        "term": "Avdiivka",
        "phonemes": "ˈævdiːvkə",
        "note": "City",
        "also_written": ["Avdeevka", "Avdiyivka"],
    },
    {
        "term": "Kuleba",
        "phonemes": "kjʊlˈiːbə",
        "note": "Person (Dmytro Kuleba, former foreign minister)",
        "also_written": [],
    },
    {
        "term": "Yermak",
        "phonemes": "jˈɛɹmɑːk",
        "note": "Person (Andriy Yermak)",
        "also_written": ["Ermak"],
    },
    {
        "term": "Volodymyr",
        "phonemes": "vˈɑːlədˌɪmɪɹ",
        "note": "Given name (Volodymyr Zelenskyy)",
        "also_written": ["Vladimir", "Volodimir"],
    },
    {
        "term": "Yulia",
        "phonemes": "dʒˈuːliʲə",
        "note": "Given name",
        "also_written": ["Julia", "Yuliya"],
    },
    {
        "term": "Oleksandr",
        "phonemes": "ˈoʊlɪksˌændɚ",
        "note": "Given name",
        "also_written": ["Oleksander", "Alexander", "Aleksandr"],
    },
    {
        "term": "Oleh",
        "phonemes": "ˈoʊləɡ",
        "note": "Given name",
        "also_written": ["Oleg"],
    },
    {
        "term": "Serhiy",
        "phonemes": "sˈɛɹɡeɪ",
        "note": "Given name",
        "also_written": ["Serhii", "Sergei", "Sergey", "Serhiyi"],
    },
    {
        "term": "Svyrydenko",
        "phonemes": "ˈɛsvˌɪɹɪdˈɛŋkoʊ",
        "note": "Person (Yulia Svyrydenko)",
        "also_written": ["Sviridenko"],
    },
    {
        "term": "Mazur",
        "phonemes": "mˈɑːzɔːɹ",
        "note": "Surname",
        "also_written": [],
    },
]


def load_pronunciations():
    """Add the shipped pronunciations to the lexicon; returns (added, updated, kept as the editors left them)."""
    from .models import LexiconEntry
    from .services import renarrate_later

    added = updated = kept = 0
    changed = []
    with transaction.atomic(), renarration_batched():
        existing = {entry.term.lower(): entry for entry in LexiconEntry.objects.all()}
        for data in PRONUNCIATIONS:
            note = data.get("note", "")
            entry = existing.get(data["term"].lower())
            if entry is None:
                LexiconEntry.objects.create(
                    term=data["term"], phonemes=data["phonemes"], spoken="", note=note, shipped=True
                )
                added += 1
                changed.append(data["term"])
            elif entry.shipped and entry.phonemes != data["phonemes"]:
                entry.phonemes, entry.note = data["phonemes"], note
                entry.save()
                updated += 1
                changed.append(data["term"])
            else:
                kept += 1
        renarrate_later(changed)  # one task for the whole list, not one per entry
    return added, updated, kept
