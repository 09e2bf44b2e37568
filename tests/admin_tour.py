"""A newsroom with one object of every kind the admin shows, and the admin pages to visit in it:
shared by the tests that walk every page (French words, hostile values)."""

from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from articles.models import Image, UnknownName
from tests.articles.factories import UserFactory
from tests.articles.roles import client_for
from tests.conftest import make_articles

LEGACY_TEXT = (
    " date 2019-03 Jean Dupont a brillé au rallye du Portugal avec sa Hyundai.\n\nSuite du récit.\n"
)


CALENDAR_CSV = """championship,season,round,event,location,start_date,end_date
wtcr,2027,1,Course d'ouverture,Pau,2027-05-08,2027-05-09
wtcr,2027,2,Course de clôture,Macao,2027-11-13,2027-11-14
"""


def furnish(world, folder):
    """Articles (one tagged), an imported legacy text naming someone the registry lacks, an
    image uploaded through the admin, a season with an event, an entry and a result, a CSV
    import waiting for confirmation, a two-factor device and a failed login. Returns the
    superuser who did it (username "root")."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from teams.models import RegistryImport
    from tests.articles.test_images import picture_bytes
    from tests.teams.factories import EntryFactory, EventFactory, ResultFactory, SeasonFactory

    articles = make_articles(world, 2)
    articles[0].tags.add("Tourisme")
    folder.mkdir()
    (folder / "001_cafe.txt").write_text(LEGACY_TEXT, encoding="utf-8")
    call_command("import_legacy", str(folder), verbosity=0)
    root = UserFactory(username="root", is_superuser=True)
    client_for(root).post(
        reverse("admin:articles_image_add"),
        {
            "file": SimpleUploadedFile("monza.jpg", picture_bytes("JPEG", (640, 480))),
            "alt_text": "La voiture à Monza",
            "caption": "Essais libres",
            "credit": "Studio Piste",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )
    assert Image.objects.exists() and UnknownName.objects.exists()
    season = SeasonFactory(championship=world["wtcr"])
    entry = EntryFactory(season=season, team=world["mulsanne"], car=world["giulietta"])
    entry.drivers.add(world["ceccon"])
    ResultFactory(event=EventFactory(season=season), entry=entry, position=1)
    client_for(root).post(
        reverse("admin:teams_registryimport_add"),
        {"file": SimpleUploadedFile("calendrier.csv", CALENDAR_CSV.encode())},
    )
    assert RegistryImport.objects.exists()
    TOTPDevice.objects.create(user=root, name="Téléphone", confirmed=True)
    Client().post(reverse("admin:login"), {"username": "root", "password": "faux"})
    return root


def admin_pages(client, *, per_list: int = 1) -> list[str]:
    """The desk's own pages, then each list the client may open, its add page and the change
    and history pages of its first `per_list` rows."""
    pages = [
        reverse("admin:index"),
        reverse("two_factor"),
        reverse("admin:password_change"),
        reverse("admin:articles_article_titles"),
        reverse("admin:articles_importupload_add"),
    ]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        listing = reverse(f"{name}_changelist")
        answer = client.get(listing)
        if answer.status_code != 200:
            continue
        pages += [listing, reverse(f"{name}_add")]
        links = lxml_html.fromstring(answer.content).xpath(
            '//table[@id="result_list"]//tbody//a[contains(@href, "/change/")]/@href'
        )
        for link in links[:per_list]:
            pages += [link, link.replace("/change/", "/history/")]
    return pages
