import datetime
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.importing import run as run_module
from articles.models import Article, ImportBatch, ImportRecord
from teams.models import Team
from tests.teams.factories import CarFactory, ChampionshipFactory, ManufacturerFactory, TeamFactory

pytestmark = pytest.mark.django_db

WTCR = (
    " date 2019-01 Le Team Mulsanne repart en WTCR avec deux Alfa Romeo Giulietta TCR. "
    "L'équipe italienne confirme son programme.\n\n"
    "La Giulietta TCR a été développée par Romeo Ferraris.\n"
)
DAKAR = " date 2019-01-17 Al-Attiyah remporte le Dakar. Troisième succès.\n\nSuite du récit.\n"
UNDATED = "Partager:\nFerrari gagne au Mans.\nLa suite.\n"


@pytest.fixture
def registry(db):
    wtcr = ChampionshipFactory(
        slug="wtcr", name="FIA World Touring Car Cup (WTCR)", short_name="WTCR", aliases=["WTCR"]
    )
    alfa = ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo")
    car = CarFactory(slug="giulietta-tcr", name="Giulietta TCR", manufacturer=alfa)
    team = TeamFactory(slug="team-mulsanne", name="Team Mulsanne")
    return {"wtcr": wtcr, "alfa": alfa, "car": car, "team": team}


@pytest.fixture
def folder(tmp_path):
    def write(files: dict[str, str | bytes], where="in"):
        root = tmp_path / where
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode() if isinstance(content, str) else content)
        return root

    return write


def run(*args, report=None):
    out, err = StringIO(), StringIO()
    extra = ["--report", str(report)] if report else []
    call_command("import_legacy", *map(str, args), *extra, stdout=out, stderr=err)
    parsed = json.loads(report.read_text()) if report and report.suffix == ".json" else None
    return out.getvalue(), err.getvalue(), parsed


def test_import_creates_linked_drafts_with_provenance(folder, registry, tmp_path):
    _, _, report = run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR}), report=tmp_path / "r.json")
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.title == "Le Team Mulsanne repart en WTCR avec deux Alfa Romeo Giulietta TCR"
    assert article.standfirst == "L'équipe italienne confirme son programme."
    assert article.body == "<p>La Giulietta TCR a été développée par Romeo Ferraris.</p>"
    assert article.language == "fr"
    assert article.legacy_id == "000_aaaaaaaaaaaaaaaa"
    assert article.date_precision == "month"
    assert timezone.localtime(article.published_at).date() == datetime.date(2019, 1, 1)
    assert article.primary_championship == registry["wtcr"]
    assert list(article.manufacturers.all()) == [registry["alfa"]]  # also implied by the car
    assert list(article.cars.all()) == [registry["car"]]
    assert list(article.teams.all()) == [registry["team"]]
    assert article.imported_links["teams"] == [registry["team"].pk]
    assert article.import_batch.records.get().outcome == "created"

    (entry,) = report["files"]
    assert report["summary"]["created"] == 1
    assert entry["status"] == "created" and entry["date"] == "2019-01"
    assert entry["date_precision"] == "month" and entry["language"] == "fr"
    assert entry["primary_championship"]["slug"] == "wtcr"
    assert entry["links"]["championships"] == [
        {"name": "FIA World Touring Car Cup (WTCR)", "slug": "wtcr", "aliases": ["WTCR"]}
    ]
    assert set(entry["links"]) == set(Article.LINK_FIELDS)


def test_running_the_same_import_again_changes_nothing(folder, registry):
    path = folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR, "sub/001_bbbbbbbbbbbbbbbb.txt": DAKAR})
    run(path)
    before = list(Article.objects.values_list("pk", "version", "updated_at"))
    out, _, _ = run(path)
    assert list(Article.objects.values_list("pk", "version", "updated_at")) == before
    assert ImportBatch.objects.latest("pk").summary["duplicate"] == 2
    assert "duplicate" in out


def test_same_legacy_id_with_other_text_is_a_conflict_until_update(folder, registry):
    run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR}))
    changed = folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR.replace("deux", "trois")}, where="v2")
    _, err, _ = run(changed)
    assert "conflict" in err and "--update" in err
    assert "deux" in Article.objects.get().title

    run(changed, "--update")
    article = Article.objects.get()
    assert "trois" in article.title
    assert ImportBatch.objects.latest("pk").summary["updated"] == 1


def test_publish_uses_the_legacy_date_and_never_publishes_undated_texts(folder, registry):
    files = {
        "000_aaaaaaaaaaaaaaaa.txt": WTCR,
        "001_bbbbbbbbbbbbbbbb.txt": DAKAR,
        "002_cccccccccccccccc.txt": UNDATED,
    }
    run(folder(files), "--publish")
    wtcr = Article.objects.get(legacy_id="000_aaaaaaaaaaaaaaaa")
    dakar = Article.objects.get(legacy_id="001_bbbbbbbbbbbbbbbb")
    undated = Article.objects.get(legacy_id="002_cccccccccccccccc")
    assert wtcr.is_published() and wtcr.date_precision == "month"
    assert dakar.is_published() and dakar.date_precision == "day"
    assert timezone.localtime(dakar.published_at).date() == datetime.date(2019, 1, 17)
    assert undated.status == Article.Status.DRAFT and undated.published_at is None
    assert "no_date" in undated.flags


def test_a_bad_file_is_reported_and_the_others_are_imported(folder, registry, tmp_path):
    path = folder(
        {
            "000_aaaaaaaaaaaaaaaa.txt": WTCR,
            "001_bbbbbbbbbbbbbbbb.txt": b"",
            "002_cccccccccccccccc.txt": b"\x00\x00PK",
            "003_dddddddddddddddd.txt": DAKAR,
        }
    )
    _, err, report = run(path, report=tmp_path / "r.json")
    assert Article.objects.count() == 2
    statuses = {e["legacy_id"]: (e["status"], e["reason"]) for e in report["files"]}
    assert statuses["001_bbbbbbbbbbbbbbbb"] == ("failed", "fichier vide")
    assert statuses["002_cccccccccccccccc"][1].startswith("contenu binaire")
    codes = {e["legacy_id"]: e["reason_code"] for e in report["files"]}
    assert codes["002_cccccccccccccccc"] == "binary_nul" and codes["000_aaaaaaaaaaaaaaaa"] == ""
    assert "001_bbbbbbbbbbbbbbbb.txt: fichier vide" in err
    assert ImportRecord.objects.filter(outcome="failed").count() == 2


def test_dry_run_saves_nothing_and_reports_like_a_real_run(folder, registry, tmp_path):
    path = folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR, "001_bbbbbbbbbbbbbbbb.txt": b""})
    _, _, dry = run(path, "--dry-run", report=tmp_path / "dry.json")
    assert not Article.objects.exists() and not ImportBatch.objects.exists()
    _, _, real = run(path, report=tmp_path / "real.json")
    assert dry == real


def test_csv_report(folder, registry, tmp_path):
    run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR}), report=tmp_path / "r.csv")
    lines = (tmp_path / "r.csv").read_text().splitlines()
    assert lines[0].startswith("file,status,reason,warnings,legacy_id,date")
    assert "FIA World Touring Car Cup (WTCR)" in lines[1]


def test_zip_archives_import_like_folders(registry, tmp_path):
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2019/000_aaaaaaaaaaaaaaaa.txt", WTCR)
        zf.writestr("../evil.txt", DAKAR)
    _, err, _ = run(archive)
    assert Article.objects.get().legacy_id == "000_aaaaaaaaaaaaaaaa"
    assert "chemin dangereux dans l’archive" in err


def test_an_interrupted_run_leaves_no_half_article_and_a_rerun_completes(
    folder, registry, monkeypatch
):
    files = {f"{n:03d}_{n:016x}.txt": WTCR.replace("deux", f"{n} voitures") for n in range(5)}
    path = folder(files)
    monkeypatch.setattr(run_module, "CHUNK_SIZE", 2)
    real_save, calls = run_module.save_chunk, []

    def crash_on_second_chunk(chunk, **kwargs):
        calls.append(len(chunk))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_save(chunk, **kwargs)

    monkeypatch.setattr(run_module, "save_chunk", crash_on_second_chunk)
    with pytest.raises(CommandError, match="Interrupted"):
        run(path)
    assert Article.objects.count() == 2
    assert all(a.teams.exists() for a in Article.objects.all())  # links came with the article
    assert ImportBatch.objects.get().status == "interrupted"

    monkeypatch.setattr(run_module, "save_chunk", real_save)
    run(path)
    assert Article.objects.count() == 5
    assert ImportBatch.objects.latest("pk").summary["duplicate"] == 2


def test_a_database_error_fails_one_file_and_saves_the_rest(folder, registry, monkeypatch):
    from articles.services import imports

    real = imports.new_article

    def broken_title(file, *, slug, batch, options):
        article = real(file, slug=slug, batch=batch, options=options)
        if file.legacy_id.startswith("001"):
            article.title = "x" * 400  # too long for PostgreSQL; caught below on SQLite too
            article.status = "nonsense"  # violates the status check constraint everywhere
        return article

    monkeypatch.setattr(imports, "new_article", broken_title)
    run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR, "001_bbbbbbbbbbbbbbbb.txt": DAKAR}))
    assert list(Article.objects.values_list("legacy_id", flat=True)) == ["000_aaaaaaaaaaaaaaaa"]
    failed = ImportRecord.objects.get(outcome="failed")
    assert failed.legacy_id == "001_bbbbbbbbbbbbbbbb"
    assert failed.reason["code"] == "database"
    assert failed.reason_text.startswith("la base de données a refusé le fichier : ")


def test_missing_path_stops_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run(tmp_path / "absent")


def test_two_texts_with_the_same_first_sentence_get_distinct_slugs(folder, registry):
    run(
        folder(
            {
                "000_aaaaaaaaaaaaaaaa.txt": " date 2019-01 Victoire à Monza. Texte A.",
                "001_bbbbbbbbbbbbbbbb.txt": " date 2019-02 Victoire à Monza. Texte B.",
            }
        )
    )
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "victoire-a-monza",
        "victoire-a-monza-bbbbbbbb",
    ]


def test_relink_adds_new_registry_entries_and_leaves_manual_links_alone(folder, registry):
    run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR}))
    article = Article.objects.get()
    manual = ChampionshipFactory(slug="tcr-italy", name="TCR Italy")
    article.championships.add(manual)  # an editor's own link
    article.teams.remove(registry["team"])  # an editor's removal of an imported link
    # The registry grows by a bulk load (no save signal, so the unknown names queue does not
    # link it at once): relink does.
    Team.objects.bulk_create([Team(slug="romeo-ferraris", name="Romeo Ferraris")])

    out = StringIO()
    call_command("relink", stdout=out)
    assert "1 changed" in out.getvalue()
    article.refresh_from_db()
    assert set(article.championships.values_list("slug", flat=True)) == {"wtcr", "tcr-italy"}
    assert list(article.teams.values_list("slug", flat=True)) == ["romeo-ferraris"]


def test_a_symbolic_link_in_the_folder_is_refused_with_a_reason(tmp_path, registry):
    secret = tmp_path / "secret_key"
    secret.write_text("django-insecure-ne-jamais-publier", encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "000_aaaaaaaaaaaaaaaa.txt").write_text(WTCR, encoding="utf-8")
    (archive / "001_bbbbbbbbbbbbbbbb.txt").symlink_to(secret)
    out = StringIO()
    call_command("import_legacy", str(archive), stdout=out, stderr=out)
    assert list(Article.objects.values_list("legacy_id", flat=True)) == ["000_aaaaaaaaaaaaaaaa"]
    assert not Article.objects.filter(title__contains="insecure").exists()
    record = ImportRecord.objects.get(outcome="failed")
    assert record.file.endswith("001_bbbbbbbbbbbbbbbb.txt") and record.reason["code"] == "symlink"
    assert record.reason_text.startswith("lien symbolique : non suivi")


def planner_statistics() -> int:
    """How many statistics the query planner holds on the articles' table."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'articles_article'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'articles_article'")
        return cursor.fetchone()[0]


def test_an_import_leaves_the_planner_statistics_of_the_new_articles(folder, registry):
    # Without them SQLite reads eight related articles by id through the whole visibility
    # index (articles/statistics.py).
    from django.db import connection

    if connection.vendor == "sqlite":  # PostgreSQL's autovacuum may have analysed already
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert not cursor.fetchone()[0] or not planner_statistics()
    run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR, "sub/001_bbbbbbbbbbbbbbbb.txt": DAKAR}))
    assert planner_statistics() > 0
