"""Listen analytics without tracking readers: the player's beacon, counted per article per day.

The page itself is unchanged and cacheable; the player's script POSTs small
beacons ("play", "25", "50", "75", "100", "speed") with a random id made for
that page view only. No cookie is read or set, nothing about the reader is
stored: a beacon adds one to a day's count. Repeated beacons from one page
view (the same id and event) are ignored for six hours, and so are clients
that say they are bots.
"""

import re

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from masthead.core.ids import parse_id

from .models import ListenDay, Narration

BOTS = re.compile(r"bot|crawl|spider|slurp|preview|headless(?!chrome)|curl|wget|python-|http", re.IGNORECASE)
VIEW_ID = re.compile(r"[A-Za-z0-9_-]{8,40}")
REPEAT_WINDOW = 6 * 3600


@csrf_exempt  # no cookie, no session: nothing a forged request could act on but a count
@require_POST
def beacon(request):
    event, view = request.POST.get("event", ""), request.POST.get("view", "")
    article_id = parse_id(request.POST.get("article", ""))
    if event not in ListenDay.EVENTS or not VIEW_ID.fullmatch(view) or article_id is None:
        return HttpResponseBadRequest("bad beacon", content_type="text/plain")
    agent = request.headers.get("User-Agent", "")
    if not agent or BOTS.search(agent):
        return HttpResponse(status=204)
    if not Narration.objects.ready().filter(article_id=article_id, article__live=True).exists():
        return HttpResponse(status=204)
    if not cache.add(f"narration-listen:{view}:{article_id}:{event}", 1, REPEAT_WINDOW):
        return HttpResponse(status=204)  # the same page view said this already
    count(article_id, event)
    return HttpResponse(status=204)


def count(article_id, event, day=None):
    day = day or timezone.localdate()
    column = ListenDay.EVENTS[event]
    if ListenDay.objects.filter(article_id=article_id, day=day).update(**{column: F(column) + 1}):
        return
    try:
        with transaction.atomic():
            ListenDay.objects.create(article_id=article_id, day=day, **{column: 1})
    except IntegrityError:  # another beacon created the day first
        ListenDay.objects.filter(article_id=article_id, day=day).update(**{column: F(column) + 1})


def totals(article_ids=None):
    """{article id: (plays, average share, completion)} over all days."""
    from django.db.models import Sum

    rows = ListenDay.objects.all()
    if article_ids is not None:
        rows = rows.filter(article_id__in=list(article_ids))
    sums = rows.values("article_id").annotate(
        p=Sum("plays"), a=Sum("reached_25"), b=Sum("reached_50"), c=Sum("reached_75"), d=Sum("reached_100")
    )
    from .models import listening_summary

    return {row["article_id"]: listening_summary(row["p"], row["a"], row["b"], row["c"], row["d"]) for row in sums}
