"""The newsletters' dashboard panel: the latest edition's send report and subscriber growth (the chart)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .admin_views import chart, growth
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
        return {
            "latest": latest,
            "report_url": reverse("newsletters_admin:edition_report", args=[latest.pk]) if latest else "",
            "newsletter": biggest,
            "chart": chart(growth(biggest)) if biggest else None,
            "overview_url": reverse("newsletters_admin:overview"),
        }
