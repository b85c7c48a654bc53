"""The Newsletters menu in the Wagtail admin: newsletters, editions, subscriptions, overview, import, suppressions."""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.log_actions import log

from masthead.core.admin_menu import PermissionMenuItem
from masthead.core.admin_views import AddButtonLabel
from masthead.core.csvfiles import neutralise_formula
from masthead.core.panels import InlinePanel
from masthead.core.zones import newsroom_zone

from . import admin_views
from .admin_forms import EditionAdminForm, NewsletterAdminForm
from .models import Edition, Newsletter, Subscription
from .reports import csv_moment


class NewsletterIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("host").with_counts()


def schedule_message(message, newsletter):
    """The save message, plus when the next automatic edition is built (a time past today means tomorrow)."""
    newsletter.refresh_from_db(fields=["next_slot_at"])
    if not newsletter.next_slot_at:
        return message
    when = timezone.localtime(newsletter.next_slot_at, newsroom_zone())
    return _("%(message)s The next automatic edition will be built on %(when)s (newsroom time).") % {
        "message": message,
        "when": date_format(when, "DATETIME_FORMAT"),
    }


class NewsletterCreateView(CreateView):
    def get_success_message(self, instance):
        return schedule_message(super().get_success_message(instance), instance)


class NewsletterEditView(EditView):
    def get_success_message(self):
        return schedule_message(super().get_success_message(), self.object)

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Preview the next automatic edition"),
                url=reverse("newsletters_admin:next_edition", args=[self.object.pk]),
                icon_name="view",
            ),
            HeaderButton(
                _("Welcome series"),
                url=reverse("newsletters_admin:welcome_series", args=[self.object.pk]),
                icon_name="mail",
            ),
        ]


# The browser's own time field: Wagtail's picker replaces a time it cannot read (25:00) with the current
# time when the field loses focus, and the form would then save a send time nobody chose.
SCHEDULE_TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class NewsletterViewSet(AddButtonLabel, ModelViewSet):
    model = Newsletter
    add_item_label = _("Add a newsletter")
    icon = "mail"
    menu_label = _("Newsletters")
    index_view_class = NewsletterIndexView
    edit_view_class = NewsletterEditView
    add_view_class = NewsletterCreateView
    list_display = [
        "name",
        "cadence",
        Column("host_display", label=_("Host")),
        Column("confirmed_count", label=_("Confirmed")),
        Column("pending_count", label=_("Pending")),
        Column("unsubscribed_count", label=_("Unsubscribed")),
        BooleanColumn("active", label=_("Active")),
        Column("locale", label=_("Edition")),
    ]
    search_fields = ["name", "description"]
    search_backend_name = None
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("locale"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("host"), FieldPanel("host_name")], heading=_("Host")),
        FieldPanel("cadence"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("sender_name"), FieldPanel("sender_email")]), FieldPanel("reply_to")],
            heading=_("Sender"),
        ),
        FieldPanel("welcome_text"),
        MultiFieldPanel(
            [
                FieldPanel("active"),
                FieldPanel("show_on_articles"),
                FieldPanel("show_in_sidebar"),
                FieldPanel("show_archive"),
                FieldPanel("sort_order"),
            ],
            heading=_("Where it is offered"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("schedule"),
                FieldRowPanel([FieldPanel("schedule_time", widget=SCHEDULE_TIME_INPUT), FieldPanel("schedule_days")]),
                FieldRowPanel([FieldPanel("auto_send"), FieldPanel("approval_hours")]),
            ],
            heading=_("Automatic editions"),
            help_text=_(
                "At each scheduled time an edition is built from the articles published since the last one. "
                "An edition with nothing in it is not sent."
            ),
        ),
        MultiFieldPanel(
            [
                InlinePanel(
                    "recipe_sections",
                    label=_("Section"),
                    add_label=_("Add a section"),
                    heading=_("Only from these sections"),
                ),
                FieldPanel("recipe_tags"),
                FieldRowPanel([FieldPanel("recipe_limit"), FieldPanel("recipe_news_items")]),
                FieldPanel("recipe_intro"),
            ],
            heading=_("What automatic editions contain"),
            help_text=_("Editors' Picks come first, then the newest articles."),
        ),
        InlinePanel(
            "welcome_steps",
            label=_("Welcome email"),
            add_label=_("Add a welcome email"),
            heading=_("Welcome series"),
            help_text=_(
                "Emails sent after a reader confirms, each so many days later. Without any, the welcome text above "
                "is sent once. Editing the series never sends a step twice; preview and test it from the "
                "“Welcome series” button at the top."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("track_clicks"), FieldPanel("track_opens")],
            heading=_("Send reports"),
        ),
    ]
    edit_handler = ObjectList(panels, base_form_class=NewsletterAdminForm)


class EditionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("newsletter")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Preview and send"),
                url=reverse("newsletters_admin:edition_send", args=[instance.pk]),
                icon_name="mail",
                priority=5,
            )
        )
        if instance.state in (Edition.State.SENDING, Edition.State.SENT):
            buttons.append(
                ListingButton(
                    _("Send report"),
                    url=reverse("newsletters_admin:edition_report", args=[instance.pk]),
                    icon_name="table",
                    priority=6,
                )
            )
        return buttons


class EditionCreateView(CreateView):
    def get_success_url(self):
        return reverse("newsletters_admin:edition_send", args=[self.object.pk])


class EditionEditView(EditView):
    """Editing an edition, within the lock that scheduling puts on it (Edition.why_locked_for)."""

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Preview and send"),
                url=reverse("newsletters_admin:edition_send", args=[self.object.pk]),
                icon_name="mail",
            )
        ]

    def locked(self):
        reason = self.object.why_locked_for(self.request.user)
        if reason:
            messages.error(self.request, reason)
            return redirect("newsletters_admin:edition_send", self.object.pk)
        return None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.locked() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            return self.locked() or super().post(request, *args, **kwargs)
        except PermissionError as refusal:  # it was scheduled by someone else in the meantime
            messages.error(request, str(refusal))
            return redirect("newsletters_admin:edition_send", self.object.pk)

    def save_instance(self):
        edition = self.form.instance
        fields = [name for name in self.form.changed_data if name in EDITABLE_FIELDS]
        if edition.save_changes(self.request.user, fields) == "unscheduled":
            messages.warning(
                self.request,
                _("The edition was changed after it was scheduled, so it is a draft again: schedule it to approve it."),
            )
        log(instance=edition, action="wagtail.edit", user=self.request.user)
        return edition

    def get_success_url(self):
        return reverse("newsletters_admin:edition_send", args=[self.object.pk])


EDITABLE_FIELDS = ("newsletter", "subject", "preheader", "body")


def progress_column(edition):
    if edition.state == Edition.State.DRAFT:
        return ""
    if edition.state == Edition.State.SCHEDULED:
        when = timezone.localtime(edition.scheduled_at, newsroom_zone()) if edition.scheduled_at else None
        return format_html("{}", when.strftime("%Y-%m-%d %H:%M") if when else "")
    return f"{edition.sent_count} / {edition.recipients_count}"


class EditionViewSet(AddButtonLabel, ModelViewSet):
    model = Edition
    add_item_label = _("Add an edition")
    icon = "doc-full"
    menu_label = pgettext_lazy("newsletter issue", "Editions")
    index_view_class = EditionIndexView
    add_view_class = EditionCreateView
    edit_view_class = EditionEditView
    list_display = [
        "subject",
        "newsletter",
        Column("get_state_display", label=_("State")),
        Column("progress_summary", label=_("Sent"), accessor=progress_column),
        DateColumn("created_at", label=_("Created")),
    ]
    list_filter = ["newsletter", "state"]
    search_fields = ["subject"]
    search_backend_name = None
    copy_view_enabled = True
    edit_handler = ObjectList([FieldPanel(name) for name in EDITABLE_FIELDS], base_form_class=EditionAdminForm)


class SubscriptionIndexView(IndexView):
    add_item_label = _("Import subscribers")

    def preprocess_field_value(self, field, value, export_format):
        # Readers fill in some of these fields (the sign-up form's source and page); Wagtail already
        # guards the XLSX export, this guards the CSV one.
        value = super().preprocess_field_value(field, value, export_format)
        if export_format != self.FORMAT_CSV:
            return value
        # As the send report writes its times, not Python's str() with a space and microseconds.
        return csv_moment(value) if isinstance(value, datetime) else neutralise_formula(value)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("subscriber", "newsletter")


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "group"
    menu_label = _("Subscribers")
    # A subscription refers to nothing editors look up "usage" for, and is saved on
    # every sign-up: keep it out of Wagtail's reference index (one task per save).
    add_to_reference_index = False
    index_view_class = SubscriptionIndexView
    list_display = [
        Column("subscriber", label=_("Email address")),
        "newsletter",
        Column("get_state_display", label=_("State")),
        DateColumn("created_at", label=_("Signed up")),
        DateColumn("confirmed_at", label=_("Confirmed")),
        Column("consent_form", label=_("Consent from")),
    ]
    list_filter = ["newsletter", "state"]
    search_fields = ["subscriber__email"]
    search_backend_name = None
    list_export = [
        "subscriber.email",
        "newsletter.name",
        "state",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_at",
        "consent_form",
        "consent_page",
        "consent_note",
    ]
    # Plain column names, so a spreadsheet (or a later import) reads them easily.
    export_headings = {
        "subscriber.email": "email",
        "newsletter.name": "newsletter",
        "state": "state",
        "created_at": "signed_up_at",
        "confirmed_at": "confirmed_at",
        "unsubscribed_at": "unsubscribed_at",
        "consent_at": "consent_at",
        "consent_form": "consent_form",
        "consent_page": "consent_page",
        "consent_note": "consent_note",
    }
    export_filename = "newsletter-subscribers"
    copy_view_enabled = False
    form_fields = ["state"]

    @property
    def add_view(self):
        # Subscriptions are added by readers (double opt-in) or by a CSV import with a consent record.
        return RedirectView.as_view(url=reverse_lazy("newsletters_admin:import"))


class NewslettersGroup(ViewSetGroup):
    menu_label = _("Newsletters")
    menu_icon = "mail"
    menu_order = 250
    items = (NewsletterViewSet, EditionViewSet, SubscriptionViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewslettersGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("editions/<id:pk>/send/", admin_views.edition_send, name="edition_send"),
        path("editions/<id:pk>/preview/", admin_views.edition_preview, name="edition_preview"),
        path("editions/<id:pk>/progress/", admin_views.edition_progress, name="edition_progress"),
        path("newsletters/<id:pk>/next-edition/", admin_views.next_edition, name="next_edition"),
        path("newsletters/<id:pk>/welcome-series/", admin_views.welcome_series, name="welcome_series"),
        path("editions/<id:pk>/report/", admin_views.edition_report, name="edition_report"),
        path("overview/", admin_views.overview, name="overview"),
        path("import/", admin_views.import_subscribers, name="import"),
        path("suppressions/", admin_views.suppression_list, name="suppressions"),
    ]
    return [path("newsletters-tools/", include((urls, "newsletters_admin"), namespace="newsletters_admin"))]


@hooks.register("register_admin_menu_item")
def register_tools_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Overview and growth"),
                reverse_lazy("newsletters_admin:overview"),
                icon_name="group",
                order=10,
                permission="newsletters.view_subscription",
            ),
            PermissionMenuItem(
                _("Import subscribers"),
                reverse_lazy("newsletters_admin:import"),
                icon_name="upload",
                order=20,
                permission="newsletters.add_subscription",
            ),
            PermissionMenuItem(
                _("Suppression list"),
                reverse_lazy("newsletters_admin:suppressions"),
                icon_name="warning",
                order=30,
                permission="newsletters.view_subscriber",
            ),
        ]
    )
    return SubmenuMenuItem(_("Subscriber tools"), menu, icon_name="group", order=251)
