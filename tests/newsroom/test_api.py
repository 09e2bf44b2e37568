"""The read API (/api/v1/) answers what the pages show, no more: published articles and the
registry, page by page, filtered, cached and revalidated like the pages."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import transition
from tests.articles.factories import ArticleFactory
from tests.conftest import make_articles

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"


def titles(answer) -> list[str]:
    return [article["title"] for article in answer.json()["results"]]


def every_page(client, address: str) -> list[dict]:
    """All the articles `address` lists, following `next` from page to page."""
    found = []
    while address:
        answer = client.get(address)
        assert answer.status_code == 200, answer.content
        found += answer.json()["results"]
        address = answer.json()["next"]
    return found


def test_only_published_articles_newest_first(client, world, hidden):
    older = ArticleFactory(title="Victoire à Vila Real", published_at=timezone.now() - timedelta(3))
    newer = ArticleFactory(title="Podium à Macao", published_at=timezone.now() - timedelta(1))
    answer = client.get(ARTICLES)
    assert titles(answer) == [newer.title, older.title]
    for article in hidden:
        assert client.get(f"{ARTICLES}{article.slug}/").status_code == 404
    assert "secret" not in answer.content.decode()


def test_an_article_card_and_the_article_itself(client, world, writer):
    writer.first_name, writer.last_name = "Jeanne", "Martin"
    writer.save()
    (article,) = make_articles(world, 1, title="Ceccon gagne à Vila Real")
    article.authors.add(writer)
    (card,) = client.get(ARTICLES).json()["results"]
    assert card["title"] == "Ceccon gagne à Vila Real"
    assert card["url"] == f"http://testserver{article.get_absolute_url()}"
    assert card["primary_championship"] == {"slug": "wtcr", "name": world["wtcr"].name}
    assert {team["slug"] for team in card["teams"]} == {"team-mulsanne"}
    assert {tag["name"] for tag in card["tags"]} == {"tourisme", "titre", "manche 0"}
    assert "body" not in card  # lists carry no article text

    full = client.get(f"{ARTICLES}{article.slug}/").json()
    assert full["body"] == "<p>Premier paragraphe du récit.</p><p>Second paragraphe.</p>"
    assert full["authors"] == ["Jeanne Martin"]
    assert {driver["slug"] for driver in full["drivers"]} == {"kevin-ceccon"}


def test_a_month_only_archive_text_gives_the_first_of_its_month(client):
    ArticleFactory(
        published_at=datetime(2018, 5, 1, 12, tzinfo=timezone.get_default_timezone()),
        date_precision=Article.DatePrecision.MONTH,
    )
    (card,) = client.get(ARTICLES).json()["results"]
    assert card["published_at"] == "2018-05-01T00:00:00+02:00"
    assert card["date_precision"] == "month"


def test_pages_follow_one_another_without_gap_or_repeat(client):
    # Archive texts of one month share their publication time: the cursor still tells them apart.
    same_moment = timezone.now() - timedelta(days=40)
    shared = [ArticleFactory(published_at=same_moment) for _ in range(25)]
    others = [
        ArticleFactory(published_at=timezone.now() - timedelta(hours=n)) for n in range(1, 21)
    ]
    found = every_page(client, f"{ARTICLES}?page_size=7")
    assert len(found) == 45
    expected = sorted(shared + others, key=lambda a: (a.published_at, a.pk), reverse=True)
    assert [a["slug"] for a in found] == [a.slug for a in expected]


def test_filters_by_entity_tag_language_and_dates(client, world):
    wtcr = make_articles(world, 2)
    btcc = ArticleFactory(title="Ingram sacré", links={"championships": [world["btcc"]]})
    old = ArticleFactory(
        title="Souvenir de 2009",
        published_at=datetime(2009, 10, 4, 23, 30, tzinfo=timezone.get_default_timezone()),
    )
    english = ArticleFactory(title="Title race", language="en")

    def slugs(query: str) -> set[str]:
        return {article["slug"] for article in every_page(client, f"{ARTICLES}?{query}")}

    assert slugs("championship=wtcr") == {a.slug for a in wtcr}
    assert slugs("championship=btcc") == {btcc.slug}
    assert slugs("team=team-mulsanne&driver=kevin-ceccon") == {a.slug for a in wtcr}
    assert slugs("manufacturer=hyundai") == {a.slug for a in wtcr}
    assert slugs("tag=titre") == {a.slug for a in wtcr}
    assert slugs("language=en") == {english.slug}
    assert slugs("until=2009-12-31") == {old.slug}
    assert slugs("since=2009-10-04&until=2009-10-04") == {old.slug}
    assert old.slug not in slugs("since=2010-01-01")
    assert slugs("championship=nobody") == set()


def test_a_tag_only_unpublished_articles_use_looks_like_no_tag(client, world, hidden):
    hidden_tag = client.get(f"{ARTICLES}?tag=tourisme")
    unknown_tag = client.get(f"{ARTICLES}?tag=inconnu")
    assert hidden_tag.status_code == unknown_tag.status_code == 200
    assert hidden_tag.json() == unknown_tag.json() == {"next": None, "results": []}


@pytest.mark.parametrize(
    "query",
    [
        "cursor=pas-un-curseur",
        "cursor=" + "A" * 40,
        "cursor=MjAxOC0wNS0wMXwx",  # "2018-05-01|1": a date without its time zone
        "page_size=0",
        "page_size=100000",
        "since=2018-13-45",
        "until=hier",
        "championship=%00",
        "tag=%27%20OR%201%3D1",
        "language=fran%C3%A7ais",
    ],
)
def test_bad_parameters_get_a_message_never_a_500(client, query):
    ArticleFactory()
    answer = client.get(f"{ARTICLES}?{query}")
    assert answer.status_code in (200, 400, 422)
    assert answer.json()  # a JSON message, not an error page
    if answer.status_code == 400:
        assert "cursor" in answer.json()["detail"]


def test_answers_revalidate_and_change_with_the_site(client, editor):
    article = ArticleFactory(title="Victoire à Monza")
    first = client.get(ARTICLES)
    assert "public" in first["Cache-Control"]
    assert client.get(ARTICLES, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    transition(article=article, user=editor, name="unpublish")
    after = client.get(ARTICLES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert titles(after) == []


def test_parameters_are_cached_apart_and_cannot_pass_for_others(client, world):
    make_articles(world, 1)
    ArticleFactory(title="Ingram sacré", links={"championships": [world["btcc"]]})
    # A parameter the API does not read, whose value holds "&championship=…": it must not
    # take the place of the real filter in the cache.
    assert len(titles(client.get(f"{ARTICLES}?a=1%26championship%3Dbtcc"))) == 2
    assert titles(client.get(f"{ARTICLES}?a=1&championship=btcc")) == ["Ingram sacré"]
    assert titles(client.get(f"{ARTICLES}?championship=btcc&tag=titre")) == []


def test_query_budgets(client, world, page_budget, django_assert_max_num_queries):
    articles = make_articles(world, 30)
    with page_budget(3):  # site state, articles, every link of every article
        client.get(ARTICLES)
    with page_budget(3):
        client.get(f"{ARTICLES}?championship=wtcr&tag=titre&page_size=100")
    with page_budget(4):  # and the authors' names
        client.get(f"{ARTICLES}{articles[0].slug}/")
    with page_budget(5):  # count, page, each team's series and makes
        client.get("/api/v1/teams/")


@pytest.mark.parametrize("page", ["99999999999999999999999", "-1", "0", "deux"])
def test_a_registry_page_beyond_any_number_gets_a_message(client, world, page):
    answer = client.get(f"/api/v1/drivers/?page={page}")
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "page"]


def test_the_registry_with_published_counts(client, world, hidden):
    make_articles(world, 2)
    answer = client.get("/api/v1/championships/").json()
    assert answer["count"] == 2
    by_slug = {item["slug"]: item for item in answer["items"]}
    assert by_slug["wtcr"]["article_count"] == 2  # the hidden articles are not counted
    assert by_slug["btcc"]["article_count"] == 0
    assert by_slug["wtcr"]["url"] == "http://testserver/championnats/wtcr/"
    team = client.get("/api/v1/teams/team-mulsanne/").json()
    assert team["championships"] == [{"slug": "wtcr", "name": world["wtcr"].name}]
    assert client.get("/api/v1/drivers/kevin-ceccon/").json()["nationality"] == "IT"
    assert client.get("/api/v1/manufacturers/alfa-romeo/").json()["country"] == "IT"
    assert client.get("/api/v1/drivers/personne/").status_code == 404
    assert client.get("/api/v1/drivers/%00/").status_code == 404
    assert client.get(f"{ARTICLES}%00/").status_code == 404


def test_partner_sites_may_read_it_from_a_browser_but_not_the_site(client):
    ArticleFactory()
    partner = {"HTTP_ORIGIN": "https://partenaire.example"}
    first = client.get(ARTICLES, **partner)
    again = client.get(ARTICLES, **partner)  # from the cache this time
    assert first["Access-Control-Allow-Origin"] == again["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in first
    preflight = client.options(ARTICLES, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **partner)
    assert preflight.status_code == 200
    assert "Access-Control-Allow-Origin" not in client.get("/actualites/", **partner)


def test_the_openapi_schema_and_its_documentation_page(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/articles/", "/api/v1/articles/{slug}/", "/api/v1/drivers/"} <= set(
        schema["paths"]
    )
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"https://" not in docs.content  # its scripts come from this site, not a CDN


def test_a_championships_seasons_calendar_entries_and_standings(client, wtcr):
    seasons = client.get("/api/v1/championships/wtcr/seasons/").json()
    assert [(s["label"], s["status"]) for s in seasons] == [
        ("2022", "finished"),
        ("2019", "finished"),
    ]
    assert seasons[1]["url"] == "http://testserver/championnats/wtcr/2019/"
    season = client.get("/api/v1/championships/wtcr/seasons/2019/").json()
    assert season["championship"] == {"slug": "wtcr", "name": wtcr["series"].name}
    assert season["final"] is True and season["missing_results"] == []
    morocco = season["events"][0]
    assert morocco["slug"] == "maroc" and morocco["start_date"] == "2019-04-06"
    assert morocco["place"] == {
        "circuit": {"slug": "marrakech", "name": "Circuit Moulay El Hassan"},
        "location": "Marrakech",
    }
    assert morocco["url"] == "http://testserver/championnats/wtcr/2019/maroc/"
    entry = next(e for e in season["entries"] if e["number"] == "68")
    assert entry["team"]["slug"] == "cyan-racing" and entry["manufacturer"]["slug"] == "lynk-co"
    assert [d["slug"] for d in entry["drivers"]] == ["yann-ehrlacher"]
    (table,) = season["standings"]
    assert [(s["position"], s["competitor"]["slug"], s["points"]) for s in table["drivers"]] == [
        (1, "yann-ehrlacher", 50),
        (2, "kevin-ceccon", 43),
    ]
    # 2022 has an event over with no results: nothing is said to be final.
    later = client.get("/api/v1/championships/wtcr/seasons/2022/").json()
    assert later["standings"] == [] and later["final"] is False
    assert later["missing_results"] == []  # no result at all: no standings to qualify


def test_an_events_results_by_session(client, wtcr):
    event = client.get("/api/v1/championships/wtcr/seasons/2019/maroc/").json()
    assert event["season"]["label"] == "2019" and event["championship"]["slug"] == "wtcr"
    first, second = event["sessions"]
    assert first["name"] == "course 1"
    assert [(r["position"], r["number"], r["points"]) for r in first["results"]] == [
        (1, "68", 25),
        (2, "9", 18),
    ]
    assert second["results"][1]["status"] == "dnf" and second["results"][1]["position"] is None


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/championships/inconnu/seasons/",
        "/api/v1/championships/wtcr/seasons/2020/",
        "/api/v1/championships/wtcr/seasons/2019/japon/",
        "/api/v1/championships/wtcr/seasons/2019/%00/",
    ],
)
def test_seasons_and_events_that_do_not_exist_answer_404(client, wtcr, address):
    assert client.get(address).status_code == 404


def test_season_answers_have_fixed_query_budgets(client, wtcr, page_budget):
    with page_budget(3):  # site state, the championship, its seasons
        client.get("/api/v1/championships/wtcr/seasons/")
    with page_budget(7):  # site state, the season, the sheet (five)
        client.get("/api/v1/championships/wtcr/seasons/2019/")
    with page_budget(5):  # site state, the event, its results with their drivers (three)
        client.get("/api/v1/championships/wtcr/seasons/2019/maroc/")
