"""People are shown by their name in every admin page that says who did what, never by their
login: the history, the comparison, the article's last move, the audit trail and its filter,
the import list and the changes of authors between revisions."""

import re

import pytest
from django.urls import reverse

from articles.models import ImportBatch
from articles.services.workflow import transition
from tests.articles.factories import ArticleFactory
from tests.articles.roles import CHIEF, article_form, client_for, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def named():
    chief = member("clefevre", CHIEF)
    chief.first_name, chief.last_name = "Chloé", "Lefèvre"
    chief.save()
    writer = member("wmartin", None)
    writer.first_name, writer.last_name = "Wanda", "Martin"
    writer.save()
    return chief, writer


def shown(page: str) -> str:
    """The text a reader sees: no markup, no attribute values."""
    return re.sub(r"<[^>]+>", " ", page)


def test_who_did_what_is_said_by_name_not_login(named):
    chief, writer = named
    article = ArticleFactory(draft=True, published_at=None, created_by=chief)
    client = client_for(chief)
    change = reverse("admin:articles_article_change", args=[article.pk])
    client.get(change)
    client.post(change, article_form(article, title="Premier titre", authors=[str(writer.pk)]))
    article.refresh_from_db()
    transition(article=article, name="submit", user=chief, comment="À relire")
    ImportBatch.objects.create(source="Archives", created_by=chief, status="finished")

    first, second = article.revisions.order_by("pk")[:2]
    pages = {
        "history": reverse("admin:articles_article_history", args=[article.pk]),
        "compare": reverse("admin:articles_article_compare", args=[article.pk])
        + f"?a={first.pk}&b={second.pk}",
        "change form": change,
        "imports": reverse("admin:articles_importbatch_changelist"),
    }
    for name, url in pages.items():
        page = shown(client.get(url).content.decode())
        assert "Chloé Lefèvre" in page, name
        assert not re.search(r"\bclefevre\b", page), name
    # The audit names who acted by name; a login's object stays the account used.
    audit = client.get(reverse("admin:articles_auditentry_changelist")).content.decode()
    assert re.findall(r'class="field-user nowrap">([^<]*)<', audit) == ["Chloé Lefèvre"] * 3
    assert ">Chloé Lefèvre</a>" in audit  # the filter by person
    compare = shown(client.get(pages["compare"]).content.decode())
    assert "Wanda Martin" in compare and "wmartin" not in compare  # the authors' change


def test_permissions_read_in_french_in_the_group_and_user_pickers(admin_client):
    page = admin_client.get(reverse("admin:auth_group_add")).content.decode()
    assert "Articles | article | Peut ajouter : article" in page
    assert "Peut importer des textes d’archive" in page
    assert "Can add" not in page and "Can view" not in page and "Can import" not in page
    user_page = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    assert "Can " not in user_page


def test_login_records_and_authenticator_apps_are_named_in_french(admin_client, client):
    from axes.models import AccessLog

    client.post(reverse("admin:login"), {"username": "nobody", "password": "wrong"})
    log = AccessLog.objects.create(username="wmartin", user_agent="Firefox", ip_address="127.0.0.1")
    assert str(log).startswith("Connexion de wmartin le ")
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Applications d’authentification (TOTP)" in index and "TOTP device" not in index
    for name in ("axes_accesslog", "axes_accessattempt"):
        page = admin_client.get(reverse(f"admin:{name}_changelist")).content.decode()
        assert "Access Log for" not in page and "Attempted Access" not in page
        assert "User Agent" not in page


def test_tags_are_called_mots_cles_everywhere(admin_client):
    pages = [
        reverse("admin:index"),
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:taggit_tag_add"),
        reverse("admin:articles_article_add"),
    ]
    for url in pages:
        page = admin_client.get(url).content.decode().lower()
        assert "étiquet" not in page, url
