"""An edition's send report: what happened to its copies, hour by hour over its first 48 hours, and its links.

Counts come from our own rows: deliveries (delivered, deferred, failed), the
suppression list (bounced, complained), subscriptions (unsubscribed) and our
own redirect (clicks) and, when switched on, the open image. Each is grouped
by hour in the database, so a 100,000-copy edition costs a handful of queries.
"""

import csv
from datetime import UTC, timedelta

from django.db.models import Count, Min, Sum
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Click, Delivery, Edition, EditionLink, Open, Subscriber, Subscription

HOURS = 48

SERIES = [
    ("delivered", _("Delivered")),
    ("deferred", _("Deferred (will retry)")),
    ("failed", _("Failed")),
    ("bounced", _("Bounced")),
    ("complained", _("Complained")),
    ("unsubscribed", _("Unsubscribed")),
    ("clicks", _("Readers who clicked")),
    ("opens", _("Opens (unreliable)")),
]


def _hourly(queryset, field):
    """{hour (aware, truncated): count} for the rows of `queryset`, grouped by the hour of `field`."""
    rows = queryset.annotate(hour=TruncHour(field)).values("hour").annotate(n=Count("pk")).order_by()
    return {row["hour"]: row["n"] for row in rows if row["hour"] is not None}


class Report:
    """Totals and hourly series for one edition."""

    def __init__(self, edition):
        self.edition = edition
        self.start = edition.started_at or edition.created_at
        self.end = self.start + timedelta(hours=HOURS)
        deliveries = Delivery.objects.filter(edition=edition)
        following = (
            Edition.objects.filter(newsletter_id=edition.newsletter_id, started_at__gt=self.start)
            .order_by("started_at")
            .values_list("started_at", flat=True)
            .first()
        )
        recipients = deliveries.values("subscriber_id")
        # Unsubscribes, bounces and complaints after this edition went out and before the next one are its own.
        until = following or timezone.now() + timedelta(days=1)
        suppressed = Subscriber.objects.filter(
            pk__in=recipients, suppressed_at__gte=self.start, suppressed_at__lt=until
        )
        self.querysets = {
            "delivered": (deliveries.filter(state=Delivery.State.SENT), "sent_at"),
            "deferred": (deliveries.filter(state=Delivery.State.DEFERRED), "last_attempt_at"),
            "failed": (deliveries.filter(state=Delivery.State.FAILED), "last_attempt_at"),
            "bounced": (suppressed.filter(suppressed_reason=Subscriber.Suppression.BOUNCED), "suppressed_at"),
            "complained": (suppressed.filter(suppressed_reason=Subscriber.Suppression.COMPLAINED), "suppressed_at"),
            "unsubscribed": (
                Subscription.objects.filter(
                    newsletter_id=edition.newsletter_id,
                    subscriber_id__in=recipients,
                    state=Subscription.State.UNSUBSCRIBED,
                    unsubscribed_at__gte=self.start,
                    unsubscribed_at__lt=until,
                ),
                "unsubscribed_at",
            ),
            "opens": (Open.objects.filter(delivery__edition=edition), "first_at"),
        }
        # A reader who clicked several links counts once, at their first click; the link table counts per link.
        self.first_clicks = list(
            Click.objects.filter(link__edition=edition)
            .values("delivery_id")
            .annotate(first=Min("first_at"))
            .order_by()
            .values_list("first", flat=True)
        )
        self.totals = {key: queryset.count() for key, (queryset, _field) in self.querysets.items()}
        self.totals["clicks"] = len(self.first_clicks)
        self.totals["recipients"] = deliveries.count()
        self.track_opens = edition.newsletter.track_opens or bool(self.totals["opens"])
        self.track_clicks = edition.newsletter.track_clicks or bool(self.totals["clicks"])

    def hourly(self):
        """[{"hour": n, "at": moment, "delivered": n, …}] for hours 0–47 after sending began."""
        origin = self.start.replace(minute=0, second=0, microsecond=0)
        by_series = {}
        for key, (queryset, field) in self.querysets.items():
            window = {f"{field}__gte": origin, f"{field}__lt": self.end + timedelta(hours=1)}
            by_series[key] = _hourly(queryset.filter(**window), field)
        clicks = {}
        for moment in self.first_clicks:
            hour = moment.replace(minute=0, second=0, microsecond=0)
            clicks[hour] = clicks.get(hour, 0) + 1
        by_series["clicks"] = clicks
        rows = []
        for hour in range(HOURS):
            at = origin + timedelta(hours=hour)
            row = {"hour": hour, "at": at}
            for key, counts in by_series.items():
                row[key] = sum(n for moment, n in counts.items() if at <= moment < at + timedelta(hours=1))
            rows.append(row)
        return rows

    def links(self):
        """The edition's links with readers who clicked each (once per reader) and all clicks."""
        return list(
            EditionLink.objects.filter(edition=self.edition)
            .annotate(readers=Count("clicks"), total=Sum("clicks__count"))
            .order_by("-readers", "position")
        )


def chart(rows, keys, width=960, height=260, left=56, right=16, top=16, bottom=40):
    """An inline SVG line chart of cumulative hourly series (no JavaScript, no library)."""
    totals = {key: 0 for key in keys}
    points = {key: [] for key in keys}
    for row in rows:
        for key in keys:
            totals[key] += row[key]
            points[key].append(totals[key])
    peak = max([max(values) if values else 0 for values in points.values()] + [1])
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(rows) - 1, 1)

    def y(value):
        return top + plot_h - value / peak * plot_h

    lines = [
        {
            "key": key,
            "points": " ".join(f"{left + n * step:.1f},{y(value):.1f}" for n, value in enumerate(values)),
            "total": values[-1] if values else 0,
            "label": dict(SERIES)[key],
        }
        for key, values in points.items()
    ]
    ticks = [{"x": left + hour * step, "label": f"{hour} h"} for hour in range(0, HOURS + 1, 6) if hour < len(rows)]
    ticks.append({"x": left + (len(rows) - 1) * step, "label": f"{len(rows)} h"})
    grid = [{"y": y(peak * fraction), "label": f"{round(peak * fraction):,}"} for fraction in (0, 0.5, 1)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": top + plot_h,
        "lines": lines,
        "ticks": ticks,
        "grid": grid,
        "peak": peak,
    }


def csv_moment(moment):
    """A moment as the newsletters' CSV files write it: ISO 8601 in UTC, to the second ("2026-03-01T05:00:00+00:00")."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def write_csv(report, out):
    """Two tables in one CSV file: the hourly series, then the links."""
    writer = csv.writer(out)
    keys = [key for key, _label in SERIES]
    writer.writerow(["hour", "starting_at", *keys])
    for row in report.hourly():
        writer.writerow([row["hour"], csv_moment(row["at"]), *[row[key] for key in keys]])
    writer.writerow([])
    writer.writerow(["link", "readers_who_clicked", "clicks"])
    for link in report.links():
        writer.writerow([link.url, link.readers, link.total or 0])
