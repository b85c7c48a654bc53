import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_feed_state(settings):
    """Every test sees its own writes at once (the one-second state cache is for production load)."""
    settings.MASTHEAD_LIVEFEED_STATE_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()
