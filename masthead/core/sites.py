"""The Wagtail site's own address, which head tags, feeds, sitemaps and the podcast feed are built from."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def point_default_site_at(base_url=None):
    """Makes the default site answer at `base_url` (default: MASTHEAD_BASE_URL); returns its root URL.

    `make run` on another port, or a copy restored elsewhere, then links to itself
    rather than to wherever the demo or the backup was made.
    """
    parts = urlsplit(base_url or settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not parts.hostname:
        return ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (site.hostname, site.port) != (parts.hostname, port):
        site.hostname, site.port = parts.hostname, port
        site.save()  # Wagtail forgets its cached site paths on save
    return site.root_url
