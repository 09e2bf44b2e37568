"""Readers see correction notes and when a published article was last updated."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.models import Correction
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_article_shows_its_corrections_and_update_time(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    Correction.objects.create(
        article=article, published_on=date(2026, 11, 20), text="Le podium était inversé."
    )
    article.revised_at = timezone.now()
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Corrections" in html
    assert "20 novembre 2026" in html and "Le podium était inversé." in html
    assert "Mis à jour le" in html


def test_article_never_revised_shows_no_update_line(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Mis à jour le" not in html
    assert "Corrections" not in html


def test_correction_text_is_escaped(client):
    article = ArticleFactory()
    Correction.objects.create(article=article, text="<script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
