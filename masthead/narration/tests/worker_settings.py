"""Settings for narration worker processes the tests start: the shared ones plus a media folder and a short lease."""

import os
from pathlib import Path

from masthead.newsletters.tests.worker_settings import *  # noqa: F403

MEDIA_ROOT = Path(os.environ.get("MASTHEAD_TEST_MEDIA_ROOT", "/tmp/masthead-test-media"))
MASTHEAD_NARRATION_LEASE_SECONDS = float(os.environ.get("MASTHEAD_NARRATION_LEASE_SECONDS", "180"))
