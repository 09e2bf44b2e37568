"""The demo articles' hero images: drawn by newsroom/demo_images.py, shown on shared cards."""

from io import BytesIO, StringIO
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image as Pillow
from PIL import ImageStat

from articles.models import Article, Image, Rendition
from newsroom.demo_images import CREDIT, draw_illustration
from teams.models import Championship

from .markup import read

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo():
    call_command("load_registry", verbosity=0)
    call_command("load_demo", stdout=StringIO())


def load_demo_again():
    call_command("load_demo", stdout=StringIO())


def test_every_demo_article_gets_a_hero_image_with_alt_text_and_renditions(demo):
    articles = list(Article.objects.published().select_related("primary_championship"))
    assert len(articles) >= 12
    originals = set()
    for article in articles:
        image = article.hero_image
        assert image is not None, article.title
        assert image.alt_text.startswith("Illustration : "), image.alt_text
        assert article.primary_championship.display_name in image.alt_text
        assert image.credit == CREDIT
        formats = {r.format for r in image.renditions.all()}
        assert formats == {Rendition.Format.JPEG, Rendition.Format.WEBP}, article.title
        for rendition in image.renditions.all():
            assert default_storage.exists(rendition.file.name)
        with default_storage.open(image.file.name) as stored:
            data = stored.read()
        assert Pillow.open(BytesIO(data)).format == "JPEG"
        originals.add(data)
    # Each article has its own picture, not one picture shared by all.
    assert len(originals) == len(articles)


def test_loading_the_demo_twice_draws_no_second_picture(demo, media_root):
    heroes = dict(Article.objects.values_list("pk", "hero_image"))
    files = sorted(path for path in media_root.rglob("*") if path.is_file())
    renditions = Rendition.objects.count()

    load_demo_again()

    assert dict(Article.objects.values_list("pk", "hero_image")) == heroes
    assert Image.objects.count() == len(heroes)
    assert Rendition.objects.count() == renditions
    assert sorted(path for path in media_root.rglob("*") if path.is_file()) == files


def test_the_demo_keeps_an_editors_hero_image_and_illustrates_an_article_that_lost_its_own(demo):
    chosen, emptied = Article.objects.order_by("pk")[:2]
    editors_image = chosen.hero_image
    editors_image.alt_text = "Départ sous la pluie"
    editors_image.save()
    emptied.hero_image = None
    emptied.save()

    load_demo_again()

    chosen.refresh_from_db()
    emptied.refresh_from_db()
    assert chosen.hero_image.alt_text == "Départ sous la pluie"
    assert emptied.hero_image is not None
    assert emptied.hero_image.renditions.exists()


def test_a_shared_demo_article_shows_its_picture_in_the_preview_card(demo, client):
    article = Article.objects.published().newest_first().first()
    page = read(client.get(article.get_absolute_url()))

    assert page.first("twitter:card") == "summary_large_image"
    assert page.first("og:image:alt") == article.hero_image.alt_text
    url = page.first("og:image")
    assert url.endswith(".jpg")
    assert page.first("twitter:image") == url
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    picture = Pillow.open(BytesIO(b"".join(response.streaming_content)))
    assert picture.format == "JPEG"
    assert str(picture.width) == page.first("og:image:width")
    assert str(picture.height) == page.first("og:image:height")
    # Large preview cards need at least 1200 pixels across.
    assert picture.width >= 1200


def test_an_article_always_gets_the_same_picture_and_another_article_another():
    first = draw_illustration(slug="victoire-a-monza", category=Championship.Category.TOURING)
    again = draw_illustration(slug="victoire-a-monza", category=Championship.Category.TOURING)
    other = draw_illustration(slug="titre-a-macao", category=Championship.Category.TOURING)
    assert first == again
    assert first != other


def test_the_picture_takes_the_colour_of_the_championship_category():
    def mean_colour(category):
        data = draw_illustration(slug="meme-article", category=category)
        return ImageStat.Stat(Pillow.open(BytesIO(data))).mean

    red, green, blue = mean_colour(Championship.Category.TOURING)
    assert red > green and red > blue
    red, green, blue = mean_colour(Championship.Category.GT)
    assert blue > red and blue > green
    red, green, blue = mean_colour(Championship.Category.SINGLE_SEATER)
    assert green > red
