import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from taggit.models import Tag

from articles.admin.tags import TagAdmin  # importing it registers it in place of taggit's
from articles.models import Article, AuditEntry
from tests.articles.factories import ArticleFactory
from tests.articles.roles import WRITER, client_for, member

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:taggit_tag_changelist")


@pytest.fixture
def wtcr_tags():
    """Three spellings of one series, as years of imports leave them."""
    ArticleFactory.create_batch(2, tags=["WTCR"])
    ArticleFactory(tags=["WTCR", "World Touring Car Cup"])
    ArticleFactory(tags=["World Touring Car Cup"], draft=True)
    ArticleFactory(tags=["FIA WTCR"])
    return {tag.name: tag for tag in Tag.objects.all()}


def merge_post(tags, **extra):
    return {
        "action": "merge_selected",
        helpers.ACTION_CHECKBOX_NAME: [str(tag.pk) for tag in tags],
        **extra,
    }


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


def test_the_tag_list_shows_how_many_articles_use_each_tag(editor, wtcr_tags):
    response = client_for(editor).get(LIST_URL)

    assert response.status_code == 200
    rows = {
        tag.name: (tag.article_count, tag.published_count)
        for tag in response.context["cl"].result_list
    }
    assert rows == {"WTCR": (3, 3), "World Touring Car Cup": (2, 1), "FIA WTCR": (1, 1)}
    assert '<td class="field-article_count">3</td>' in response.content.decode()


def test_the_tag_list_sorts_by_usage_and_searches_by_name(editor, wtcr_tags):
    client = client_for(editor)

    most_used = client.get(LIST_URL, {"o": "-3"}).context["cl"].result_list
    found = client.get(LIST_URL, {"q": "fia"}).context["cl"].result_list

    assert [tag.name for tag in most_used] == ["WTCR", "World Touring Car Cup", "FIA WTCR"]
    assert [tag.name for tag in found] == ["FIA WTCR"]


def test_an_editor_merges_tags_through_a_confirmation_page(editor, wtcr_tags):
    client = client_for(editor)
    selected = wtcr_tags.values()

    page = client.post(LIST_URL, merge_post(selected))

    assert page.status_code == 200
    assert page.templates[0].name == "admin/taggit/tag/merge.html"
    html = page.content.decode()
    assert "csrfmiddlewaretoken" in html
    assert "WTCR (3 " in html  # each choice shows how many articles it carries
    assert f'value="{wtcr_tags["WTCR"].pk}" id="id_into_0" checked' in html  # most used first
    assert Tag.objects.count() == 3  # nothing happens before the confirmation

    done = client.post(
        LIST_URL, merge_post(selected, confirm="1", into=wtcr_tags["WTCR"].pk), follow=True
    )

    assert list(Tag.objects.values_list("name", flat=True)) == ["WTCR"]
    assert Article.objects.filter(tags__name="WTCR").count() == 5
    [message] = shown_messages(done)
    assert "WTCR" in message and "2" in message and "3" in message  # kept tag, removed, retagged
    assert AuditEntry.objects.editorial().get().action == AuditEntry.Action.TAG_MERGE


def test_an_editor_merges_into_a_tag_typed_by_name(editor, wtcr_tags):
    client = client_for(editor)

    client.post(
        LIST_URL,
        merge_post([wtcr_tags["FIA WTCR"]], confirm="1", into_name="  wtcr "),
    )

    assert sorted(Tag.objects.values_list("name", flat=True)) == ["WTCR", "World Touring Car Cup"]
    assert Article.objects.filter(tags__name="WTCR").count() == 4


def test_merging_into_an_unknown_name_asks_again(editor, wtcr_tags):
    page = client_for(editor).post(
        LIST_URL, merge_post(wtcr_tags.values(), confirm="1", into_name="Coupe du monde")
    )

    assert page.status_code == 200
    assert "Coupe du monde" in page.context["form"].errors["into_name"][0]
    assert Tag.objects.count() == 3


def test_a_single_selected_tag_cannot_be_merged_into_itself(editor, wtcr_tags):
    wtcr = wtcr_tags["WTCR"]

    page = client_for(editor).post(LIST_URL, merge_post([wtcr], confirm="1", into=wtcr.pk))

    assert page.status_code == 200
    assert page.context["form"].non_field_errors()
    assert Tag.objects.count() == 3


def test_a_writer_cannot_merge_tags_even_with_a_crafted_post(wtcr_tags):
    writer = member("wanda", WRITER)
    client = client_for(writer)

    listing = client.get(LIST_URL)
    client.post(LIST_URL, merge_post(wtcr_tags.values()))
    client.post(LIST_URL, merge_post(wtcr_tags.values(), confirm="1", into=wtcr_tags["WTCR"].pk))

    assert listing.status_code == 200
    assert "merge_selected" not in listing.content.decode()
    assert Tag.objects.count() == 3
    assert not AuditEntry.objects.editorial().exists()


def test_the_merge_action_itself_refuses_a_writer(wtcr_tags):
    request = RequestFactory().post(LIST_URL)
    request.user = member("wanda", WRITER)
    model_admin = admin.site._registry[Tag]

    with pytest.raises(PermissionDenied):
        model_admin.merge_selected(request, Tag.objects.all())

    assert Tag.objects.count() == 3


def test_an_editor_renames_a_tag_from_its_form(editor, wtcr_tags):
    tag = wtcr_tags["FIA WTCR"]

    response = client_for(editor).post(
        reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "WTCR 2018"}
    )

    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("WTCR 2018", "wtcr-2018")
    assert AuditEntry.objects.editorial().get().action == AuditEntry.Action.TAG_RENAME


def test_renaming_to_an_existing_tag_shows_an_error_pointing_to_the_merge(editor, wtcr_tags):
    tag = wtcr_tags["FIA WTCR"]

    response = client_for(editor).post(
        reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "wtcr"}
    )

    assert response.status_code == 200
    error = response.context["adminform"].form.errors["name"][0]
    assert "WTCR" in error
    assert str(TagAdmin.merge_selected.short_description) in error
    tag.refresh_from_db()
    assert tag.name == "FIA WTCR"


def test_the_chief_editor_deletes_tags(wtcr_tags, chief, editor):
    selected = merge_post([wtcr_tags["FIA WTCR"]], action="delete_selected")

    client_for(editor).post(LIST_URL, {**selected, "post": "yes"})
    assert Tag.objects.count() == 3  # editors curate, they do not delete

    client_for(chief).post(LIST_URL, {**selected, "post": "yes"})
    assert not Tag.objects.filter(name="FIA WTCR").exists()
