"""The demo's readers (load_demo) as the admin lists them."""

from datetime import UTC, datetime

import pytest
import time_machine

from masthead.articles.factories import make_site
from masthead.newsletters.factories import create_newsletter, load_demo_readers
from masthead.newsletters.models import Subscription

NOW = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_demo_readers_signed_up_before_they_confirmed(admin_client):
    make_site()
    create_newsletter("port-brief", "Port brief", "The port, daily.")
    with time_machine.travel(NOW):
        assert load_demo_readers(NOW, count=20) == 20
        listing = admin_client.get("/admin/subscription/?state=confirmed").content.decode()
    confirmed = Subscription.objects.confirmed()
    assert confirmed.exists()
    assert all(s.created_at < s.confirmed_at for s in confirmed)
    # Not one "Signed up just now" beside "Confirmed 2 weeks ago".
    assert "Just now" not in listing
