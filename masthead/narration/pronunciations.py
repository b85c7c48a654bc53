"""Pronunciations that ship with Masthead: Ukrainian cities, people and the currency, often in the news.

Each entry gives the phonemes (IPA as the Piper voice's espeak phonemizer
writes them) that a listener model (Whisper tiny.en) understood better than
the voice's own reading. `python -m bench.find_pronunciations` chooses them:
it tries the candidates in bench/data/pronunciation_candidates.tsv in carrier
sentences, then checks the best one on news sentences that name it
(bench/data/pronunciation_checks.tsv), and keeps it only if it wins there by
at least two words. `make bench` repeats that check for every entry; the voice
varies from take to take, so one run can tie or lose by a word, and
the checks of every run are in bench/NARRATION.md. Entries say the Ukrainian
names (Oleksandr, Olha, not a Russian form), even where a Russian form would be
heard "right" more often.

`also_written` lists other spellings a listener may write for the same name
(the bench counts them as heard right, for raw Piper and Masthead alike).

`load_pronunciations()` brings a newsroom's lexicon up to this list
(`load_demo` and `manage.py load_pronunciations` call it); it never touches an
entry an editor changed.
"""

from django.db import transaction

from .signals import renarration_batched

PRONUNCIATIONS = [
    {
        "term": "Odesa",
        "phonemes": "ˈoʊ dˈɛs sˈʌ",
        "note": "City and oblast",
        "also_written": ["Odessa"],
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
        "term": "Volodymyr",
        "phonemes": "vˌɑːlədˈiːmɪɹ",
        "note": "Given name (Volodymyr Zelenskyy)",
        "also_written": ["Vladimir", "Volodimir"],
    },
    {
        "term": "Dmytro",
        "phonemes": "dəmˈiːtɹoʊ",
        "note": "Given name (Dmytro Kuleba)",
        "also_written": ["Dmitro", "Dmitry", "Dmitri"],
    },
    {
        "term": "Kuleba",
        "phonemes": "kuːlˈeɪbə",
        "note": "Person (Dmytro Kuleba, former foreign minister)",
        "also_written": [],
    },
    {
        "term": "Svyrydenko",
        "phonemes": "svɪɹɪdˈɛŋkoʊ",
        "note": "Person (Yulia Svyrydenko, prime minister)",
        "also_written": ["Sviridenko"],
    },
    {
        "term": "Vitali",
        "phonemes": "viːtˈɑːli",
        "note": "Given name (Vitali Klitschko)",
        "also_written": ["Vitaly", "Vitaliy", "Vitalii"],
    },
    {
        "term": "Oleksandr",
        "phonemes": "ˈoʊləksˈændɚ",
        "note": "Given name (Oleksandr Syrskyi)",
        "also_written": ["Oleksander", "Alexander", "Aleksandr"],
    },
    {
        "term": "Syrskyi",
        "phonemes": "sˈɪɹski",
        "note": "Person (Oleksandr Syrskyi, commander in chief)",
        "also_written": ["Syrsky", "Sirsky", "Syrskyy"],
    },
    {
        "term": "Syniehubov",
        "phonemes": "sˈiːneɪhˈuːbɑːv",
        "note": "Person (Oleh Syniehubov, governor of Kharkiv oblast)",
        "also_written": ["Sinegubov", "Synehubov", "Sinehubov"],
    },
    {
        "term": "Olha",
        "phonemes": "ˈoʊlhɑː",
        "note": "Given name",
        "also_written": ["Olga", "Olya"],
    },
    {
        "term": "Ternopil",
        "phonemes": "tɛɹnˈoʊpɪl",
        "note": "City and oblast",
        "also_written": ["Ternopol"],
    },
    {
        "term": "Uzhhorod",
        "phonemes": "ˈuːʒhˈoʊɹˈɑːd",
        "note": "City",
        "also_written": ["Uzhgorod", "Uzhorod"],
    },
    {
        "term": "Khmelnytskyi",
        "phonemes": "xmɛlnˈɪtski",
        "note": "City and oblast",
        "also_written": ["Khmelnytsky", "Khmelnitsky", "Khmelnytskyy"],
    },
    {
        "term": "Ivano-Frankivsk",
        "phonemes": "ˈiːvˈɑːnˈoʊ fɹˈæŋkˈiːvsk",
        "note": "City and oblast",
        "also_written": ["Ivano Frankivsk"],
    },
    {
        "term": "Shmyhal",
        "phonemes": "ʃmˈɪhɑːl",
        "note": "Person (Denys Shmyhal, former prime minister)",
        "also_written": ["Shmygal"],
    },
    {
        "term": "Oleksandra",
        "phonemes": "ˌoʊlɛksˈændɹə",
        "note": "Given name (Oleksandra Matviichuk)",
        "also_written": ["Aleksandra", "Alexandra"],
    },
    {
        "term": "Kherson",
        "phonemes": "kˈɛɹsən",
        "note": "City and oblast",
        "also_written": ["Herson"],
    },
    {
        "term": "Bakhmut",
        "phonemes": "bˈɑːhmut",
        "note": "City",
        "also_written": ["Bakhmoot"],
    },
    {
        "term": "Dnipro",
        "phonemes": "dnˈiːpɹə",
        "note": "City and river",
        "also_written": ["Dnieper", "Dnepr", "Dniepro"],
    },
    {
        "term": "Yermak",
        "phonemes": "jˈɛɹmɑk",
        "note": "Surname (Andriy Yermak)",
        "also_written": ["Ermak"],
    },
    {
        # The search's best was /mˈɑːɹjʊpəl/, stressed on the first syllable and heard as "Marvel"; this one,
        # stressed as Ukrainians say the name, was a word behind it in the search and won its check too.
        "term": "Mariupol",
        "phonemes": "mˌɑːɹiˈuːpɔl",
        "note": "City",
        "also_written": [],
    },
    {
        "term": "Budanov",
        "phonemes": "budˈɑːnɔv",
        "note": "Surname (Kyrylo Budanov)",
        "also_written": [],
    },
    {
        "term": "Vuhledar",
        "phonemes": "vʊhlədˈɑːɹ",
        "note": "City",
        "also_written": ["Vugledar"],
    },
    {
        "term": "Toretsk",
        "phonemes": "tˈoʊɹˈɛtsk",
        "note": "City",
        "also_written": [],
    },
    {
        "term": "Chasiv Yar",
        "phonemes": "tʃˈɑːsiv jˈɑːɹ",
        "note": "Town",
        "also_written": ["Chasov Yar"],
    },
    {
        # Stressed as Ukrainians say it; the search's best, a word ahead of it there, stressed the second syllable.
        "term": "Sievierodonetsk",
        "phonemes": "sjˌɛvjɛɹoʊdoʊnˈɛtsk",
        "note": "City",
        "also_written": ["Severodonetsk"],
    },
    {
        "term": "Klymenko",
        "phonemes": "klɪmˈɛŋkə",
        "note": "Surname (Ihor Klymenko)",
        "also_written": ["Klimenko"],
    },
    {
        # Stressed as Ukrainians say it; the search's best stressed the third syllable.
        "term": "Kurakhove",
        "phonemes": "kuɹˈɑːhɔvɛ",
        "note": "Town",
        "also_written": ["Kurakhovo"],
    },
    {
        "term": "Hnatov",
        "phonemes": "hnɑtˈoʊv",
        "note": "Surname (Andrii Hnatov)",
        "also_written": [],
    },
    {
        # The normaliser says "₴42" and "42 UAH" as "forty two hryvnias"; the voice alone reads the word
        # "aitch-rivnias". Eight money sentences, three takes each: 70 word errors with the voice's reading,
        # 43 with this one (2026-12-05).
        "term": "hryvnias",
        "phonemes": "hɹˈɪvnɪʲəz",
        "note": "Currency (Ukraine), plural",
        "also_written": ["hryvnas", "hrivnyas", "hryvnyas"],
    },
]


def load_pronunciations():
    """Bring the lexicon's shipped entries up to this release's list.

    Adds the new ones, updates the changed ones and removes the ones the list
    no longer has (a later check found them heard no better, or they said a
    name in a form the newsroom would not use), but never touches an entry an
    editor changed: that one is the newsroom's own. Returns (added, updated,
    removed, kept).
    """
    from .models import LexiconEntry
    from .services import renarrate_later

    added = updated = kept = 0
    changed = []
    listed = {data["term"].lower() for data in PRONUNCIATIONS}
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
        retired = [entry for key, entry in existing.items() if entry.shipped and key not in listed]
        for entry in retired:
            entry.delete()
            changed.append(entry.term)
        renarrate_later(changed)  # one task for the whole list, not one per entry
    return added, updated, len(retired), kept
