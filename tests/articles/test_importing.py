import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

WTCR = (
    " date 2019-01 Le Team Mulsanne repart en WTCR avec deux Alfa Romeo. "
    "L'équipe italienne confirme son programme.\n\n"
    "La Giulietta TCR a été développée par Romeo Ferraris.\n"
)
DAKAR = " date 2019-01-17 Al-Attiyah remporte le Dakar. Troisième succès.\n\nSuite du récit.\n"
UNDATED = "Partager:\nFerrari gagne au Mans.\nLa suite.\n"


@pytest.fixture
def folder(tmp_path):
    def write(files: dict[str, str | bytes]):
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode() if isinstance(content, str) else content
            path.write_bytes(data)
        return tmp_path

    return write


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_legacy", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_drafts_with_provenance(folder):
    out, _ = run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR}))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.title == "Le Team Mulsanne repart en WTCR avec deux Alfa Romeo"
    assert article.standfirst == "L'équipe italienne confirme son programme."
    assert article.body == "<p>La Giulietta TCR a été développée par Romeo Ferraris.</p>"
    assert article.legacy_id == "000_aaaaaaaaaaaaaaaa"
    assert article.source_file.endswith("000_aaaaaaaaaaaaaaaa.txt")
    assert len(article.content_hash) == 64
    assert article.date_precision == "month"
    assert timezone.localtime(article.published_at).date() == datetime.date(2019, 1, 1)
    assert "1 created" in out


def test_running_the_same_import_again_changes_nothing(folder):
    path = folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR, "sub/001_bbbbbbbbbbbbbbbb.txt": DAKAR})
    run(path)
    before = list(Article.objects.values_list("pk", "version", "updated_at"))
    out, _ = run(path)
    assert list(Article.objects.values_list("pk", "version", "updated_at")) == before
    assert "2 duplicate" in out


def test_same_legacy_id_with_other_text_is_a_conflict_until_update(folder):
    run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR}))
    changed = folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR.replace("deux", "trois")})
    out, err = run(changed)
    assert "1 conflict" in out
    assert "--update" in err
    assert "deux" in Article.objects.get().title

    out, _ = run(changed, "--update")
    assert "1 updated" in out
    article = Article.objects.get()
    assert "trois" in article.title


def test_publish_uses_the_legacy_date_and_never_publishes_undated_texts(folder):
    run(
        folder(
            {
                "000_aaaaaaaaaaaaaaaa.txt": WTCR,
                "001_bbbbbbbbbbbbbbbb.txt": DAKAR,
                "002_cccccccccccccccc.txt": UNDATED,
            }
        ),
        "--publish",
    )
    wtcr = Article.objects.get(legacy_id="000_aaaaaaaaaaaaaaaa")
    dakar = Article.objects.get(legacy_id="001_bbbbbbbbbbbbbbbb")
    undated = Article.objects.get(legacy_id="002_cccccccccccccccc")
    assert wtcr.is_published() and wtcr.date_precision == "month"
    assert dakar.is_published() and dakar.date_precision == "day"
    assert timezone.localtime(dakar.published_at).date() == datetime.date(2019, 1, 17)
    assert undated.status == Article.Status.DRAFT
    assert undated.published_at is None
    assert "no_date" in undated.flags


def test_a_bad_file_is_reported_and_the_others_are_imported(folder):
    path = folder(
        {
            "000_aaaaaaaaaaaaaaaa.txt": WTCR,
            "001_bbbbbbbbbbbbbbbb.txt": b"",
            "002_cccccccccccccccc.txt": b"\x00\x00PK",
            "003_dddddddddddddddd.txt": DAKAR,
        }
    )
    out, err = run(path)
    assert Article.objects.count() == 2
    assert "2 created" in out and "2 failed" in out
    assert "001_bbbbbbbbbbbbbbbb.txt: empty file" in err
    assert "binary content" in err


def test_dry_run_reports_and_saves_nothing(folder):
    out, _ = run(folder({"000_aaaaaaaaaaaaaaaa.txt": WTCR}), "--dry-run")
    assert "Dry run" in out and "1 created" in out
    assert not Article.objects.exists()


def test_missing_path_stops_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run(tmp_path / "absent")


def test_two_texts_with_the_same_first_sentence_get_distinct_slugs(folder):
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
        "victoire-a-monza-2",
    ]
