"""Media on object storage (MEDIA_STORAGE=s3), against a real S3 server on 127.0.0.1: uploads,
renditions and the admin library work there, and readers get the files from the bucket."""

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

import articles.admin.images  # noqa: F401  (registers ImageAdmin)
from articles.models import Image
from tests.articles.factories import ArticleFactory
from tests.articles.test_image_admin import image_form
from tests.articles.test_images import picture_bytes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.headers, answer.read()


def test_an_uploaded_image_and_its_renditions_go_to_the_bucket(admin_client, s3_server, s3_media):
    response = admin_client.post(
        reverse("admin:articles_image_add"), image_form(picture_bytes("JPEG", (1800, 900)))
    )
    assert response.status_code == 302
    image = Image.objects.get()
    stored = s3_server.keys(s3_media)
    assert image.file.name in stored
    assert {r.file.name for r in image.renditions.all()} <= set(stored)
    assert len(stored) == 1 + 16  # the original and its renditions, nothing on the local disk

    # The admin library shows its preview from the bucket.
    listing = admin_client.get(reverse("admin:articles_image_changelist")).content.decode()
    assert f"{s3_server.endpoint}/{s3_media}/images/renditions/" in listing


def test_readers_get_the_pictures_from_the_bucket(client, admin_client, s3_server, s3_media):
    admin_client.post(
        reverse("admin:articles_image_add"), image_form(picture_bytes("JPEG", (1800, 900)))
    )
    image = Image.objects.get()
    article = ArticleFactory(title="Victoire à Monza", hero_image=image)
    page = client.get(article.get_absolute_url()).content.decode()
    shown = re.findall(rf"{s3_server.endpoint}/{s3_media}/(images/renditions/[^\"\s]+)", page)
    assert shown  # the page's picture comes from the bucket
    assert set(shown) <= {rendition.file.name for rendition in image.renditions.all()}
    address = f"{s3_server.endpoint}/{s3_media}/" + next(n for n in shown if n.endswith(".webp"))
    status, headers, body = fetch(address)
    assert status == 200
    assert headers["Content-Type"] == "image/webp"
    assert "immutable" in headers["Cache-Control"]
    assert body[:4] == b"RIFF"


def test_health_checks_the_bucket(client, settings, s3_server, s3_media):
    assert client.get("/health/").json()["checks"]["storage"] == "ok"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "bucket_name": "nulle-part"},
        },
    }
    answer = client.get("/health/")
    assert answer.status_code == 503
    assert answer.json()["checks"]["storage"] == "error"


def test_the_environment_chooses_the_bucket(tmp_path, s3_server):
    env = {
        "PATH": "/usr/bin:/bin",
        "PADDOCK_VAR_DIR": str(tmp_path),
        **s3_server.environment("paddock-media"),
    }
    code = (
        "from django.conf import settings as s; "
        "print(s.STORAGES['default']['BACKEND'], s.MEDIA_URL, s.SERVE_MEDIA, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1])"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            f"'newsroom.settings'; django.setup(); {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == [
        "storages.backends.s3.S3Storage",
        f"{s3_server.endpoint}/paddock-media/",
        "False",
        s3_server.endpoint,  # pages may show images from there (Content-Security-Policy)
    ], done.stderr
    env.pop("S3_BUCKET")
    refused = subprocess.run(
        [sys.executable, "-c", "import newsroom.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "MEDIA_STORAGE=s3 needs S3_BUCKET." in refused.stderr
