"""Preview links: an unpublished article, shown as readers will see it, to whoever has the link."""

import json
import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from articles.admin.editing import preview_link_view
from articles.models import AuditEntry
from articles.services import revoke_preview, share_preview
from articles.site import preview
from articles.site.views import article_page
from tests.articles.factories import ArticleFactory
from tests.articles.roles import WRITER, client_for, member

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    "draft": {"draft": True, "published_at": None},
    "in review": {"in_review": True, "published_at": None},
    "scheduled": {"scheduled": True},
    "unpublished": {"unpublished": True},
}


def link_to(article) -> str:
    """A preview link made from the command line (no role applies), as its path."""
    return preview.preview_url(share_preview(article=article, user=None))


def article_markup(html: str) -> str:
    return re.search(r"<article.*?</article>", html, re.DOTALL).group(0)


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_link_shows_an_unpublished_article_without_an_account(client, state):
    article = ArticleFactory(
        title="Essais privés à Vallelunga",
        body="<p>Le nouveau châssis a tourné toute la journée.</p>",
        **UNPUBLISHED[state],
    )
    response = client.get(link_to(article))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Essais privés à Vallelunga</h1>" in page
    assert "<p>Le nouveau châssis a tourné toute la journée.</p>" in page
    assert gettext("Preview — this article is not published") in page


def test_preview_shows_the_article_exactly_as_the_public_page_does(client, rf):
    article = ArticleFactory(scheduled=True, tags=["essais"])
    response = client.get(link_to(article))

    public = article_page(rf.get("/"), article).render()
    assert article_markup(response.content.decode()) == article_markup(public.content.decode())


def test_preview_is_kept_out_of_caches_search_engines_and_sets_no_cookie(client):
    article = ArticleFactory(draft=True, published_at=None)
    response = client.get(link_to(article))

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store", "max-age=0"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_link_to_an_article_now_live_leads_to_its_public_page(client):
    article = ArticleFactory()
    response = client.get(link_to(article))

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def invalid_tokens(article, other):
    token = link_to(article).rstrip("/").rsplit("/", 1)[1]
    other_key = str(share_preview(article=other, user=None).key)
    payload, timestamp, signature = token.split(":")
    changed = "A" if signature[-1] != "A" else "B"
    forged_payload = signing.b64_encode(json.dumps(other_key).encode()).decode()
    return {
        "one character changed": f"{payload}:{timestamp}:{signature[:-1]}{changed}",
        "other article, unsigned": f"{forged_payload}:{timestamp}:{signature}",
        "signed without the preview salt": signing.dumps(other_key),
        "garbage": "n-importe-quoi",
        "signed text instead of a key": signing.dumps("1", salt=preview.SALT),
        "signed number instead of a key": signing.dumps(other.pk, salt=preview.SALT),
    }


@pytest.mark.parametrize(
    "case",
    [
        "one character changed",
        "other article, unsigned",
        "signed without the preview salt",
        "garbage",
        "signed text instead of a key",
        "signed number instead of a key",
    ],
)
def test_tampered_links_are_refused(client, case):
    article = ArticleFactory(draft=True, published_at=None, title="Brouillon A")
    other = ArticleFactory(draft=True, published_at=None, title="Brouillon secret B")
    token = invalid_tokens(article, other)[case]

    response = client.get(reverse("articles:preview", args=[token]))

    assert response.status_code == 404
    page = response.content.decode()
    assert gettext("Invalid preview link") in page
    assert "Brouillon" not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_link_of_a_deleted_article_is_refused(client):
    article = ArticleFactory(draft=True, published_at=None)
    url = link_to(article)
    article.delete()

    assert client.get(url).status_code == 404


def test_link_expires(client, settings):
    settings.PADDOCK_PREVIEW_MAX_AGE = 3600
    article = ArticleFactory(draft=True, published_at=None, title="Annonce du calendrier")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        url = link_to(article)
        traveller.shift(timedelta(minutes=59))
        assert client.get(url).status_code == 200

        traveller.shift(timedelta(minutes=2))
        response = client.get(url)

    assert response.status_code == 410
    page = response.content.decode()
    assert gettext("This preview link has expired; ask the editor for a new one.") in page
    assert "Annonce du calendrier" not in page
    assert "no-store" in response["Cache-Control"]


def test_links_last_a_week_by_default(client):
    article = ArticleFactory(draft=True, published_at=None)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        url = link_to(article)
        traveller.shift(timedelta(days=6, hours=23))
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(hours=2))
        assert client.get(url).status_code == 410


# Making a link ---------------------------------------------------------------------------


def answer(response) -> dict:
    return json.loads(response.content)


def link_request(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


def test_writer_gets_an_absolute_link_with_its_expiry_and_it_is_audited():
    writer = member("wanda", WRITER)
    article = ArticleFactory(draft=True, published_at=None, created_by=writer)
    before = timezone.now()

    response = preview_link_view(link_request(writer), article.pk)

    assert response.status_code == 200
    data = answer(response)
    assert data["url"].startswith("http://testserver/apercu/")
    expires = datetime.fromisoformat(data["expires"])
    assert before + timedelta(days=7) <= expires <= timezone.now() + timedelta(days=7)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PREVIEW_LINK)
    assert (entry.user, entry.article) == (writer, article)


def test_made_link_opens_the_preview(client):
    writer = member("wanda", WRITER)
    article = ArticleFactory(
        draft=True, published_at=None, title="Programme de l'hiver", created_by=writer
    )

    url = answer(preview_link_view(link_request(writer), article.pk))["url"]

    assert "Programme de l" in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "staff without a role", "another writer"])
def test_only_people_who_may_edit_the_article_make_links(who):
    users = {
        "anonymous": AnonymousUser,
        "staff without a role": lambda: member("stan", None),
        "another writer": lambda: member("oscar", WRITER),
    }
    user = users[who]()
    article = ArticleFactory(draft=True, published_at=None, created_by=member("wanda", WRITER))

    response = preview_link_view(link_request(user), article.pk)

    assert response.status_code == 403
    assert "error" in answer(response)
    assert not AuditEntry.objects.editorial().exists()


def test_preview_link_endpoint_through_the_admin():
    """Relies on ArticleAdmin.get_urls including editing_urls()."""
    writer = member("wanda", WRITER)
    article = ArticleFactory(draft=True, published_at=None, created_by=writer)
    url = reverse("admin:articles_article_preview_link", args=[article.pk])

    assert client_for(writer).get(url).status_code == 405
    response = client_for(writer).post(url)

    assert response.status_code == 200
    assert "/apercu/" in response.json()["url"]


def test_a_withdrawn_link_no_longer_opens_and_the_article_lists_its_links(client, editor):
    article = ArticleFactory(draft=True, published_at=None, title="Calendrier secret")
    desk = client_for(editor)
    made = desk.post(reverse("admin:articles_article_preview_link", args=[article.pk])).json()
    assert "Calendrier secret" in client.get(made["url"]).content.decode()

    history = desk.get(reverse("admin:articles_article_history", args=[article.pk]))
    (link,) = history.context["preview_links"]
    assert link.created_by == editor and link.is_active()
    withdraw = reverse("admin:articles_article_preview_revoke", args=[article.pk, link.pk])
    assert withdraw in history.content.decode()
    desk.post(withdraw)

    response = client.get(made["url"])
    assert response.status_code == 410
    page = response.content.decode()
    assert gettext("Preview link withdrawn") in page and "Calendrier secret" not in page
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_REVOKE).count() == 1


def test_a_writer_cannot_withdraw_a_link_to_someone_elses_article(editor):
    article = ArticleFactory(draft=True, published_at=None)
    link = share_preview(article=article, user=editor)
    with pytest.raises(PermissionDenied):
        revoke_preview(link=link, user=member("oscar", WRITER))
    link.refresh_from_db()
    assert link.is_active()
