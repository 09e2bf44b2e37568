"""An archivist uploads a zip in the admin, reads the preview, confirms, and gets the report."""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.teams.factories import ChampionshipFactory, ManufacturerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = " date 2019-{:02d} Alfa Romeo brille en WTCR, manche {}. La Giulietta TCR gagne.\n"


def test_archivist_previews_confirms_and_reads_the_report(
    browser_page, live_server, django_user_model, settings, tmp_path, monkeypatch
):
    from articles.importing import upload

    monkeypatch.setattr(upload, "STEP_SIZE", 3)  # several requests, as with a big archive
    settings.MEDIA_ROOT = tmp_path
    ChampionshipFactory(slug="wtcr", name="FIA World Touring Car Cup (WTCR)", aliases=["WTCR"])
    ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo")
    django_user_model.objects.create_superuser("chef", password="mot-de-passe-e2e-2026")
    archive = tmp_path / "archives.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for n in range(1, 8):
            zf.writestr(f"{n:03d}_{n:016x}.txt", TEXT.format(n, n))
        zf.writestr("vide.txt", "")

    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chef")
    page.fill("#id_password", "mot-de-passe-e2e-2026")
    page.get_by_role("button", name="Connexion").click()
    page.goto(live_server.url + "/admin/articles/importbatch/")
    page.get_by_role("link", name="Importer des textes d’archive").click()
    page.set_input_files("#id_file", str(archive))
    page.check("#id_publish")
    page.get_by_role("button", name="Envoyer et prévisualiser").click()

    expect(page.get_by_role("heading", name="Aperçu : ce que l’import va faire")).to_be_visible()
    expect(page.locator("#result_list tbody tr")).to_have_count(8)
    expect(page.locator("#result_list")).to_contain_text("fichier vide")
    assert not Article.objects.exists()

    page.get_by_role("button", name="Confirmer l’import").click()
    expect(page.get_by_role("heading", name="Rapport d’import")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Créé : 7"))).to_be_visible()
    assert Article.objects.published().count() == 7
