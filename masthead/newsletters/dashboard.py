"""The newsletters' dashboard panel: editions waiting for approval, the latest send report and subscriber growth."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from masthead.core.templatetags.newsroom import format_moment
from masthead.core.zones import newsroom_zone

from .admin_views import chart, growth
from .digests import says_more_than_waiting
from .models import Edition, Newsletter


class NewslettersPanel(Component):
    name = "newsletters"
    order = 70
    template_name = "newsletters/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        latest = (
            Edition.objects.filter(state__in=[Edition.State.SENDING, Edition.State.SENT])
            .select_related("newsletter")
            .order_by("-started_at", "-pk")
            .first()
        )
        biggest = Newsletter.objects.with_counts().order_by("-confirmed_count", "pk").first()
        # Automatic editions held for approval are dropped at their deadline: whoever may send them is told here.
        held, zone = [], newsroom_zone(self.request)
        if self.request.user.has_perm("newsletters.send_edition"):
            held = Edition.objects.awaiting_approval().select_related("newsletter").order_by("approve_by")
        return {
            "held": [
                (
                    edition,
                    reverse("newsletters_admin:edition_send", args=[edition.pk]),
                    format_moment(edition.approve_by, "short", zone),
                    says_more_than_waiting(edition),
                )
                for edition in held
            ],
            "latest": latest,
            "report_url": reverse("newsletters_admin:edition_report", args=[latest.pk]) if latest else "",
            "newsletter": biggest,
            "chart": chart(growth(biggest)) if biggest else None,
            "overview_url": reverse("newsletters_admin:overview"),
        }
