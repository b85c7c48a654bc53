"""The narration in the article editor's main panel: its state, and a Listen button when the audio is ready."""

from wagtail.admin.panels import Panel


class NarrationPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "narration/admin/editor_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import Narration

            context = super().get_context_data(parent_context)
            article_id = self.instance.pk
            from . import listens, services

            context["narration"] = Narration.objects.filter(article_id=article_id).first() if article_id else None
            context["article_id"] = article_id
            context["no_audio"] = services.why_no_audio(self.instance) if self.instance.locale_id else None
            context["listening"] = listens.totals([article_id]).get(article_id) if article_id else None
            return context
