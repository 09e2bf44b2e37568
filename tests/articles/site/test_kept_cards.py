"""A kept card is the card rendered anew: every value a card shows is part of its key, so a
change made anywhere (another process, a command, the admin) shows on the next list."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from taggit.models import Tag

from articles.imaging import ensure_renditions
from articles.models import Article, Image, Rendition
from articles.site.kept_cards import CARD_TEMPLATE, card
from teams.models import Championship
from tests.articles.factories import ArticleFactory
from tests.articles.test_images import library_image, picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(settings, tmp_path, world):
    settings.MEDIA_ROOT = tmp_path / "media"
    hero = library_image(picture_bytes("JPEG", (1200, 800)), alt_text="La Giulia dans le raidillon")
    ensure_renditions(hero)
    return ArticleFactory(
        title="Victoire au Nürburgring",
        standfirst="Ceccon s'impose sous la pluie.",
        hero_image=hero,
        primary_championship=world["wtcr"],
        tags=["pluie", "tourisme"],
    )


def as_listed(article) -> Article:
    """The article as a list reads it: its card's columns, series, picture, tags."""
    return Article.objects.for_listing().get(pk=article.pk)


def rendered(article, *, is_lead=False) -> str:
    return render_to_string(CARD_TEMPLATE, {"article": article, "is_lead": is_lead})


def articles(article):
    return Article.objects.filter(pk=article.pk)


CHANGES = {
    "title": lambda a: articles(a).update(title="Victoire corrigée au Nürburgring"),
    "slug": lambda a: articles(a).update(slug="victoire-nurburgring-corrigee"),
    "standfirst": lambda a: articles(a).update(standfirst="Ceccon gagne sur le sec."),
    "day": lambda a: articles(a).update(published_at=a.published_at - timedelta(days=40)),
    "month only": lambda a: articles(a).update(date_precision=Article.DatePrecision.MONTH),
    "series": lambda a: articles(a).update(primary_championship=None),
    "series name": lambda a: Championship.objects.filter(pk=a.primary_championship_id).update(
        short_name="Coupe du monde"
    ),
    "series address": lambda a: Championship.objects.filter(pk=a.primary_championship_id).update(
        slug="coupe-du-monde-tourisme"
    ),
    "picture text": lambda a: Image.objects.filter(pk=a.hero_image_id).update(
        alt_text="La Giulia au sommet du raidillon"
    ),
    "renditions": lambda a: Rendition.objects.filter(
        image=a.hero_image_id, format=Rendition.Format.WEBP
    ).delete(),
    "picture": lambda a: articles(a).update(hero_image=None),
    "tag name": lambda a: Tag.objects.filter(name="pluie").update(name="averses"),
    "tag address": lambda a: Tag.objects.filter(name="pluie").update(slug="pluie-battante"),
    "tag added": lambda a: a.tags.add("nuit"),
    "language": lambda a: articles(a).update(language=Article.Language.ITALIAN),
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_kept_card_shows_a_change_made_anywhere(article, change):
    before = card(as_listed(article))
    assert before == rendered(as_listed(article))
    CHANGES[change](article)
    listed = as_listed(article)
    assert card(listed) == rendered(listed) != before


def test_each_language_and_the_lead_have_their_own_card(article):
    listed = as_listed(article)
    french = card(listed)
    assert 'aria-label="Mots-clés"' in french
    with translation.override("en"):
        english = card(listed)
        assert english == rendered(listed)
    assert 'aria-label="Tags"' in english
    lead = card(listed, is_lead=True)
    assert lead == rendered(listed, is_lead=True)
    assert "card--lead" in lead and "card--lead" not in french


def test_with_no_page_cache_the_news_list_shows_a_title_corrected_by_another_process(
    client, settings, article
):
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = dict.fromkeys(settings.CACHES, dummy)
    assert "Victoire au Nürburgring" in client.get("/actualites/").content.decode()
    CHANGES["title"](article)  # as a shell would: no signal, no purge, the card's key moves
    assert "Victoire corrigée au Nürburgring" in client.get("/actualites/").content.decode()


def test_a_card_says_when_its_article_is_written_in_another_language(article):
    Article.objects.filter(pk=article.pk).update(language=Article.Language.ENGLISH)
    listed = as_listed(article)
    french_page = card(listed)
    assert '<p class="card__language">En anglais</p>' in french_page
    assert '<h3 class="card__title" lang="en">' in french_page
    with translation.override("en"):
        english_page = card(listed)
    assert "card__language" not in english_page and 'lang="en"' not in english_page
    Article.objects.filter(pk=article.pk).update(language=Article.Language.FRENCH)
    with translation.override("en"):
        assert '<p class="card__language">In French</p>' in card(as_listed(article))
    assert "card__language" not in card(as_listed(article))
