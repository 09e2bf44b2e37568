"""The unknown names queue: names the registry lacks, from imports and saves, and the decisions."""

import csv
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, AuditEntry, UnknownName
from teams.models import Driver, Team
from tests.articles.roles import article_form, client_for

pytestmark = pytest.mark.django_db

QUEUE = "/admin/articles/unknownname/"
TEXT = (
    " date 2019-04 Jean Dupont signe avec Team Mulsanne en WTCR. Le pilote lyonnais "
    "découvrira la Giulietta TCR à Marrakech.\n\n"
    "Selon Jean Dupont, la Bonnefoy Racing lui a aussi fait une offre. Pierre Martin "
    "suivra la saison depuis les stands.\n"
)
OTHER = " date 2019-05 Jean Dupont termine cinquième en WTCR devant Kevin Ceccon.\n\nSuite.\n"


@pytest.fixture
def world(world):
    world["wtcr"].aliases = ["WTCR"]
    world["wtcr"].save()
    return world


@pytest.fixture
def imported(world, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "000_aaaaaaaaaaaaaaaa.txt").write_text(TEXT)
    (folder / "001_bbbbbbbbbbbbbbbb.txt").write_text(OTHER)
    out = StringIO()
    call_command(
        "import_legacy", str(folder), "--report", str(tmp_path / "report.json"), stdout=out
    )
    return {"out": out.getvalue(), "report": json.loads((tmp_path / "report.json").read_text())}


def queue_names():
    return list(UnknownName.objects.to_review().values_list("name", flat=True))


def test_an_import_queues_every_unknown_name_with_its_articles_and_an_excerpt(imported):
    dupont = UnknownName.objects.get(name="Jean Dupont")
    assert dupont.mentions.count() == 2
    mention = dupont.mentions.get(article__title__startswith="Jean Dupont signe")
    assert "Jean Dupont signe avec Team Mulsanne" in mention.excerpt
    assert sorted(queue_names()) == ["Bonnefoy Racing", "Jean Dupont", "Pierre Martin"]
    # The command and the report list every one, those seen once included.
    assert "names not in the registry (3):" in imported["out"]
    assert "    Pierre Martin (1)" in imported["out"]
    assert imported["report"]["summary"]["unknown_names"] == [
        {"name": "Jean Dupont", "count": 2},
        {"name": "Bonnefoy Racing", "count": 1},
        {"name": "Pierre Martin", "count": 1},
    ]
    entry = next(
        e for e in imported["report"]["files"] if e["file"].endswith("000_aaaaaaaaaaaaaaaa.txt")
    )
    assert entry["unknown_names"] == ["Jean Dupont", "Bonnefoy Racing", "Pierre Martin"]


def test_the_csv_report_has_a_column_of_unknown_names(world, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "000_aaaaaaaaaaaaaaaa.txt").write_text(TEXT)
    call_command(
        "import_legacy", str(folder), "--report", str(tmp_path / "r.csv"), stdout=StringIO()
    )
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert row["unknown_names"] == "Jean Dupont | Bonnefoy Racing | Pierre Martin"


def test_a_dry_run_queues_nothing(world, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "000_aaaaaaaaaaaaaaaa.txt").write_text(TEXT)
    call_command("import_legacy", str(folder), "--dry-run", stdout=StringIO())
    assert not UnknownName.objects.exists()


def test_a_saved_article_queues_its_names_and_drops_those_it_no_longer_writes(editor, world):
    client = client_for(editor)
    form = article_form(
        body="<p>Pierre Martin rejoint Team Mulsanne aux côtés de Kevin Ceccon.</p>"
    )
    client.post(reverse("admin:articles_article_add"), form)
    article = Article.objects.get()
    assert queue_names() == ["Pierre Martin"]
    assert "Pierre Martin rejoint Team Mulsanne" in UnknownName.objects.get().mentions.get().excerpt

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(article, body="<p>Kevin Ceccon reste seul chez Team Mulsanne.</p>"),
    )
    assert queue_names() == []


def test_the_queue_lists_names_by_number_of_articles_with_an_excerpt(imported, chief):
    page = client_for(chief).get(QUEUE).content.decode()
    rows = re.findall(r'class="field-name"><a [^>]*>([^<]+)</a>', page)
    assert rows == ["Jean Dupont", "Bonnefoy Racing", "Pierre Martin"]
    assert '<td class="field-article_count">2</td>' in page
    assert "Le pilote lyonnais" in page  # the excerpt
    assert 'value="drivers"' in page  # one click to add as a driver


def test_one_click_makes_a_driver_and_links_the_articles_that_write_it(imported, chief):
    dupont = UnknownName.objects.get(name="Jean Dupont")
    client = client_for(chief)

    response = client.post(f"{QUEUE}{dupont.pk}/decide/", {"kind": "drivers"}, follow=True)

    driver = Driver.objects.get(name="Jean Dupont")
    assert driver.slug == "jean-dupont"
    assert "2 articles liés" in response.content.decode()
    for article in Article.objects.all():
        assert driver in article.drivers.all()
        # Proposed like an importer's link: a later relink keeps it.
        assert driver.pk in article.imported_links["drivers"]
    assert "Jean Dupont" not in queue_names()
    dupont.refresh_from_db()
    assert (dupont.status, dupont.resolved_as, dupont.resolved_by) == (
        "added",
        f"drivers:{driver.pk}",
        chief,
    )
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REGISTRY_ADD, user=chief).exists()


def test_an_alias_links_the_existing_entity_and_editors_links_stay(imported, chief, world):
    bonnefoy = UnknownName.objects.get(name="Bonnefoy Racing")
    article = Article.objects.get(title__startswith="Jean Dupont signe")
    # An editor removed the team the importer linked: that stays so.
    article.teams.remove(world["mulsanne"])

    client_for(chief).post(
        f"{QUEUE}{bonnefoy.pk}/decide/", {"alias_of": "Team Mulsanne — Équipe", "next": "page"}
    )

    world["mulsanne"].refresh_from_db()
    assert "Bonnefoy Racing" in world["mulsanne"].aliases
    assert list(article.teams.all()) == [world["mulsanne"]]
    assert Team.objects.count() == 1
    assert article.cars.count() == 1  # nothing else touched


def test_a_car_needs_its_manufacturer_and_a_bad_alias_is_refused_with_a_message(imported, chief):
    martin = UnknownName.objects.get(name="Pierre Martin")
    client = client_for(chief)
    page = client.post(f"{QUEUE}{martin.pk}/decide/", {"kind": "cars", "next": "page"}, follow=True)
    assert "Une voiture a besoin de son constructeur." in page.content.decode()
    page = client.post(
        f"{QUEUE}{martin.pk}/decide/",
        {"alias_of": "Personne — Pilote", "next": "page"},
        follow=True,
    )
    assert "Choisissez l’entité dans la liste" in page.content.decode()
    martin.refresh_from_db()
    assert martin.status == "new"


def test_ignored_names_leave_the_queue_for_good(imported, chief, world):
    martin = UnknownName.objects.get(name="Pierre Martin")
    client = client_for(chief)
    client.post(QUEUE, {"action": "ignore", "_selected_action": [martin.pk]})
    assert "Pierre Martin" not in queue_names()
    # Saved again, the article does not bring it back.
    article = martin.mentions.get().article
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(article, standfirst="Pierre Martin encore."),
    )
    assert "Pierre Martin" not in queue_names()
    assert client.get(QUEUE + "?queue=ignored").content.decode().count("Pierre Martin") >= 1


def test_editors_see_the_queue_writers_do_not_and_only_registry_managers_decide(
    imported, writer, editor
):
    dupont = UnknownName.objects.get(name="Jean Dupont")
    assert client_for(writer).get(QUEUE).status_code == 403
    page = client_for(editor).get(QUEUE)
    assert page.status_code == 200
    assert 'value="drivers"' not in page.content.decode()
    refused = client_for(editor).post(f"{QUEUE}{dupont.pk}/decide/", {"kind": "drivers"})
    assert refused.status_code == 302
    assert not Driver.objects.filter(name="Jean Dupont").exists()


def test_the_name_page_lists_every_article_that_writes_it(imported, chief):
    dupont = UnknownName.objects.get(name="Jean Dupont")
    page = client_for(chief).get(f"{QUEUE}{dupont.pk}/change/").content.decode()
    assert "Cité dans 2 articles." in page
    for article in Article.objects.all():
        assert reverse("admin:articles_article_change", args=[article.pk]) in page


def test_the_queue_page_costs_the_same_queries_for_3_names_or_30(imported, chief):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(chief)
    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE).status_code == 200
    article = Article.objects.first()
    for n in range(27):
        name = UnknownName.objects.create(name=f"Nom Numéro{n}", key=f"nom numero{n}")
        name.mentions.create(article=article, excerpt="…")
    with CaptureQueriesContext(connection) as many:
        page = client.get(QUEUE).content.decode()
    assert "Nom Numéro26" in page
    assert len(many) == len(few)


def test_a_name_added_in_the_registry_admin_leaves_the_queue_and_links_its_articles(
    imported, chief
):
    client_for(chief).post(
        reverse("admin:teams_team_add"),
        {"name": "Bonnefoy Racing", "slug": "bonnefoy-racing", "aliases": "", "country": ""},
    )

    team = Team.objects.get(slug="bonnefoy-racing")
    assert "Bonnefoy Racing" not in queue_names()
    assert UnknownName.objects.get(name="Bonnefoy Racing").resolved_as == f"teams:{team.pk}"
    assert Article.objects.get(teams=team).title.startswith("Jean Dupont signe")
