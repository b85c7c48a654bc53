"""Approving or sending back an article from the dashboard's review queue says what happened.

Wagtail's workflow action (the "Approve" and "Request changes" buttons of the dashboard's
"Awaiting your review" panel) returns to the dashboard without a word; the editor could
not tell whether the article went live. This view is Wagtail's, followed by a message.
"""

from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, TaskState

from .models import ArticlePage


class ReviewActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        page = Page.objects.get(pk=self.object.pk)
        title = {"title": page.get_admin_display_title()}
        if self.task_state.status == TaskState.STATUS_APPROVED:
            if page.live and not page.has_unpublished_changes and not page.workflow_in_progress:
                messages.success(request, _("“%(title)s” approved and published.") % title)
            else:
                messages.success(request, _("“%(title)s” approved.") % title)
        elif self.task_state.status == TaskState.STATUS_REJECTED:
            messages.success(request, _("Changes requested on “%(title)s”.") % title)
        return response


class ArticlePageViewSet(PageViewSet):
    model = ArticlePage
    workflow_action_view_class = ReviewActionView
