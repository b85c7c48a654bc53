"""Automatic editions: a newsletter's schedule and recipe turned into an edition at each slot, with no cron.

How the worker schedules itself
-------------------------------
Saving a newsletter with a schedule works out its next slot (e.g. tomorrow at
07:00 in the newsroom's zone), stores it in Newsletter.next_slot_at and queues
one `build_automatic_edition` task with django-tasks' `run_after` set to that
moment. The database worker does not pick a task up before its `run_after`.
When the task runs it builds the edition, then queues the task for the
following slot: the chain keeps itself going. `manage.py
send_scheduled_editions` (an optional cron safety net) re-queues a chain whose
worker died mid-task.

Several workers
---------------
Edition has a unique constraint on (newsletter, slot): if two workers run the
same slot (a duplicated task, the safety net racing the worker), the second
insert fails and that worker sends nothing. Queuing the next slot is a
conditional UPDATE of next_slot_at, so only one of them continues the chain.
"""

import logging
import zoneinfo
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import (
    BLOCK_TAG_END,
    BLOCK_TAG_START,
    VARIABLE_TAG_END,
    VARIABLE_TAG_START,
    Lexer,
    TokenType,
    tag_re,
)
from django.template.defaulttags import DebugNode, URLNode
from django.template.loader_tags import ExtendsNode, IncludeNode
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from masthead.core.i18n import language_code, language_of
from masthead.core.templatetags.newsroom import format_moment
from masthead.core.zones import newsroom_zone

from .models import Edition, Newsletter

logger = logging.getLogger(__name__)

# A slot missed by more than this (the worker was down) is recorded as not sent, never sent late.
GRACE = timedelta(hours=1)

_INTRO_ENGINE = Engine(autoescape=False)
# Tags of Django's built-in set that an intro has no use for: {% debug %} prints the worker's modules and context,
# and the others need templates or addresses the intro's engine does not have, so they failed only when rendered.
REFUSED_IN_INTROS = [(DebugNode, "debug"), (URLNode, "url"), (IncludeNode, "include"), (ExtendsNode, "extends")]


class IntroError(Exception):
    """The editor's intro is not a valid template; the message says where."""


class RecipeError(Exception):
    """The recipe cannot be used as it stands (a deleted section); the message says what to fix."""


def next_slot(newsletter, after):
    """The first scheduled moment strictly after `after`, or None if the newsletter has no schedule."""
    days = newsletter.weekdays if newsletter.schedule else set()
    if not days:
        return None
    zone = newsroom_zone()
    local = after.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        if day.weekday() not in days:
            continue
        candidate = datetime.combine(day, newsletter.schedule_time, tzinfo=zone)
        if candidate > after:
            return candidate.astimezone(zoneinfo.ZoneInfo("UTC"))
    return None


def previous_slot(newsletter, before):
    """The last scheduled moment strictly before `before` (what a first digest covers)."""
    zone = newsroom_zone()
    local = before.astimezone(zone)
    days = newsletter.weekdays or set(range(7))
    for offset in range(9):  # from today: a slot earlier today is the last one before this evening
        day = local.date() - timedelta(days=offset)
        candidate = datetime.combine(day, newsletter.schedule_time, tzinfo=zone)
        if day.weekday() in days and candidate < before:
            return candidate.astimezone(zoneinfo.ZoneInfo("UTC"))
    return before - timedelta(days=1)


# Languages that write a day of the week in lower case inside a sentence, though Django's names for them are
# capitalised (they also head calendars): "Ранок: неділя, 1 березня", "Сьогодні неділя".
WEEKDAYS_IN_LOWER_CASE = {"uk"}


def in_newsroom_words(moment, style):
    """A moment in the newsroom's zone, written as the active language writes that style inside a sentence
    ("weekday": after the subject's colon, or in the intro; "time")."""
    words = format_moment(moment, style, newsroom_zone())
    if style == "weekday" and language_code() in WEEKDAYS_IN_LOWER_CASE:
        return words[:1].lower() + words[1:]
    return words


def unclosed_tag(source):
    """The opener and closer of a tag left unclosed in `source` ("Hello {{ date"), or None.

    Django's lexer takes a tag only when it is closed on the same line, and passes anything else through as
    text: the email would show the braces. Whole tags left as text come from {% verbatim %}, and are meant.
    """
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.TEXT:
            continue
        text = tag_re.sub("", token.contents)
        for opener, closer in ((VARIABLE_TAG_START, VARIABLE_TAG_END), (BLOCK_TAG_START, BLOCK_TAG_END)):
            if opener in text:
                return opener, closer
    return None


def intro_error(detail):
    return IntroError(
        _("The intro has a template error: %(error)s. Use {{ date }}, {{ count }} or {{ newsletter }}.")
        % {"error": detail}
    )


def render_intro(newsletter, count, date):
    """The intro as HTML paragraphs, or "" when there is none; IntroError for a template mistake."""
    if not newsletter.recipe_intro.strip():
        return ""
    unclosed = unclosed_tag(newsletter.recipe_intro)
    if unclosed:
        opener, closer = unclosed
        raise intro_error(
            _("“%(opener)s” is not closed by “%(closer)s” on the same line") % {"opener": opener, "closer": closer}
        )
    try:
        template = _INTRO_ENGINE.from_string(newsletter.recipe_intro)
        for node_type, tag in REFUSED_IN_INTROS:
            if template.nodelist.get_nodes_by_type(node_type):
                raise intro_error(_("“{%% %(tag)s %%}” cannot be used in an intro") % {"tag": tag})
        text = template.render(
            Context(
                {
                    "date": in_newsroom_words(date, "weekday"),
                    "count": count,
                    "newsletter": newsletter.name,
                }
            )
        )
    except TemplateSyntaxError as error:
        raise intro_error(error) from error
    # Plain text (no HTML, so no links to check), escaped once here and kept apart in paragraphs.
    return linebreaks(text, autoescape=True)


def covers_from(newsletter, slot):
    """Where this slot's digest starts: the end of the last automatic edition that went out, or the previous slot."""
    last = (
        newsletter.editions.filter(
            slot__lt=slot, state__in=[Edition.State.SCHEDULED, Edition.State.SENDING, Edition.State.SENT]
        )
        .order_by("-slot")
        .values_list("slot", flat=True)
        .first()
    )
    return last or previous_slot(newsletter, slot)


def recipe_sections(newsletter):
    """The sections the recipe names; RecipeError if one of them was deleted."""
    rows = list(newsletter.recipe_sections.select_related("section"))
    if any(row.section_id is None for row in rows):
        raise RecipeError(_("A section in this newsletter's recipe was deleted. Choose its sections again."))
    return [row.section for row in rows]


def articles_for(newsletter, since, until):
    """The recipe's articles published in (since, until]: Editors' Picks first (in their order), then newest."""
    from wagtail.models import Site

    from masthead.articles.models import ArticlePage, EditorsPicks

    # The newsletter's own edition (language) only.
    articles = (
        ArticlePage.objects.published()
        .in_edition(newsletter.locale_id)
        .filter(first_published_at__gt=since, first_published_at__lte=until)
    )
    sections = recipe_sections(newsletter)
    if sections:
        within = Q()
        for section in sections:
            within |= Q(path__startswith=section.path, depth__gt=section.depth)
        articles = articles.filter(within)
    if newsletter.tag_names:
        articles = articles.filter(tags__name__in=newsletter.tag_names).distinct()
    found = list(articles.newest_first().for_listing()[:200])
    picks = []
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        picks = list(EditorsPicks.for_site(site).picks.order_by("sort_order").values_list("article_id", flat=True))
    rank = {article_id: position for position, article_id in enumerate(picks)}
    found.sort(key=lambda article: (0, rank[article.pk]) if article.pk in rank else (1, 0))
    return found[: newsletter.recipe_limit]


def news_items_for(newsletter, since, until):
    if not newsletter.recipe_news_items:
        return []
    from masthead.livefeed.models import NewsItem

    items = (
        NewsItem.objects.published()
        .in_edition(newsletter.locale_id)
        .filter(published_at__gt=since, published_at__lte=until)
        .pinned_first()
    )
    return list(items[: newsletter.recipe_news_items])


def news_items_html(items):
    rows = "".join(
        f"<li><b>{escape(in_newsroom_words(item.published_at, 'time'))}</b> {escape(item.headline)}</li>"
        for item in items
    )
    return f"<ul>{rows}</ul>"


class Draft:
    """What a slot's edition would hold, worked out without saving anything (also the admin's preview).

    Its words and dates are in the newsletter's language, whoever builds it: the worker, which has no language of
    its own, or an editor previewing in the admin in another."""

    def __init__(self, newsletter, slot):
        self.newsletter, self.slot = newsletter, slot
        self.language = language_of(newsletter.locale_id)
        self.since = covers_from(newsletter, slot)
        self.problem = ""
        self.articles, self.news_items, self.intro = [], [], ""
        with translation.override(self.language):  # the intro's date, and a broken recipe's message
            try:
                self.articles = articles_for(newsletter, self.since, slot)
                self.news_items = news_items_for(newsletter, self.since, slot)
                self.intro = render_intro(newsletter, len(self.articles), slot)
            except (RecipeError, IntroError) as error:
                self.problem = str(error)

    @property
    def is_empty(self):
        return not self.articles and not self.news_items

    def subject(self):
        with translation.override(self.language):
            return f"{self.newsletter.name}: {in_newsroom_words(self.slot, 'weekday')}"

    def body(self):
        blocks = []
        if self.intro:
            blocks.append(("text", self.intro))
        blocks += [("article", {"article": article, "note": ""}) for article in self.articles]
        if self.news_items:
            with translation.override(self.language):
                blocks.append(("heading", _("From the news feed")))
                blocks.append(("text", news_items_html(self.news_items)))
        return blocks

    def edition(self):
        """An unsaved Edition with this content (for previews)."""
        return Edition(
            newsletter=self.newsletter,
            subject=self.subject(),
            body=self.body(),
            slot=self.slot,
            covers_from=self.since,
        )


def build(newsletter, slot, now=None):
    """Builds the edition for `slot`: sends it, holds it, or records why not. None if another worker built it."""
    from .admin_views import start_edition

    now = now or timezone.now()
    draft = Draft(newsletter, slot)
    edition = draft.edition()
    # Its note too is in the newsletter's language, as its content is.
    with translation.override(draft.language):
        if now - slot > GRACE:
            edition.state = Edition.State.DROPPED
            edition.note = _("The worker was not running at this edition's time; it was not sent late.")
        elif draft.problem:
            # Held, whatever the newsletter's setting: a broken recipe must not send something unintended.
            edition.state, edition.note = Edition.State.HELD, draft.problem
            edition.approve_by = slot + timedelta(hours=newsletter.approval_hours)
        elif draft.is_empty:
            edition.state = Edition.State.DROPPED
            edition.note = _("Nothing was published since the last edition, so none was sent.")
        elif newsletter.auto_send == Newsletter.AutoSend.HOLD:
            edition.state = Edition.State.HELD
            edition.approve_by = slot + timedelta(hours=newsletter.approval_hours)
            edition.note = _(WAITING_NOTE)
        else:
            edition.note = _("Built automatically.")
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:
        logger.info("Newsletter %s: the edition for %s was built by another worker", newsletter.pk, slot)
        return None
    if edition.state == Edition.State.HELD:
        queue_deadline(edition)
        queue_approval_request(edition)
    elif edition.state == Edition.State.DRAFT:
        start_edition(edition)
        edition.refresh_from_db(fields=["state"])
    return edition


# The note of an edition held only because its newsletter holds them all (one held for a broken recipe says why).
WAITING_NOTE = gettext_noop("Built automatically; waiting for an editor's approval.")


def says_more_than_waiting(edition):
    """The held edition's note if it says more than that it waits (a broken recipe), else ""."""
    with translation.override(language_of(edition.newsletter.locale_id)):
        return "" if edition.note == _(WAITING_NOTE) else edition.note


def queue_approval_request(edition):
    from .tasks import ask_for_approval

    # One task per editor, so a mail server that refuses one address leaves a task to run again for that one
    # alone, and nobody is emailed twice.
    def enqueue():
        for user in approvers():
            ask_for_approval.enqueue(edition.pk, user.pk)

    transaction.on_commit(enqueue, robust=True)


def approvers(**only):
    """Everyone who may send editions and has an address to be told at (`only` narrows the users looked at)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, **only).exclude(email="").order_by("pk")
    return [user for user in users if user.has_perm("newsletters.send_edition")]


def ask_for_approval(edition_id, user_id=None):
    """Emails one who may send editions that a held one waits for them; returns how many were emailed.

    The edition is built at its slot (07:00, say) and dropped at its deadline, which may come before anyone opens
    the dashboard. Each reads it in their admin's language, with the deadline at the newsroom's time. Without
    `user_id` (a task queued before editors had one each), it queues one for each of them instead.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    from masthead.core.i18n import admin_language

    from .emails import newsroom_from_address

    edition = Edition.objects.awaiting_approval().filter(pk=edition_id).select_related("newsletter").first()
    if edition is None:
        return 0  # approved, dropped or past its deadline meanwhile
    if user_id is None:
        queue_approval_request(edition)
        return 0
    [user] = approvers(pk=user_id) or [None]
    if user is None:
        return 0  # no longer active, or no longer allowed to send
    why_held = says_more_than_waiting(edition)  # a broken recipe, in the newsletter's language as the edition keeps it
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("newsletters_admin:edition_send", args=[edition.pk])
    with translation.override(admin_language(user)):
        values = {
            "newsletter": edition.newsletter.name,
            "subject": edition.subject,
            "when": format_moment(edition.approve_by, "short", newsroom_zone()),
            "link": link,
        }
        subject = _("Waiting for your approval: %(subject)s") % values
        body = (
            _(
                "%(newsletter)s built its edition “%(subject)s” and holds it for an editor's approval. It is not "
                "sent unless someone approves it by %(when)s.\n\nPreview and send it: %(link)s"
            )
            % values
        )
    if why_held:
        body += "\n\n" + why_held
    send_mail(subject, body, newsroom_from_address(), [user.email])
    return 1


def queue_deadline(edition):
    from .tasks import drop_unapproved_edition

    if drop_unapproved_edition.get_backend().supports_defer:
        transaction.on_commit(lambda: drop_unapproved_edition.using(run_after=edition.approve_by).enqueue(edition.pk))


def plan(newsletter, after=None, expected=None):
    """Queues the build task for the newsletter's next slot after `after` (default now). Returns the slot.

    `expected`: only if next_slot_at still holds this value (so one of several workers continues a chain).
    Re-planning with the same slot queues nothing.
    """
    from .tasks import build_automatic_edition

    slot = next_slot(newsletter, after or timezone.now()) if newsletter.active else None
    mine = Newsletter.objects.filter(pk=newsletter.pk)
    if expected is not None:
        mine = mine.filter(next_slot_at=expected)
    elif slot is not None:
        mine = mine.exclude(next_slot_at=slot)
    else:
        mine = mine.exclude(next_slot_at=None)
    if not mine.update(next_slot_at=slot):
        return newsletter.next_slot_at if expected is None else None
    newsletter.next_slot_at = slot
    if slot is not None and build_automatic_edition.get_backend().supports_defer:
        transaction.on_commit(
            lambda: build_automatic_edition.using(run_after=slot).enqueue(newsletter.pk, slot.isoformat())
        )
    return slot


def run_slot(newsletter_id, slot_iso):
    """The build_automatic_edition task: build this slot's edition if it is still the planned one, then plan on."""
    slot = datetime.fromisoformat(slot_iso)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.next_slot_at != slot:
        return {"state": "stale"}  # the schedule changed since; its own task is queued
    now = timezone.now()
    if now < slot:
        return {"state": "not due"}
    edition = build(newsletter, slot, now)
    plan(newsletter, after=max(now, slot), expected=slot)
    if edition is None:
        return {"state": "built elsewhere"}
    return {"state": edition.state, "edition": edition.pk}
