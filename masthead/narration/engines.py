"""Text-to-speech engines behind one small interface, and the voices they load (once per process).

A voice is listed in the MASTHEAD_NARRATION_VOICES setting with the engine
class that speaks it. To add an engine, subclass `Engine` and name it there.
"""

import threading
from importlib import import_module
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import conf


class VoiceError(Exception):
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

    def sentences(self, text):
        """Yield the audio of each sentence of `text` as a 1-D int16 numpy array at `sample_rate`."""
        raise NotImplementedError


def resolve_path(value):
    """A file path, or "module:function" naming a function that returns one (voice packages do this)."""
    if isinstance(value, str) and ":" in value and not Path(value).exists():
        module_name, _, function_name = value.partition(":")
        try:
            return Path(getattr(import_module(module_name), function_name)())
        except (ImportError, AttributeError) as error:
            message = _("The voice file “%(value)s” is not installed (%(error)s).") % {"value": value, "error": error}
            raise VoiceError(message) from error
    return Path(value)


class PiperEngine(Engine):
    """Piper (piper-tts): a neural voice in ONNX, run on the CPU by onnxruntime."""

    def __init__(self, voice_id, model, config=None, length_scale=None, **options):
        super().__init__(voice_id)
        from piper import PiperVoice, SynthesisConfig

        model_path = resolve_path(model)
        config_path = resolve_path(config) if config else None
        self.voice = PiperVoice.load(str(model_path), config_path=str(config_path) if config_path else None)
        self.sample_rate = self.voice.config.sample_rate
        # Piper scales every sentence to full volume; a little headroom keeps the MP3 from clipping.
        self.synthesis = SynthesisConfig(length_scale=length_scale, volume=0.9)

    @classmethod
    def identity(cls, voice_id, model="", config=None, length_scale=None, **options):
        try:
            piper = package_version("piper-tts")
        except PackageNotFoundError:
            piper = "unknown"
        return f"piper-{piper}:{voice_id}:{Path(str(model)).name}:{length_scale or 1}"

    def sentences(self, text):
        for chunk in self.voice.synthesize(text, syn_config=self.synthesis):
            yield chunk.audio_int16_array


_engines = {}
_lock = threading.Lock()


def voice_options(voice_id):
    voices = conf.voices()
    if voice_id not in voices:
        raise VoiceError(_("The voice “%(voice)s” is not listed in MASTHEAD_NARRATION_VOICES.") % {"voice": voice_id})
    options = dict(voices[voice_id])
    options.pop("label", None)
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
                    _("The voice “%(voice)s” could not be loaded: %(error)s") % {"voice": voice_id, "error": error}
                ) from error
            _engines[cache_key] = engine
    return engine
