"""Settings for narration worker processes the tests start: the shared ones plus a media folder and a short lease."""

import os
from pathlib import Path

from masthead.newsletters.tests.worker_settings import *  # noqa: F403

MEDIA_ROOT = Path(os.environ.get("MASTHEAD_TEST_MEDIA_ROOT", "/tmp/masthead-test-media"))
MASTHEAD_NARRATION_LEASE_SECONDS = float(os.environ.get("MASTHEAD_NARRATION_LEASE_SECONDS", "180"))
# Seconds between attempts, for tests that watch a real worker retry (comma-separated).
if os.environ.get("MASTHEAD_NARRATION_RETRY_DELAYS"):
    MASTHEAD_NARRATION_RETRY_DELAYS = [
        float(value) for value in os.environ["MASTHEAD_NARRATION_RETRY_DELAYS"].split(",")
    ]
