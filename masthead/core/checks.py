"""System checks for an installation (`manage.py check`, and the warnings `migrate` prints)."""

from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register()
def translations_compiled(app_configs=None, **kwargs):
    """The Ukrainian edition's catalogues must be compiled (.mo) to be used: git holds only the .po files.

    Without `manage.py compilemessages`, Django finds no .mo and the Ukrainian edition shows its menus, forms and
    emails in English ("Newsletters", "Skip to content"), with no error anywhere; `make run` compiles them, a
    production install following the README did not.
    """
    stale = []
    for folder in settings.LOCALE_PATHS:
        for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(po)
    if not stale:
        return []
    return [
        checks.Warning(
            f"{len(stale)} translation catalogue(s) are not compiled, or older than their .po file "
            f"(first: {stale[0]}), so the Ukrainian edition shows English text.",
            hint="Run `manage.py compilemessages` from the masthead/ folder: "
            "cd masthead && ../.venv/bin/python ../manage.py compilemessages --locale uk",
            id="masthead.W001",
        )
    ]
