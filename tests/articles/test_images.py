import os
import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from PIL import ExifTags
from PIL import Image as Pillow

from articles.imaging import HERO_RENDITIONS, ensure_renditions, validate_image_upload
from articles.models import Article, Image, Rendition
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture_bytes(fmt="JPEG", size=(1800, 900), mode="RGB", color=RED, **options) -> bytes:
    out = BytesIO()
    Pillow.new(mode, size, color).save(out, fmt, **options)
    return out.getvalue()


def halves(size, first, second, *, vertical) -> Pillow.Image:
    """An image whose top (or left) half is `first` and the other half `second`."""
    picture = Pillow.new("RGB", size, second)
    width, height = size
    picture.paste(first, (0, 0, width, height // 2) if vertical else (0, 0, width // 2, height))
    return picture


def upload(data: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def library_image(data=None, name="monza.jpg", **fields) -> Image:
    image = Image(alt_text=fields.pop("alt_text", "Départ du Grand Prix de Monza"), **fields)
    image.file = upload(data or picture_bytes(), name)  # as the admin form assigns it
    image.save()
    return image


def refusal(data: bytes, name="photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload(data, name))
    return caught.value


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def stored(rendition: Rendition) -> Pillow.Image:
    with default_storage.open(rendition.file.name) as file:
        picture = Pillow.open(file)
        picture.load()
    return picture


# Upload validation


@pytest.mark.parametrize(
    ("fmt", "mode", "color"),
    [("JPEG", "RGB", RED), ("PNG", "RGBA", (0, 0, 0, 0)), ("WEBP", "RGB", BLUE)],
)
def test_jpeg_png_with_transparency_and_webp_are_accepted(fmt, mode, color):
    validate_image_upload(upload(picture_bytes(fmt, (300, 200), mode, color)))


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_formats_are_refused_by_name(fmt):
    error = refusal(picture_bytes(fmt, (300, 200)))
    assert error.code == "image_format"
    assert fmt in error.messages[0]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.png"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "logo.jpg"),
        (picture_bytes("PNG", (10, 10)), "logo.svg"),
    ],
)
def test_svg_is_refused_by_content_and_by_name(data, name):
    assert refusal(data, name).code == "svg"


def test_truncated_jpeg_is_refused_as_damaged():
    data = picture_bytes("JPEG", (800, 600))
    assert refusal(data[: len(data) // 2]).code == "corrupt_image"


def test_a_file_that_is_no_image_is_refused():
    assert refusal(b"Compte rendu de la course, pas une photo.", "photo.jpg").code == "not_an_image"


def test_a_file_over_the_size_limit_is_refused(settings):
    out = BytesIO()
    Pillow.frombytes("RGB", (100, 100), os.urandom(30_000)).save(out, "PNG")  # incompressible
    validate_image_upload(upload(out.getvalue()))
    settings.PADDOCK_IMAGE_MAX_BYTES = 20_000
    assert refusal(out.getvalue()).code == "file_too_large"


def test_an_image_over_the_pixel_limit_is_refused_with_its_dimensions(settings):
    settings.PADDOCK_IMAGE_MAX_PIXELS = 100 * 100
    validate_image_upload(upload(picture_bytes("JPEG", (100, 100))))
    error = refusal(picture_bytes("JPEG", (201, 100)))
    assert error.code == "too_many_pixels"
    assert "201" in error.messages[0]


@pytest.mark.parametrize(
    "side", [10_000, 100_000]
)  # Pillow warns at the first, raises at the second
def test_a_decompression_bomb_is_refused_without_decoding(side):
    data = png_claiming(side, side)
    assert len(data) < 200
    assert refusal(data, "bomb.png").code == "decompression_bomb"


def test_pixels_are_counted_from_the_header_before_decoding(settings):
    settings.PADDOCK_IMAGE_MAX_PIXELS = 1_000_000
    # 2000 × 2000 declared, with data for far fewer: refused on the count, not found damaged.
    assert refusal(png_claiming(2000, 2000), "fake.png").code == "too_many_pixels"


# Renditions


def test_renditions_come_in_every_width_format_and_crop():
    image = library_image(picture_bytes("JPEG", (1800, 900)))
    ensure_renditions(image)
    made = {(r.crop, r.format, r.width) for r in image.renditions.all()}
    assert made == {
        (crop, fmt, width)
        for crop in ("original", "card")
        for fmt in ("webp", "jpeg")
        for width in (320, 640, 1024, 1600)
    }
    for rendition in image.renditions.all():
        picture = stored(rendition)
        assert picture.size == (rendition.width, rendition.height)
        assert picture.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert rendition.file.name.startswith(f"images/renditions/{image.pk}-{rendition.crop}-")
    original = image.renditions.get(crop="original", format="jpeg", width=1600)
    assert original.height == 800


def test_small_images_are_never_upscaled_but_kept_at_their_own_width():
    image = library_image(picture_bytes("JPEG", (500, 400)))
    ensure_renditions(image)
    assert sorted(image.renditions.filter(format="webp").values_list("crop", "width")) == [
        ("card", 320),
        ("card", 500),
        ("original", 320),
        ("original", 500),
    ]


@pytest.mark.parametrize(("focal_y", "expected"), [(0.05, RED), (0.95, BLUE)])
def test_card_crop_is_16_9_around_the_focal_point(focal_y, expected):
    picture = halves((1000, 2000), RED, BLUE, vertical=True)
    out = BytesIO()
    picture.save(out, "PNG")
    image = library_image(out.getvalue(), "podium.png", focal_y=focal_y)
    ensure_renditions(image)
    card = image.renditions.get(crop="card", format="jpeg", width=640)
    assert (card.width, card.height) == (640, 360)
    first, second = stored(card).getpixel((320, 5)), stored(card).getpixel((320, 354))
    assert all(abs(a - b) < 40 for a, b in zip(first, expected, strict=True))
    assert all(abs(a - b) < 40 for a, b in zip(second, expected, strict=True))


def test_moving_the_focal_point_remakes_only_the_card_crops():
    image = library_image(picture_bytes("JPEG", (1000, 1000)))
    ensure_renditions(image)
    before = dict(image.renditions.values_list("pk", "file"))
    image.focal_y = 0.9
    image.save()
    remade = ensure_renditions(image)
    assert {r.crop for r in remade} == {"card"}
    after = dict(image.renditions.values_list("pk", "file"))
    for pk, name in before.items():
        kept = Rendition.objects.get(pk=pk).crop == "original"
        assert (after[pk] == name) is kept
        assert default_storage.exists(name) is kept


def test_making_renditions_again_changes_nothing():
    image = library_image(picture_bytes("JPEG", (700, 500)))
    first = ensure_renditions(image)
    names = sorted(image.renditions.values_list("file", flat=True))
    assert ensure_renditions(image) == []
    assert len(first) == len(names) == 12  # 320, 640 and 700 wide
    assert sorted(image.renditions.values_list("file", flat=True)) == names


def test_exif_rotated_photos_are_turned_upright_and_lose_their_metadata():
    exif = Pillow.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: rotate 90° clockwise to show
    exif[ExifTags.Base.Make] = "Appareil du photographe"
    out = BytesIO()
    halves((800, 400), RED, BLUE, vertical=False).save(out, "JPEG", exif=exif)
    image = library_image(out.getvalue())
    ensure_renditions(image)
    rendition = image.renditions.get(crop="original", format="jpeg", width=400)
    assert (rendition.width, rendition.height) == (400, 800)
    picture = stored(rendition)
    top, bottom = picture.getpixel((200, 20)), picture.getpixel((200, 780))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    assert dict(picture.getexif()) == {}
    webp = stored(image.renditions.get(crop="original", format="webp", width=400))
    assert webp.size == (400, 800) and dict(webp.getexif()) == {}


def test_transparent_png_gets_a_white_background_in_jpeg_only():
    image = library_image(picture_bytes("PNG", (400, 300), "RGBA", (0, 0, 0, 0)), "logo.png")
    ensure_renditions(image)
    jpeg = stored(image.renditions.get(crop="original", format="jpeg", width=400))
    webp = stored(image.renditions.get(crop="original", format="webp", width=400))
    assert all(channel > 245 for channel in jpeg.getpixel((10, 10)))
    assert webp.mode == "RGBA" and webp.getpixel((10, 10))[3] == 0


def test_make_renditions_command_fills_in_what_is_missing(capsys):
    image = library_image(picture_bytes("JPEG", (700, 500)))
    call_command("make_renditions")
    assert image.renditions.count() == 12
    assert "12 renditions made" in capsys.readouterr().out
    call_command("make_renditions")
    assert "0 renditions made" in capsys.readouterr().out


# Showing them


def render(source: str, **context) -> str:
    return Template("{% load images %}" + source).render(Context(context))


def test_picture_offers_webp_and_jpeg_srcsets_with_the_size_of_its_fallback():
    image = library_image(alt_text='Le pilote "rapide" <b>')
    ensure_renditions(image)
    html = render(
        '{% picture image crop="card" sizes="(min-width: 60rem) 30rem, 100vw" %}', image=image
    )
    card = {r.width: r for r in image.renditions.filter(crop="card", format="jpeg")}
    webp = {r.width: r for r in image.renditions.filter(crop="card", format="webp")}
    assert (
        f'<source type="image/webp" srcset="{webp[320].file.url} 320w, {webp[640].file.url} 640w, '
        f'{webp[1024].file.url} 1024w, {webp[1600].file.url} 1600w" '
        'sizes="(min-width: 60rem) 30rem, 100vw">'
    ) in html
    assert f'<img src="{card[640].file.url}" srcset="{card[320].file.url} 320w' in html
    assert 'width="640" height="360"' in html
    assert 'alt="Le pilote &quot;rapide&quot; &lt;b&gt;"' in html
    assert 'loading="lazy" decoding="async"' in html


def test_picture_of_an_image_without_renditions_shows_the_original():
    image = library_image(picture_bytes("JPEG", (700, 500)))
    html = render("{% picture image %}", image=image)
    assert f'<img src="{image.file.url}" width="700" height="500"' in html
    assert "<source" not in html


def test_article_cards_with_hero_images_cost_the_same_queries_for_1_or_5(
    django_assert_num_queries,
):
    heroes = [library_image(picture_bytes("JPEG", (400, 300))) for _ in range(5)]
    for hero in heroes:
        ensure_renditions(hero)
        ArticleFactory(hero_image=hero)

    def cards(count):
        articles = (
            Article.objects.published()
            .for_listing()
            .select_related("hero_image")
            .prefetch_related(HERO_RENDITIONS)[:count]
        )
        return "".join(
            render_to_string("articles/_article_card.html", {"article": a}) for a in articles
        )

    with CaptureQueriesContext(connection) as one:
        assert cards(1).count("<picture") == 1
    with django_assert_num_queries(len(one)):
        assert cards(5).count('<source type="image/webp"') == 5


def test_article_page_shows_the_hero_image_large_with_caption_and_credit(client):
    hero = library_image(caption="Le départ sous la pluie", credit="Studio Piste & Co")
    ensure_renditions(hero)
    article = ArticleFactory(hero_image=hero)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html[html.index('<figure class="article__hero">') :]
    figure = figure[: figure.index("</figure>")]
    assert 'loading="eager"' in figure and 'fetchpriority="high"' in figure
    assert "1600w" in figure
    assert "Le départ sous la pluie" in figure and "Studio Piste &amp; Co" in figure


def test_library_images_in_the_body_become_responsive_in_one_query(django_assert_num_queries):
    image = library_image()
    ensure_renditions(image)
    rendition = image.renditions.get(crop="original", format="jpeg", width=320)
    article = ArticleFactory(
        body=(
            f'<figure><img src="{image.file.url}" alt="Il a dit &quot;bravo&quot; &lt;script&gt;" '
            f'data-file="{image.pk}"><figcaption>Départ</figcaption></figure>'
            f'<p><img src="{rendition.file.url}" alt="Encore"></p>'
            '<p><img src="https://example.org/ailleurs.jpg" alt="Ailleurs"></p>'
        )
    )
    with django_assert_num_queries(1):
        html = render("{{ body|with_renditions }}", body=article.body)
    assert html.count("<picture>") == 2
    assert html.count("1024w") == 4  # a WebP and a JPEG srcset for each library image
    assert 'alt="Il a dit &quot;bravo&quot; &lt;script&gt;"' in html
    assert "<script" not in html
    assert 'loading="lazy"' in html and 'width="640" height="320"' in html
    assert '<p><img src="https://example.org/ailleurs.jpg" alt="Ailleurs"></p>' in html


def test_a_body_without_library_images_is_left_alone(django_assert_num_queries):
    body = '<p>Texte <img src="https://example.org/a.jpg" alt="a"></p>'
    with django_assert_num_queries(0):
        assert render("{{ body|with_renditions }}", body=body) == body


def test_the_site_serves_uploaded_media_itself_when_run_on_one_machine(client, media_root):
    (media_root / "images").mkdir(parents=True)
    (media_root / "images" / "photo.webp").write_bytes(b"RIFF-webp-bytes")
    response = client.get("/media/images/photo.webp")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"RIFF-webp-bytes"
    assert client.get("/media/images/%2e%2e/%2e%2e/secret.txt").status_code in (400, 404)
