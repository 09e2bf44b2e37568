"""Who else has an article open: a warning to the people editing it, never a lock."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.admin.editing import presence_leave_view, presence_view
from articles.models import EditingPresence
from tests.articles.factories import ArticleFactory
from tests.articles.roles import EDITOR, WRITER, client_for, member

pytestmark = pytest.mark.django_db


def ping(user, article) -> tuple[int, dict]:
    request = RequestFactory().post("/")
    request.user = user
    response = presence_view(request, article.pk)
    return response.status_code, json.loads(response.content)


def names(user, article) -> list[str]:
    return [other["name"] for other in ping(user, article)[1]["others"]]


@pytest.fixture
def article():
    # Alice's draft: she and the editors may edit it.
    return ArticleFactory(draft=True, published_at=None, created_by=member("alice", WRITER))


def test_two_people_on_the_same_article_see_each_other(article):
    alice = article.created_by
    alice.first_name, alice.last_name = "Alice", "Martin"
    alice.save()
    bob = member("bob", EDITOR)

    assert names(alice, article) == []
    assert names(bob, article) == ["Alice Martin"]
    assert names(alice, article) == ["bob"]


def test_nobody_is_listed_on_another_article(article):
    alice, bob = article.created_by, member("bob", EDITOR)
    ping(alice, ArticleFactory(draft=True, published_at=None))

    assert names(bob, article) == []


def test_pinging_again_keeps_one_row_per_person(article):
    alice = article.created_by
    ping(alice, article)
    ping(alice, article)

    assert EditingPresence.objects.filter(article=article, user=alice).count() == 1


def test_people_not_seen_for_45_seconds_are_gone(article):
    alice, bob = article.created_by, member("bob", EDITOR)
    ping(alice, article)
    EditingPresence.objects.filter(user=alice).update(
        seen_at=timezone.now() - timedelta(seconds=46)
    )

    assert names(bob, article) == []


def test_leaving_the_page_removes_the_person(article):
    alice, bob = article.created_by, member("bob", EDITOR)
    ping(alice, article)
    request = RequestFactory().post("/")
    request.user = alice

    assert presence_leave_view(request, article.pk).status_code == 204
    assert names(bob, article) == []


@pytest.mark.parametrize("who", ["anonymous", "staff without a role"])
def test_people_who_may_not_see_articles_are_refused(article, who):
    user = AnonymousUser() if who == "anonymous" else member("stan", None)

    status, answer = ping(user, article)

    assert status == 403
    assert answer["error"]
    assert not EditingPresence.objects.exists()


def test_presence_through_the_admin_requires_post_and_csrf(article):
    """Relies on ArticleAdmin.get_urls including editing_urls()."""
    alice = article.created_by
    url = reverse("admin:articles_article_presence", args=[article.pk])
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)

    assert client_for(alice).get(url).status_code == 405
    assert strict.post(url).status_code == 403
    assert not EditingPresence.objects.exists()
    assert client_for(alice).post(url).json() == {"others": []}
    leave = reverse("admin:articles_article_presence_leave", args=[article.pk])
    assert client_for(alice).post(leave).status_code == 204
    assert not EditingPresence.objects.exists()


def test_people_who_only_read_the_article_are_not_said_to_edit_it(article):
    """A writer opening someone else's article (read-only for them) is nobody's worry."""
    reader = member("rita", WRITER)
    bob = member("bob", EDITOR)

    assert names(reader, article) == []  # they still see who edits
    assert names(bob, article) == []
    assert not EditingPresence.objects.filter(user=reader).exists()
