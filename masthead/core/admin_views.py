"""What Masthead's own admin screens share."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import background, nightly_backup, queues
from .zones import newsroom_zone


class ToolPageMixin(WagtailAdminTemplateMixin):
    """Breadcrumbs ending in the page's own title, as on Wagtail's own pages.

    Without an item of its own the header shows only "Home": the title is in a heading for screen readers alone.
    """

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class AddButtonLabel:
    """A viewset whose "Add …" button says a phrase of its own, translated whole ("Add a newsletter").

    Wagtail's label is "Add %(model_name)s" with the model's name put in as it is; in Ukrainian that name
    needs another case («Додати розсилку», not «Додати розсилка»), which only a phrase of its own can say.
    """

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_item_label=self.add_item_label, **kwargs)


class BackgroundWorkView(ToolPageMixin, TemplateView):
    """Settings → Background work: each queue's waiting, running and failed tasks, and a warning in words when
    no worker is taking them (masthead/core/background.py)."""

    template_name = "core/admin/background_work.html"
    page_title = gettext_lazy("Background work")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(background.PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        states = background.queue_states()
        context.update(
            states=states,
            stalled=[state for state in states if state.stalled],
            failures=background.recent_failures(),
            stuck=background.stuck_tasks(),
            stalled_minutes=background.stalled_minutes(),
            lost_mail_minutes=background.lost_mail_minutes(),
            backups=nightly_backup.status(),
            backup_time=settings.MASTHEAD_BACKUP_TIME,
            backup_zone=newsroom_zone(self.request).key,
            backup_keep_days=settings.MASTHEAD_BACKUP_KEEP_DAYS,
            backup_worker=queues.worker_command(queues.IMPORTS),
        )
        return context


@require_POST
def run_failed_task_again(request, task_id):
    """Background work → Run again: a failed or stuck task is queued again, once, and the page says so."""
    if not request.user.has_perm(background.PERMISSION):
        raise PermissionDenied
    label, queued = background.run_again(task_id)
    if queued:
        messages.success(request, _("“%(task)s” is queued again.") % {"task": label})
    else:
        messages.info(request, _("That task was already queued again, has finished since, or is no longer kept."))
    return redirect("masthead_background_work")


@require_POST
def back_up_now(request):
    """Background work → Back up now: a backup made by the worker of the long jobs as soon as it is free."""
    if not request.user.has_perm(background.PERMISSION):
        raise PermissionDenied
    answer = nightly_backup.back_up_now()
    if answer == "off":
        messages.error(request, _("The workers make no backups until MASTHEAD_BACKUP_DIR is set."))
    elif answer == "queued":
        messages.success(
            request,
            _("A backup is queued. The worker of the long jobs makes it as soon as it is free; it shows here then."),
        )
    elif answer == "running":
        messages.info(request, _("A backup is being made right now; it shows here when it is done."))
    else:
        messages.info(request, _("A backup is already queued to be made now."))
    return redirect("masthead_background_work")
