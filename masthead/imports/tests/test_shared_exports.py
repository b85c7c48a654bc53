"""Exports others put in /work/shared/fixtures/import/ (when that folder exists): each imports whole, twice.

WordPress files (*.xml) use an `uploads` folder beside them, Ghost files
(*.json) an `images` folder and a `members*.csv`, Substack exports (*.zip) stand alone.
"""

import re

import pytest

from masthead.articles.factories import make_site

from .helpers import SHARED, run

EXPORTS = sorted(SHARED.glob("**/*.xml")) + sorted(SHARED.glob("**/*.json")) + sorted(SHARED.glob("**/*.zip"))
SUMMARY = re.compile(r"Imported: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) skipped")


def command_for(export):
    folder = export.parent
    if export.suffix == ".xml":
        return [
            "import_wordpress",
            export,
            *(["--uploads", folder / "uploads"] if (folder / "uploads").is_dir() else []),
        ]
    if export.suffix == ".json":
        extra = ["--images", folder / "images"] if (folder / "images").is_dir() else []
        members = sorted(folder.glob("members*.csv"))
        return ["import_ghost", export, *extra, *(["--members", members[0]] if members else [])]
    return ["import_substack", export]


@pytest.mark.skipif(not EXPORTS, reason="no shared exports in /work/shared/fixtures/import/")
@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS, ids=[path.name for path in EXPORTS])
def test_a_shared_export_imports_whole_and_a_second_run_changes_nothing(export):
    make_site()
    first = SUMMARY.search(run(*command_for(export)))
    assert first is not None
    created, _updated, _unchanged, skipped = map(int, first.groups())
    assert created > 0 and skipped == 0
    second = SUMMARY.search(run(*command_for(export)))
    assert second.groups()[:2] == ("0", "0")
