"""Articles meet events: an article names the rounds it is about, its page links them with their
season, and an event's page lists its published articles — kept current when an editor links
one in the admin, and never showing what readers may not see."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Revision
from articles.revisions import diff
from newsroom.freshness import site_state
from tests.articles.factories import ArticleFactory
from tests.articles.roles import article_form, client_for
from tests.teams.factories import EventFactory, SeasonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(world):
    """The Race of Portugal in two WTCR seasons, and another round of 2019."""
    world["wtcr"].aliases = ["WTCR"]
    world["wtcr"].save()
    events = {}
    for year in (2019, 2021):
        season = SeasonFactory(championship=world["wtcr"], year=year)
        events[year] = EventFactory(
            season=season,
            name="Course du Portugal",
            slug="portugal",
            start_date=date(year, 7, 3),
            end_date=date(year, 7, 4),
        )
    events["hongrie"] = EventFactory(
        season=events[2019].season,
        name="Course de Hongrie",
        slug="hongrie",
        start_date=date(2019, 4, 27),
        end_date=date(2019, 4, 28),
    )
    return events


def test_an_article_page_links_its_events_with_their_season(client, world, rounds):
    article = ArticleFactory(
        title="Ceccon brille à Vila Real", links={"events": [rounds[2019], rounds["hongrie"]]}
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>Épreuves</h2>" in html
    assert '<a href="/championnats/wtcr/2019/portugal/">Course du Portugal 2019</a>' in html
    assert '<a href="/championnats/wtcr/2019/hongrie/">Course de Hongrie 2019</a>' in html
    assert "/championnats/wtcr/2021/portugal/" not in html


def test_an_event_page_lists_its_published_articles_only(client, world, rounds, hidden):
    for article in hidden:
        article.events.add(rounds[2019])
    ArticleFactory(title="Ceccon brille à Vila Real", links={"events": [rounds[2019]]})
    ArticleFactory(title="Le Portugal deux ans plus tard", links={"events": [rounds[2021]]})
    html = client.get("/championnats/wtcr/2019/portugal/").content.decode()
    assert "Articles sur Course du Portugal" in html
    assert "Ceccon brille à Vila Real" in html
    assert "deux ans plus tard" not in html
    assert "secret" not in html
    # An event no published article names has no such section, rather than an empty one.
    html = client.get("/championnats/wtcr/2019/hongrie/").content.decode()
    assert "Articles sur" not in html and "secret" not in html


def served_from_cache(client, url) -> bool:
    site_state()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) <= 1


def test_an_event_linked_in_the_admin_shows_the_article_on_its_cached_page(
    client, world, rounds, editor
):
    article = ArticleFactory(title="Ceccon brille à Vila Real")
    event_url, other_url = "/championnats/wtcr/2019/portugal/", "/championnats/wtcr/2021/portugal/"
    for url in (event_url, other_url):
        client.get(url)
        assert served_from_cache(client, url)

    form = article_form(article, events=[str(rounds[2019].pk)], _save="1")
    form["published_at_0"] = article.published_at.strftime("%d/%m/%Y")
    form["published_at_1"] = article.published_at.strftime("%H:%M:%S")
    response = client_for(editor).post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert list(Article.objects.get(pk=article.pk).events.all()) == [rounds[2019]]
    assert not served_from_cache(client, event_url)
    assert "Ceccon brille à Vila Real" in client.get(event_url).content.decode()
    assert served_from_cache(client, other_url)  # the 2021 event shows nothing that changed
    # The history names the event with its season, so two years' rounds are told apart.
    old, new = list(Revision.objects.filter(article=article).order_by("pk"))[-2:]
    changes = {change.field: change for change in diff(old.data, new.data)}
    assert "Course du Portugal (WTCR 2019)" in str(changes["events"].new)


def test_the_api_gives_an_articles_events(client, world, rounds):
    article = ArticleFactory(title="Ceccon brille à Vila Real", links={"events": [rounds[2019]]})
    data = client.get(f"/api/v1/articles/{article.slug}/").json()
    assert data["events"] == [
        {
            "slug": "portugal",
            "name": "Course du Portugal",
            "championship": "wtcr",
            "season": "2019",
            "url": "http://testserver/championnats/wtcr/2019/portugal/",
        }
    ]


def test_the_event_picker_finds_an_event_by_name_and_year(world, rounds, editor):
    response = client_for(editor).get(
        "/admin/autocomplete/",
        {
            "term": "Portugal 2021",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "events",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Course du Portugal (WTCR 2021)"]


def test_suggestions_offer_the_event_of_the_articles_date(world, rounds, writer):
    post = {
        "title": "WTCR : Ceccon signe la pole de la Course du Portugal",
        "standfirst": "",
        "body": "",
        "published_at_0": "03/07/2021",
    }
    answer = client_for(writer).post("/admin/articles/article/link-suggestions/", post).json()
    events = [s for s in answer["links"] if s["field"] == "events"]
    assert events == [
        {
            "key": f"events:{rounds[2021].pk}",
            "field": "events",
            "pk": rounds[2021].pk,
            "name": "Course du Portugal (WTCR 2021)",
        }
    ]
    # Without a date, the text is about this year: no WTCR season, no event offered.
    with_no_date = {**post, "published_at_0": ""}
    answer = client_for(writer).post("/admin/articles/article/link-suggestions/", with_no_date)
    assert [s for s in answer.json()["links"] if s["field"] == "events"] == []
