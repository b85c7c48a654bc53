from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "masthead.imports"
    label = "imports"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"
    # Only Admins move a whole site in (see core's setup_roles).
    role_permissions = {"Admins": ["imports.add_importrun", "imports.view_importrun"]}
