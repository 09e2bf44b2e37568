import pytest
from django.contrib.auth.models import Permission

from tests.teams.factories import ChampionshipFactory, ManufacturerFactory


@pytest.fixture
def archivist(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = django_user_model.objects.create_user("archives", password="x" * 20, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["import_legacy", "view_importbatch", "view_importrecord"]
        )
    )
    client.force_login(user)
    ChampionshipFactory(slug="wtcr", name="FIA World Touring Car Cup (WTCR)", aliases=["WTCR"])
    ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo")
    return client
