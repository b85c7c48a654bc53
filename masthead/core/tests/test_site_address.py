"""The site links to the address it runs at: every alternate link in the home page's head works on another port."""

import re
import urllib.request
from urllib.parse import urljoin

import pytest
from django.test import override_settings

from masthead.core.sites import point_default_site_at


@pytest.mark.django_db(transaction=True)
def test_every_alternate_link_in_the_home_head_works_on_a_non_default_port(live_server, newsroom):
    assert not live_server.url.endswith(":80")
    with override_settings(WAGTAILADMIN_BASE_URL=live_server.url):
        assert point_default_site_at() == live_server.url
    html = urllib.request.urlopen(live_server.url + "/").read().decode()
    head = html.split("</head>")[0]
    links = re.findall(r'<link[^>]+rel="alternate"[^>]*>', head)
    hrefs = [re.search(r'href="([^"]+)"', link)[1] for link in links]
    assert len(hrefs) >= 3, head
    for href in hrefs:
        if "://" in href:
            assert href.startswith(live_server.url + "/"), href
        with urllib.request.urlopen(urljoin(live_server.url, href)) as response:
            assert response.status == 200, href
