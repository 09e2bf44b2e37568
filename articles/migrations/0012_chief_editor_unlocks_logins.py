"""The chief editor unlocks accounts that django-axes locked after too many failed logins:
deleting an account's access attempts in the admin (Axes → Access attempts) lets it log in."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CHIEF = "Rédacteur en chef"
PERMISSIONS = ["view_accessattempt", "delete_accessattempt", "view_accesslog"]


def grant(apps, schema_editor):
    config = apps.get_app_config("axes")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CHIEF).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="axes", codename__in=PERMISSIONS)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CHIEF).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="axes", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_audit_logins"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
