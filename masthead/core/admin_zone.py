"""Wagtail's admin in the newsroom's time zone, unless a user picked another one.

Wagtail runs each admin view in the user's own zone and falls back to the
server's (UTC here, where times are stored). A newsroom plans in its own zone,
so an empty preference means "the newsroom's": the zone NewsroomTimezoneMiddleware
has already activated for the request. A user who picks a zone in *Account →
Preferences* keeps it.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

ADMIN_PREFIX = "/admin/"


def _current_time_zone(profile):
    return profile.current_time_zone or timezone.get_current_timezone_name()


def _time_zone_choices():
    from wagtail.admin.localization import get_available_admin_time_zones

    return [("", _("The newsroom's time zone"))] + [(tz, tz) for tz in get_available_admin_time_zones()]


def install():
    """Called once from CoreConfig.ready()."""
    from wagtail.admin.forms.account import LocalePreferencesForm

    UserProfile.get_current_time_zone = _current_time_zone
    _compare_revisions_in_local_time()
    field = LocalePreferencesForm.base_fields.get("current_time_zone")
    if field is not None:
        field.choices = _time_zone_choices
        field.widget.attrs["data-w-locale-server-time-zone-param"] = settings.MASTHEAD_DEFAULT_TIME_ZONE


def _compare_revisions_in_local_time():
    """*Compare* names the two versions it compares, each with its time in the newsroom's zone.

    Wagtail 8 works out a heading for each (`str(created_at)`: "2026-12-10 05:00:00.123456+00:00", in UTC) and
    shows neither, so an editor saw the changes without knowing between which versions. The headings are made
    here as the rest of the admin writes a time (`render_timestamp`: the active zone, the editor's language), and
    `wagtailadmin/generic/revisions/compare.html` says them above the changes. Wagtail has no setting for this.
    """
    from wagtail.admin.views.generic.models import RevisionsCompareView
    from wagtail.utils.timestamps import render_timestamp

    wagtail_heading = RevisionsCompareView._get_revision_and_heading
    named = {
        "live": _("the live version"),
        "earliest": _("the first version"),
        "latest": _("the latest version"),
    }

    def _get_revision_and_heading(self, revision_id):
        revision, heading = wagtail_heading(self, revision_id)
        if revision_id in named:
            return revision, named[revision_id]
        created_at = self.object.revisions.values_list("created_at", flat=True).get(id=revision_id)
        return revision, _("the version of %(time)s") % {"time": render_timestamp(created_at)}

    RevisionsCompareView._get_revision_and_heading = _get_revision_and_heading


def ensure_profile(request):
    """Wagtail uses the server's zone for a user without a profile row: give every admin user one."""
    # The path first: touching request.user reads the session, which makes any answer "Vary: Cookie".
    if not request.path.startswith(ADMIN_PREFIX):
        return
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    try:
        user.wagtail_userprofile  # noqa: B018 (loads and caches the row)
    except UserProfile.DoesNotExist:
        user.wagtail_userprofile = UserProfile.get_for_user(user)
