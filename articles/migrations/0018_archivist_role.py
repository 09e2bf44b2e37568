"""Archive staff get a role of their own: they import legacy texts, fix the headlines the
importer derived, add the names it did not know to the registry, and read the import reports,
without the chief editor's rights over people, publication or deletion. The rule that lets them
edit imported articles (and only those) lives in articles/permissions.py."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ARCHIVIST = "Archiviste"
REGISTRY_MODELS = ["championship", "manufacturer", "team", "driver", "car", "circuit"]
PERMISSIONS = [
    ("articles", "view_article"),
    ("articles", "change_article"),
    ("articles", "view_revision"),
    ("articles", "view_image"),
    ("articles", "import_legacy"),
    ("articles", "view_importbatch"),
    ("articles", "change_importbatch"),
    ("articles", "view_importrecord"),
    ("taggit", "view_tag"),
    *(
        ("teams", f"{action}_{model}")
        for model in REGISTRY_MODELS
        for action in ("view", "add", "change")
    ),
]


def create_role(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ARCHIVIST)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ARCHIVIST).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_audit_entry_field_names"),
        ("teams", "0001_registry"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
