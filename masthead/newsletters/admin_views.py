"""Editors' newsletter pages in the admin: send an edition, subscriber overview and growth, CSV import, suppressions."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from masthead.core import background, queues
from masthead.core.admin_views import ToolPageMixin
from masthead.core.csvfiles import READ_AS_WINDOWS_1252, NotCSV, UnknownEncoding, read_csv
from masthead.core.ids import parse_id
from masthead.core.zones import NewsroomDateTimeField, newsroom_zone

from . import conf, digests, emails, reports, signup
from .emails import PreparedEdition
from .models import Edition, Newsletter, Subscriber, Subscription, normalise_email
from .tasks import send_edition, send_test_edition, send_welcome_test


def require_perm(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


class TestSendForm(forms.Form):
    address = forms.EmailField(label=gettext_lazy("Send a test to"))

    def clean_address(self):
        # The readers' own check (email-validator), the same form of the address too: it also refuses what mail
        # cannot carry, such as an address over 254 characters, which Django's EmailField lets through to fail
        # later in the worker.
        return normalise_email(self.cleaned_data["address"])


class ScheduleForm(forms.Form):
    send_at = NewsroomDateTimeField(
        label=gettext_lazy("Send at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["send_at"].zone = zone
        self.fields["send_at"].help_text = _("In the newsroom's time zone (%(zone)s).") % {"zone": zone.key}

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if value <= timezone.now():
            raise ValidationError(_("Choose a time in the future, or use “Send now”."))
        if value > timezone.now() + timedelta(days=366):  # a mistyped year (2062 for 2026), not a plan
            raise ValidationError(_("That is more than a year away: please check the year."))
        return value


def start_edition(edition, when=None):
    """Schedules the edition (now by default) and queues the sending tasks: the one way editions get sent."""
    if edition.link_problems() or not edition.schedule(when):
        return False
    run_after = when if when and when > timezone.now() else None
    task = (
        send_edition.using(run_after=run_after)
        if run_after and send_edition.get_backend().supports_defer
        else send_edition
    )
    for _sender in range(max(1, conf.senders_per_edition())):
        task.enqueue(edition.pk)
    return True


# A dropped edition, on Send now and on its page.
DROPPED = gettext_lazy("This edition was not sent and can no longer be: copy it to send its content.")


def not_startable_message(edition):
    edition.refresh_from_db(fields=["state", "approve_by", "body"])
    unsafe = edition.link_problems()
    if unsafe:
        return _("Not sent: a link uses an address that cannot be sent (“%(url)s”). Edit the text first.") % {
            "url": unsafe[0][:80]
        }
    if edition.state == Edition.State.HELD:
        when = timezone.localtime(edition.approve_by, newsroom_zone()).strftime("%Y-%m-%d %H:%M")
        return _("A held edition can only be sent before its approval deadline (%(when)s).") % {"when": when}
    if edition.state == Edition.State.DROPPED:
        return DROPPED
    return _("This edition has already been sent.")


def no_longer_sendable(edition):
    """Why an edition that never started sending cannot go out any more, or "" while it still can."""
    if edition.state == Edition.State.DROPPED:
        return DROPPED
    # The drop task may not have run yet: the deadline alone decides (Edition.schedule refuses a late approval).
    if edition.state == Edition.State.HELD and edition.approve_by and edition.approve_by <= timezone.now():
        return _(
            "Nobody approved this edition before its deadline, so it will not be sent: copy it to send its content."
        )
    return ""


def has_started(edition):
    """Sending has begun, or is due (Send now was pressed and the worker is picking it up)."""
    if edition.state in (Edition.State.SENDING, Edition.State.SENT):
        return True
    return edition.state == Edition.State.SCHEDULED and edition.scheduled_at and edition.scheduled_at <= timezone.now()


def progress_summary(edition, zone):
    """The live progress in words a person reads ("Sending — 120 of 301"), with the rate and the time left."""
    counts = edition.progress()
    total, done, sent = counts["total"], counts["done"], counts["sent"]
    rate = None
    if edition.started_at and sent:
        elapsed = ((edition.finished_at or timezone.now()) - edition.started_at).total_seconds()
        rate = sent / max(elapsed, 1)
    remaining = total - done
    if edition.state == Edition.State.SENT:
        finished = timezone.localtime(edition.finished_at or timezone.now(), zone)
        label = _("Sent at %(time)s, %(date)s") % {
            "time": date_format(finished, "g:i A"),
            "date": date_format(finished, "F j, Y"),
        }
    elif edition.state == Edition.State.SENDING and total:
        label = _("Sending — %(done)s of %(total)s") % {"done": done, "total": total}
    elif has_started(edition):
        label = _("Starting — preparing the deliveries")
    else:
        label = edition.get_state_display()
    time_left = ""
    if rate and remaining > 0 and edition.state != Edition.State.SENT:
        seconds = round(remaining / rate)
        if seconds < 60:
            time_left = _("· about %(seconds)s s left") % {"seconds": seconds}
        else:
            time_left = _("· about %(minutes)s min left") % {"minutes": round(seconds / 60)}
    return counts | {
        "label": label,
        "rate": _("%(rate)s messages a second") % {"rate": f"{rate:.1f}"} if rate else "",
        "time_left": time_left,
    }


def missing_postal_address(request):
    """Why an edition may not go out yet: the newsroom's postal address is missing (else "")."""
    from masthead.core.middleware import newsroom_settings

    if not conf.require_postal_address() or newsroom_settings(request).postal_address.strip():
        return ""
    return _(
        "Add the newsroom's postal address in Settings → Newsroom settings first: it is printed at the foot "
        "of every edition, as the law in several countries requires for bulk email."
    )


class EditionSendView(WagtailAdminTemplateMixin, TemplateView):
    """Preview, test send, send now or schedule, and live progress for one edition."""

    template_name = "newsletters/admin/edition_send.html"
    header_icon = "mail"

    def dispatch(self, request, pk):
        require_perm(request, "newsletters.view_edition")
        self.edition = get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Send “%(subject)s”") % {"subject": self.edition.subject}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("edition:index"), "label": pgettext("newsletter issue", "Editions")},
            {"url": reverse("edition:edit", args=[self.edition.pk]), "label": self.edition.subject},
            {"url": "", "label": _("Preview and send")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.edition
        zone = newsroom_zone(self.request)
        context.update(
            edition=edition,
            zone=zone,
            can_send=self.request.user.has_perm("newsletters.send_edition"),
            recipients=Subscription.objects.confirmed()
            .filter(newsletter=edition.newsletter, subscriber__suppressed_reason="")
            .count(),
            progress=progress_summary(edition, zone),
            started=has_started(edition),
            no_longer_sendable=no_longer_sendable(edition),
            missing_postal_address=missing_postal_address(self.request),
            test_form=kwargs.get("test_form") or TestSendForm(initial={"address": self.request.user.email}),
            schedule_form=kwargs.get("schedule_form") or ScheduleForm(zone=zone),
            preview_url=reverse("newsletters_admin:edition_preview", args=[edition.pk]),
            progress_url=reverse("newsletters_admin:edition_progress", args=[edition.pk]),
            stalled_queue=background.stalled_queue(queues.MAIL),
        )
        return context

    def post(self, request, pk):
        require_perm(request, "newsletters.send_edition")
        edition, action = self.edition, request.POST.get("action")
        here = HttpResponseRedirect(request.path)
        if action == "test":
            form = TestSendForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(test_form=form))
            send_test_edition.enqueue(edition.pk, form.cleaned_data["address"])
            messages.success(request, _("A test copy is on its way to %(address)s.") % form.cleaned_data)
        elif action in ("send_now", "schedule") and missing_postal_address(request):
            messages.error(request, missing_postal_address(request))
        elif action == "send_now" and not request.POST.get("confirmed"):
            # Mailing every subscriber cannot be undone: say to how many, and ask once.
            context = self.get_context_data()
            context["page_title"] = _("Send “%(subject)s” now?") % {"subject": edition.subject}
            return self.response_class(self.request, "newsletters/admin/edition_send_confirm.html", context)
        elif action == "send_now":
            if start_edition(edition):
                messages.success(request, _("Sending has started."))
            else:
                messages.error(request, not_startable_message(edition))
        elif action == "schedule":
            form = ScheduleForm(request.POST, zone=newsroom_zone(request))
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(schedule_form=form))
            if start_edition(edition, form.cleaned_data["send_at"]):
                messages.success(request, _("The edition is scheduled."))
            else:
                messages.error(request, not_startable_message(edition))
        elif action == "unschedule":
            if edition.unschedule():
                messages.success(request, _("The schedule is cancelled; the edition is a draft again."))
        return here


@xframe_options_sameorigin
def edition_preview(request, pk):
    """The edition's HTML exactly as subscribers get it (personal links replaced by harmless ones)."""
    require_perm(request, "newsletters.view_edition")
    edition = get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)
    response = HttpResponse(PreparedEdition(edition).preview_html())
    response["Content-Security-Policy"] = "script-src 'none'; frame-ancestors 'self'"
    return response


def edition_progress(request, pk):
    """Live counts for the progress bar: sent/total, deferred, failed."""
    require_perm(request, "newsletters.view_edition")
    edition = get_object_or_404(Edition, pk=pk)
    return JsonResponse(progress_summary(edition, newsroom_zone(request)))


class NewsletterPageMixin(WagtailAdminTemplateMixin):
    """A page about one newsletter, under it in the breadcrumbs; `title` has %(name)s for the newsletter's name."""

    permission, title, crumb = "newsletters.view_newsletter", "", ""

    def dispatch(self, request, pk):
        require_perm(request, self.permission)
        self.newsletter = get_object_or_404(Newsletter, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return self.title % {"name": self.newsletter.name}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("newsletter:index"), "label": _("Newsletters")},
            {"url": reverse("newsletter:edit", args=[self.newsletter.pk]), "label": self.newsletter.name},
            {"url": "", "label": self.crumb},
        ]


class NextEditionView(NewsletterPageMixin, TemplateView):
    """ "Preview tomorrow's edition": what the next automatic edition would hold if it were built now."""

    template_name = "newsletters/admin/next_edition.html"
    header_icon = "view"
    permission = "newsletters.view_edition"
    title, crumb = gettext_lazy("Next edition of %(name)s"), gettext_lazy("Next edition")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slot = digests.next_slot(self.newsletter, timezone.now())
        draft = digests.Draft(self.newsletter, slot or timezone.now())
        html = "" if draft.problem or draft.is_empty else PreparedEdition(draft.edition()).preview_html()
        zone = newsroom_zone(self.request)

        def newsroom_time(moment):
            return date_format(timezone.localtime(moment, zone), "DATETIME_FORMAT") if moment else ""

        context.update(
            newsletter=self.newsletter,
            slot=newsroom_time(slot),
            since=newsroom_time(draft.since),
            draft=draft,
            preview_html=html,
        )
        return context


class WelcomeSeriesView(NewsletterPageMixin, TemplateView):
    """Every email of a newsletter's welcome series as readers get it, with a test send for each."""

    template_name = "newsletters/admin/welcome_series.html"
    header_icon = "mail"
    title, crumb = gettext_lazy("Welcome series of %(name)s"), gettext_lazy("Welcome series")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        steps = []
        for step in self.newsletter.welcome_steps.order_by("delay_days", "sort_order"):
            step.newsletter = self.newsletter
            message = emails.welcome_step_test_message(step, "preview@example.com")
            steps.append({"step": step, "html": message.alternatives[0][0], "sent": step.sends.count()})
        form = kwargs.get("test_form") or TestSendForm(initial={"address": self.request.user.email})
        context.update(newsletter=self.newsletter, steps=steps, test_form=form)
        return context

    def post(self, request, pk):
        require_perm(request, "newsletters.change_newsletter")
        step = self.newsletter.welcome_steps.filter(pk=parse_id(request.POST.get("step", ""))).first()
        if step is None:  # removed from the series since the page was opened
            messages.error(request, _("That welcome email is no longer in the series, so no test was sent."))
            return HttpResponseRedirect(request.path)
        form = TestSendForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(test_form=form))
        send_welcome_test.enqueue(step.pk, form.cleaned_data["address"])
        messages.success(request, _("A test copy is on its way to %(address)s.") % form.cleaned_data)
        return HttpResponseRedirect(request.path)


class EditionReportView(WagtailAdminTemplateMixin, TemplateView):
    """An edition's send report: totals, a chart of its first 48 hours, its links; CSV with ?format=csv."""

    template_name = "newsletters/admin/edition_report.html"
    header_icon = "table"

    def dispatch(self, request, pk):
        require_perm(request, "newsletters.view_edition")
        self.edition = get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)
        return super().dispatch(request, pk)

    def get(self, request, pk):
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="edition-{self.edition.pk}-report.csv"'
            reports.write_csv(reports.Report(self.edition), response)
            return response
        return super().get(request, pk)

    def get_page_title(self):
        return _("Report: “%(subject)s”") % {"subject": self.edition.subject}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("edition:index"), "label": pgettext("newsletter issue", "Editions")},
            {"url": reverse("newsletters_admin:edition_send", args=[self.edition.pk]), "label": self.edition.subject},
            {"url": "", "label": _("Report")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = reports.Report(self.edition)
        rows = report.hourly()
        labels = dict(reports.SERIES)
        totals = report.totals
        delivered = totals["delivered"] or 1
        reader_keys = [
            key for key in ("clicks", "opens", "unsubscribed", "complained") if key != "opens" or report.track_opens
        ]
        context.update(
            edition=self.edition,
            report=report,
            totals=[
                {"key": key, "label": labels[key], "value": totals[key], "share": 100 * totals[key] / delivered}
                for key, _label in reports.SERIES
                if (key != "opens" or report.track_opens) and (key != "clicks" or report.track_clicks)
            ],
            rows=rows,
            delivery_chart=reports.chart(rows, ["delivered", "failed"]),
            reader_chart=reports.chart(rows, reader_keys),
            labels=labels,
            links=report.links(),
            zone=newsroom_zone(self.request),
            csv_url=f"{self.request.path}?format=csv",
        )
        return context


def growth(newsletter, days=90):
    """[(date, confirmed subscribers that day)] over the last `days` days, from two grouped queries."""
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    subscriptions = Subscription.objects.filter(newsletter=newsletter, confirmed_at__isnull=False)
    start_moment = timezone.make_aware(datetime.combine(start, time.min))
    base = subscriptions.filter(confirmed_at__lt=start_moment).exclude(unsubscribed_at__lt=start_moment).count()
    joined = dict(
        subscriptions.filter(confirmed_at__gte=start_moment)
        .annotate(day=TruncDate("confirmed_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    left = dict(
        subscriptions.filter(unsubscribed_at__gte=start_moment)
        .annotate(day=TruncDate("unsubscribed_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    series, running = [], base
    for offset in range(days):
        day = start + timedelta(days=offset)
        running += joined.get(day, 0) - left.get(day, 0)
        series.append((day, running))
    return series


def chart(series, width=640, height=160, pad=28):
    """An inline SVG line chart of a growth series (no JavaScript, no library)."""
    top = max((value for _, value in series), default=0) or 1
    step = (width - 2 * pad) / max(len(series) - 1, 1)
    points = " ".join(
        f"{pad + index * step:.1f},{height - pad - (value / top) * (height - 2 * pad):.1f}"
        for index, (_, value) in enumerate(series)
    )
    return {
        "points": points,
        "top": top,
        "width": width,
        "height": height,
        "pad": pad,
        "first": series[0][0] if series else None,
        "last": series[-1][0] if series else None,
    }


class OverviewView(ToolPageMixin, TemplateView):
    """Counts per newsletter and a chart of confirmed subscribers over time."""

    template_name = "newsletters/admin/overview.html"
    page_title = gettext_lazy("Newsletter subscribers")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        require_perm(request, "newsletters.view_subscription")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for newsletter in Newsletter.objects.with_counts():
            series = growth(newsletter)
            rows.append({"newsletter": newsletter, "chart": chart(series), "series": series[-14:]})
        context.update(rows=rows, suppressed=Subscriber.objects.suppressed().count())
        return context


# Each address is checked and stored while the editor waits: 3,000 took 8.7 s on two busy cores, so a list of
# 20,000 would outlast gunicorn's default 30-second timeout, which stops the worker part-way through the list and
# leaves the editor the proxy's error page.
MAX_IMPORT_ROWS = 5000


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("One address per row, in a column called “email” or the first column."),
    )
    newsletter = forms.ModelChoiceField(Newsletter.objects.all(), label=gettext_lazy("Newsletter"))
    consent_given = forms.BooleanField(
        required=False,
        label=gettext_lazy("These people gave their consent to receive this newsletter"),
        help_text=gettext_lazy("Only then are they confirmed at once. Otherwise they wait for confirmation."),
    )
    consent_note = forms.CharField(
        required=False,
        max_length=255,
        label=gettext_lazy("How and when consent was given"),
        help_text=gettext_lazy("Kept with each subscription, e.g. “paper sign-up sheets at the 2024 reader event”."),
    )
    send_confirmations = forms.BooleanField(
        required=False, label=gettext_lazy("Email a confirmation link to addresses without stated consent")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.importer = user.get_username()

    def clean_consent_note(self):
        # The record is the note and who imported it, in a column of its own length.
        note = self.cleaned_data["consent_note"]
        limit = Subscription._meta.get_field("consent_note").max_length - len(self.consent_record(""))
        if len(note) > limit:
            raise ValidationError(
                _("Keep this note to %(limit)s characters, so that it fits with who imported it.") % {"limit": limit},
                code="max_length",
            )
        return note

    def consent_record(self, note):
        return f"{note} (imported by {self.importer})"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_given") and not cleaned.get("consent_note"):
            self.add_error("consent_note", _("Say how consent was given: it is kept as the record."))
        return cleaned

    def clean_file(self):
        upload = self.cleaned_data["file"]
        unreadable = ValidationError(
            _("This file cannot be read as CSV. Save it from your spreadsheet as “CSV” and upload that file."),
            code="not_csv",
        )
        try:
            rows, self.encoding = read_csv(upload.read())
        except UnknownEncoding as error:
            raise ValidationError(
                _(
                    "This file is in neither UTF-8 nor Windows-1252, so its addresses cannot be read reliably. Save "
                    "it from your spreadsheet as “CSV UTF-8” and upload that file."
                ),
                code="encoding",
            ) from error
        except NotCSV as error:
            raise unreadable from error
        self.addresses = file_addresses([row for row in rows if any(cell.strip() for cell in row)])
        count = len(self.addresses)
        if count > MAX_IMPORT_ROWS:
            raise ValidationError(
                _(
                    "This file has %(count)s addresses: up to %(limit)s are imported at a time, so that the import "
                    "ends before the page stops waiting for it. Split the file into parts of %(limit)s rows and "
                    "import each."
                )
                % {"count": count, "limit": MAX_IMPORT_ROWS},
                code="too_many_rows",
            )
        return upload


def file_addresses(rows):
    """The addresses of a subscribers' CSV: its "email" column, or its first; a first row without "@" is a header."""
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    column = header.index("email") if "email" in header else 0
    body = rows[1:] if "email" in header or "@" not in rows[0][0] else rows
    return [row[column] for row in body if len(row) > column and row[column].strip()]


class ImportView(ToolPageMixin, TemplateView):
    template_name = "newsletters/admin/import.html"
    page_title = gettext_lazy("Import subscribers")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        require_perm(request, "newsletters.add_subscription")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm(user=self.request.user))
        return context

    def post(self, request):
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        counts = signup.import_rows(
            form.addresses,
            form.cleaned_data["newsletter"],
            consent_given=form.cleaned_data["consent_given"],
            consent_note=form.consent_record(form.cleaned_data["consent_note"]),
            send_confirmations=form.cleaned_data["send_confirmations"],
        )
        result = (
            _(
                "Imported: %(confirmed)s confirmed, %(pending)s waiting for confirmation, "
                "%(unchanged)s unchanged, %(invalid)s invalid addresses skipped."
            )
            % counts
        )
        if form.encoding == "cp1252":
            result = f"{result} {READ_AS_WINDOWS_1252}"
        messages.success(request, result)
        return HttpResponseRedirect(reverse("subscription:index"))


class SuppressionForm(forms.Form):
    email = forms.CharField(label=gettext_lazy("Email address"))
    note = forms.CharField(label=gettext_lazy("Why"), required=False, max_length=255)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class SuppressionListView(ToolPageMixin, TemplateView):
    """Addresses we no longer mail: bounced, complained, or suppressed by an editor."""

    template_name = "newsletters/admin/suppressions.html"
    page_title = gettext_lazy("Suppression list")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        require_perm(request, "newsletters.view_subscriber")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        suppressed = Subscriber.objects.suppressed().order_by("-suppressed_at")
        if query:
            suppressed = suppressed.filter(email__icontains=query)
        context.update(
            page_obj=Paginator(suppressed, 50).get_page(self.request.GET.get("p")),
            query=query,
            form=kwargs.get("form") or SuppressionForm(),
            can_change=self.request.user.has_perm("newsletters.change_subscriber"),
        )
        return context

    def post(self, request):
        require_perm(request, "newsletters.change_subscriber")
        if "lift" in request.POST:
            subscriber = Subscriber.objects.filter(pk=parse_id(request.POST["lift"])).first()
            if subscriber is None:
                messages.error(request, _("That address is no longer on the list."))
                return HttpResponseRedirect(request.path)
            subscriber.lift_suppression()
            messages.success(request, _("%(email)s can receive mail again.") % {"email": subscriber.email})
            return HttpResponseRedirect(request.path)
        form = SuppressionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        subscriber, _created = Subscriber.objects.get_or_create(email=form.cleaned_data["email"])
        subscriber.suppress(Subscriber.Suppression.MANUAL, form.cleaned_data["note"] or request.user.get_username())
        messages.success(request, _("%(email)s will receive no more mail.") % {"email": subscriber.email})
        return HttpResponseRedirect(request.path)


edition_send = EditionSendView.as_view()
next_edition = NextEditionView.as_view()
welcome_series = WelcomeSeriesView.as_view()
edition_report = EditionReportView.as_view()
overview = OverviewView.as_view()
import_subscribers = ImportView.as_view()
suppression_list = SuppressionListView.as_view()
