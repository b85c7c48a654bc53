"""The narration dashboard panel: failed audio with its reason and a link to fix it, and how many articles wait."""

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
        # Published articles whose audio is queued or being made: until it is ready they have no player.
        waiting = Narration.objects.filter(state=Narration.State.PENDING, article__live=True).count()
        return {"failed": failed.order_by("-updated_at")[:8], "count": failed.count(), "waiting": waiting}
