"""The archive by year and month, in the site's time zone, published articles only."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def archive(db):
    """Three months of 2019 and one of 2020, plus what readers must never see."""
    return {
        "new_year_eve": ArticleFactory(title="Réveillon", published_at=paris(2019, 1, 31, 23, 30)),
        # 00:30 in Paris is still 31 January in UTC: a February story all the same.
        "february": ArticleFactory(title="Février", published_at=paris(2019, 2, 1, 0, 30)),
        "legacy": ArticleFactory(
            title="Archive mensuelle", date_precision="month", published_at=paris(2019, 1, 1, 12)
        ),
        "march": ArticleFactory(title="Mars", published_at=paris(2019, 3, 15, 9)),
        "next_year": ArticleFactory(title="Saison suivante", published_at=paris(2020, 6, 1, 9)),
        "draft": ArticleFactory(
            title="Brouillon secret", draft=True, published_at=paris(2019, 4, 2)
        ),
        "unpublished": ArticleFactory(
            title="Dépublié secret", unpublished=True, published_at=paris(2019, 3, 2)
        ),
    }


def test_index_lists_years_with_counts_and_is_linked_from_the_news(client, archive):
    response = client.get("/actualites/archives/")
    assert response.context["years"] == [(2020, 1), (2019, 4)]
    html = response.content.decode()
    assert 'href="/actualites/2019/"' in html and 'href="/actualites/2020/"' in html
    assert 'href="/actualites/archives/"' in client.get("/actualites/").content.decode()


def test_year_lists_its_months_with_counts_in_paris_time(client, archive):
    response = client.get("/actualites/2019/")
    months = [(month.month, count) for month, count in response.context["months"]]
    assert months == [(1, 2), (2, 1), (3, 1)]  # no April: a draft is no article
    html = response.content.decode()
    assert 'href="/actualites/2019/01/"' in html and 'href="/actualites/2019/04/"' not in html
    assert "4 articles publiés" in html
    assert 'href="/actualites/2020/"' in html  # the other years


def test_month_lists_its_articles_legacy_ones_included(client, archive):
    response = client.get("/actualites/2019/01/")
    assert list(response.context["articles"]) == [archive["new_year_eve"], archive["legacy"]]
    html = response.content.decode()
    assert '<time datetime="2019-01">janvier 2019</time>' in html
    assert 'rel="next" href="/actualites/2019/02/"' in html


def test_month_links_to_its_neighbours_with_articles(client, archive):
    response = client.get("/actualites/2019/03/")
    assert list(response.context["articles"]) == [archive["march"]]
    html = response.content.decode()
    assert 'rel="prev" href="/actualites/2019/02/"' in html
    assert 'rel="next" href="/actualites/2020/06/"' in html
    assert "secret" not in html


@pytest.mark.parametrize(
    "url",
    ["/actualites/2018/", "/actualites/2019/04/", "/actualites/2021/01/", "/actualites/1999/"],
)
def test_periods_without_published_articles_are_not_found(client, archive, url):
    assert client.get(url).status_code == 404


def test_an_impossible_month_is_not_an_archive(client, archive):
    assert client.get("/actualites/2019/13/").status_code == 404


def test_scheduled_articles_join_the_archive_when_due(client):
    ArticleFactory(title="Programmé", published_at=paris(2030, 5, 4, 10))
    with time_machine.travel(paris(2030, 5, 4, 9), tick=False):
        assert client.get("/actualites/2030/05/").status_code == 404
        assert client.get("/actualites/archives/").context["years"] == []
    with time_machine.travel(paris(2030, 5, 4, 11), tick=False):
        assert client.get("/actualites/2030/05/").status_code == 200
        assert client.get("/actualites/archives/").context["years"] == [(2030, 1)]
