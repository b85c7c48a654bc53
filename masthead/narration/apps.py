from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrationConfig(AppConfig):
    name = "masthead.narration"
    label = "narration"
    verbose_name = _("Narration")
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        # Writers may propose a pronunciation (saved unapproved); changing what is spoken is an editor's right.
        "Writers": [
            "narration.view_narration",
            "narration.view_lexiconentry",
            "narration.add_lexiconentry",
        ],
        "Editors": [
            "narration.view_narration",
            "narration.change_narration",
            "narration.view_lexiconentry",
            "narration.add_lexiconentry",
            "narration.change_lexiconentry",
            "narration.delete_lexiconentry",
        ],
    }

    def ready(self):
        from masthead.core import assets

        from . import signals  # noqa: F401

        assets.register("narration-player", css=["narration/narration.css"], js=["narration/player.js"])
