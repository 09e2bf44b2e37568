"""Links suggested as the article is written: the importer's linker on the form's text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.roles import article_form, client_for, member
from tests.teams.factories import DriverFactory, TeamFactory

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/link-suggestions/"
TEXT = {
    "title": "WTCR : Team Mulsanne brille à Monza",
    "standfirst": "Kevin Ceccon s'impose au volant de l'Alfa Romeo Giulietta TCR.",
    "body": "<p>Derrière lui, Jean Dupont et la <strong>Bonnefoy Racing</strong> surprennent.</p>",
}


@pytest.fixture
def world(world):
    world["wtcr"].aliases = ["WTCR"]
    world["wtcr"].save()
    return world


def keys(answer):
    return [link["key"] for link in answer["links"]]


def test_the_form_text_gets_the_registry_names_it_mentions_and_a_primary_championship(
    writer, world
):
    answer = client_for(writer).post(URL, TEXT).json()

    assert keys(answer) == [
        f"championships:{world['wtcr'].pk}",
        f"manufacturers:{world['alfa'].pk}",
        f"teams:{world['mulsanne'].pk}",
        f"drivers:{world['ceccon'].pk}",
        f"cars:{world['giulietta'].pk}",
    ]
    assert answer["links"][3]["name"] == "Kevin Ceccon"
    assert answer["primary"]["key"] == f"primary_championship:{world['wtcr'].pk}"
    # Names the registry does not know are said, not silently dropped.
    assert answer["unknown_names"] == ["Jean Dupont", "Bonnefoy Racing"]


def test_links_the_form_has_and_dismissed_ones_are_not_offered_again(writer, world):
    form = {
        **TEXT,
        "drivers": [str(world["ceccon"].pk)],
        "primary_championship": str(world["wtcr"].pk),
        "dismissed_links": f"cars:{world['giulietta'].pk},teams:{world['mulsanne'].pk},junk:1,",
    }

    answer = client_for(writer).post(URL, form).json()

    assert keys(answer) == [
        f"championships:{world['wtcr'].pk}",
        f"manufacturers:{world['alfa'].pk}",
    ]
    assert answer["primary"] is None


def test_a_name_added_to_the_registry_is_suggested_at_the_next_request(writer, world):
    client = client_for(writer)
    assert "Jean Dupont" in client.post(URL, TEXT).json()["unknown_names"]

    dupont = DriverFactory(name="Jean Dupont", slug="jean-dupont")
    TeamFactory(name="Bonnefoy Racing", slug="bonnefoy", championships=[world["wtcr"]])

    answer = client.post(URL, TEXT).json()
    assert f"drivers:{dupont.pk}" in keys(answer)
    assert answer["unknown_names"] == []


def test_suggestions_need_article_rights_and_a_post(world):
    reader_staff = member("stagiaire", None)
    assert client_for(reader_staff).post(URL, TEXT).status_code == 403
    writer = member("wanda", "Rédacteur")
    assert client_for(writer).get(URL).status_code == 405


def test_hostile_form_values_are_ignored(writer, world):
    form = {**TEXT, "drivers": ["x", "-3", "9" * 40], "dismissed_links": "drivers:" + "9" * 5000}
    answer = client_for(writer).post(URL, form)
    assert answer.status_code == 200
    assert f"drivers:{world['ceccon'].pk}" in keys(answer.json())


def test_a_warm_request_reads_the_registry_state_not_the_registry(writer, world):
    client = client_for(writer)
    client.post(URL, TEXT)  # compiles the linker

    with CaptureQueriesContext(connection) as queries:
        assert client.post(URL, TEXT).status_code == 200

    # Session, user and rights, then one query for the state of all six registry tables.
    registry = [q["sql"] for q in queries if "teams_" in q["sql"]]
    assert len(registry) == 1
    assert len(queries) <= 5, [q["sql"] for q in queries]


def test_dismissals_are_saved_with_the_article_and_come_back_in_its_form(editor, world):
    article = ArticleFactory(draft=True, published_at=None, created_by=editor)
    client = client_for(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    dismissed = f"drivers:{world['ceccon'].pk},cars:{world['giulietta'].pk}"

    response = client.post(change, article_form(article, dismissed_links=dismissed + ",bad"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.dismissed_links == [
        f"drivers:{world['ceccon'].pk}",
        f"cars:{world['giulietta'].pk}",
    ]
    page = client.get(change).content.decode()
    assert f'name="dismissed_links" value="{dismissed}"' in page
    assert 'id="link-suggestions"' in page


def test_people_who_only_read_an_article_get_no_suggestion_panel(writer, editor, world):
    theirs = ArticleFactory(status=Article.Status.PUBLISHED, created_by=editor)
    page = client_for(writer).get(reverse("admin:articles_article_change", args=[theirs.pk]))
    assert page.status_code == 200
    assert 'id="link-suggestions"' not in page.content.decode()
