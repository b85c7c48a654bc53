"""The narration dashboard panel: articles whose audio failed, with the reason and a link to fix it."""

from wagtail.admin.ui.components import Component

from .models import Narration


class NarrationFailuresPanel(Component):
    name = "narration_failures"
    order = 80
    template_name = "narration/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        failed = Narration.objects.filter(state=Narration.State.FAILED).select_related("article")
        return {"failed": failed.order_by("-updated_at")[:8], "count": failed.count()}
