"""The narration in the article editor's main panel: its state, and a Listen button when the audio is ready."""

from wagtail.admin.panels import Panel


class NarrationPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "narration/admin/editor_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import Narration

            context = super().get_context_data(parent_context)
            article_id = self.instance.pk
            from . import listens

            context["narration"] = Narration.objects.filter(article_id=article_id).first() if article_id else None
            context["article_id"] = article_id
            context["listening"] = listens.totals([article_id]).get(article_id) if article_id else None
            return context
