from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

import articles.admin.images  # noqa: F401  (registers ImageAdmin until articles/admin.py imports it)
from articles.imaging import ensure_renditions
from articles.models import AuditEntry, Image
from tests.articles.roles import WRITER, client_for, member

from .test_images import library_image, picture_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_form(data: bytes, name="monza.jpg", **overrides) -> dict:
    return {
        "file": upload(data, name),
        "alt_text": "La Giulietta TCR dans la parabolique",
        "caption": "Essais libres à Monza",
        "credit": "Studio Piste",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **overrides,
    }


def test_uploading_a_valid_image_stores_it_with_its_renditions(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:articles_image_add"), image_form(picture_bytes("JPEG", (1800, 900)))
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height, image.uploaded_by) == (1800, 900, admin_user)
    assert image.renditions.count() == 16
    assert all(default_storage.exists(r.file.name) for r in image.renditions.all())
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMAGE_UPLOAD)
    assert (entry.user, entry.object_repr) == (admin_user, image.alt_text)


@pytest.mark.parametrize(
    ("data", "name", "shown"),
    [
        (picture_bytes("GIF", (300, 200)), "anime.gif", "GIF"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "logo.svg", "SVG"),
    ],
)
def test_a_refused_upload_shows_why_and_saves_nothing(admin_client, media_root, data, name, shown):
    response = admin_client.post(reverse("admin:articles_image_add"), image_form(data, name))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert shown in errors[0]
    assert errors[0] in response.content.decode().replace("&#x27;", "'")
    assert not Image.objects.exists()
    assert not AuditEntry.objects.editorial().exists()
    assert not (media_root / "images").exists()


def test_alt_text_is_required(admin_client):
    response = admin_client.post(
        reverse("admin:articles_image_add"), image_form(picture_bytes(), alt_text="")
    )
    assert response.status_code == 200
    assert "alt_text" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_list_and_change_pages_show_previews(admin_client):
    image = library_image(picture_bytes("JPEG", (700, 500)))
    ensure_renditions(image)
    card = image.renditions.get(crop="card", format="webp", width=320)
    listing = admin_client.get(reverse("admin:articles_image_changelist")).content.decode()
    assert card.file.url in listing and "700 × 500" in listing
    page = admin_client.get(reverse("admin:articles_image_change", args=[image.pk]))
    original = image.renditions.get(crop="original", format="jpeg", width=640)
    assert original.file.url in page.content.decode()


def test_moving_the_focal_point_in_the_admin_remakes_the_card_crops(admin_client):
    image = library_image(picture_bytes("JPEG", (1000, 1000)))
    ensure_renditions(image)
    card_before = image.renditions.get(crop="card", format="jpeg", width=640).file.name
    response = admin_client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {"alt_text": image.alt_text, "caption": "", "credit": "", "focal_x": "0.5", "focal_y": "1"},
    )
    assert response.status_code == 302
    card_after = image.renditions.get(crop="card", format="jpeg", width=640).file.name
    assert card_after != card_before
    assert not default_storage.exists(card_before)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMAGE_UPLOAD).exists()


# The body editor's image picker


def picker(client, **params):
    return client.get(reverse("admin:articles_image_picker"), params)


def test_picker_lists_images_newest_first_with_original_and_thumbnail(admin_client):
    older = library_image(alt_text="Arrivée à Vallelunga")
    Image.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    newer = library_image(picture_bytes("JPEG", (700, 500)), caption="Podium", credit="Studio")
    ensure_renditions(newer)
    results = picker(admin_client).json()["results"]
    assert [r["id"] for r in results] == [newer.pk, older.pk]
    assert results[0] == {
        "id": newer.pk,
        "alt": newer.alt_text,
        "caption": "Podium",
        "credit": "Studio",
        "thumbnail": newer.renditions.get(crop="card", format="webp", width=320).file.url,
        "src": newer.file.url,
        "width": 700,
        "height": 500,
    }
    assert results[1]["thumbnail"] == older.file.url  # no renditions yet: the original


def test_picker_searches_alt_text_caption_and_credit(admin_client):
    monza = library_image(alt_text="Départ à Monza")
    podium = library_image(alt_text="Champagne", caption="Podium de Monza")
    credited = library_image(alt_text="Stand", credit="Agence Monzanini")
    library_image(alt_text="Arrivée à Vallelunga")
    found = {r["id"] for r in picker(admin_client, q="monza").json()["results"]}
    assert found == {monza.pk, podium.pk, credited.pk}
    assert [r["id"] for r in picker(admin_client, q="podium monza").json()["results"]] == [
        podium.pk
    ]


def test_picker_returns_at_most_30_images(admin_client):
    for _ in range(31):
        library_image(picture_bytes("JPEG", (40, 30)))
    assert len(picker(admin_client).json()["results"]) == 30


def test_picker_is_for_staff_who_may_view_images():
    writer = client_for(member("redactrice", WRITER))
    assert picker(writer).status_code == 200
    response = picker(client_for(member("stagiaire", None)))
    assert response.status_code == 403
    assert "error" in response.json()


def test_a_polyglot_upload_is_stored_and_served_as_the_image_it_is(admin_client, client):
    from io import BytesIO

    from PIL import Image as Pillow

    page = b"<html><body><script>alert(document.domain)</script></body></html>"
    data = picture_bytes("PNG", (800, 600)) + page
    response = admin_client.post(reverse("admin:articles_image_add"), image_form(data, "poly.html"))
    assert response.status_code == 302
    image = Image.objects.get()
    name = image.file.name
    assert name.startswith("images/originals/") and name.endswith(".png") and "poly" not in name
    stored = default_storage.open(name).read()
    assert b"<script" not in stored and b"<html" not in stored
    assert Pillow.open(BytesIO(stored)).size == (800, 600)
    served = client.get(image.file.url)
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_php_name_becomes_the_name_of_the_image_format(admin_client):
    data = picture_bytes("JPEG", (640, 480))
    response = admin_client.post(reverse("admin:articles_image_add"), image_form(data, "x.php"))
    assert response.status_code == 302
    assert Image.objects.get().file.name.endswith(".jpg")


def test_camera_data_and_gps_leave_the_original_and_its_orientation_stays(admin_client):

    from PIL import ExifTags
    from PIL import Image as Pillow

    exif = Pillow.Exif()
    exif[ExifTags.Base.Make] = "Appareil de reporter"
    exif[ExifTags.Base.Orientation] = 6  # shot with the camera turned: shown rotated 90°
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
    }
    data = picture_bytes("JPEG", (1200, 800), exif=exif)
    response = admin_client.post(reverse("admin:articles_image_add"), image_form(data, "gps.jpg"))
    assert response.status_code == 302
    image = Image.objects.get()
    with Pillow.open(default_storage.open(image.file.name)) as stored:
        assert dict(stored.getexif()) == {}
        assert stored.size == (800, 1200)  # upright, as the camera meant it
    assert (image.width, image.height) == (800, 1200)


def test_pictures_are_found_by_the_names_their_articles_link(admin_client, world):
    from tests.articles.factories import ArticleFactory

    hyundai_picture = library_image(alt_text="La i30 N dans le virage", caption="Essais")
    ArticleFactory(hero_image=hyundai_picture, links={"manufacturers": [world["hyundai"]]})
    world["mulsanne"].aliases = ["Mulsanne"]
    world["mulsanne"].save()
    team_picture = library_image(alt_text="Le garage", caption="Nuit au stand")
    ArticleFactory(hero_image=team_picture, links={"teams": [world["mulsanne"]]})
    library_image(alt_text="Une autre voiture")

    assert [r["id"] for r in picker(admin_client, q="hyundai").json()["results"]] == [
        hyundai_picture.pk
    ]
    assert [r["id"] for r in picker(admin_client, q="Mulsanne").json()["results"]] == [
        team_picture.pk
    ]
    # The hero image's autocomplete and the library's list search the same way.
    found = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "hyundai",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "hero_image",
        },
    ).json()
    assert [int(r["id"]) for r in found["results"]] == [hyundai_picture.pk]
    listing = admin_client.get(reverse("admin:articles_image_changelist"), {"q": "hyundai"})
    assert listing.context["cl"].result_count == 1


def test_a_new_picture_needs_its_caption_and_credit(admin_client):
    response = admin_client.post(
        reverse("admin:articles_image_add"),
        image_form(picture_bytes(), caption="", credit=""),
    )
    assert response.status_code == 200
    assert not Image.objects.exists()
    assert response.context["adminform"].form.errors.keys() == {"caption", "credit"}
    # An older picture without them can still be corrected.
    old = library_image(caption="", credit="")
    edit = admin_client.post(
        reverse("admin:articles_image_change", args=[old.pk]),
        {
            "alt_text": "Nouveau texte",
            "caption": "",
            "credit": "",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )
    assert edit.status_code == 302
