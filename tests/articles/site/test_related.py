"""Related articles under an article: what shares the most with it, published only."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Article, RelatedList
from articles.models.links import attach_links
from articles.site.related import related_articles
from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.roles import CHIEF
from tests.teams.factories import ChampionshipFactory, DriverFactory, TeamFactory

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def registry(world):
    return {
        **world,
        "other_team": TeamFactory(),
        "other_driver": DriverFactory(),
        "other_series": ChampionshipFactory(),
    }


@pytest.fixture
def lead(registry):
    return ArticleFactory(
        title="L'article lu",
        links={
            "teams": [registry["mulsanne"]],
            "drivers": [registry["ceccon"]],
            "championships": [registry["wtcr"]],
            "manufacturers": [registry["alfa"]],
        },
        tags=["tourisme", "pluie"],
    )


def test_team_and_driver_outrank_a_shared_tag_whatever_the_dates(registry, lead):
    same_crew = ArticleFactory(
        title="Même équipe, même pilote",
        published_at=ago(100),
        links={"teams": [registry["mulsanne"]], "drivers": [registry["ceccon"]]},
    )
    same_tag = ArticleFactory(title="Même mot-clé", published_at=ago(2), tags=["pluie"])
    same_series = ArticleFactory(
        title="Même série", published_at=ago(3), links={"championships": [registry["wtcr"]]}
    )
    ArticleFactory(title="Sans rapport", links={"teams": [registry["other_team"]]})

    assert related_articles(lead) == [same_crew, same_series, same_tag]


def test_ties_go_to_the_newest(registry, lead):
    older = ArticleFactory(published_at=ago(50), tags=["pluie"])
    newer = ArticleFactory(published_at=ago(5), tags=["tourisme"])
    assert related_articles(lead) == [newer, older]


def test_shared_links_add_up(registry, lead):
    two_tags = ArticleFactory(published_at=ago(9), tags=["pluie", "tourisme"])
    one_tag = ArticleFactory(published_at=ago(1), tags=["pluie"])
    series_and_make = ArticleFactory(
        published_at=ago(20),
        links={"championships": [registry["wtcr"]], "manufacturers": [registry["alfa"]]},
    )
    assert related_articles(lead) == [series_and_make, two_tags, one_tag]


def test_nothing_unpublished_and_never_the_article_itself(registry, lead):
    everything = {
        "teams": [registry["mulsanne"]],
        "drivers": [registry["ceccon"]],
        "championships": [registry["wtcr"]],
    }
    for state in ({"draft": True}, {"in_review": True}, {"scheduled": True}, {"unpublished": True}):
        ArticleFactory(title="Caché", links=everything, tags=["pluie"], **state)
    visible = ArticleFactory(tags=["pluie"])
    assert related_articles(lead) == [visible]


def test_at_most_four(registry, lead):
    for _n in range(6):
        ArticleFactory(tags=["pluie"])
    assert len(related_articles(lead)) == 4


def test_an_article_sharing_nothing_has_no_related(registry):
    loner = ArticleFactory(links={"teams": [registry["other_team"]]})
    ArticleFactory(links={"teams": [registry["mulsanne"]]}, tags=["pluie"])
    assert related_articles(loner) == []


def as_the_page_reads(article):
    return Article.objects.for_detail().get(pk=article.pk)


def test_scoring_costs_the_same_for_3_or_30_candidates(registry, lead):
    def cost():
        with CaptureQueriesContext(connection) as queries:
            cards = related_articles(as_the_page_reads(lead))
            attach_links({"tags": cards})  # as the article page does, with its own links
            for article in cards:  # everything a card shows
                list(article.tags.all())
                article.primary_championship  # noqa: B018
        return len(queries), len(cards)

    for _n in range(3):
        ArticleFactory(tags=["pluie"], primary_championship=registry["wtcr"])
    few = cost()
    for _n in range(27):
        ArticleFactory(
            tags=["pluie", "tourisme"],
            primary_championship=registry["wtcr"],
            links={"teams": [registry["mulsanne"]]},
        )
    RelatedList.objects.all().delete()  # as the day after
    many = cost()
    # The article, the ranking and its keeping, the cards, their tags.
    assert few == (5, 3)
    assert many == (5, 4)
    # Kept: the article with its ranking, the cards, their tags.
    assert cost() == (3, 4)


def test_a_ranking_is_kept_until_the_article_is_written(registry, lead):
    shared = ArticleFactory(title="Même mot-clé", tags=["pluie"])
    assert related_articles(as_the_page_reads(lead)) == [shared]
    with CaptureQueriesContext(connection) as kept:
        assert related_articles(as_the_page_reads(lead)) == [shared]
    assert not any("GROUP BY" in query["sql"] for query in kept.captured_queries)

    services.save_article(
        article=lead,
        user=UserFactory(role=CHIEF),
        loaded_version=lead.version,
        add_links={"tags": ["neige"]},
    )
    snowy = ArticleFactory(title="Sous la neige", tags=["neige", "pluie"])
    assert related_articles(as_the_page_reads(lead)) == [snowy, shared]


def test_an_article_sharing_a_team_finds_its_place_at_once(registry, lead):
    older = ArticleFactory(title="Même série", links={"championships": [registry["wtcr"]]})
    assert related_articles(as_the_page_reads(lead)) == [older]
    crew = ArticleFactory(title="Même équipe", draft=True, links={"teams": [registry["mulsanne"]]})
    services.transition(article=crew, name="publish", user=UserFactory(role=CHIEF))
    assert related_articles(as_the_page_reads(lead)) == [crew, older]


def test_a_ranking_older_than_a_day_is_made_again(registry, lead):
    older = ArticleFactory(title="Même mot-clé", tags=["pluie"])
    assert related_articles(as_the_page_reads(lead)) == [older]
    # Sharing only a tag: the kept ranking does not know it until it is a day old.
    newer = ArticleFactory(title="Autre mot-clé partagé", tags=["tourisme"])
    assert related_articles(as_the_page_reads(lead)) == [older]
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert related_articles(as_the_page_reads(lead)) == [newer, older]


def test_a_kept_related_article_goes_as_soon_as_it_is_unpublished(registry, lead):
    shared = ArticleFactory(title="Même mot-clé", tags=["pluie"])
    other = ArticleFactory(title="Même équipe", links={"teams": [registry["mulsanne"]]})
    assert related_articles(as_the_page_reads(lead)) == [other, shared]
    services.transition(article=other, name="unpublish", user=UserFactory(role=CHIEF))
    assert related_articles(as_the_page_reads(lead)) == [shared]


def test_article_page_shows_related_cards(client, registry, lead):
    related = ArticleFactory(title="Une autre victoire de Ceccon", tags=["pluie"])
    ArticleFactory(title="Brouillon lié", draft=True, tags=["pluie"])
    html = client.get(lead.get_absolute_url()).content.decode()
    section = html[html.index('<section class="related"') :]
    assert 'class="card"' in section
    assert f'href="{related.get_absolute_url()}"' in section
    assert "Brouillon lié" not in html


def test_a_withdrawn_card_leaves_its_place_to_the_next_kept(registry, lead):
    # Sharing only a tag with the article, so its withdrawal keeps the ranking (a team or a
    # driver would have it made again): the page reads past the first four ids kept.
    five = [
        ArticleFactory(title=f"Sous la pluie {n}", tags=["pluie"], published_at=ago(n))
        for n in range(1, 6)
    ]
    assert related_articles(as_the_page_reads(lead)) == five[:4]
    services.transition(article=five[1], name="unpublish", user=UserFactory(role=CHIEF))
    assert RelatedList.objects.filter(article=lead).exists()
    assert related_articles(as_the_page_reads(lead)) == [five[0], *five[2:]]
