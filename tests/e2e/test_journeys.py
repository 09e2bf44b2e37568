"""The issue's "done when", in a real browser: a reader's walk and an editor's first article."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mot-de-passe-e2e-2026"


@pytest.fixture
def demo_site(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", PASSWORD)
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo pictures and their renditions
    call_command("load_registry", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=StringIO())


def test_reader_goes_from_home_to_the_wtcr_hub_an_article_and_the_alfa_romeo_hub(
    demo_site, browser_page, live_server
):
    page = browser_page
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("Paddock"))
    page.get_by_role("navigation", name="Séries").get_by_role("link", name="WTCR").click()
    expect(page).to_have_url(re.compile(r"/championnats/wtcr/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("WTCR")

    page.locator(".card__title a").first.click()
    expect(page).to_have_url(re.compile(r"/actualites/\d{4}/\d{2}/[\w-]+/$"))
    # The article's own date; related articles below it are <article> cards with dates too.
    expect(page.locator("article.article time")).to_be_visible()

    page.locator(".article__links").get_by_role("link", name="Alfa Romeo").click()
    expect(page).to_have_url(re.compile(r"/constructeurs/alfa-romeo/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alfa Romeo")


def choose(page, field, text):
    """Pick `text` in the admin's autocomplete (select2) widget of `field`."""
    page.locator(f"#id_{field} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_publishes_a_linked_tagged_article_that_readers_find(
    demo_site, browser_page, live_server
):
    page = browser_page
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "redaction")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto(live_server.url + "/admin/articles/article/add/")

    page.locator("#id_title").press_sequentially("Alfa Romeo prépare son retour en tourisme")
    expect(page.locator("#id_slug")).to_have_value("alfa-romeo-prepare-son-retour-en-tourisme")
    page.fill("#id_standfirst", "La marque italienne étudie un nouveau programme TCR.")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Un premier paragraphe écrit dans l'admin.")
    choose(page, "championships", "WTCR")
    choose(page, "manufacturers", "Alfa Romeo")
    page.fill("#id_tags", "retour, essais privés")
    page.locator("button[name=workflow][value=publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("ajouté avec succès")

    for hub in ["/championnats/wtcr/", "/constructeurs/alfa-romeo/", "/tags/essais-prives/"]:
        page.goto(live_server.url + hub)
        expect(page.get_by_role("link", name="Alfa Romeo prépare son retour")).to_be_visible()
