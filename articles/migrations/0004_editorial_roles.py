"""The newsroom's three roles as groups, with the permissions each one needs.

Writers draft and submit; editors also edit anyone's articles, publish, schedule, unpublish
and correct; the chief editor also manages users, the registry and imports. The rules that
depend on the article (a writer only edits their own drafts) live in articles/permissions.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER = "Rédacteur"
EDITOR = "Éditeur"
CHIEF = "Rédacteur en chef"

REGISTRY_MODELS = ["championship", "manufacturer", "team", "driver", "car", "circuit"]

WRITER_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "view_revision"),
    ("articles", "add_image"),
    ("articles", "view_image"),
    ("taggit", "view_tag"),
    # Autocomplete of the registry in the article form needs view rights on it.
    *(("teams", f"view_{model}") for model in REGISTRY_MODELS),
]
EDITOR_PERMISSIONS = WRITER_PERMISSIONS + [
    ("articles", "publish_article"),
    ("articles", "edit_any_article"),
    ("articles", "add_correction"),
    ("articles", "change_correction"),
    ("articles", "delete_correction"),
    ("articles", "view_correction"),
    ("articles", "change_image"),
    ("articles", "view_auditentry"),
    ("taggit", "change_tag"),
]
CHIEF_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("articles", "delete_article"),
    ("articles", "delete_image"),
    ("taggit", "add_tag"),
    ("taggit", "delete_tag"),
    ("articles", "import_legacy"),
    ("articles", "view_importbatch"),
    ("articles", "change_importbatch"),
    ("articles", "view_importrecord"),
    *(
        ("teams", f"{action}_{model}")
        for model in REGISTRY_MODELS
        for action in ("add", "change", "delete")
    ),
    *(
        ("auth", f"{action}_{model}")
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ),
]
ROLES = {WRITER: WRITER_PERMISSIONS, EDITOR: EDITOR_PERMISSIONS, CHIEF: CHIEF_PERMISSIONS}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in dict.fromkeys(wanted)
        ]
        group.permissions.add(*permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow_and_images"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("teams", "0001_registry"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
