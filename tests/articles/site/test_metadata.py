"""What search engines and social networks read in <head>: canonical, OpenGraph, JSON-LD."""

from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as Pillow

from articles.imaging import ensure_renditions
from articles.models import Image
from tests.articles.factories import ArticleFactory
from tests.conftest import make_articles
from tests.newsroom.markup import read

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def hero(size=(1800, 1200), alt="Départ sous la pluie à Monza") -> Image:
    out = BytesIO()
    Pillow.new("RGB", size, (200, 30, 30)).save(out, "JPEG")
    image = Image(alt_text=alt)
    image.file = SimpleUploadedFile("monza.jpg", out.getvalue())
    image.save()
    ensure_renditions(image)
    return image


def test_article_shares_a_large_card_with_its_hero_image(client, world):
    (article,) = make_articles(world, 1, title="Victoire à Monza", hero_image=hero())
    page = read(client.get(article.get_absolute_url()))

    url = f"http://testserver{article.get_absolute_url()}"
    assert page.canonical() == url
    assert page.first("og:url") == url
    assert page.first("og:type") == "article"
    assert page.first("og:title") == "Victoire à Monza"
    assert page.first("og:site_name") == "Paddock"
    assert page.first("og:locale") == "fr_FR"
    # The 16:9 card crop, at the first width of at least 1200 pixels, as a JPEG.
    assert page.first("og:image").startswith("http://testserver/media/images/renditions/")
    assert page.first("og:image").endswith(".jpg")
    assert (page.first("og:image:width"), page.first("og:image:height")) == ("1600", "900")
    assert page.first("og:image:alt") == "Départ sous la pluie à Monza"
    assert page.first("twitter:card") == "summary_large_image"
    assert page.first("twitter:image") == page.first("og:image")
    assert page.first("article:section") == "FIA World Touring Car Cup (WTCR)"
    assert set(page.meta["article:tag"]) == {"tourisme", "titre", "manche 0"}


def test_news_article_json_ld_describes_the_article(client, world, django_user_model):
    author = django_user_model.objects.create_user(
        "jmartin", email="j.martin@example.org", first_name="Jeanne", last_name="Martin"
    )
    published = datetime(2024, 5, 12, 18, 30, tzinfo=PARIS)
    (article,) = make_articles(
        world,
        1,
        title="Ceccon s'impose",
        standfirst="Le pilote italien gagne la course principale.",
        published_at=published,
        hero_image=hero(),
    )
    article.authors.add(author)
    data = read(client.get(article.get_absolute_url())).structured("NewsArticle")

    url = f"http://testserver{article.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Ceccon s'impose"
    assert data["description"] == "Le pilote italien gagne la course principale."
    assert data["datePublished"] == "2024-05-12T18:30:00+02:00"  # Paris summer time
    assert data["dateModified"] == data["datePublished"]
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Jeanne Martin",
            "url": "http://testserver/auteurs/jeanne-martin/",
        }
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Paddock"
    assert data["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"
    with Pillow.open(finders.find("img/logo.png")) as logo:  # a raster logo, as Google wants
        assert (logo.format, logo.size) == ("PNG", (512, 512))
    assert len(data["image"]) == 2
    assert all(u.startswith("http://testserver/media/") for u in data["image"])
    assert data["articleSection"] == "FIA World Touring Car Cup (WTCR)"
    assert data["inLanguage"] == "fr"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert set(data["keywords"].split(", ")) == {"tourisme", "titre", "manche 0"}


def test_month_only_dates_are_the_first_of_the_month_in_metadata(client):
    article = ArticleFactory(
        date_precision="month", published_at=datetime(2019, 1, 17, 12, tzinfo=PARIS)
    )
    response = client.get(article.get_absolute_url())
    page = read(response)
    data = page.structured("NewsArticle")
    assert data["datePublished"] == "2019-01-01T00:00:00+01:00"
    assert data["dateModified"] == "2019-01-01T00:00:00+01:00"
    assert page.first("article:published_time") == "2019-01-01T00:00:00+01:00"
    html = response.content.decode()
    assert "janvier 2019" in html and "17 janvier" not in html


def test_an_article_without_picture_offers_the_logo_to_search_engines(client):
    article = ArticleFactory(hero_image=None)
    data = read(client.get(article.get_absolute_url())).structured("NewsArticle")
    assert data["image"] == ["http://testserver/static/img/logo.png"]


def test_a_correction_dates_the_modification(client):
    published = timezone.now() - timedelta(days=2)
    article = ArticleFactory(published_at=published, revised_at=published + timedelta(days=1))
    page = read(client.get(article.get_absolute_url()))
    data = page.structured("NewsArticle")
    assert data["dateModified"] > data["datePublished"]
    assert page.first("article:modified_time") == data["dateModified"]


def test_unsigned_articles_are_by_the_newsroom_and_bylines_by_their_writer(client):
    unsigned = ArticleFactory()
    signed = ArticleFactory(byline="Envoyé spécial à Macao")
    assert read(client.get(unsigned.get_absolute_url())).structured("NewsArticle")["author"] == [
        {"@type": "Organization", "name": "Paddock", "url": "http://testserver/"}
    ]
    assert read(client.get(signed.get_absolute_url())).structured("NewsArticle")["author"] == [
        {"@type": "Person", "name": "Envoyé spécial à Macao"}
    ]


def test_a_title_cannot_break_out_of_the_json_ld(client):
    title = 'Fin </script><script>alert("x")</script> & <!-- suite'
    article = ArticleFactory(title=title)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html
    assert "\\u003C/script\\u003E" in html
    assert read(client.get(article.get_absolute_url())).structured("NewsArticle")["headline"] == (
        title
    )


def test_articles_in_other_languages_say_so(client):
    article = ArticleFactory(language="it", title="Vittoria a Vallelunga")
    response = client.get(article.get_absolute_url())
    page = read(response)
    assert page.first("og:locale") == "it_IT"
    assert page.structured("NewsArticle")["inLanguage"] == "it"
    assert '<article class="article" lang="it">' in response.content.decode()


def test_description_is_the_standfirst_cut_near_160_characters(client):
    article = ArticleFactory(standfirst="Une très longue course. " * 20)
    page = read(client.get(article.get_absolute_url()))
    description = page.first("description")
    assert 100 < len(description) <= 160 and description.endswith("…")
    assert page.first("og:description") == description == page.first("twitter:description")


def test_without_an_image_the_card_is_a_summary(client):
    page = read(client.get(ArticleFactory().get_absolute_url()))
    assert page.first("twitter:card") == "summary"
    assert "og:image" not in page.meta


def test_hub_describes_itself_with_its_series_description(client, world):
    make_articles(world, 1)
    page = read(client.get("/championnats/wtcr/"))
    assert page.canonical() == "http://testserver/championnats/wtcr/"
    assert page.first("og:type") == "website"
    assert page.first("og:title") == "FIA World Touring Car Cup (WTCR)"
    assert page.first("description") == "La coupe du monde des voitures de tourisme."
    assert "NewsArticle" not in [data["@type"] for data in page.json_ld]


def test_a_hub_without_description_gets_a_sentence_of_its_own(client, world):
    make_articles(world, 1)
    page = read(client.get("/pilotes/kevin-ceccon/"))
    assert "Kevin Ceccon" in page.first("description")
    assert page.first("og:description") == page.first("description")


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", "/actualites/"),
        ("?page=1", "/actualites/"),
        ("?page=2", "/actualites/?page=2"),
        ("?page=2&utm_source=lettre", "/actualites/?page=2"),
        ("?page=999", "/actualites/?page=2"),  # out of range: the last page is shown
        ("?utm_source=lettre", "/actualites/"),
    ],
)
def test_canonical_of_lists_keeps_only_the_page_beyond_the_first(client, world, query, canonical):
    make_articles(world, 25)
    page = read(client.get(f"/actualites/{query}"))
    assert page.canonical() == f"http://testserver{canonical}"
    assert page.first("og:url") == page.canonical()


def test_every_public_page_has_a_canonical_and_opengraph(client, world):
    (article,) = make_articles(world, 1)
    for url in ["/", "/championnats/", "/tags/tourisme/", "/actualites/archives/"]:
        page = read(client.get(url))
        assert page.canonical() == f"http://testserver{url}"
        assert page.first("og:title") and page.first("og:description")
        assert page.first("og:locale") == "fr_FR"
