"""Quick posting and unpublishing from the admin dashboard (the full editor is the News items snippet)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.actions.create import CreateAction
from wagtail.actions.unpublish import UnpublishAction
from wagtail.admin import messages as admin_messages

from masthead.core.clients import local_path
from masthead.core.i18n import default_locale_id
from masthead.core.once import first_submission, forget_submission

from .forms import QuickPostForm
from .models import NewsItem


def can_publish(user):
    return user.has_perm("livefeed.publish_newsitem")


def quick_post(request):
    """GET: the one-screen form. POST: create the item, published (editors) or as a draft (writers)."""
    if not request.user.has_perm("livefeed.add_newsitem"):
        raise PermissionDenied
    form = QuickPostForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        if publish and not can_publish(request.user):
            raise PermissionDenied
        submission = form.cleaned_data["submission"]
        claim = f"livefeed-quick-post:{submission}"
        if submission and not first_submission(claim):
            messages.info(
                request,
                _("“%(headline)s” was already sent from this form: it was posted once.")
                % {"headline": form.cleaned_data["headline"]},
            )
            return redirect(_next_url(request))
        item = NewsItem(
            headline=form.cleaned_data["headline"],
            body=form.body_html(),
            pinned=form.cleaned_data["pinned"],
            locale_id=form.cleaned_data["edition"].pk if form.cleaned_data["edition"] else default_locale_id(),
        )
        try:
            item = CreateAction(item, user=request.user, publish=publish).execute()
        except Exception:
            forget_submission(claim)  # nothing was posted: the form may be sent again
            raise
        form.remember_edition(request, item.locale_id)
        edit_url = reverse("wagtailsnippets_livefeed_newsitem:edit", args=[item.pk])
        if publish:
            message = _("Published “%(headline)s”.") % {"headline": item.headline}
            buttons = [admin_messages.button(item.get_absolute_url(), _("View live"), new_window=True)]
        else:
            message = _("Saved “%(headline)s” as a draft.") % {"headline": item.headline}
            buttons = []
        admin_messages.success(request, message, buttons=[*buttons, admin_messages.button(edit_url, _("Edit"))])
        return redirect(_next_url(request))
    return TemplateResponse(
        request,
        "livefeed/admin/quick_post.html",
        {"form": form, "can_publish": can_publish(request.user), "next": _next_url(request)},
        status=400 if form.is_bound else 200,
    )


@require_POST
def quick_unpublish(request, pk):
    """One click from the dashboard: the item leaves every reader's page at the next poll."""
    item = get_object_or_404(NewsItem, pk=pk)
    if not can_publish(request.user):
        raise PermissionDenied
    UnpublishAction(item, user=request.user).execute()
    messages.success(request, _("Unpublished “%(headline)s”.") % {"headline": item.headline})
    return redirect(_next_url(request))


def _next_url(request):
    return local_path(request, request.POST.get("next") or request.GET.get("next")) or reverse("wagtailadmin_home")
