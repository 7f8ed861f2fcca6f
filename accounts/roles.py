"""The Moderators group and its permissions, for data migrations.

Permissions are normally created after `migrate` finishes; a data migration that grants them
on a fresh database must create them first, which `grant_group_permissions` does.
"""

from django.contrib.auth.management import create_permissions

from .models import MODERATORS_GROUP


def grant_group_permissions(apps, perms: list[str], group_name: str = MODERATORS_GROUP) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for perm in perms:
        app_label, codename = perm.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke_group_permissions(apps, perms: list[str], group_name: str = MODERATORS_GROUP) -> None:
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for perm in perms:
        app_label, codename = perm.split(".")
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label=app_label, codename=codename)
        )
