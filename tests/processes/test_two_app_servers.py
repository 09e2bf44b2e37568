"""Two app servers behind nginx, as deploy/ sets them up: gunicorn (deploy/gunicorn.conf.py)
twice, sharing PostgreSQL, Redis and an S3 bucket, with nginx (deploy/nginx.conf.template) in
front. What one server does, the other shows at once: an edit, an upload, a login, and a
scheduled article coming due."""

import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from newsroom import nginx as nginx_server

from .conftest import Database, Site, free_port

pytestmark = pytest.mark.processes

REDIS_URL = os.environ.get("PADDOCK_TEST_SHARED_REDIS_URL", "redis://127.0.0.1:6379/14")


class Browser:
    """A person's browser: cookies kept across servers, forms posted as the page filled them."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect,
        )

    def get(self, url: str):
        try:
            with self.opener.open(url, timeout=20) as answer:
                return answer.status, answer.headers, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def submit(self, url: str, changes: dict, files: dict | None = None):
        """Posts the page's main form with its own values, `changes` and `files` applied."""
        _, _, page = self.get(url)
        # The page's own form: the one with most fields (the admin's header holds a log-out form).
        form = max(lxml.html.fromstring(page).forms, key=lambda f: len(f.inputs))
        values = {}
        for name, value in form.form_values():
            values.setdefault(name, value)
        values.update(changes)
        if files:
            body = encode_multipart(BOUNDARY, {**values, **files})
            content_type = MULTIPART_CONTENT
        else:
            body = urllib.parse.urlencode(values).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": content_type, "Referer": url}
        )
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def shared(tmp_path, s3_server):
    """PostgreSQL, Redis and a bucket, as two servers share them."""
    database = Database("postgresql", tmp_path)
    bucket = s3_server.new_bucket()
    env = {
        **s3_server.environment(bucket),
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    yield database, env
    database.drop()


def nginx_in_front(folder: Path, servers: list[str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    return nginx_server.start(folder, servers=servers, port=port), f"http://127.0.0.1:{port}"


def served_by(log: Path, request_id: str) -> bool:
    return any(
        json.loads(line).get("request_id") == request_id
        for line in log.read_text().splitlines()
        if line.startswith("{")
    )


def test_two_servers_behind_nginx_share_everything(tmp_path, shared):
    database, env = shared
    first, second = Site(tmp_path / "a", database.url), Site(tmp_path / "b", database.url)
    first.manage("migrate", "--noinput")
    password = secrets.token_urlsafe(16)
    first.shell(
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('chef', 'chef@example.org', '{password}'); "
        "from teams.models import Championship; "
        "Championship.objects.create(name='British Touring Car Championship', slug='btcc', "
        "category='touring')"
    )
    logs = {name: tmp_path / f"{name}.log" for name in ("a", "b")}
    balancer = None
    try:
        a = first.start(deploy_config=True, workers=1, env=env, log=logs["a"])
        b = second.start(deploy_config=True, workers=1, env=env, log=logs["b"])
        balancer, site = nginx_in_front(
            tmp_path / "nginx", [a.removeprefix("http://"), b.removeprefix("http://")]
        )
        # nginx shares the readers between both servers, and its request id is theirs.
        ids = [
            urllib.request.urlopen(site + "/", timeout=10).headers["X-Request-ID"] for _ in range(6)
        ]
        assert any(served_by(logs["a"], i) for i in ids)
        assert any(served_by(logs["b"], i) for i in ids)

        # A login on A works on B.
        chief = Browser()
        status, _ = chief.submit(
            f"{a}/admin/login/?next=/admin/", {"username": "chef", "password": password}
        )
        assert status == 302
        assert chief.get(f"{b}/admin/")[0] == 200

        # B has the hub cached; an edit saved on A is on B's next page.
        assert "British Touring Car Championship" in chief.get(f"{b}/championnats/btcc/")[2]
        btcc = f"{a}/admin/teams/championship/"
        change = re.search(r'href="(/admin/teams/championship/\d+/change/)', chief.get(btcc)[2])
        status, page = chief.submit(f"{a}{change.group(1)}", {"name": "BTCC — saison 2026"})
        assert status == 302, page
        reader = Browser()
        assert "BTCC — saison 2026" in reader.get(f"{b}/championnats/btcc/")[2]

        # An image uploaded on A is in B's library, served from the bucket.
        from tests.articles.test_images import picture_bytes, upload

        status, page = chief.submit(
            f"{a}/admin/articles/image/add/",
            {
                "alt_text": "La parabolique de Monza",
                "caption": "Essais libres à Monza",
                "credit": "Studio Piste",
            },
            files={"file": upload(picture_bytes("JPEG", (900, 600)), "monza.jpg")},
        )
        assert status == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', page, re.S)
        library = chief.get(f"{b}/admin/articles/image/")[2]
        thumbnails = re.findall(r'src="(http://127\.0\.0\.1:\d+/paddock-[^"]+)"', library)
        assert thumbnails
        with urllib.request.urlopen(thumbnails[0], timeout=10) as picture:
            assert picture.headers["Content-Type"].startswith("image/")

        # A scheduled article appears on both servers at its time, with no write in between.
        due_in = 6
        first.shell(
            "from datetime import timedelta; from django.utils import timezone; "
            "from articles.models import Article; from articles.services import save_article; "
            "article = Article(title='Départ à Brands Hatch', slug='depart-brands-hatch', "
            "standfirst='Texte.'); "
            "save_article(article=article, user=None, transition='publish', "
            f"when=timezone.now() + timedelta(seconds={due_in}))"
        )
        started = time.monotonic()
        for server in (a, b):
            assert "Départ à Brands Hatch" not in reader.get(f"{server}/actualites/")[2]
        while time.monotonic() - started < due_in + 15:
            shown = ["Départ à Brands Hatch" in reader.get(f"{s}/actualites/")[2] for s in (a, b)]
            if all(shown):
                break
            time.sleep(0.5)
        assert all(shown)
        assert time.monotonic() - started >= due_in - 1
    finally:
        if balancer is not None:
            balancer.terminate()
            balancer.wait(timeout=10)
        first.stop()
        second.stop()
