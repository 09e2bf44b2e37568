"""Archive staff import a season's results in the admin: upload, preview, confirm, report."""

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsroom.kept import forget_all
from newsroom.models import SiteGeneration
from teams.models import Entry, Event, RegistryImport, Result
from tests.articles.factories import UserFactory
from tests.articles.roles import ARCHIVIST, WRITER, client_for
from tests.teams.factories import CircuitFactory
from tests.teams.test_csv_import import CALENDAR, ENTRIES, RESULTS, zipped

pytestmark = pytest.mark.django_db

ADD = "/admin/teams/registryimport/add/"


@pytest.fixture
def archivist(world):
    CircuitFactory(name="Circuit Moulay El Hassan", slug="marrakech", country="MA")
    CircuitFactory(name="Hungaroring", slug="hungaroring", country="HU")
    return client_for(UserFactory(username="anouk", role=ARCHIVIST))


def upload(client, name, data):
    return client.post(ADD, {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_an_archivist_previews_confirms_and_reads_the_report_with_the_bad_line(archivist):
    season = zipped(**{"cal.csv": CALENDAR, "eng.csv": ENTRIES, "res.csv": RESULTS})
    page = upload(archivist, "wtcr-2019.zip", season)
    html = page.content.decode()
    assert page.status_code == 200
    assert "rien n’a encore été écrit" in html
    assert "<td>res.csv</td><td>6</td><td>Aucun engagé #77 dans la liste des engagés" in html
    assert "Yann Ehrlacher" in html  # new to the registry, to be checked
    # The preview wrote nothing.
    assert not Event.objects.exists() and not Entry.objects.exists()
    (pending,) = RegistryImport.objects.all()
    confirmed = archivist.post(f"/admin/teams/registryimport/{pending.pk}/confirmer/", follow=True)
    html = confirmed.content.decode()
    assert "1 ligne(s) refusée(s)" in html
    assert "Importé le" in html and "Aucun engagé #77" in html
    assert (Event.objects.count(), Entry.objects.count(), Result.objects.count()) == (2, 3, 5)
    # An import made stays on record, and cannot be confirmed twice.
    assert archivist.post(f"/admin/teams/registryimport/{pending.pk}/delete/").status_code == 403
    listing = archivist.get("/admin/teams/registryimport/").content.decode()
    assert "wtcr-2019.zip" in listing and "delete_selected" not in listing
    again = archivist.post(f"/admin/teams/registryimport/{pending.pk}/confirmer/", follow=True)
    assert "Cet import a déjà été fait." in again.content.decode()
    assert Result.objects.count() == 5


def test_uploading_the_same_season_again_previews_nothing_new(archivist):
    season = zipped(**{"cal.csv": CALENDAR, "eng.csv": ENTRIES, "res.csv": RESULTS})
    upload(archivist, "wtcr-2019.zip", season)
    archivist.post(f"/admin/teams/registryimport/{RegistryImport.objects.get().pk}/confirmer/")
    page = upload(archivist, "wtcr-2019.zip", season)
    preview = page.context["report"]
    assert {kind: counts["created"] for kind, counts in preview["counts"].items()} == {
        "calendar": 0,
        "entries": 0,
        "results": 0,
    }
    assert preview["counts"]["results"]["unchanged"] == 5


def test_a_file_that_is_no_csv_is_refused_in_the_form(archivist):
    page = upload(archivist, "photo.png", b"\x89PNG\r\n")
    assert "Envoyez un fichier .csv ou une archive .zip de fichiers .csv." in page.content.decode()
    assert not RegistryImport.objects.exists()


def test_a_preview_can_be_cancelled_and_writers_cannot_import(archivist):
    upload(archivist, "cal.csv", CALENDAR.encode())
    pending = RegistryImport.objects.get()
    archivist.post(f"/admin/teams/registryimport/{pending.pk}/delete/", {"post": "yes"})
    assert not RegistryImport.objects.exists() and not Event.objects.exists()
    writer = client_for(UserFactory(username="wanda", role=WRITER))
    assert writer.get(ADD).status_code == 403
    assert writer.post(ADD, {"file": SimpleUploadedFile("cal.csv", b"x")}).status_code == 403


def test_a_corrected_sheet_confirmed_in_the_admin_refreshes_the_cached_season_page(
    archivist, client
):
    """An import writes hundreds of rows: it names them all to the cached pages at once."""
    generation = SiteGeneration.objects.get().value
    upload(
        archivist,
        "wtcr-2019.zip",
        zipped(**{"cal.csv": CALENDAR, "eng.csv": ENTRIES, "res.csv": RESULTS}),
    )
    archivist.post(f"/admin/teams/registryimport/{RegistryImport.objects.get().pk}/confirmer/")
    # A season, 2 events, 3 entries, 5 results and 3 new drivers: one move of the site's
    # generation for them all, not one per row.
    assert SiteGeneration.objects.get().value == generation + 1
    page = reverse("newsroom:season", kwargs={"slug": "wtcr", "season": "2019"})
    cached = client.get(page).content.decode()
    assert client.get(page).content.decode() == cached

    # Ehrlacher's win in Morocco is taken away: disqualified.
    corrected = RESULTS.replace("maroc,course 1,1,,68,12,25:01.2,", "maroc,course 1,,DSQ,68,12,,")
    upload(archivist, "res.csv", corrected.encode())
    pending = RegistryImport.objects.latest("pk")
    archivist.post(f"/admin/teams/registryimport/{pending.pk}/confirmer/")
    assert Result.objects.get(
        entry__number="68", session="course 1", event__slug="maroc"
    ).status == (Result.Status.DSQ)

    shown = client.get(page).content.decode()
    assert shown != cached
    for cache in caches.all():
        cache.clear()
    forget_all()
    assert shown == client.get(page).content.decode()  # the page as rendered anew
