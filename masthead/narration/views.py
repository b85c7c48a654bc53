"""Admin views: every article's narration state, its audio and script, and "Regenerate"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from masthead.articles.models import ArticlePage
from masthead.core import background, queues
from masthead.core.clients import local_path
from masthead.core.csvfiles import neutralise_formula
from masthead.core.pagination import paginate

from . import listens, services
from .models import LexiconEntry, Narration

# Lazy: the labels are read per request, in the editor's own language (gettext here would fix them at import).
# The list shows published articles only, so "Withdrawn" (the narration of an unpublished article) is no filter.
STATE_FILTERS = [
    ("", gettext_lazy("All")),
    *((value, label) for value, label in Narration.State.choices if value != Narration.State.WITHDRAWN),
    ("none", gettext_lazy("Not narrated")),
]


def can_regenerate(user):
    return user.has_perm("narration.change_narration")


@permission_required("narration.view_narration")
def index(request):
    published = ArticlePage.objects.live()
    articles = published.select_related("narration").newest_first()
    state = request.GET.get("state", "")
    if state == "none":
        articles = articles.filter(narration__isnull=True)
    elif state in Narration.State.values:
        articles = articles.filter(narration__state=state)
    page = paginate(request, articles, 50)
    listening = listens.totals(article.pk for article in page)
    no_audio = {article.pk: services.why_no_audio(article) for article in page}
    rows = [
        (article, getattr(article, "narration", None), listening.get(article.pk), no_audio[article.pk])
        for article in page
    ]
    state_counts = counts(published)
    filters = [(value, label, state_counts.get(value, 0)) for value, label in STATE_FILTERS]
    return TemplateResponse(
        request,
        "narration/admin/index.html",
        {
            "page_title": _("Narration"),
            "header_title": _("Narration"),
            "header_icon": "media",
            "articles": page,
            "rows": rows,
            # Said once above the list: a reason holds for every article of its language.
            "no_audio_notes": list(dict.fromkeys(reason for reason in no_audio.values() if reason)),
            "state": state,
            "state_filters": filters,
            "can_regenerate": can_regenerate(request.user),
            "lexicon_url": reverse("wagtailsnippets_narration_lexiconentry:list"),
        },
    )


def counts(published):
    """{state: how many of the `published` articles have their narration in it}, with "" for all, "none" for none.

    Each is what the list shows under that filter, so a count never promises rows the list does not have.
    """
    from django.db.models import Count

    rows = Narration.objects.filter(article__in=published).values("state").annotate(n=Count("pk")).order_by()
    found = {row["state"]: row["n"] for row in rows}
    return {**found, "": published.count(), "none": published.filter(narration__isnull=True).count()}


@permission_required("narration.view_narration")
def detail(request, article_id):
    article = get_object_or_404(ArticlePage, pk=article_id)
    narration = Narration.objects.filter(article=article).first()
    no_audio = services.why_no_audio(article)
    return TemplateResponse(
        request,
        "narration/admin/detail.html",
        {
            "page_title": _("Narration of “%(title)s”") % {"title": article.title},
            "header_title": _("Narration"),
            "header_icon": "media",
            "article": article,
            "narration": narration,
            "no_audio": no_audio,
            "can_regenerate": can_regenerate(request.user) and article.live and not no_audio,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[article.pk]),
            "listening": listens.totals([article.pk]).get(article.pk),
            "stalled_queue": background.stalled_queue(queues.NARRATION)
            if narration and narration.state == Narration.State.PENDING
            else None,
        },
    )


@require_POST
@permission_required("narration.view_narration")
def regenerate(request, article_id):
    if not can_regenerate(request.user):
        raise PermissionDenied
    article = get_object_or_404(ArticlePage.objects.published(), pk=article_id)
    if reason := services.why_no_audio(article):
        messages.error(request, reason)
    elif services.request_narration(article, force=True) is None:
        messages.error(
            request,
            _("The narration of “%(title)s” could not be queued; see the server log.") % {"title": article.title},
        )
    else:
        messages.success(
            request,
            _("The narration of “%(title)s” is being made again; it is usually ready within a minute.")
            % {"title": article.title},
        )
    next_url = local_path(request, request.POST.get("next"))
    if next_url:
        return redirect(next_url)
    return redirect("narration_admin:detail", article_id=article.pk)


# A word alone is read with the wrong melody; a short carrier sentence sounds like an article.
SAMPLE_SENTENCE = _("The report mentioned %(term)s again.")


@require_POST
@permission_required("narration.view_lexiconentry")
def lexicon_sample(request):
    """MP3 of a short sentence with the lexicon entry as it stands in the form (not yet saved), for editors.

    Made in this process (about a second for a sentence); the header
    X-Voice-Phonemes carries what the voice says without the entry.
    """
    from urllib.parse import quote

    from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden

    from .audio import render
    from .engines import VoiceError, get_engine, voice_phonemes
    from .normalise import Lexicon, normalise
    from .script import Segment

    if not request.user.has_perm("narration.change_lexiconentry"):
        # A plain 403 (not Wagtail's redirect): the editor's script shows this text.
        return HttpResponseForbidden(_("Only editors may try out pronunciations."), content_type="text/plain")
    term, spoken, phonemes = (request.POST.get(name, "").strip() for name in ("term", "spoken", "phonemes"))
    if not term or not (spoken or phonemes):
        return HttpResponseBadRequest(_("Type the word and how to say it first."), content_type="text/plain")
    for name, value in (("term", term), ("spoken", spoken), ("phonemes", phonemes)):
        field = LexiconEntry._meta.get_field(name)
        if len(value) > field.max_length:
            # Cut short, it played something else than the entry, which Save refuses whole.
            return HttpResponseBadRequest(
                _("“%(field)s” is longer than %(limit)s characters: shorten it, as saving the entry asks too.")
                % {"field": capfirst(field.verbose_name), "limit": field.max_length},
                content_type="text/plain",
            )
    if "\x00" in term + spoken + phonemes:  # the voice's phonemiser raises on it; saving the entry refuses it too
        return HttpResponseBadRequest(
            _("The text has a null character (an invisible one copied text can carry): delete it and try again."),
            content_type="text/plain",
        )
    problem = LexiconEntry.problem_with(term, spoken, phonemes)  # what Save would refuse is not played either
    if problem:
        return HttpResponseBadRequest(problem[1], content_type="text/plain")
    lexicon = Lexicon([(term, spoken, phonemes, request.POST.get("match_case") == "on", "")])
    text = normalise(SAMPLE_SENTENCE % {"term": term}, lexicon)
    try:
        rendered = render([Segment("paragraph", text)], get_engine())
        plain = voice_phonemes(term)
    except VoiceError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain")
    response = HttpResponse(rendered.mp3, content_type="audio/mpeg")
    response["X-Voice-Phonemes"] = quote(plain)
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required("narration.view_narration")
def listens_csv(request):
    """Listening per article per day, as counted from the player's beacons (no personal data in it)."""
    import csv

    from django.http import StreamingHttpResponse

    from .models import ListenDay

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    header = [_("day"), _("article id"), _("article"), _("plays"), _("reached 25 %"), _("reached 50 %")]
    header += [_("reached 75 %"), _("listened to the end"), _("speed changes")]
    days = ListenDay.objects.select_related("article").order_by("-day", "article_id")

    def lines():
        yield writer.writerow([str(label) for label in header])
        for row in days.iterator():
            yield writer.writerow(
                [
                    row.day.isoformat(),
                    row.article_id,
                    neutralise_formula(row.article.title),
                    row.plays,
                    row.reached_25,
                    row.reached_50,
                ]
                + [row.reached_75, row.reached_100, row.speed_changes]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="narration-listening.csv"'
    return response
