"""Who imports calendars, entry lists and results from CSV files (teams.RegistryImport): archive
staff, whose job it is, and the editors and the chief editor who correct results after a race.
They see the imports and cancel previews (delete); an import once made stays on record."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [("teams", f"{action}_registryimport") for action in ("view", "add", "delete")]
ROLES = ["Éditeur", "Archiviste", "Rédacteur en chef"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in GRANTS
    ]
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*wanted)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="teams", content_type__model="registryimport"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_season_permissions"),
        ("teams", "0003_registry_imports"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
