"""An archive import's headlines wait in the titles queue, where an editor fixes them."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.accounts import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = (
    " date 2021-03 L'écurie Bonnefoy a annoncé jeudi son retour en championnat d'Europe des "
    "voitures de tourisme, avec deux Cupra confiées à de jeunes pilotes venus de la formule 4. "
    "Le programme complet sera dévoilé lundi.\n\n"
    "Un hiver chargé…\n\n"
    "Les essais ont commencé en janvier sur le circuit de Nogaro, sous la pluie, et se "
    "poursuivront en Espagne avant la présentation officielle des voitures.\n"
)


def test_an_editor_reviews_an_imported_headline_in_the_titles_queue(
    browser_page, live_server, tmp_path
):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "000_0123456789abcdef.txt").write_text(TEXT)
    call_command("import_legacy", str(folder), stdout=StringIO())
    article = Article.objects.get()
    assert "<h2>Un hiver chargé…</h2>" in article.body
    person("edith", "Éditeur")
    page = browser_page
    log_in(page, live_server.url, "edith")

    page.goto(live_server.url + "/admin/articles/article/")
    page.get_by_role("link", name="Titres à relire").click()
    title = page.get_by_label("Titre", exact=True)
    expect(title).to_have_value(
        "L'écurie Bonnefoy a annoncé jeudi son retour en championnat d'Europe des voitures "
        "de tourisme"
    )
    expect(page.get_by_label("Chapô")).to_have_value(
        "Avec deux Cupra confiées à de jeunes pilotes venus de la formule 4. "
        "Le programme complet sera dévoilé lundi."
    )
    title.fill("Bonnefoy revient en championnat d'Europe")
    page.get_by_role("button", name="Enregistrer et marquer comme relu").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "« Bonnefoy revient en championnat d'Europe » relu"
    )
    expect(page.get_by_text("Aucun titre à relire.")).to_be_visible()
    article.refresh_from_db()
    assert article.title == "Bonnefoy revient en championnat d'Europe"
    assert article.flags == []
