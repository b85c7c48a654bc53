"""Paths of the committed real exports (see fixtures/README.md) and a way to run an import command."""

import io
from datetime import UTC, datetime
from pathlib import Path

import time_machine
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WXR = FIXTURES / "wordpress" / "anchorwordpress.WordPress.2026-12-02.xml"
UPLOADS = FIXTURES / "wordpress" / "uploads"
GHOST_JSON = FIXTURES / "ghost" / "anchor-ghost.ghost.2026-12-02.json"
GHOST_IMAGES = FIXTURES / "ghost" / "content" / "images"
GHOST_MEMBERS = FIXTURES / "ghost" / "members.2026-12-02.csv"
SUBSTACK_DIR = FIXTURES / "substack"
SHARED = Path("/work/shared/fixtures/import")
# The exports were made on this day; their scheduled posts (2027-01-01) are in the future then.
# Imports in the tests run on that day, so that "scheduled stays scheduled" holds whatever the date is.
EXPORTED_AT = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)


def run(command, *args):
    """Runs a management command on the day the exports were made; returns what it printed."""
    out = io.StringIO()
    with time_machine.travel(EXPORTED_AT, tick=True):
        call_command(command, *[str(arg) for arg in args], "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def block_types(page):
    return [block.block_type for block in page.body]


def blocks_of(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]
