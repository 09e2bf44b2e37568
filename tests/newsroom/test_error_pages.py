"""Error pages in the site's style; the 500 page needs nothing that could be failing."""

import pytest
from django.utils.translation import gettext
from django.views.defaults import server_error

from .markup import read


@pytest.mark.django_db
def test_not_found_page_keeps_the_menu_and_offers_a_search(client):
    response = client.get("/actualites/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-nav"' in html  # base.html and its menu
    assert 'action="/recherche/"' in html and 'id="not-found-q"' in html
    page = read(response)
    # Nothing to recommend to search engines at an address that does not exist.
    assert "canonical" not in page.links and "og:url" not in page.meta
    assert page.first("robots") == "noindex"


def test_server_error_page_renders_without_the_database(rf):
    # No django_db mark: any query here fails the test.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert gettext("Something went wrong") in html
    assert '<a href="/">' in html
