"""Addresses kept in the process are the addresses Django works out."""

import pytest
from django.urls import NoReverseMatch, path
from django.urls import reverse as reverse_now
from django.utils import translation

from articles.site.addresses import reverse


def test_each_language_keeps_its_own_addresses():
    assert reverse("newsroom:championship", kwargs={"slug": "wtcr"}) == "/championnats/wtcr/"
    with translation.override("en"):
        assert reverse("newsroom:championship", kwargs={"slug": "wtcr"}) == (
            "/en/championnats/wtcr/"
        )
        assert reverse("articles:tag", args=["pluie"]) == reverse_now(
            "articles:tag", args=["pluie"]
        )
    assert reverse("articles:tag", args=["pluie"]) == "/tags/pluie/"


def test_an_unknown_address_is_still_an_error():
    with pytest.raises(NoReverseMatch):
        reverse("newsroom:championship", kwargs={"slug": "pas un slug"})


def test_another_url_configuration_is_followed(settings):
    assert reverse("newsroom:home") == "/"
    settings.ROOT_URLCONF = type(
        "urls", (), {"urlpatterns": [path("seul/", lambda r: None, name="x")]}
    )
    assert reverse("x") == "/seul/"
    with pytest.raises(NoReverseMatch):
        reverse("newsroom:home")


def test_the_url_tag_of_templates_is_the_kept_one(client, db):
    html = client.get("/en/actualites/").content.decode()
    assert 'href="/en/championnats/"' in html
    assert 'href="/championnats/"' not in html.split("<footer")[0]
