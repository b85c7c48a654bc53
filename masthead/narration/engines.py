"""Text-to-speech engines behind one small interface, and the voices they load (once per process).

A voice is listed in the MASTHEAD_NARRATION_VOICES setting with the engine
class that speaks it. To add an engine, subclass `Engine` and name it there.
"""

import json
import re
import threading
import unicodedata
from importlib import import_module
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import conf


class Reason(Exception):
    """A failure an editor reads about: its sentence (English, marked for translation) and the values in it, kept
    apart so that a reason a worker met (it has no language of its own) can be said later in each editor's."""

    def __init__(self, says, **values):
        self.says, self.values = says, {name: str(value) for name, value in values.items()}
        super().__init__(says % self.values)

    def __str__(self):
        return _(self.says) % self.values


class VoiceError(Reason):
    """A voice is not configured, or its files cannot be loaded."""


class Engine:
    """What narration needs from a text-to-speech engine.

    `identity` goes into every narration key, so a new engine release or a
    changed voice file makes new audio on the next publish.
    """

    sample_rate = 22050

    def __init__(self, voice_id, **options):
        self.voice_id = voice_id

    @classmethod
    def identity(cls, voice_id, **options):
        return f"{cls.__module__}.{cls.__qualname__}:{voice_id}"

    def sentences(self, text, voice_only=False):
        """Yield the audio of each sentence of `text` as a 1-D int16 numpy array at `sample_rate`.

        With `voice_only`, the voice reads the text as it would on its own, without what Masthead changes in how
        it speaks (the intelligibility bench's raw side).
        """
        raise NotImplementedError


def resolve_path(value):
    """A file path, or "module:function" naming a function that returns one (voice packages do this)."""
    if isinstance(value, str) and ":" in value and not Path(value).exists():
        module_name, _, function_name = value.partition(":")
        try:
            return Path(getattr(import_module(module_name), function_name)())
        except (ImportError, AttributeError) as error:
            raise VoiceError(
                gettext_noop("The voice file “%(value)s” is not installed (%(error)s)."), value=value, error=error
            ) from error
    return Path(value)


class PiperEngine(Engine):
    """Piper (piper-tts): a neural voice in ONNX, run on the CPU by onnxruntime."""

    def __init__(self, voice_id, model, config=None, length_scale=None, threads=None, **options):
        super().__init__(voice_id)
        import onnxruntime
        from piper import PiperConfig, PiperVoice, SynthesisConfig

        model_path = resolve_path(model)
        config_path = resolve_path(config) if config else Path(f"{model_path}.json")
        with open(config_path, encoding="utf-8") as config_file:
            voice_config = PiperConfig.from_dict(json.load(config_file))
        # What PiperVoice.load does, with session options of our own: the worker
        # shares its cores with the web process, and onnxruntime's default of
        # spinning idle threads cost us about a third of the speed when the cores were busy.
        session_options = onnxruntime.SessionOptions()
        session_options.inter_op_num_threads = 1
        if threads:
            session_options.intra_op_num_threads = threads
        session_options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(
            str(model_path), sess_options=session_options, providers=["CPUExecutionProvider"]
        )
        self.voice = PiperVoice(config=voice_config, session=session)
        self.sample_rate = self.voice.config.sample_rate
        self.synthesis = SynthesisConfig(length_scale=length_scale, normalize_audio=False)

    @classmethod
    def identity(cls, voice_id, model="", config=None, length_scale=None, threads=None, **options):
        try:
            piper = package_version("piper-tts")
        except PackageNotFoundError:
            piper = "unknown"
        return f"piper-{piper}:{voice_id}:{Path(str(model)).name}:{length_scale or 1}"

    def sentences(self, text, voice_only=False):
        for phonemes in phonemize(self.voice, text, narration=not voice_only):
            if not phonemes:
                continue
            pieces = []
            for clause in split_phonemes(phonemes, MAX_PHONEMES):
                audio = self.voice.phoneme_ids_to_audio(self.voice.phonemes_to_ids(clause), self.synthesis)
                audio = audio[0] if isinstance(audio, tuple) else audio
                if pieces:
                    pieces.append(np.zeros(int(CLAUSE_PAUSE * self.sample_rate), dtype=np.float32))
                pieces.append(np.asarray(audio, dtype=np.float32).reshape(-1))
            audio = np.concatenate(pieces)
            # Piper scales each sentence to full volume; so do we, with headroom so the MP3 does not clip.
            peak = float(np.max(np.abs(audio))) if audio.size else 0.0
            audio = audio * (0.9 / peak) if peak > 1e-8 else np.zeros_like(audio)
            yield (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16)


# Piper drops punctuation written straight after a "[[ … ]]" block and runs the next word into it: "[[ˌeɪˈɛm]].
# Residents fled." became one sentence, "ˌeɪˈɛmɹˈɛzᵻdənts flˈɛd.", and "[[kuːlˈɛbɐ]], the minister" lost its comma;
# a block that begins a sentence is also spoken as the end of the sentence before it. So a name with an entry,
# or an "a.m.", was said without the pause of its comma or the fall of a sentence's end. The punctuation (and a
# closing quotation mark, which the voice does not say) is moved into the block, and the sentences are split
# again where one ends before a space.
BLOCK_PUNCTUATION = re.compile(r"\]\]([.,;:!?]+)[\"”’»)]*")
SENTENCE_ENDS = {".", "!", "?"}


def phonemize(voice, text, narration=False):
    """The voice's phonemes for `text`, one list per sentence, with the punctuation around "[[ … ]]" blocks kept.

    With `narration`, as Masthead's narration gives them to the voice: a past tense's last sound is made audible
    before a consonant (`audible_endings`).
    """
    sentences = []
    for phonemes in voice.phonemize(BLOCK_PUNCTUATION.sub(lambda match: match.group(1) + "]]", text)):
        # A block after a space-ended text part was given a second space, a longer gap than between words.
        phonemes = [
            phoneme for index, phoneme in enumerate(phonemes) if phoneme != " " or phonemes[index - 1 : index] != [" "]
        ]
        start = 0
        for index, phoneme in enumerate(phonemes[:-1]):
            if phoneme in SENTENCE_ENDS and phonemes[index + 1] == " ":
                sentences.append(phonemes[start : index + 1])
                start = index + 2
        sentences.append(phonemes[start:])
    sentences = [sentence for sentence in sentences if sentence]
    return audible_endings(voice, text, sentences) if narration else sentences


# The voice swallows the last sound of a past tense before a consonant, and Whisper, like a listener, then hears
# the present: "The army moved more troops" came back "The army move more troops", "Investigators searched the
# building" "… search the building", "Temperatures dropped to" "… drop to". A word written with "-ed" whose
# phonemes end in a bare /d/ or /t/ (not the syllable of "reported" or "flooded", which is heard) is given that
# stop twice when the next word begins with a consonant, so the voice holds and releases it. On 60 news
# sentences written for the check (bench/data/past_tense_sentences.txt, which the normaliser leaves as written,
# so `manage.py narration_check --file` on it compares the voice alone with this), four takes: the "-ed" words
# Whisper missed fell 49 → 33 of 248, all word errors 84 → 64. Doubling every word-final stop ("front", "at")
# instead did not help (84 → 83), nor did doubling it before a vowel too ("reopened on": 51 → 50 on 30 sentences).
PAST_TENSE = re.compile(r"\b[A-Za-z]+ed\b")
PHONEME_BLOCK = re.compile(r"\[\[.*?\]\]")
FINAL_STOPS = {"d", "t"}
SYLLABIC_ENDING = set("ɪᵻə")
PHONEME_VOWELS = set("aeiouæɐɑɒɔəɚɛɜɝɪʊʌᵻ")
STRESS_MARKS = str.maketrans("", "", "ˈˌ")
_word_phonemes = {}


def _unstressed(phonemes):
    return unicodedata.normalize("NFC", phonemes).translate(STRESS_MARKS)


def _alone(voice, word):
    """The voice's phonemes for one word said on its own, without stress marks (kept per process)."""
    key = (id(voice), word)
    if key not in _word_phonemes:
        if len(_word_phonemes) >= 20_000:  # a worker's lifetime of copy stays well under this; never unbounded
            _word_phonemes.clear()
        said = "".join("".join(sentence) for sentence in voice.phonemize(word))
        _word_phonemes[key] = _unstressed(said).strip(" .")
    return _word_phonemes[key]


def audible_endings(voice, text, sentences):
    """`sentences` (phoneme lists of `text`) with the final stop of each "-ed" word before a consonant doubled."""
    past = {_alone(voice, word.lower()) for word in PAST_TENSE.findall(PHONEME_BLOCK.sub(" ", text))}
    past = {said for said in past if said[-1:] in FINAL_STOPS and said[-2:-1] not in SYLLABIC_ENDING}
    if not past:
        return sentences
    changed = []
    for sentence in sentences:
        words = "".join(sentence).split(" ")
        for index, word in enumerate(words[:-1]):
            following = words[index + 1].translate(STRESS_MARKS)[:1]
            if following and following not in PHONEME_VOWELS and _unstressed(word) in past:
                words[index] = word + word[-1]
        changed.append(list(" ".join(words)))
    return changed


# The voice model's working memory grows with the length of what it speaks at once
# (about 20 MB per second of audio), so a long sentence is spoken clause by clause:
# this keeps a worker's peak memory flat whatever the copy. ~120 phonemes ≈ 18 words.
MAX_PHONEMES = 120
CLAUSE_PAUSE = 0.06
CLAUSE_BREAKS = {",", ";", ":"}


def split_phonemes(phonemes, limit):
    """Split a sentence's phonemes into pieces of at most `limit`, after a comma if possible, else between words."""
    pieces, start = [], 0
    while len(phonemes) - start > limit:
        window = phonemes[start : start + limit]
        cut = max((index for index, phoneme in enumerate(window) if phoneme in CLAUSE_BREAKS), default=-1)
        if cut < limit // 4:
            cut = max((index for index, phoneme in enumerate(window) if phoneme == " "), default=limit - 1)
        pieces.append(phonemes[start : start + cut + 1])
        start += cut + 1
        while start < len(phonemes) and phonemes[start] == " ":
            start += 1
    if start < len(phonemes):
        pieces.append(phonemes[start:])
    return pieces


_engines = {}
_lock = threading.Lock()


def voice_options(voice_id):
    voices = conf.voices()
    if voice_id not in voices:
        raise VoiceError(
            gettext_noop("The voice “%(voice)s” is not listed in MASTHEAD_NARRATION_VOICES."), voice=voice_id
        )
    options = dict(voices[voice_id])
    options.pop("label", None)
    options.pop("language", None)
    return import_string(options.pop("engine", "masthead.narration.engines.PiperEngine")), options


def voice_identity(voice_id):
    """The engine, its version and the voice, without loading the voice (cheap, for the web process)."""
    engine_class, options = voice_options(voice_id)
    return engine_class.identity(voice_id, **options)


def get_engine(voice_id=None):
    """The loaded engine for `voice_id` (default: the configured voice), loaded once per process."""
    voice_id = voice_id or conf.voice_id()
    engine_class, options = voice_options(voice_id)
    cache_key = (voice_id, repr(sorted(options.items())))
    with _lock:
        engine = _engines.get(cache_key)
        if engine is None:
            try:
                engine = engine_class(voice_id, **options)
            except VoiceError:
                raise
            except Exception as error:
                raise VoiceError(
                    gettext_noop("The voice “%(voice)s” could not be loaded: %(error)s"), voice=voice_id, error=error
                ) from error
            _engines[cache_key] = engine
    return engine


def voice_phoneme_set(voice_id=None):
    """The phoneme symbols the voice knows (from its config file, without loading the model)."""
    voice_id = voice_id or conf.voice_id()
    _engine_class, options = voice_options(voice_id)
    config = options.get("config")
    config_path = resolve_path(config) if config else Path(f"{resolve_path(options['model'])}.json")
    with open(config_path, encoding="utf-8") as config_file:
        return set(json.load(config_file).get("phoneme_id_map", {}))


def phoneme_problem(phonemes, voice_id=None):
    """None if the voice can say these IPA phonemes, else a message naming the symbols it does not know.

    Piper's own marks for the start and end of a sentence and for padding are in the voice's map but are not
    sounds: written in an entry they would frame the middle of a sentence as a new one.
    """
    from piper.const import BOS, EOS, PAD

    try:
        known = voice_phoneme_set(voice_id) - {BOS, EOS, PAD}
    except (VoiceError, OSError, KeyError):
        return None  # no voice to check against: the narration will say so
    unknown = sorted({char for char in unicodedata.normalize("NFD", phonemes) if char not in known})
    if not unknown:
        return None
    return _("The voice does not know these symbols: %(symbols)s. Use IPA as the voice writes it.") % {
        "symbols": " ".join(unknown)
    }


def _bare(phonemes):
    return re.sub(r"[ˈˌʲ\s]", "", unicodedata.normalize("NFC", phonemes))


def respelling_problem(spoken, voice_id=None):
    """None if the voice reads a respelling as sounds, else a message naming the part it reads as a letter.

    espeak spells out the first letter of a word that starts with two consonants it cannot begin a syllable
    with, capitals or not: "Shmihal" is "ess aitch mihal", "Hriv-nyah" "aitch riv nyah", "Tkah" "tee kah".
    """
    from .normalise import respelling

    if not re.fullmatch(r"[a-z' -]*[a-z][a-z' -]*", respelling(spoken)):
        # "---" says nothing, "KEEV-123" says "one twenty three", and the English voice reads other scripts'
        # letters by their names or not at all: what it reads as sounds is Latin letters.
        return _(
            "Write a respelling in the letters a to z, with hyphens, spaces or apostrophes between syllables, "
            "as in “Dnee-PRO”. For other sounds, give phonemes."
        )
    try:
        for part in re.split(r"[\s-]+", respelling(spoken)):
            letters = re.sub(r"[^a-z]", "", part)
            if len(letters) == 1 and letters not in "aeiouy":
                # "T-kah": a consonant on its own is read by its name.
                return _(
                    "The voice reads “%(part)s” on its own as the letter %(letter)s. Join it to the next syllable, "
                    "or give phonemes."
                ) % {"part": part, "letter": letters.upper()}
            if len(letters) < 2 or letters[0] in "aeiouy" or letters[1] in "aeiouy":
                continue
            said = voice_phonemes(part, voice_id)
            if _bare(said).startswith(_bare(voice_phonemes(letters[0].upper(), voice_id))):
                return _(
                    "The voice reads the start of “%(part)s” as the letter %(letter)s (%(phonemes)s). "
                    "Respell it without that letter, join it to the next syllable, or give phonemes."
                ) % {"part": part, "letter": letters[0].upper(), "phonemes": said}
    except (VoiceError, OSError, KeyError):
        return None  # no voice to check against: the narration will say so
    return None


def voice_phonemes(text, voice_id=None, engine=None, narration=False):
    """The phonemes the voice itself would use for `text` (what an editor compares an entry with).

    With `narration`, the phonemes Masthead's narration gives it (with `audible_endings`).
    """
    engine = engine or get_engine(voice_id)
    voice = getattr(engine, "voice", None)
    if not hasattr(voice, "phonemize"):
        return ""
    sentences = phonemize(voice, text, narration=narration)
    return unicodedata.normalize("NFC", " ".join("".join(sentence) for sentence in sentences).strip())
