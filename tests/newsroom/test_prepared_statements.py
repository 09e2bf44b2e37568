"""On PostgreSQL, the fixed statements every page runs are prepared on their connection and
planned once (articles/planned.py): planning an article page's statements cost PostgreSQL more
than running them. A search is planned for its words every time."""

import pytest
from django.db import connection

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_an_article_page_read_again_runs_statements_prepared_on_the_connection(
    client, world, settings
):
    # Every read renders the page again, as after a publish.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    article = ArticleFactory(links={"championships": [world["wtcr"]]}, tags=["Monza"])
    related = ArticleFactory(links={"championships": [world["wtcr"]]}, tags=["Monza"])
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    for _ in range(7):
        for shown in (article, related):
            response = client.get(shown.get_absolute_url())
            assert response.status_code == 200
        assert client.get("/recherche/", {"q": "Monza"}).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    # The article by its slug, and the links of the page: each planned once, run many times.
    assert any('"articles_article"."slug" = $' in statement for statement in prepared)
    assert any("UNION ALL" in statement for statement in prepared)
    assert any("newsroom_sitegeneration" in statement for statement in prepared)
    # One plan for every search would be wrong for most: none is kept.
    assert not [statement for statement in prepared if "searchdocument" in statement]
