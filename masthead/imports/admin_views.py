"""The admin's Import screen: upload an export, watch the worker import it, read the summary."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from masthead.core import queues
from masthead.core.admin_views import ToolPageMixin
from masthead.core.once import first_submission, forget_submission, submission_field

from . import ghost
from .importer import ImportFileError
from .models import ImportRun, Source
from .tasks import run_import

EXPORT_SUFFIXES = {Source.WORDPRESS: (".xml",), Source.GHOST: (".json",), Source.SUBSTACK: (".zip",)}


def require_admin(request):
    if not request.user.has_perm("imports.add_importrun"):
        raise PermissionDenied


class ImportForm(forms.Form):
    source = forms.ChoiceField(label=gettext_lazy("Moving from"), choices=Source.choices)
    export_file = forms.FileField(
        label=gettext_lazy("Export file"),
        help_text=gettext_lazy(
            "WordPress: the .xml file from Tools → Export. Ghost: the .json file from Settings → Labs → Export. "
            "Substack: the .zip file from Settings → Exports."
        ),
    )
    images_file = forms.FileField(
        label=gettext_lazy("Images and files (zip)"),
        required=False,
        help_text=gettext_lazy(
            "WordPress: a zip of wp-content/uploads. Ghost: a zip of the content folder (its images, media and "
            "files), or of content/images alone. Nothing is downloaded from the old site."
        ),
    )
    members_file = forms.FileField(
        label=gettext_lazy("Ghost members (CSV)"),
        required=False,
        help_text=gettext_lazy("From Members → Export in Ghost. Nobody is emailed by the import."),
    )
    # One per form shown: the same form sent twice (a double click, a page sent again) imports once.
    submission = submission_field()

    def clean(self):
        cleaned = super().clean()
        source, export = cleaned.get("source"), cleaned.get("export_file")
        if source and export and not export.name.lower().endswith(EXPORT_SUFFIXES[source]):
            self.add_error(
                "export_file",
                _("A %(source)s export is a %(suffix)s file.")
                % {"source": Source(source).label, "suffix": EXPORT_SUFFIXES[source][0]},
            )
        images = cleaned.get("images_file")
        if images and not images.name.lower().endswith(".zip"):
            self.add_error("images_file", _("Upload the images as one .zip file."))
        members = cleaned.get("members_file")
        if members and source != Source.GHOST:
            self.add_error("members_file", _("A members file goes with a Ghost export."))
        elif members and not members.name.lower().endswith(".csv"):
            self.add_error("members_file", _("The members file is a .csv file."))
        elif members:
            # Checked here, not only in the worker: the editor hears of it at once, before any post is imported.
            try:
                ghost.read_members(members)
            except ImportFileError as error:
                self.add_error("members_file", str(error))
            members.seek(0)
        return cleaned


class ImportView(ToolPageMixin, TemplateView):
    template_name = "imports/admin/index.html"
    page_title = gettext_lazy("Import a site")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        require_admin(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        context["runs"] = ImportRun.objects.select_related("created_by")[:10]
        return context

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        claim = f"imports-upload:{form.cleaned_data['submission']}"
        if form.cleaned_data["submission"] and not first_submission(claim):
            messages.info(request, _("This form was already sent: the export is imported once. See Recent imports."))
            return HttpResponseRedirect(reverse("imports_admin:index"))
        run = ImportRun(source=form.cleaned_data["source"], created_by=request.user)
        for name in ("export_file", "images_file", "members_file"):
            if form.cleaned_data.get(name):
                setattr(run, name, form.cleaned_data[name])
        try:
            run.save()
        except Exception:
            forget_submission(claim)  # nothing was started: the form may be sent again
            raise
        transaction.on_commit(lambda: run_import.enqueue(run.pk))
        return HttpResponseRedirect(reverse("imports_admin:run", args=[run.pk]))


class RunView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "imports/admin/run.html"
    header_icon = "download"

    def dispatch(self, request, pk):
        require_admin(request)
        self.run = get_object_or_404(ImportRun, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("%(source)s import") % {"source": self.run.get_source_display()}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("imports_admin:index"), "label": _("Import a site")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = self.run.summary or {}
        context.update(
            run=self.run,
            stalled=self.run.is_stalled(),
            worker_command=queues.worker_command(queues.IMPORTS),
            finished=self.run.state in (ImportRun.State.DONE, ImportRun.State.FAILED),
            counts=[
                (_("created"), summary.get("created", 0)),
                (_("updated"), summary.get("updated", 0)),
                (_("unchanged"), summary.get("unchanged", 0)),
                (_("skipped"), summary.get("skipped", 0)),
            ],
            extra=sorted((summary.get("extra") or {}).items()),
            warnings=summary.get("warnings") or [],
        )
        return context


def run_progress(request, pk):
    """The run's state and progress as JSON, for the progress bar."""
    require_admin(request)
    run = get_object_or_404(ImportRun, pk=pk)
    return JsonResponse(
        {
            "state": run.state,
            "label": run.get_state_display(),
            "done": run.done,
            "total": run.total,
            "stalled": run.is_stalled(),
        },
        headers={"Cache-Control": "no-store"},
    )


@require_POST
def restart_run(request, pk):
    """ "Start the import again" on a run whose worker stopped; a second click finds it moving and says so."""
    require_admin(request)
    run = get_object_or_404(ImportRun, pk=pk)
    if run.start_again():
        transaction.on_commit(lambda: run_import.enqueue(run.pk))
        messages.success(request, _("The import starts again; what was already imported is kept."))
    else:
        messages.info(request, _("The import is not stalled: it has been started again, is moving or has finished."))
    return HttpResponseRedirect(reverse("imports_admin:run", args=[run.pk]))


import_index = ImportView.as_view()
import_run = RunView.as_view()
