"""The admin answers hostile input with a message, in our admins and in the packages' (found by
the fuzz test, tests/security/test_fuzz.py; fixed once for the whole site in
newsroom/admin_site.py and newsroom/lookups.py)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.articles.factories import UserFactory
from tests.articles.roles import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    return client_for(UserFactory(username="root", is_superuser=True))


@pytest.mark.parametrize(
    "query",
    [
        {"created_at__year": "99999999999999999999"},
        {"created_at__year": "9999", "created_at__month": "12"},
        {"created_at__year": "2019", "created_at__month": "99999999999999999999"},
    ],
)
@pytest.mark.parametrize("listing", ["articles_auditentry", "articles_image", "axes_accesslog"])
def test_a_year_out_of_the_calendar_in_a_list_is_an_incorrect_filter(root, listing, query):
    if listing == "axes_accesslog":
        query = {key.replace("created_at", "attempt_time"): value for key, value in query.items()}
    response = root.get(reverse(f"admin:{listing}_changelist"), query)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_a_number_too_large_for_an_id_in_a_multiple_choice_is_an_invalid_choice(root):
    group = Group.objects.get(name="Rédacteur")
    response = root.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": group.name, "permissions": ["99999999999999999999999"]},
    )
    assert response.status_code == 200
    assert "99999999999999999999999" in response.context["adminform"].form.errors["permissions"][0]


def test_an_autocomplete_choice_that_is_no_id_is_refused_by_the_form(root):
    response = root.post(
        reverse("admin:teams_car_add"),
        {"name": "Giulietta TCR", "slug": "giulietta-tcr", "manufacturer": "x", "aliases": ""},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["manufacturer"]


@pytest.mark.parametrize(
    "address",
    [
        "/admin/articles/article/?q=a%00b",
        "/admin/axes/accessattempt/?path_info=%00",
        "/admin/autocomplete/?app_label=articles&model_name=article&field_name=championships"
        "&term=%00",
    ],
)
def test_nul_in_a_search_or_a_filter_is_left_out_of_the_query(root, address):
    # PostgreSQL refuses NUL in text: these answered 500 there.
    assert root.get(address).status_code == 200


# str.isdigit() says yes to superscript digits, which int() refuses (a naughty string found it).


@pytest.mark.parametrize("address", ["/?page=⁰⁴⁵", "/actualites/?page=²", "/actualites/?p=³"])
def test_a_page_number_in_superscript_digits_is_no_server_error(client, address):
    assert client.get(address).status_code < 500


def test_superscript_digits_for_an_article_an_autosave_or_a_version_are_no_server_error(root):
    from tests.articles.factories import ArticleFactory

    article = ArticleFactory()
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert root.get("/admin/articles/article/²/change/").status_code == 302
    assert root.get(change, {"autosave": "²"}).status_code == 200
    workflow = reverse("admin:articles_article_workflow", args=[article.pk, "unpublish"])
    moved = root.post(workflow, {"loaded_version": "²"}, follow=True)
    assert moved.status_code == 200
    article.refresh_from_db()
    assert article.is_published()  # a move that names no version it was decided on is refused
