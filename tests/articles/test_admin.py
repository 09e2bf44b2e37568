from datetime import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.roles import article_form
from tests.teams.factories import (
    CarFactory,
    ChampionshipFactory,
    CircuitFactory,
    DriverFactory,
    ManufacturerFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    """A staff member with the article and registry permissions, not a superuser."""
    user = django_user_model.objects.create_user("claire", password="motdepasse-long-42")
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "teams", "taggit"])
    )
    client.force_login(user)
    return client


def form_data(**overrides):
    return article_form(
        **{"slug": "alfa-romeo-simpose-a-monza", "byline": "Claire Martin", **overrides}
    )


def test_staff_writes_a_linked_tagged_article_and_publishes_it(editor_client):
    wtcr = ChampionshipFactory(slug="wtcr", name="FIA World Touring Car Cup (WTCR)")
    alfa = ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo")
    team = TeamFactory()
    driver = DriverFactory()
    car = CarFactory(manufacturer=alfa)
    circuit = CircuitFactory()
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        form_data(
            workflow="publish",
            published_at_0="24/11/2026",
            published_at_1="08:00:00",
            primary_championship=wtcr.pk,
            championships=[wtcr.pk],
            manufacturers=[alfa.pk],
            teams=[team.pk],
            drivers=[driver.pk],
            cars=[car.pk],
            circuits=[circuit.pk],
            tags="tourisme, fin de saison",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.is_published()
    assert sorted(article.tags.names()) == ["fin de saison", "tourisme"]
    assert list(article.championships.all()) == [wtcr]
    assert list(article.manufacturers.all()) == [alfa]
    assert article.primary_championship == wtcr
    assert [article.teams.get(), article.drivers.get(), article.cars.get()] == [team, driver, car]
    assert article.circuits.get() == circuit


def test_change_form_renders_with_autocomplete_and_tag_suggestions(editor_client):
    ArticleFactory(tags=["tourisme", "endurance"])
    article = ArticleFactory(tags=["tourisme"])
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for field in Article.LINK_FIELDS:
        assert f'id="id_{field}"' in html and "admin-autocomplete" in html
    assert 'data-tag-suggestions="id_tags_list"' in html
    assert '<option value="endurance">' in html
    assert 'data-tag="tourisme"' in html
    assert "prepopulated_fields" in html or "prepopulated" in html


def test_body_is_sanitised_whatever_the_editor_sends(editor_client):
    editor_client.post(
        reverse("admin:articles_article_add"),
        form_data(body='<p>Texte</p><img src=x onerror="alert(1)"><a href="javascript:x()">l</a>'),
    )
    body = Article.objects.get().body
    assert "onerror" not in body and "javascript" not in body
    assert body.startswith("<p>Texte</p>")


def test_publish_and_unpublish_actions(editor_client):
    drafts = [ArticleFactory(draft=True, published_at=None) for _ in range(2)]
    url = reverse("admin:articles_article_changelist")
    response = editor_client.post(
        url, {"action": "publish", "_selected_action": [a.pk for a in drafts]}, follow=True
    )
    assert "2 articles publiés" in response.content.decode()
    assert Article.objects.published().count() == 2

    editor_client.post(url, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    drafts[0].refresh_from_db()
    assert drafts[0].status == Article.Status.UNPUBLISHED
    assert not drafts[0].is_published()


def test_publishing_keeps_a_legacy_month_date(editor_client):
    legacy = ArticleFactory(
        draft=True,
        date_precision="month",
        published_at=timezone.datetime(2019, 1, 1, 12, tzinfo=timezone.get_current_timezone()),
    )
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [legacy.pk]},
    )
    legacy.refresh_from_db()
    assert legacy.is_published()
    assert legacy.date_precision == "month"
    assert legacy.published_at.year == 2019


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Brouillon", "Victoire à Monza"]),
        ({"status__exact": "draft"}, ["Brouillon"]),
        ({"language__exact": "fr"}, ["Brouillon", "Victoire à Monza"]),
        ({"q": "Monza"}, ["Victoire à Monza"]),
        ({"published_at__year": "2019"}, ["Victoire à Monza"]),
    ],
)
def test_changelist_with_filters(editor_client, query, expected):
    wtcr = ChampionshipFactory()
    ArticleFactory(
        title="Victoire à Monza",
        primary_championship=wtcr,
        links={"championships": [wtcr]},
        published_at=timezone.make_aware(datetime(2019, 5, 12, 15)),
    )
    ArticleFactory(title="Brouillon", draft=True, published_at=None)
    response = editor_client.get(reverse("admin:articles_article_changelist"), query)
    assert sorted(a.title for a in response.context["cl"].result_list) == expected


def test_changelist_filters_by_championship_and_manufacturer(editor_client):
    wtcr = ChampionshipFactory()
    alfa = ManufacturerFactory()
    ArticleFactory(title="Dans le WTCR", links={"championships": [wtcr], "manufacturers": [alfa]})
    ArticleFactory(title="Ailleurs")
    url = reverse("admin:articles_article_changelist")
    for query in ({"championships__id__exact": wtcr.pk}, {"manufacturers__id__exact": alfa.pk}):
        result = editor_client.get(url, query).context["cl"].result_list
        assert [a.title for a in result] == ["Dans le WTCR"]


def test_publishing_without_a_date_means_now(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_add"), form_data(workflow="publish")
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_published()
    assert timezone.now() - article.published_at < timezone.timedelta(minutes=1)


def test_anonymous_visitors_cannot_reach_the_admin(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_changes_tags_and_links_of_an_existing_article(editor_client):
    wtcr, btcc = ChampionshipFactory(), ChampionshipFactory()
    alfa = ManufacturerFactory()
    article = ArticleFactory(tags=["ancien"], links={"championships": [wtcr]})
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = editor_client.get(url).context["adminform"].form
    data = form_data(
        title=article.title,
        slug=article.slug,
        loaded_version=form.initial["loaded_version"],
        workflow="publish",
        published_at_0=timezone.localtime(article.published_at).strftime("%d/%m/%Y"),
        published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        championships=[btcc.pk],
        manufacturers=[alfa.pk],
        tags="nouveau, essais",
    )
    assert form.initial["tags"]  # the form showed the existing tag
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert sorted(article.tags.names()) == ["essais", "nouveau"]
    assert list(article.championships.all()) == [btcc]
    assert list(article.manufacturers.all()) == [alfa]
    assert article.version == 2


def test_authors_are_chosen_among_active_staff(editor_client, django_user_model):
    django_user_model.objects.create_user("lecteur", password="x" * 20)
    colleague = django_user_model.objects.create_user("marc", password="x" * 20, is_staff=True)
    form = editor_client.get(reverse("admin:articles_article_add")).context["adminform"].form
    choices = set(form.fields["authors"].queryset.values_list("username", flat=True))
    assert choices == {"claire", colleague.username}


@pytest.mark.parametrize(
    "field", ["primary_championship", "championships", "manufacturers", "teams", "drivers"]
)
def test_staff_without_superuser_rights_can_search_every_registry_link(editor_client, field):
    factories = {
        "primary_championship": (ChampionshipFactory, "FIA World Touring Car Cup (WTCR)"),
        "championships": (ChampionshipFactory, "FIA World Touring Car Cup (WTCR)"),
        "manufacturers": (ManufacturerFactory, "Alfa Romeo"),
        "teams": (TeamFactory, "Team Mulsanne"),
        "drivers": (DriverFactory, "Kevin Ceccon"),
    }
    factory, name = factories[field]
    factory(name=name)
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": name.split()[-1][:4], "app_label": "articles", "model_name": "article"}
        | {"field_name": field},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [name]


def test_changelist_filters_imported_articles_by_points_to_check(editor_client):
    ArticleFactory(title="Sans date", draft=True, published_at=None, flags=["no_date"])
    ArticleFactory(title="Titre à relire", flags=["title_to_review"])
    ArticleFactory(title="Écrit à la main")
    url = reverse("admin:articles_article_changelist")
    result = editor_client.get(url, {"flag": "no_date"}).context["cl"].result_list
    assert [a.title for a in result] == ["Sans date"]
    result = editor_client.get(url, {"flag": "title_to_review"}).context["cl"].result_list
    assert [a.title for a in result] == ["Titre à relire"]
