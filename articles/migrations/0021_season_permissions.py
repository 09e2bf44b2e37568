"""The newsroom's roles over the registry's seasons, events, entries and results.

Results come in after every race, so editors add and correct them, not only the chief editor;
archive staff import them like legacy texts; writers see them (articles will link events).
Deleting stays the chief editor's call, as for the rest of the registry.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SEASON_MODELS = ["season", "event", "entry", "result"]


def grants(*actions):
    return [("teams", f"{action}_{model}") for model in SEASON_MODELS for action in actions]


ROLES = {
    "Rédacteur": grants("view"),
    "Éditeur": grants("view", "add", "change"),
    "Archiviste": grants("view", "add", "change"),
    "Rédacteur en chef": grants("view", "add", "change", "delete"),
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in wanted
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="teams", content_type__model__in=SEASON_MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_import_archives_in_private_storage"),
        ("teams", "0002_seasons"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
