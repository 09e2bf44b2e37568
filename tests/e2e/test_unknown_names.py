"""A chief editor turns a name the registry lacks into a driver, and the article is linked."""

import pytest
from playwright.sync_api import expect

from articles import services
from articles.models import Article
from tests.e2e.accounts import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_chief_editor_adds_an_unknown_name_as_a_driver_from_the_queue(browser_page, live_server):
    writer = person("wanda", "Rédacteur")
    person("chloe", "Rédacteur en chef")
    saved = services.save_article(
        article=Article(
            title="Un nouveau venu au rallye",
            standfirst="Premier départ pour le jeune Lyonnais.",
            body="<p>Jules Ferrand découvre la discipline au volant d'une voiture de location.</p>",
        ),
        user=writer,
    )
    page = browser_page
    log_in(page, live_server.url, "chloe")

    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Noms inconnus").first.click()
    row = page.locator("#result_list tbody tr", has_text="Jules Ferrand")
    expect(row).to_contain_text("Jules Ferrand découvre la discipline")
    row.get_by_role("button", name="Ajouter Jules Ferrand comme pilote").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "« Jules Ferrand » ajouté au registre (pilote) : 1 article lié."
    )
    expect(page.locator("#result_list")).to_have_count(0)  # the queue is empty

    page.goto(live_server.url + f"/admin/articles/article/{saved.article.pk}/change/")
    expect(page.locator(".field-drivers")).to_contain_text("Jules Ferrand")
