"""Author pages: a public address per signatory, never their username or email."""

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jeanne(django_user_model):
    return django_user_model.objects.create_user(
        "jmartin42",
        email="jeanne.private@example.org",
        first_name="Jeanne",
        last_name="Martin",
        is_staff=True,
    )


def signed(user, **kwargs):
    article = ArticleFactory(**kwargs)
    article.authors.add(user)
    return article


def test_byline_links_to_the_author_page(client, jeanne):
    article = signed(jeanne, title="Essais à Magny-Cours")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/auteurs/jeanne-martin/" rel="author">Jeanne Martin</a>' in html
    assert "jmartin42" not in html and "jeanne.private" not in html


def test_author_page_lists_only_published_articles(client, jeanne):
    visible = signed(jeanne, title="Article visible")
    for state in ({"draft": True}, {"scheduled": True}, {"unpublished": True}):
        signed(jeanne, title="Article secret", **state)
    ArticleFactory(title="Article d'un autre")
    response = client.get("/auteurs/jeanne-martin/")
    assert list(response.context["articles"]) == [visible]
    html = response.content.decode()
    assert "<h1>Jeanne Martin</h1>" in html and "1 article publié" in html
    assert "secret" not in html and "d'un autre" not in html
    assert "jmartin42" not in html and "jeanne.private" not in html


def test_namesakes_get_addresses_of_their_own(client, jeanne, django_user_model):
    namesake = django_user_model.objects.create_user(
        "jmartin2", first_name="Jeanne", last_name="MARTIN"
    )
    mine, theirs = signed(jeanne, title="De la première"), signed(namesake, title="De la seconde")
    assert list(client.get("/auteurs/jeanne-martin/").context["articles"]) == [mine]
    assert list(client.get("/auteurs/jeanne-martin-2/").context["articles"]) == [theirs]


def test_someone_without_published_articles_has_no_page(client, jeanne):
    signed(jeanne, draft=True)
    assert client.get("/auteurs/jeanne-martin/").status_code == 404
    assert client.get("/auteurs/personne/").status_code == 404
    assert "Jeanne Martin" not in client.get("/auteurs/").content.decode()


def test_accounts_without_a_name_show_the_byline_text_and_no_link(client, django_user_model):
    nameless = django_user_model.objects.create_user("pseudo-secret")
    article = signed(nameless, byline="La rédaction")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "La rédaction" in html
    assert "pseudo-secret" not in html and 'rel="author"' not in html


def test_legacy_bylines_are_shown_as_written(client):
    article = ArticleFactory(byline="Correspondant à Macao")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Correspondant à Macao" in html


def test_co_signed_articles_link_every_author(client, jeanne, django_user_model):
    paul = django_user_model.objects.create_user("paul", first_name="Paul", last_name="Durand")
    article = signed(jeanne)
    article.authors.add(paul)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/auteurs/jeanne-martin/"' in html and 'href="/auteurs/paul-durand/"' in html


def test_author_list_counts_published_articles(client, jeanne):
    signed(jeanne)
    signed(jeanne)
    signed(jeanne, draft=True)
    response = client.get("/auteurs/")
    assert [(author.slug, n) for author, n in response.context["authors"]] == [("jeanne-martin", 2)]


def test_author_page_costs_the_same_for_3_or_30_articles(client, jeanne, page_budget):
    for _n in range(3):
        signed(jeanne, tags=["tourisme"])
    with page_budget(5):
        assert client.get("/auteurs/jeanne-martin/").status_code == 200
    for _n in range(27):
        signed(jeanne, tags=["tourisme"])
    with page_budget(5):
        assert client.get("/auteurs/jeanne-martin/").status_code == 200
