"""Words of the admin a French newsroom reads as French: filters that name what they filter, a
scheduled publication called so, pages Django would otherwise leave in English."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import AuditEntry, ImportBatch
from articles.services.workflow import transition
from tests.articles.factories import ArticleFactory
from tests.articles.roles import client_for

pytestmark = pytest.mark.django_db


def test_the_audit_filters_read_par_personne_and_par_date(admin_client, chief):
    AuditEntry.objects.create(user=chief, action=AuditEntry.Action.SCHEDULE)
    page = admin_client.get(reverse("admin:articles_auditentry_changelist")).content.decode()
    filters = re.findall(r"<summary>\s*([^<]*?)\s*</summary>", page)
    assert " Par personne " in f" {' '.join(filters)} " and "Par date" in " ".join(filters)
    assert "Par par" not in page and "Par le" not in page
    assert ">Programmé<" in page  # the action, singular, where the list filter says Programmés


def test_history_names_a_scheduled_move_and_its_publication(chief):
    article = ArticleFactory(draft=True, published_at=None, created_by=chief)
    later = timezone.now() + timedelta(days=2)
    transition(article=article, name="publish", user=chief, when=later)
    article.refresh_from_db()
    transition(article=article, name="publish", user=chief, when=timezone.now())
    page = client_for(chief).get(reverse("admin:articles_article_history", args=[article.pk]))
    moves = re.findall(r"<td>([^<]*→[^<]*)</td>", page.content.decode())
    assert [m.split(" (")[0] for m in moves] == ["Programmé → Publié", "Brouillon → Programmé"]


def test_the_list_search_box_and_the_import_pages_speak_french(admin_client):
    batch = ImportBatch.objects.create(source="Archives", paths="/srv/x/a.zip", status="finished")
    page = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'alt="Rechercher"' in page and 'alt="Search"' not in page
    upload = admin_client.get(reverse("admin:articles_importupload_add")).content.decode()
    assert ">Imports</a> ›" in upload
    change = admin_client.get(reverse("admin:articles_importbatch_change", args=[batch.pk]))
    assert "Fichiers importés" in change.content.decode()


def test_a_refused_page_says_so_in_french(writer):
    # A writer has no right to import legacy texts.
    response = client_for(writer).get(reverse("admin:articles_importupload_add"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accès refusé" in page and "403 Forbidden" not in page
    assert "Retour au bureau de la rédaction" in page
