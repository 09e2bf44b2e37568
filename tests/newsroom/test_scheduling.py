"""A scheduled article appears on every public surface at its time, by itself (no cron)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.articles.factories import ArticleFactory

from .test_views import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 14, 9, 0, tzinfo=PARIS)
AT = datetime(2026, 3, 14, 10, 30, tzinfo=PARIS)


@pytest.fixture
def scheduled(world):
    with time_machine.travel(NOW, tick=False):
        return ArticleFactory(
            title="Ceccon signe chez Mulsanne pour la saison",
            slug="ceccon-signe-chez-mulsanne",
            published_at=AT,
            primary_championship=world["wtcr"],
            tags=["tourisme"],
            links={
                "championships": [world["wtcr"], world["btcc"]],
                "manufacturers": [world["alfa"]],
                "teams": [world["mulsanne"]],
                "drivers": [world["ceccon"]],
            },
        )


ARTICLE_URL = "/actualites/2026/03/ceccon-signe-chez-mulsanne/"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_scheduled_article_is_nowhere_before_its_time(client, scheduled, url):
    with time_machine.travel(AT - timedelta(seconds=1), tick=False):
        html = client.get(url).content.decode()
    assert "Ceccon signe chez Mulsanne" not in html
    assert "1 article" not in html


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_scheduled_article_is_everywhere_from_its_time(client, scheduled, url):
    with time_machine.travel(AT, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    if url in ("/championnats/", "/constructeurs/", "/equipes/", "/pilotes/"):
        assert "1 article" in html  # the counts of the lists
    else:
        assert "Ceccon signe chez Mulsanne" in html


def test_scheduled_article_page_answers_only_from_its_time(client, scheduled):
    with time_machine.travel(AT - timedelta(minutes=1), tick=False):
        assert client.get(ARTICLE_URL).status_code == 404
    with time_machine.travel(AT + timedelta(minutes=1), tick=False):
        assert client.get(ARTICLE_URL).status_code == 200
