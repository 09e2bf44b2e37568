"""An app server run as deploy/gunicorn.conf.py runs it in production: a new release is
served without one failed request, and its logs are JSON lines that name each request's id."""

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.processes

JSON_LOGS = {"LOG_FORMAT": "json", "LOG_LEVEL": "INFO"}


def get(url: str, request_id: str | None = None):
    headers = {"X-Request-ID": request_id} if request_id else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def workers_of(master: int) -> set[int]:
    """The processes whose parent is gunicorn's master (read from /proc)."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in brackets, may hold spaces: the fields count from its end.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == master:
            children.add(int(entry.name))
    return children


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the condition was not met in time")


class Readers(threading.Thread):
    """Readers asking for pages one after another, noting every answer that is not 200."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.stopped = threading.Event()
        self.answered = 0
        self.failures: list[str] = []

    def run(self):
        while not self.stopped.is_set():
            for path in ("/", "/actualites/", "/health/"):
                try:
                    status, _, _ = get(self.url + path)
                except OSError as error:
                    self.failures.append(f"{path}: {error}")
                    continue
                self.answered += 1
                if status != 200:
                    self.failures.append(f"{path}: {status}")


def test_a_graceful_restart_fails_no_request(site, tmp_path):
    url = site.start(deploy_config=True, workers=2, env=JSON_LOGS, log=tmp_path / "server.log")
    master = site.server.pid
    wait_for(lambda: len(workers_of(master)) == 2)
    first_workers = workers_of(master)
    readers = Readers(url)
    readers.start()
    try:
        wait_for(lambda: readers.answered >= 20)
        for _ in range(2):  # two releases in a row
            before = workers_of(master)
            os.kill(master, signal.SIGHUP)
            wait_for(lambda before=before: len(workers_of(master) - before) == 2)
            answered = readers.answered
            wait_for(lambda answered=answered: readers.answered >= answered + 20)
    finally:
        readers.stopped.set()
        readers.join(timeout=30)
    assert readers.failures == []
    assert workers_of(master).isdisjoint(first_workers)  # the new workers answer now
    assert readers.answered >= 60


def log_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_logs_are_json_lines_naming_the_request(site, tmp_path):
    log = tmp_path / "server.log"
    url = site.start(deploy_config=True, workers=1, env=JSON_LOGS, log=log)

    status, headers, _ = get(url + "/actualites/", request_id="nginx0123456789abcdef")
    assert status == 200
    assert headers["X-Request-ID"] == "nginx0123456789abcdef"
    _, headers, _ = get(url + "/", request_id="<script>")
    fresh_id = headers["X-Request-ID"]
    assert len(fresh_id) == 32 and fresh_id != "<script>"
    site.stop()  # every line written and the file closed

    lines = log_lines(log)  # every line parses as JSON, gunicorn's own included
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    access = {line["request_id"]: line for line in lines if line["logger"] == "paddock.requests"}
    assert access["nginx0123456789abcdef"]["path"] == "/actualites/"
    assert access["nginx0123456789abcdef"]["status"] == 200
    assert access[fresh_id]["path"] == "/"
    assert "<script>" not in log.read_text()


def test_a_failing_health_check_answers_503_and_logs_why_under_the_request_id(site, tmp_path):
    log = tmp_path / "server.log"
    # A shared cache that does not answer: nothing listens on port 1.
    env = {**JSON_LOGS, "REDIS_URL": "redis://127.0.0.1:1/0"}
    url = site.start(deploy_config=True, workers=1, env=env, log=log)

    status, headers, body = get(url + "/health/", request_id="probe-000000000001")
    assert status == 503
    assert headers["Cache-Control"].startswith("max-age=0")
    assert json.loads(body) == {
        "status": "error",
        "checks": {"database": "ok", "cache": "error", "storage": "ok"},
    }
    site.stop()

    errors = [line for line in log_lines(log) if line["logger"] == "paddock.health"]
    assert [line["request_id"] for line in errors] == ["probe-000000000001"]
    assert errors[0]["level"] == "ERROR"
    assert "ConnectionError" in errors[0]["exc_info"]
