"""An import killed in the middle (SIGKILL: no chance to say goodbye) is shown as interrupted,
and running it again imports the rest: nothing lost, nothing twice. On SQLite and PostgreSQL."""

import json
import signal
import subprocess
import sys
import time

import pytest

from .conftest import ROOT, Site

pytestmark = pytest.mark.processes

FILES = 2_000


def write_archive(folder):
    folder.mkdir()
    for n in range(FILES):
        text = (
            f" date {2000 + n % 20}-{n % 12 + 1:02d} Le pilote numéro {n} remporte la manche "
            f"{n} du championnat.\n\nRécit de la course numéro {n}, tour après tour.\n"
        )
        (folder / f"{n:04d}_{n:016x}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.security
def test_a_killed_import_is_shown_interrupted_and_resumes_with_nothing_lost_or_doubled(
    database, tmp_path, security_report
):
    site = Site(tmp_path, database.url)
    site.env["PADDOCK_IMPORT_LEASE_SECONDS"] = "1"
    site.manage("migrate", "--noinput")
    archive = write_archive(tmp_path / "archive")
    command = [sys.executable, "manage.py", "import_legacy", str(archive), "--publish"]
    run = subprocess.Popen(command, cwd=ROOT, env=site.env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while database.articles() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)  # after the first chunk, before the last
    run.wait(timeout=30)
    saved = database.articles()
    assert 0 < saved < FILES

    time.sleep(1.5)  # the lease of the killed run runs out
    shown = json.loads(
        site.shell(
            "import json\n"
            "from articles.models import ImportBatch\n"
            "ImportBatch.objects.mark_interrupted()\n"
            "batch = ImportBatch.objects.get()\n"
            "print(json.dumps([batch.status, str(batch.resume_hint)]))"
        ).splitlines()[-1]
    )
    assert shown[0] == "interrupted" and shown[1]

    site.manage("import_legacy", str(archive), "--publish", "-v", "0")
    counts = json.loads(
        site.shell(
            "import json\n"
            "from articles.models import Article, ImportBatch\n"
            "again = ImportBatch.objects.order_by('pk').last()\n"
            "print(json.dumps([Article.objects.count(),"
            " Article.objects.values('legacy_id').distinct().count(),"
            " Article.objects.published().count(), again.summary, again.status]))"
        ).splitlines()[-1]
    )
    total, distinct, published, summary, status = counts
    security_report(
        f"Killed import ({database.kind}): SIGKILL after {saved:,} of {FILES:,} files, shown "
        f"interrupted; resumed: {total:,} articles, {FILES - distinct} lost, "
        f"{total - distinct} duplicated"
    )
    assert total == distinct == published == FILES
    assert (summary["created"], summary["duplicate"]) == (FILES - saved, saved)
    assert summary["failed"] == summary["conflict"] == 0 and status == "finished"
