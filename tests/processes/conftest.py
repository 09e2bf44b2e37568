"""The site in processes of its own, as `make run` serves it: gunicorn on 127.0.0.1, the
embedded SQLite database in a file, the default per-process cache. Commands run beside it the
way `import_legacy` or `manage.py shell` do; nothing shares memory with the server."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    def __init__(self, folder: Path, database_url: str | None = None):
        self.database_url = database_url or f"sqlite:///{folder / 'site.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(folder / "media"),
        }
        self.env.pop("REDIS_URL", None)  # the embedded default: no shared cache
        self.server = None
        self.log = None
        self.url = ""

    def manage(self, *args: str, code: str | None = None) -> str:
        command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode()

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", code=code)

    def start(
        self,
        *,
        workers: int = 2,
        threads: int = 1,
        deploy_config: bool = False,
        env: dict | None = None,
        log: Path | None = None,
    ) -> str:
        """Serve the site; with `deploy_config`, as deploy/gunicorn.conf.py runs it in
        production (its settings from the environment, `workers` as WEB_CONCURRENCY)."""
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi"]
        environment = {**self.env, **(env or {})}
        if deploy_config:
            command += ["-c", "deploy/gunicorn.conf.py"]
            environment |= {"BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
        else:
            command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
            command += ["--threads", str(threads)]
        self.log = open(log, "ab") if log else None  # noqa: SIM115 (closed by stop())
        self.server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=self.log or subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(self.url + "/robots.txt", timeout=2)
                return self.url
            except urllib.error.HTTPError:
                return self.url  # it answers (whether it can serve is the test's question)
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the server did not start")

    def stop(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=40)
            self.server = None
        if self.log is not None:
            self.log.close()
            self.log = None


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    site.manage("migrate", "--noinput")
    yield site
    site.stop()


SCRATCH_SERVER = "postgres://postgres@127.0.0.1:5432"


class Database:
    """Counts articles from outside the site, while the import runs."""

    def __init__(self, kind, tmp_path):
        self.kind = kind
        if kind == "sqlite":
            self.path = tmp_path / "site.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        psycopg = pytest.importorskip("psycopg")
        self.name = f"paddock_kill_{uuid.uuid4().hex[:8]}"
        try:
            with psycopg.connect(f"{SCRATCH_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {self.name}")
        except psycopg.OperationalError:
            pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
        self.url = f"{SCRATCH_SERVER}/{self.name}"

    def articles(self) -> int:
        query = "SELECT count(*) FROM articles_article"
        if self.kind == "sqlite":
            if not self.path.exists():
                return 0
            with sqlite3.connect(self.path, timeout=5) as connection:
                try:
                    return connection.execute(query).fetchone()[0]
                except sqlite3.OperationalError:
                    return 0
        import psycopg

        with psycopg.connect(self.url) as connection:
            return connection.execute(query).fetchone()[0]

    def drop(self):
        if self.kind == "postgresql":
            import psycopg

            with psycopg.connect(f"{SCRATCH_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """The embedded SQLite file, or a scratch PostgreSQL database made for the test."""
    database = Database(request.param, tmp_path)
    yield database
    database.drop()
