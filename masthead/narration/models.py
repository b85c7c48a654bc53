"""The audio version of each article, and the pronunciation lexicon editors keep."""

import unicodedata
from datetime import datetime

from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .forms import LexiconEntryForm
from .widgets import PhonemeInput

# Letters that are sounds in IPA; stress and length marks (ˈ ˌ ː) are modifier letters, Lm.
SOUNDS = {"Ll", "Lu", "Lo"}

MP3_MIME_TYPE = "audio/mpeg"


class LexiconEntryQuerySet(models.QuerySet):
    def spoken(self):
        """The entries narration applies: approved ones."""
        return self.filter(approved=True)


class LexiconEntry(models.Model):
    """A word or name the voice says wrong, and how to say it: a respelling or phonemes; applied to every narration."""

    class Scope(models.TextChoices):
        EVERYWHERE = "", _("Everywhere")
        HEADLINE = "headline", _("Headlines only")
        BYLINE = "byline", _("Bylines only")
        TEXT = "text", _("Standfirst and body only")

    term = models.CharField(
        _("word or name"),
        max_length=120,
        help_text=_("As it is written in articles, e.g. “Zelenskyy”. Matched as a whole word, ignoring case."),
    )
    spoken = models.CharField(
        _("say it as"),
        max_length=200,
        blank=True,
        help_text=_(
            "Spelled the way it sounds, with hyphens between syllables, e.g. “zeh-len-skee”. Capitals are never "
            "read as letters, but the voice does not take them as stress: to say where the stress falls, give "
            "phonemes instead."
        ),
    )
    phonemes = models.CharField(
        _("phonemes (IPA)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Instead of a respelling: the sounds in IPA as the voice writes them, e.g. “zɛlˈɛnski”. "
            "Used when given. Play a sample to hear it before saving."
        ),
    )
    match_case = models.BooleanField(
        _("match capitals"),
        default=False,
        help_text=_("Only when written with exactly these capitals (for acronyms: “US” but not “us”)."),
    )
    scope = models.CharField(_("where"), max_length=12, choices=Scope.choices, default=Scope.EVERYWHERE, blank=True)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Who it is, or where the pronunciation comes from.")
    )
    approved = models.BooleanField(
        _("approved"),
        default=True,
        help_text=_("Only approved entries are spoken. Entries writers propose wait for an editor's approval."),
    )
    confirm_broad = models.BooleanField(
        _("re-narrate even if it matches many articles"),
        default=False,
        help_text=_(
            "A term found in a large share of the published articles is not re-narrated everywhere "
            "unless you tick this (new and republished articles use it in any case)."
        ),
    )
    # What the last re-narration for this entry did, as data: {"held": bool, "count": articles that mention it,
    # "total": published articles, "at": ISO time}. The worker that writes it speaks no editor's language and
    # keeps no newsroom time zone, so the list says it at display time (renarration_said).
    renarration = models.JSONField(_("re-narration"), default=dict, blank=True, editable=False)
    shipped = models.BooleanField(
        _("shipped with Masthead"),
        default=False,
        editable=False,
        help_text=_("Loaded from Masthead's list of checked pronunciations (manage.py load_pronunciations)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LexiconEntryQuerySet.as_manager()

    def renarration_said(self):
        """The last re-narration in the editor's language, at the newsroom's time: for the lexicon's list."""
        from masthead.core.zones import newsroom_zone

        done = self.renarration or {}
        if "count" not in done:
            return ""
        if done.get("held"):
            return _(
                "Held back: “%(term)s” is in %(count)s of %(total)s published articles. Tick “re-narrate even if it "
                "matches many articles” to re-narrate them; new and republished articles use it in any case."
            ) % {"term": self.term, "count": done["count"], "total": done["total"]}
        when = timezone.localtime(datetime.fromisoformat(done["at"]), newsroom_zone())
        return ngettext(
            "Re-narration queued %(when)s: %(count)s published article mentions it.",
            "Re-narration queued %(when)s: %(count)s published articles mention it.",
            done["count"],
        ) % {"count": done["count"], "when": date_format(when, "DATETIME_FORMAT")}

    renarration_said.short_description = _("re-narration")

    panels = [
        FieldPanel("term"),
        FieldPanel("spoken"),
        FieldPanel("phonemes", widget=PhonemeInput),
        FieldPanel("match_case"),
        FieldPanel("scope"),
        FieldPanel("note"),
        FieldPanel("approved", permission="narration.change_lexiconentry"),
        FieldPanel("confirm_broad", permission="narration.change_lexiconentry"),
    ]
    base_form_class = LexiconEntryForm

    class Meta:
        ordering = ["term"]
        verbose_name = _("pronunciation")
        verbose_name_plural = _("pronunciation lexicon")
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="narration_lexicon_term_unique_ci",
                violation_error_message=_(
                    "There is already a pronunciation for this word or name (capitals aside): edit that one instead."
                ),
            )
        ]

    def __str__(self):
        return f"{self.term} → {self.phonemes and f'[{self.phonemes}]' or self.spoken}"

    @staticmethod
    def problem_with(term, spoken, phonemes):
        """(field, what is wrong) with an entry as typed, or None: saving refuses it, and Play a sample too."""
        from .engines import phoneme_problem, respelling_problem

        if term and not any(character.isalnum() for character in term):
            # Matched as a whole word, a term of punctuation alone ("(") would never be found.
            return "term", _("Write the word or name as articles spell it: it has no letter or digit.")
        if not spoken and not phonemes:
            return "spoken", _("Give a respelling or phonemes: how should the voice say it?")
        if phonemes:
            if not any(unicodedata.category(character) in SOUNDS for character in phonemes):
                # Stress and length marks or punctuation alone ("ˈ", "ː", "."): the word would go silent in every
                # narration.
                return "phonemes", _("The phonemes have no sound in them: write the sounds of the word in IPA.")
            problem = phoneme_problem(phonemes)
            return ("phonemes", problem) if problem else None
        # Phonemes win when both are given; a respelling alone must be read as sounds, not as letters.
        problem = respelling_problem(spoken)
        return ("spoken", problem) if problem else None

    def clean(self):
        from django.core.exceptions import ValidationError

        self.term, self.spoken, self.phonemes = self.term.strip(), self.spoken.strip(), self.phonemes.strip()
        problem = self.problem_with(self.term, self.spoken, self.phonemes)
        if problem:
            raise ValidationError({problem[0]: problem[1]})

    def save(self, *args, **kwargs):
        self.term, self.spoken, self.phonemes = self.term.strip(), self.spoken.strip(), self.phonemes.strip()
        super().save(*args, **kwargs)

    def as_rule(self):
        """What the normaliser needs: (term, respelling, phonemes, match_case, scope)."""
        return (self.term, self.spoken, self.phonemes, self.match_case, self.scope)


class NarrationQuerySet(models.QuerySet):
    def ready(self):
        return self.filter(state=Narration.State.READY).exclude(audio="")


class Narration(models.Model):
    """The audio version of one article: its state, the MP3 in media storage, and where each part starts.

    One row per article. `key` identifies the spoken script (normalised text,
    voice, engine version) that the row is about: the audio being made while
    PENDING, the audio stored once READY. An unchanged key means no new work.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    article = models.OneToOneField(
        "articles.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="narration"
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PENDING)
    key = models.CharField(_("script key"), max_length=64, blank=True)
    audio = models.FileField(_("audio file"), max_length=255, blank=True)
    voice = models.CharField(_("voice"), max_length=60, blank=True)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    # [{"part": "headline"|"byline"|"standfirst"|"paragraph"|"subheading"|"quote", "block": n|None, "start": s}]
    timings = models.JSONField(_("part start times"), default=list, blank=True)
    script = models.TextField(_("spoken script"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Touched by the worker while it speaks the article; a stale one means the worker died (see services.watch).
    heartbeat_at = models.DateTimeField(_("last sign of work"), null=True, blank=True)
    # Why the last attempt failed, as data ({"says": English sentence, "with": its values, "retry": {"attempt",
    # "delay"} while another attempt is planned}): the worker has no language, so failure_said() says it in the
    # editor's.
    error = models.JSONField(_("reason for failure"), default=dict, blank=True)
    synthesis_seconds = models.FloatField(_("time to make (seconds)"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NarrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("narration")
        verbose_name_plural = _("narrations")
        indexes = [models.Index(fields=["state", "-ready_at"], name="narration_state_ready")]

    def __str__(self):
        return str(_("Narration of “%(title)s”") % {"title": self.article.title})

    @property
    def audio_url(self):
        return self.audio.url if self.audio else ""

    @property
    def mime_type(self):
        return MP3_MIME_TYPE

    @property
    def is_ready(self):
        return self.state == self.State.READY and bool(self.audio)

    def audio_exists(self):
        return bool(self.audio) and default_storage.exists(self.audio.name)

    def is_current(self, key):
        """Whether the stored audio already speaks the script with this key (so nothing is to be done)."""
        return self.state == self.State.READY and self.key == key and self.audio_exists()

    # State transitions. Each saves only the fields it changes, so a worker and
    # a publish in the web process do not overwrite each other's columns.

    def request(self, key):
        """Ask for audio of the script with `key` (on publish, or Regenerate)."""
        self.state, self.key, self.attempts, self.error = self.State.PENDING, key, 0, {}
        self.requested_at = timezone.now()
        self.save(update_fields=["state", "key", "attempts", "error", "requested_at", "updated_at"])

    def start_attempt(self, key, attempt):
        self.state, self.key, self.attempts, self.heartbeat_at = self.State.PENDING, key, attempt, timezone.now()
        self.save(update_fields=["state", "key", "attempts", "heartbeat_at", "updated_at"])

    def beat(self):
        """Record that the worker is still making this audio (a cheap UPDATE, once per part)."""
        self.heartbeat_at = timezone.now()
        Narration.objects.filter(pk=self.pk).update(heartbeat_at=self.heartbeat_at)

    def note_retry(self, reason, delay):
        """`reason` is services.failure_reason()'s: the attempt failed, another follows in `delay` seconds."""
        self.error = {**reason, "retry": {"attempt": self.attempts, "delay": delay}}
        self.save(update_fields=["error", "updated_at"])

    def fail(self, reason):
        self.state, self.error = self.State.FAILED, reason
        self.save(update_fields=["state", "error", "updated_at"])

    def failure_said(self):
        """Why the last attempt failed, in the active language ("" when none did)."""
        failure = self.error or {}
        if "says" not in failure:
            return ""
        reason = gettext(failure["says"]) % failure.get("with", {})
        if "retry" in failure:
            return gettext("Attempt %(attempt)s failed, trying again in %(delay)s s: %(reason)s") % {
                **failure["retry"],
                "reason": reason,
            }
        return reason

    def withdraw(self):
        """Stop serving the audio (the article was unpublished): the file is deleted, the row kept."""
        old_name = self.audio.name if self.audio else ""
        self.state, self.audio, self.key = self.State.WITHDRAWN, "", ""
        self.save(update_fields=["state", "audio", "key", "updated_at"])
        return old_name


class ListenDay(models.Model):
    """How an article's audio was listened to on one day: counts only, no reader is identified or tracked."""

    article = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="listen_days"
    )
    day = models.DateField(_("day"))
    plays = models.PositiveIntegerField(_("plays"), default=0)
    reached_25 = models.PositiveIntegerField(_("reached 25 %"), default=0)
    reached_50 = models.PositiveIntegerField(_("reached 50 %"), default=0)
    reached_75 = models.PositiveIntegerField(_("reached 75 %"), default=0)
    reached_100 = models.PositiveIntegerField(_("listened to the end"), default=0)
    speed_changes = models.PositiveIntegerField(_("speed changes"), default=0)

    EVENTS = {
        "play": "plays",
        "25": "reached_25",
        "50": "reached_50",
        "75": "reached_75",
        "100": "reached_100",
        "speed": "speed_changes",
    }

    class Meta:
        verbose_name = _("listening day")
        verbose_name_plural = _("listening days")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="narration_listen_day_unique")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.plays}"


def listening_summary(plays, reached_25, reached_50, reached_75, reached_100):
    """(plays, average share listened 0–1, completion 0–1) from the day counts; the share counts in quarters."""
    if not plays:
        return plays, None, None
    share = (reached_25 + reached_50 + reached_75 + reached_100) * 0.25 / plays
    return plays, min(share, 1.0), min(reached_100 / plays, 1.0)
