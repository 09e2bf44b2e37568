import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.imaging.renditions import ensure_renditions
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_images import library_image
from tests.conftest import make_articles
from tests.teams.factories import ManufacturerFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/actualites/",
    "/championnats/",
    "/championnats/wtcr/",
    "/championnats/btcc/",
    "/constructeurs/",
    "/constructeurs/alfa-romeo/",
    "/equipes/",
    "/equipes/team-mulsanne/",
    "/pilotes/",
    "/pilotes/kevin-ceccon/",
    "/tags/tourisme/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_renders_in_french(client, world, url):
    make_articles(world, 2)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Championnats" in html and "Constructeurs" in html  # the site menu


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_nothing_unpublished_appears_on_any_page_nor_in_any_count(client, world, hidden, url):
    html = client.get(url).content.decode()
    assert "secret" not in html
    # Only hidden articles exist: every count must say zero, every list be empty.
    assert "1 article" not in html and "4 articles" not in html and "2 articles" not in html


def test_hidden_articles_have_no_public_url(client, hidden):
    for article in hidden:
        if article.published_at:
            assert client.get(article.get_absolute_url()).status_code == 404


def test_home_has_a_lead_story_the_latest_and_sections_per_series(client, world):
    older = make_articles(world, 3)
    lead = ArticleFactory(title="La une du jour", primary_championship=world["btcc"])
    response = client.get("/")
    assert response.context["lead"] == lead
    assert set(response.context["latest"]) == set(older)
    html = response.content.decode()
    assert "La une du jour" in html
    assert 'href="/championnats/wtcr/"' in html


def test_home_sections_show_articles_beyond_the_latest(client, world):
    make_articles(world, 14)
    sections = client.get("/").context["sections"]
    assert [c.slug for c, _ in sections] == ["wtcr"]
    assert len(sections[0][1]) == 3


def test_article_page_shows_text_links_and_tags(client, world):
    (article,) = make_articles(world, 1, title="Alfa Romeo gagne", body="<p>Le récit.</p>")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "<h1>Alfa Romeo gagne</h1>" in html
    assert "<p>Le récit.</p>" in html
    for href in [
        "/championnats/wtcr/",
        "/constructeurs/alfa-romeo/",
        "/equipes/team-mulsanne/",
        "/pilotes/kevin-ceccon/",
        "/tags/tourisme/",
    ]:
        assert f'href="{href}"' in html
    assert "Alfa Romeo Giulietta TCR" in html


def test_month_precision_dates_read_as_a_month(client, world):
    from datetime import datetime

    from django.utils import timezone

    article = ArticleFactory(
        slug="archive",
        date_precision="month",
        published_at=datetime(2019, 1, 1, 12, tzinfo=timezone.get_current_timezone()),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2019-01">janvier 2019</time>' in html
    assert "1 janvier 2019" not in html


def test_article_url_with_the_wrong_month_redirects_to_the_canonical_one(client, world):
    article = ArticleFactory(slug="bonne-adresse")
    wrong = reverse("articles:detail", kwargs={"year": 2001, "month": 1, "slug": article.slug})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_article_body_is_not_escaped_twice_and_standfirst_is_escaped(client):
    article = ArticleFactory(standfirst="<b>chapô</b>", body="<p><strong>Gras</strong></p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;b&gt;chapô&lt;/b&gt;" in html
    assert "<p><strong>Gras</strong></p>" in html


def test_championship_hub_lists_articles_teams_makes_and_count(client, world):
    make_articles(world, 3)
    ArticleFactory(title="Hors sujet")
    response = client.get("/championnats/wtcr/")
    html = response.content.decode()
    assert response.context["paginator"].count == 3
    assert "3 articles publiés" in html
    assert "La coupe du monde des voitures de tourisme." in html
    assert 'href="/equipes/team-mulsanne/"' in html
    assert 'href="/constructeurs/alfa-romeo/"' in html
    assert 'href="/constructeurs/hyundai/"' in html  # a make seen in the series' articles
    assert "Hors sujet" not in html


def test_a_hubs_makes_are_its_teams_and_those_of_its_latest_year_of_news(client, world):
    """Not every make the series' archive ever named: finding those would read every article
    of the series on each render."""
    make_articles(world, 1)
    old = make_articles(world, 1, published_at=timezone.now() - timedelta(days=3 * 365))[0]
    old.manufacturers.add(ManufacturerFactory(slug="talbot", name="Talbot"))
    html = client.get("/championnats/wtcr/").content.decode()
    aside = html[html.index('<aside class="hub__aside"') : html.index("</aside>")]
    assert 'href="/constructeurs/hyundai/"' in aside  # named this year
    assert 'href="/constructeurs/talbot/"' not in aside


def test_championship_list_groups_by_category_with_counts(client, world):
    make_articles(world, 2)
    html = client.get("/championnats/").content.decode()
    assert "Voitures de tourisme" in html
    assert "2 articles" in html


def test_manufacturer_hub_lists_series_teams_and_cars(client, world):
    make_articles(world, 2)
    response = client.get("/constructeurs/alfa-romeo/")
    html = response.content.decode()
    assert response.context["paginator"].count == 2
    assert 'href="/championnats/wtcr/"' in html
    assert 'href="/equipes/team-mulsanne/"' in html
    assert "Giulietta TCR" in html
    assert "Italie" in html


def test_team_and_driver_pages(client, world):
    make_articles(world, 1)
    team = client.get("/equipes/team-mulsanne/")
    assert team.context["paginator"].count == 1
    assert 'href="/constructeurs/alfa-romeo/"' in team.content.decode()
    driver = client.get("/pilotes/kevin-ceccon/")
    assert driver.context["paginator"].count == 1
    assert 'href="/championnats/wtcr/"' in driver.content.decode()


def test_tag_page_lists_the_tagged_articles(client, world):
    ArticleFactory(title="Avec le tag", tags=["Fin de saison"])
    ArticleFactory(title="Sans le tag")
    html = client.get("/tags/fin-de-saison/").content.decode()
    assert "Avec le tag" in html and "Sans le tag" not in html
    assert "<h1>Fin de saison</h1>" in html


def test_pagination_and_bad_page_numbers(client, world, settings):
    make_articles(world, 25)
    first = client.get("/actualites/")
    assert len(first.context["articles"]) == 20
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert len(client.get("/actualites/?page=2").context["articles"]) == 5
    # Garbage or out-of-range page numbers show a real page, never an error.
    assert client.get("/actualites/?page=abc").context["page_obj"].number == 1
    assert client.get("/actualites/?page=999").context["page_obj"].number == 2
    assert client.get("/championnats/wtcr/?page=-1").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/nimporte-quoi/",
        "/championnats/inconnu/",
        "/constructeurs/inconnu/",
        "/equipes/inconnue/",
        "/pilotes/inconnu/",
        "/tags/inconnu/",
        "/actualites/2019/01/inconnu/",
        "/actualites/2019/13/inconnu/",
    ],
)
def test_unknown_pages_get_the_site_404(client, world, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'href="/championnats/"' in html


def test_empty_site_renders(client, db):
    html = client.get("/").content.decode()
    assert "Aucun article publié pour le moment." in html


def test_menu_lists_only_series_and_makes_with_published_articles(client, world, hidden):
    response = client.get("/")
    assert list(response.context["nav_championships"]) == []
    assert list(response.context["nav_manufacturers"]) == []
    make_articles(world, 1)
    response = client.get("/")
    assert [c.slug for c in response.context["nav_championships"]] == ["wtcr"]
    assert {m.slug for m in response.context["nav_manufacturers"]} == {"alfa-romeo", "hyundai"}


def test_the_lead_picture_loads_first_and_the_others_lazily(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    for n in range(3):
        image = library_image()
        ensure_renditions(image)
        ArticleFactory(hero_image=image, title=f"Article illustré {n}")
    html = client.get("/").content.decode()
    images = re.findall(r"<img [^>]*>", html)
    assert 'loading="eager"' in images[0] and 'fetchpriority="high"' in images[0]
    assert all('loading="lazy"' in img for img in images[1:])
    assert all(re.search(r'width="\d+" height="\d+"', img) for img in images)


def test_the_menus_shown_follow_every_change_with_no_page_cache(client, settings, world, hidden):
    # The header is kept under what it shows (newsroom/templatetags/frame.py), in each language.
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = dict.fromkeys(settings.CACHES, dummy)

    def series_menu(path, label="Séries"):
        html = client.get(path).content.decode()
        menu = f'aria-label="{label}"'
        return html.split(menu)[1].split("</nav>")[0] if menu in html else ""

    assert series_menu("/") == ""
    make_articles(world, 1)
    assert 'href="/championnats/wtcr/">WTCR<' in series_menu("/actualites/")
    assert 'href="/en/championnats/wtcr/">WTCR<' in series_menu("/en/actualites/", "Series")
    world["wtcr"].short_name = "Coupe du monde"
    world["wtcr"].save()
    assert 'href="/championnats/wtcr/">Coupe du monde<' in series_menu("/actualites/")


@pytest.mark.parametrize("path", ["/actualites/", "/championnats/wtcr/", "/tags/tourisme/"])
def test_deep_pages_list_every_visible_article_once_newest_first(
    client, world, hidden, page_budget, path
):
    """Pages past the first find their rows by their ids first (articles/site/views.py): paging
    through shows each visible article once, in the order of the first page, ties of date
    broken the same way, and nothing hidden."""
    same_moment = timezone.now() - timedelta(days=3)
    made = make_articles(world, 45)
    for article in made[10:30]:  # twenty articles of the same second, across pages 1 to 3
        Article.objects.filter(pk=article.pk).update(published_at=same_moment)
    expected = list(Article.objects.published().filter(pk__in=[a.pk for a in made]).newest_first())
    shown = []
    for number in (1, 2, 3):
        with page_budget(5):
            response = client.get(f"{path}?page={number}")
        shown += list(response.context["articles"])
    assert [a.pk for a in shown] == [a.pk for a in expected]
    assert not {a.pk for a in hidden} & {a.pk for a in shown}
