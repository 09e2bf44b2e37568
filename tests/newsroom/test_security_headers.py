"""The reader site sends a strict Content-Security-Policy that its own pages satisfy."""

import base64
import hashlib
import re

import pytest
from django.test import Client

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_public_pages_allow_only_this_site_and_no_inline_code(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    rules = policy(response)
    assert rules["default-src"] == ["'self'"]
    assert rules["script-src"] == ["'self'"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    html = response.content.decode()
    # Nothing on the page needs an exception: no inline style, no executable inline script.
    assert " style=" not in html and "<style" not in html
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/ld+json"' in attrs for attrs in inline_scripts)


def test_the_500_page_style_is_allowed_by_its_hash(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom/", broken)]})
    response = client.get("/boom/")
    assert response.status_code == 500
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy(response)["style-src"]


def test_the_admin_keeps_its_own_rules(admin_client):
    response = admin_client.get("/admin/")
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
