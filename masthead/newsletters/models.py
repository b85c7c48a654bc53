"""Newsletters, their subscribers, editions and the delivery of each edition to each subscriber.

The state machines live here, each with its transitions as methods and the
invariants held by database constraints:

- Subscription: pending → confirmed → unsubscribed (double opt-in).
- Edition: draft → scheduled → sending → sent. An automatic edition (built by
  digests.py at a newsletter's scheduled slot, one per slot by a unique
  constraint) may instead be held → scheduled once approved, or dropped
  (nothing to send, a broken recipe, or not approved by its deadline).
- Delivery, one per (edition, subscriber): queued → sending → sent, or
  deferred (temporary failure, retried later), failed (permanent) or skipped
  (the reader left before their turn). "sending" records the intent to send
  one message before the mail server is contacted; see sending.py for why.
"""

import uuid
from datetime import time as dt_time
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from email_validator import EmailNotValidError, validate_email
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from masthead.core.i18n import current_locale_id, default_locale_id

from . import conf, tracking
from .blocks import EditionBodyBlock


def normalise_email(raw):
    """The canonical form of an address, or ValidationError. Syntax only: there is no DNS lookup.

    The whole address is lower-cased: local parts are case-sensitive on paper,
    but no mail provider treats them so, and one person must not become two
    subscribers by typing a capital letter.
    """
    try:
        result = validate_email((raw or "").strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as error:
        raise ValidationError(_("Please enter a valid email address."), code="invalid") from error
    return result.normalized.lower()


class NewsletterQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def in_edition(self, locale_id=None):
        """The newsletters of one edition (language), by default the reader's."""
        return self.filter(locale_id=locale_id or current_locale_id())

    def with_counts(self):
        """Adds confirmed_count, pending_count and unsubscribed_count in one query."""
        states = Subscription.State
        return self.annotate(
            confirmed_count=Count("subscriptions", filter=Q(subscriptions__state=states.CONFIRMED)),
            pending_count=Count("subscriptions", filter=Q(subscriptions__state=states.PENDING)),
            unsubscribed_count=Count("subscriptions", filter=Q(subscriptions__state=states.UNSUBSCRIBED)),
        )


WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class Newsletter(ClusterableModel):
    """A named newsletter readers can sign up for: a daily briefing, a weekly explainer hosted by a journalist…

    With a schedule, its editions also build themselves from the newsroom's own
    output (the recipe fields below; see digests.py).
    """

    class Schedule(models.TextChoices):
        NONE = "", _("No automatic editions (composed by hand)")
        DAILY = "daily", _("Every day")
        WEEKDAYS = "weekdays", _("On the days chosen below")
        WEEKLY = "weekly", _("Once a week, on the day chosen below")

    class AutoSend(models.TextChoices):
        SEND = "send", _("Send it at once")
        HOLD = "hold", _("Hold it for an editor to approve")

    name = models.CharField(pgettext_lazy("newsletter", "name"), max_length=120)
    # A newsletter is written in one language: its edition's pages offer it, its emails speak it.
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="+",
        default=default_locale_id,
        help_text=_("The language it is written in; that edition's pages offer it."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in the sign-up address."))
    description = models.TextField(_("description"), max_length=600, help_text=_("One or two sentences for the form."))
    host = models.ForeignKey(
        "articles.Contributor",
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_newsletters",
        help_text=_("A contributor who writes it, if any."),
    )
    host_name = models.CharField(
        _("host (free text)"), max_length=120, blank=True, help_text=_("Used when the host is not a contributor.")
    )
    cadence = models.CharField(_("cadence"), max_length=60, default="Weekly", help_text=_("e.g. “Every weekday”"))
    sender_name = models.CharField(_("sender name"), max_length=120, blank=True, help_text=_("Defaults to the name."))
    sender_email = models.EmailField(
        _("sender address"), blank=True, help_text=_("Defaults to the site's address (DEFAULT_FROM_EMAIL).")
    )
    reply_to = models.EmailField(_("reply-to address"), blank=True)
    welcome_text = models.TextField(_("welcome text"), blank=True, help_text=_("Sent once a reader confirms."))
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive newsletters take no sign-ups."))
    show_on_articles = models.BooleanField(_("offer on article pages"), default=True)
    show_in_sidebar = models.BooleanField(
        _("offer on the home, section and author pages"), default=True, help_text=_("In the sidebar.")
    )
    show_archive = models.BooleanField(
        _("show past editions on the site"),
        default=True,
        help_text=_("Readers can read the editions already sent, so they know what they sign up for."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Automatic editions: when…
    schedule = models.CharField(_("automatic editions"), max_length=10, choices=Schedule.choices, blank=True)
    schedule_time = models.TimeField(
        _("at"), default=dt_time(7, 0), help_text=_("In the newsroom's time zone (Settings → Newsroom settings).")
    )
    schedule_days = models.CharField(
        _("days"), max_length=20, blank=True, help_text=_("For “on the days chosen” (several) or “once a week” (one).")
    )
    auto_send = models.CharField(
        _("when an edition is built"), max_length=10, choices=AutoSend.choices, default=AutoSend.SEND
    )
    approval_hours = models.PositiveSmallIntegerField(
        _("hours to approve"),
        default=2,
        help_text=_("A held edition not approved this many hours after its time is dropped, not sent late."),
    )
    # …and what goes in (sections are in RecipeSection).
    recipe_tags = models.CharField(
        _("only articles tagged"), max_length=255, blank=True, help_text=_("Tags separated by commas; empty: any.")
    )
    recipe_limit = models.PositiveSmallIntegerField(
        _("at most this many articles"), default=8, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    recipe_news_items = models.PositiveSmallIntegerField(
        _("news feed items"),
        default=0,
        validators=[MaxValueValidator(20)],
        help_text=_("The top items of the news feed since the last edition (pinned first); 0 leaves them out."),
    )
    recipe_intro = models.TextField(
        _("intro"),
        blank=True,
        max_length=2000,
        help_text=_("Optional words at the top. You may use {{ date }}, {{ count }} (articles) and {{ newsletter }}."),
    )
    # The slot the worker has a build task queued for (see digests.plan).
    next_slot_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The time of the one queued run of the welcome series (see welcome.py).
    welcome_next_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Reports: link clicks through our own signed redirect (on by default), opens by a pixel (off by default).
    track_clicks = models.BooleanField(
        _("count link clicks"),
        default=True,
        help_text=_("Links go through a short redirect on this site; no third party, nothing personal in the link."),
    )
    track_opens = models.BooleanField(
        _("count opens"),
        default=False,
        help_text=_("Unreliable: mail apps that protect privacy load images for everyone, others block them."),
    )

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .digests import plan

        plan(self)  # queues the build of the next automatic edition when the schedule changed

    def get_absolute_url(self):
        return f"/newsletters/#newsletter-{self.slug}"

    @property
    def host_display(self):
        return self.host.name if self.host_id else self.host_name

    @property
    def from_address(self):
        """ "Name <address>" for the From header."""
        default_name, default_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        return formataddr((self.sender_name or self.name or default_name, self.sender_email or default_address))

    @property
    def weekdays(self):
        """The weekdays (0 = Monday) automatic editions go out on."""
        if self.schedule == self.Schedule.DAILY:
            return set(range(7))
        return {int(day) for day in self.schedule_days.split(",") if day.strip().isdigit()}

    @property
    def tag_names(self):
        return [tag.strip() for tag in self.recipe_tags.split(",") if tag.strip()]

    def clean(self):
        super().clean()
        days = self.weekdays
        if self.schedule == self.Schedule.WEEKDAYS and not days:
            raise ValidationError({"schedule_days": _("Choose at least one day.")})
        if self.schedule == self.Schedule.WEEKLY and len(days) != 1:
            raise ValidationError({"schedule_days": _("Choose exactly one day for a weekly edition.")})
        if self.auto_send == self.AutoSend.HOLD and self.approval_hours < 1:
            raise ValidationError(
                {
                    "approval_hours": _(
                        "Please allow at least 1 hour: with less, no editor could approve an edition in time, "
                        "and every one would be dropped."
                    )
                }
            )
        if self.recipe_intro:
            from .digests import IntroError, render_intro

            try:
                render_intro(self, count=1, date=timezone.now())
            except IntroError as error:
                raise ValidationError({"recipe_intro": str(error)}) from error


class RecipeSection(Orderable):
    """A section an automatic edition takes its articles from (none chosen: every section).

    The section is kept as a nullable link, not a many-to-many row that would
    vanish with it: a deleted section must stop the digest with a message, not
    silently widen it to the whole site.
    """

    newsletter = ParentalKey(Newsletter, on_delete=models.CASCADE, related_name="recipe_sections")
    section = models.ForeignKey(
        "articles.SectionPage", verbose_name=_("section"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return str(self.section) if self.section_id else str(_("(deleted section)"))


class WelcomeStep(Orderable):
    """One email of a newsletter's welcome series, sent `delay_days` after a reader confirms (0: at once)."""

    newsletter = ParentalKey(Newsletter, on_delete=models.CASCADE, related_name="welcome_steps")
    delay_days = models.PositiveSmallIntegerField(
        _("days after confirming"), default=0, validators=[MaxValueValidator(365)], help_text=_("0 sends it at once.")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = RichTextField(_("text"), features=["h3", "bold", "italic", "link", "ol", "ul"])
    # A step added later reaches only readers who had not yet passed its delay (see welcome.py).
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("delay_days"), FieldPanel("subject"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("welcome email")
        verbose_name_plural = _("welcome series")

    def __str__(self):
        return self.subject

    @property
    def delay(self):
        return timedelta(days=self.delay_days)


class WelcomeSend(models.Model):
    """A welcome step sent (or being sent) to one subscription: at most one per step, however the series changes."""

    subscription = models.ForeignKey("Subscription", on_delete=models.CASCADE, related_name="welcome_sends")
    step = models.ForeignKey(WelcomeStep, on_delete=models.CASCADE, related_name="sends")
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "step"], name="newsletters_one_welcome_step"),
        ]

    def __str__(self):
        return f"{self.step} → {self.subscription}"


class SubscriberQuerySet(models.QuerySet):
    def suppressed(self):
        return self.exclude(suppressed_reason="")

    def reachable(self):
        return self.filter(suppressed_reason="")

    def mark_bounced(self, note, now=None):
        """No more mail to these addresses: the mail server said they do not exist (a 5xx for the recipient)."""
        return self.filter(suppressed_reason="").update(
            suppressed_reason=Subscriber.Suppression.BOUNCED,
            suppressed_at=now or timezone.now(),
            suppression_note=note[:255],
        )


class Subscriber(models.Model):
    """One email address, stored normalised, and whether mail to it is suppressed (bounces, complaints)."""

    class Suppression(models.TextChoices):
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained (marked as spam)")
        MANUAL = "manual", _("Suppressed by an editor")

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    # Signed links carry this key, not the row id: ids can be reused after a
    # deletion on SQLite, and a key can be rotated to void old links.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    suppressed_reason = models.CharField(
        _("suppressed"), max_length=20, choices=Suppression.choices, blank=True, db_index=True
    )
    suppressed_at = models.DateTimeField(_("suppressed at"), null=True, blank=True)
    suppression_note = models.CharField(_("suppression note"), max_length=255, blank=True)
    # At most a few confirmation emails a day go to one address, whoever asks.
    confirmations_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    confirmations_window_start = models.DateTimeField(null=True, blank=True, editable=False)
    # Preferences links carry the generation they were made in; raising it voids every older one
    # (unsubscribe links do not depend on it).
    link_generation = models.PositiveIntegerField(default=0, editable=False)
    link_made_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    @property
    def is_suppressed(self):
        return bool(self.suppressed_reason)

    def take_confirmation_allowance(self):
        """True (and counted) if one more confirmation email may go to this address in the current 24 hours."""
        now = timezone.now()
        mine = Subscriber.objects.filter(pk=self.pk)
        mine.filter(
            Q(confirmations_window_start__isnull=True) | Q(confirmations_window_start__lte=now - timedelta(days=1))
        ).update(confirmations_window_start=now, confirmations_sent=0)
        limit = conf.confirmations_per_address_per_day()
        return bool(mine.filter(confirmations_sent__lt=limit).update(confirmations_sent=F("confirmations_sent") + 1))

    def made_a_link_just_now(self):
        """Whether a new preferences link was made for this reader within conf.repeat_gap()."""
        return self.link_made_at is not None and timezone.now() - self.link_made_at < conf.repeat_gap()

    def replace_links(self):
        """Voids every preferences link made so far; the next one made for this reader is the only one that works.

        Not while a link made within conf.repeat_gap() is on its way to the reader (a second click, or a
        second worker taking the same request): that one keeps working. Returns whether the links were replaced.
        """
        now = timezone.now()
        replaced = (
            Subscriber.objects.filter(pk=self.pk)
            .exclude(link_made_at__gt=now - conf.repeat_gap())
            .update(link_generation=F("link_generation") + 1, link_made_at=now)
        )
        self.refresh_from_db(fields=["link_generation", "link_made_at"])
        return bool(replaced)

    def suppress(self, reason, note=""):
        """Stops all mail to this address (bounce, complaint, or an editor's decision)."""
        self.suppressed_reason, self.suppressed_at, self.suppression_note = reason, timezone.now(), note[:255]
        self.save(update_fields=["suppressed_reason", "suppressed_at", "suppression_note"])

    def lift_suppression(self):
        self.suppressed_reason, self.suppressed_at, self.suppression_note = "", None, ""
        self.save(update_fields=["suppressed_reason", "suppressed_at", "suppression_note"])


class Consent:
    """Where and how a reader agreed to receive a newsletter: kept on each subscription."""

    def __init__(self, form, page="", note=""):
        self.form, self.page, self.note = form[:40], page[:500], note[:255]


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=Subscription.State.CONFIRMED)

    def request(self, subscriber, newsletter, consent):
        """A reader asks for `newsletter`: returns (subscription, needs_confirmation).

        New and unsubscribed become pending; pending stays pending; confirmed is left alone. A pending
        request repeated within conf.repeat_gap() needs no second email.
        """
        now = timezone.now()
        subscription, created = self.get_or_create(
            subscriber=subscriber,
            newsletter=newsletter,
            defaults={
                "state": Subscription.State.PENDING,
                "consent_at": now,
                "consent_form": consent.form,
                "consent_page": consent.page,
                "consent_note": consent.note,
            },
        )
        if created:
            return subscription, True
        if subscription.state == Subscription.State.CONFIRMED:
            return subscription, False
        asked_just_now = subscription.consent_at and now - subscription.consent_at < conf.repeat_gap()
        if subscription.state == Subscription.State.PENDING and asked_just_now:
            # The same request again within moments (a form sent twice): its confirmation email is on its way.
            return subscription, False
        subscription.state = Subscription.State.PENDING
        subscription.record_consent(consent, now)
        subscription.save()
        return subscription, True


class Subscription(models.Model):
    """One subscriber's membership of one newsletter, with the record of their consent."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, verbose_name=_("newsletter"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_form = models.CharField(_("consent form"), max_length=40, blank=True, help_text=_("e.g. article sidebar"))
    consent_page = models.CharField(_("consent page"), max_length=500, blank=True)
    consent_note = models.CharField(_("consent note"), max_length=255, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "newsletter"], name="newsletters_one_subscription"),
        ]
        indexes = [
            models.Index(fields=["newsletter", "state"], name="newsletters_sub_state"),
            models.Index(fields=["newsletter", "confirmed_at"], name="newsletters_sub_confirmed"),
        ]

    def __str__(self):
        return f"{self.subscriber} → {self.newsletter}"

    def record_consent(self, consent, when=None):
        self.consent_at = when or timezone.now()
        self.consent_form, self.consent_page, self.consent_note = consent.form, consent.page, consent.note

    def confirm(self):
        """pending → confirmed. Returns True if this call confirmed it."""
        if self.state != self.State.PENDING:
            return False
        now = timezone.now()
        updated = Subscription.objects.filter(pk=self.pk, state=self.State.PENDING).update(
            state=self.State.CONFIRMED, confirmed_at=now, unsubscribed_at=None, updated_at=now
        )
        if updated:
            self.state, self.confirmed_at, self.unsubscribed_at = self.State.CONFIRMED, now, None
        return bool(updated)

    def confirm_with(self, consent):
        """Confirmed at once, for consent proven another way (an import with stated consent, the preferences page)."""
        now = timezone.now()
        if self.state != self.State.CONFIRMED:
            self.state, self.confirmed_at, self.unsubscribed_at = self.State.CONFIRMED, now, None
            self.record_consent(consent, now)
            self.save()
            return True
        return False

    def unsubscribe(self):
        """pending or confirmed → unsubscribed. Returns True if this call changed it."""
        if self.state == self.State.UNSUBSCRIBED:
            return False
        now = timezone.now()
        updated = (
            Subscription.objects.filter(pk=self.pk)
            .exclude(state=self.State.UNSUBSCRIBED)
            .update(state=self.State.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now)
        )
        if updated:
            self.state, self.unsubscribed_at = self.State.UNSUBSCRIBED, now
        return bool(updated)


class EditionQuerySet(models.QuerySet):
    def awaiting_approval(self):
        """Automatic editions held for an editor's approval whose deadline has not passed: they can still be sent."""
        return self.filter(state=Edition.State.HELD, approve_by__gt=timezone.now())


class Edition(models.Model):
    """One issue of a newsletter: composed in the admin, previewed, tested, then sent to every confirmed subscriber."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        HELD = "held", _("Waiting for approval")
        DROPPED = "dropped", _("Not sent")

    newsletter = models.ForeignKey(
        Newsletter, verbose_name=_("newsletter"), on_delete=models.CASCADE, related_name="editions"
    )
    subject = models.CharField(_("subject"), max_length=200)
    preheader = models.CharField(
        _("preheader"), max_length=200, blank=True, help_text=_("The line mail apps show after the subject.")
    )
    body = StreamField(EditionBodyBlock(), verbose_name=_("body"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False)
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("started"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)
    # The time of the one pending "look again" task for this edition (see sending.py).
    next_check_at = models.DateTimeField(null=True, blank=True, editable=False)
    recipients_count = models.PositiveIntegerField(_("recipients"), default=0, editable=False)
    sent_count = models.PositiveIntegerField(_("sent"), default=0, editable=False)
    deferred_count = models.PositiveIntegerField(_("deferred"), default=0, editable=False)
    failed_count = models.PositiveIntegerField(_("failed"), default=0, editable=False)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0, editable=False)
    # Automatic editions: the scheduled moment they were built for (one edition per slot),
    # what they cover, and for a held one, when approval closes.
    slot = models.DateTimeField(_("automatic edition for"), null=True, blank=True, editable=False)
    covers_from = models.DateTimeField(null=True, blank=True, editable=False)
    approve_by = models.DateTimeField(_("approve by"), null=True, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # "edition" also names a language edition of the site: the context lets a translation tell them apart.
        verbose_name = pgettext_lazy("newsletter issue", "edition")
        verbose_name_plural = pgettext_lazy("newsletter issue", "editions")
        permissions = [("send_edition", "Can send editions to subscribers")]
        constraints = [
            # However many workers race on a slot, only one edition is built for it.
            models.UniqueConstraint(fields=["newsletter", "slot"], name="newsletters_one_edition_per_slot"),
        ]

    def __str__(self):
        return self.subject

    def clean(self):
        super().clean()
        tracking.check_links(self.text_html())

    @property
    def is_editable(self):
        return self.state in (self.State.DRAFT, self.State.SCHEDULED, self.State.HELD)

    def text_html(self):
        """The HTML of the edition's own text blocks (where an editor can type a link)."""
        return "".join(str(block.value.source) for block in self.body if block.block_type == "text")

    def link_problems(self):
        """Links in the text that must not be sent (javascript:, data:…): an edition with any is never sent."""
        return tracking.unsafe_links(self.text_html())

    def drop_if_unapproved(self):
        """held → dropped once its approval deadline has passed. Returns True if this call dropped it."""
        now = timezone.now()
        updated = Edition.objects.filter(pk=self.pk, state=self.State.HELD, approve_by__lte=now).update(
            state=self.State.DROPPED, note=str(_("Not approved by its deadline, so it was not sent.")), updated_at=now
        )
        if updated:
            self.refresh_from_db(fields=["state", "note"])
        return bool(updated)

    def why_locked_for(self, user):
        """Why `user` may not change this edition now, or "" if they may.

        Scheduling is an editor's approval of what goes out: once scheduled, only
        someone who may send can change it (and the change unschedules it, see
        `save_changes`); once sending has begun, nobody can.
        """
        if not self.is_editable:
            return _("This edition has been sent; copy it to write a new one.")
        if self.state == self.State.SCHEDULED and not user.has_perm("newsletters.send_edition"):
            return _("This edition is scheduled, so it is locked: only an editor who may send can change it.")
        return ""

    def save_changes(self, user, fields):
        """Saves an edit of `fields` made by `user`; a scheduled edition goes back to draft to be approved again.

        Returns "unscheduled" or "saved". Raises PermissionError (with the reason)
        if the edition is locked for this user as it stands in the database now.
        """
        with transaction.atomic():
            current = Edition.objects.select_for_update().get(pk=self.pk)
            reason = current.why_locked_for(user)
            if reason:
                raise PermissionError(reason)
            if not fields:
                return "saved"
            self.state, self.scheduled_at = current.state, current.scheduled_at
            self.save(update_fields=[*fields, "updated_at"])
            if current.state == self.State.SCHEDULED and self.unschedule():
                return "unscheduled"
        return "saved"

    def schedule(self, when=None):
        """draft/scheduled → scheduled for `when` (now if None). Returns False once sending has begun.

        A held automatic edition is approved this way, only until its deadline and never for later.
        """
        now = timezone.now()
        when = when or now
        updated = (
            Edition.objects.filter(pk=self.pk)
            .filter(
                Q(state__in=[self.State.DRAFT, self.State.SCHEDULED])
                | Q(state=self.State.HELD, approve_by__gt=now, approve_by__gte=when)
            )
            .update(state=self.State.SCHEDULED, scheduled_at=when, updated_at=now)
        )
        if updated:
            self.state, self.scheduled_at = self.State.SCHEDULED, when
        return bool(updated)

    def unschedule(self):
        """scheduled → draft."""
        updated = Edition.objects.filter(pk=self.pk, state=self.State.SCHEDULED).update(
            state=self.State.DRAFT, scheduled_at=None, updated_at=timezone.now()
        )
        if updated:
            self.state, self.scheduled_at = self.State.DRAFT, None
        return bool(updated)

    def begin_sending(self):
        """scheduled (and due) → sending, with one queued delivery per confirmed, reachable subscriber.

        One transaction: either the edition is sending with all its deliveries, or
        nothing changed. Deliveries are inserted in chunks, never one INSERT per row,
        and the unique (edition, subscriber) constraint makes a repeat harmless.
        Returns the number of deliveries, or None if another worker began first.
        """
        now = timezone.now()
        with transaction.atomic():
            began = Edition.objects.filter(pk=self.pk, state=self.State.SCHEDULED, scheduled_at__lte=now).update(
                state=self.State.SENDING, started_at=now, updated_at=now
            )
            if not began:
                return None
            recipients = (
                Subscription.objects.confirmed()
                .filter(newsletter_id=self.newsletter_id, subscriber__suppressed_reason="")
                .order_by("subscriber_id")
                .values_list("subscriber_id", flat=True)
            )
            chunk, total = [], 0
            for subscriber_id in recipients.iterator(chunk_size=5000):
                chunk.append(Delivery(edition_id=self.pk, subscriber_id=subscriber_id))
                if len(chunk) == 5000:
                    Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
                    total += len(chunk)
                    chunk = []
            if chunk:
                Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
                total += len(chunk)
            Edition.objects.filter(pk=self.pk).update(recipients_count=total)
        self.state, self.started_at, self.recipients_count = self.State.SENDING, now, total
        return total

    def finish_if_done(self):
        """sending → sent once no delivery is left to try. Returns True if the edition is (now) sent."""
        if self.deliveries.unfinished().exists():
            return False
        self.refresh_counts()
        now = timezone.now()
        finished = Edition.objects.filter(pk=self.pk, state=self.State.SENDING).update(
            state=self.State.SENT, finished_at=now, next_check_at=None, updated_at=now
        )
        self.refresh_from_db(fields=["state", "finished_at"])
        if finished:  # this call made the change: readers' lists of past editions are refreshed once per edition
            from .archive import edition_sent

            transaction.on_commit(lambda: edition_sent(self), robust=True)
        return self.state == self.State.SENT

    def progress(self):
        """Deliveries by state, for the admin's live progress: {"total": n, "sent": n, …}."""
        counts = dict.fromkeys(Delivery.State.values, 0)
        for row in self.deliveries.values("state").annotate(n=Count("pk")).order_by():
            counts[row["state"]] = row["n"]
        counts["total"] = sum(counts[state] for state in Delivery.State.values)
        counts["done"] = counts["sent"] + counts["failed"] + counts["skipped"]
        counts["state"] = self.state
        return counts

    def refresh_counts(self):
        counts = self.progress()
        self.recipients_count = counts["total"]
        self.sent_count, self.deferred_count = counts["sent"], counts["deferred"]
        self.failed_count, self.skipped_count = counts["failed"], counts["skipped"]
        Edition.objects.filter(pk=self.pk).update(
            recipients_count=self.recipients_count,
            sent_count=self.sent_count,
            deferred_count=self.deferred_count,
            failed_count=self.failed_count,
            skipped_count=self.skipped_count,
        )
        return counts


class DeliveryQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(state__in=[Delivery.State.QUEUED, Delivery.State.SENDING, Delivery.State.DEFERRED])

    def due(self, now):
        """Ready to try now: queued, or deferred and past their retry time."""
        return self.filter(Q(state=Delivery.State.QUEUED) | Q(state=Delivery.State.DEFERRED, next_attempt_at__lte=now))

    def claim(self, token, limit, lease):
        """Reserves up to `limit` due deliveries for one worker (token) until now + lease; returns their ids.

        On PostgreSQL, workers skip each other's locked rows (SKIP LOCKED); on
        SQLite the IMMEDIATE transaction serialises claims.
        """
        now = timezone.now()
        with transaction.atomic():
            candidates = self.due(now).order_by("pk").values_list("pk", flat=True)
            if connection.features.has_select_for_update_skip_locked:
                candidates = candidates.select_for_update(skip_locked=True)
            ids = list(candidates[:limit])
            if ids:
                Delivery.objects.filter(pk__in=ids).update(
                    state=Delivery.State.SENDING, claim=token, lease_until=now + lease, attempt_started_at=None
                )
        return ids

    def recover_expired(self, now):
        """Frees deliveries whose worker stopped renewing its claim (it crashed or was killed).

        A delivery with an attempt in progress may or may not have reached the
        mail server: it is sent again, with the same Message-ID so mail apps
        that de-duplicate show it once. Returns (freed, uncertain).
        """
        stale = self.filter(state=Delivery.State.SENDING, lease_until__lt=now)
        uncertain = stale.filter(attempt_started_at__isnull=False).update(
            state=Delivery.State.QUEUED,
            claim="",
            lease_until=None,
            attempt_started_at=None,
            last_error="The sending worker stopped during this attempt; it is sent again with the same Message-ID.",
        )
        freed = stale.update(state=Delivery.State.QUEUED, claim="", lease_until=None)
        return freed + uncertain, uncertain

    def next_due_time(self):
        """When the earliest unfinished delivery could next be tried (a retry time or a lease expiry)."""
        retry = self.filter(state=Delivery.State.DEFERRED).aggregate(at=Min("next_attempt_at"))["at"]
        lease = self.filter(state=Delivery.State.SENDING).aggregate(at=Min("lease_until"))["at"]
        times = [moment for moment in (retry, lease) if moment]
        return min(times) if times else None


class Delivery(models.Model):
    """One edition to one subscriber: tried, retried and recorded so that nobody gets two copies or none."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DEFERRED = "deferred", _("Deferred (will retry)")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (unsubscribed before sending)")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, blank=True, help_text="The Message-ID header, chosen before sending.")
    esp_message_id = models.CharField(max_length=255, blank=True, help_text="The id an email service gave it.")
    claim = models.CharField(max_length=32, blank=True, help_text="The worker currently holding it.")
    lease_until = models.DateTimeField(null=True, blank=True)
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    # When the last attempt began (kept after it ends): the time a deferral or failure shows in the send report.
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["edition", "subscriber"], name="newsletters_one_delivery"),
        ]
        indexes = [
            models.Index(fields=["edition", "state"], name="newsletters_delivery_state"),
            models.Index(fields=["claim"], name="newsletters_delivery_claim"),
            models.Index(fields=["message_id"], name="newsletters_delivery_msgid"),
        ]

    def __str__(self):
        return f"{self.edition} → {self.subscriber}"


class EditionLink(models.Model):
    """A link in an edition, counted through our own signed redirect (see tracking.py)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="links")
    url = models.CharField(max_length=2000)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order of first appearance in the edition.")

    class Meta:
        ordering = ["edition", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "url"], name="newsletters_one_link_per_url")]

    def __str__(self):
        return self.url


class Click(models.Model):
    """One reader's clicks on one link of an edition: counted once per reader and link, with the total beside it."""

    link = models.ForeignKey(EditionLink, on_delete=models.CASCADE, related_name="clicks")
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="clicks")
    first_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "delivery"], name="newsletters_one_click_row")]

    def __str__(self):
        return f"{self.link} ← {self.delivery_id}"


class Open(models.Model):
    """A copy whose tracking image was loaded (only when the newsletter counts opens; unreliable, see the report)."""

    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="open")
    first_at = models.DateTimeField()

    def __str__(self):
        return str(self.delivery_id)
