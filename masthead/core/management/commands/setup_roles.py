from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

WRITERS, EDITORS, ADMINS = "Writers", "Editors", "Admins"

PAGE_PERMISSIONS = {
    WRITERS: ["add_page", "change_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
    ADMINS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
IMAGE_PERMISSIONS = {
    WRITERS: ["add_image", "choose_image"],
    EDITORS: ["add_image", "change_image", "choose_image", "delete_image"],
    ADMINS: ["add_image", "change_image", "choose_image", "delete_image"],
}


# Permissions an app makes in a data migration instead of on a model: Django does not make them again after a
# database is flushed (as a test's is), so they are made here as the migration makes them.
MIGRATION_PERMISSIONS = {"wagtail_localize.submit_translation": ("translation", "Can submit translations")}


def permission(codename_with_app):
    app_label, codename = codename_with_app.split(".")
    if codename_with_app in MIGRATION_PERMISSIONS:
        model, name = MIGRATION_PERMISSIONS[codename_with_app]
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        made = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
        return made[0]
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class Command(BaseCommand):
    help = "Creates or updates the Writers, Editors and Admins groups and the moderation workflow."

    def handle(self, *args, **options):
        root_page = Page.objects.filter(depth=1).first()
        root_collection = Collection.get_first_root_node()
        groups = {}
        for name in (WRITERS, EDITORS, ADMINS):
            group, _ = Group.objects.get_or_create(name=name)
            groups[name] = group
            group.permissions.add(permission("wagtailadmin.access_admin"))
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission(f"wagtailcore.{codename}")
                )
            for codename in IMAGE_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission(f"wagtailimages.{codename}")
                )
        # Each app lists the model permissions its roles need in its AppConfig.
        for app_config in apps.get_app_configs():
            for group_name, codenames in getattr(app_config, "role_permissions", {}).items():
                for codename in codenames:
                    groups[group_name].permissions.add(permission(codename))
        # Admins may do everything the others can, plus users and settings.
        admin_extra = [
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "core.change_newsroomsettings",
            "wagtailcore.change_site",
            "wagtailcore.add_workflow",
            "wagtailcore.change_workflow",
        ]
        for codename in admin_extra:
            groups[ADMINS].permissions.add(permission(codename))
        for name in (WRITERS, EDITORS):
            groups[ADMINS].permissions.add(*groups[name].permissions.all())

        # Moderation: writers submit, editors approve and publish.
        task = GroupApprovalTask.objects.filter(name="Editors approval").first()
        if task is None:
            task = GroupApprovalTask.objects.create(name="Editors approval")
        task.groups.set([groups[EDITORS], groups[ADMINS]])
        workflow, _ = Workflow.objects.get_or_create(name="Editorial review", defaults={"active": True})
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
        self.stdout.write("Roles ready: Writers, Editors, Admins; workflow “Editorial review”.")
