"""Many readers at once against two app servers behind nginx, as deploy/ sets them up.

    manage.py bench_load --connections 64 --seconds 60   # after bench_pages (make bench)

Starts two gunicorn servers (deploy/gunicorn.conf.py) on the database DATABASE_URL names, with
the cache a deployment gives them (Redis when REDIS_URL is set, else the embedded default's
files), and Debian's nginx (deploy/nginx.conf.template) in front, all on 127.0.0.1 and all
stopped at the end. Debian's wrk then keeps `--connections` requests open for `--seconds`:
first readers asking for pages as readers do (bench_varnish's Zipf-like mix), then searches
of two random words of the archive's titles. Each request that takes more than `--timeout`
seconds counts as timed out. Prints, for each: requests, requests a second, the 50th and
99th percentiles of the time to answer, answers that were not 200 and timeouts.
"""

import os
import random
import re
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from newsroom import nginx
from newsroom.management.readers import app_server, free_port, reader_mix

WRK = shutil.which("wrk") or "/usr/bin/wrk"
# Each wrk thread reads the paths from the file its argument names, and asks for them in
# turn, from its own starting point.
PATHS_SCRIPT = """
local paths = {}
local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("start", thread_count)
end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = (start * 7919) % #paths
end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
"""
WORD = re.compile(r"\w{4,}")


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--connections", type=int, default=64)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--timeout", type=int, default=5)
        parser.add_argument("--workers", type=int, default=2, help="per server")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, connections, seconds, timeout, workers, seed, **options):
        if not Path(WRK).exists():
            raise CommandError("wrk not found: apt-get install wrk")
        if not nginx.installed():
            raise CommandError("nginx not found: apt-get install nginx")
        if not Article.objects.published().exists():
            raise CommandError("No articles: run bench_pages first, on the same database.")
        call_command("collectstatic", interactive=False, verbosity=0)  # as a release does
        caches["default"].clear()  # the servers' shared cache: pages of an earlier run
        rng = random.Random(seed)
        _pages, readers = reader_mix(rng, 20_000)
        words = sorted(
            {
                word.lower()
                for title in Article.objects.published().values_list("title", flat=True)[:5000]
                for word in WORD.findall(title)
            }
        )
        searches = [
            "/recherche/?" + urllib.parse.urlencode({"q": " ".join(rng.sample(words, 2))})
            for _ in range(20_000)
        ]
        servers, balancer = [], None
        with tempfile.TemporaryDirectory(prefix="paddock-load-") as scratch:
            folder = Path(scratch)
            try:
                for _ in range(2):
                    port = free_port()
                    servers.append((app_server(port, dict(os.environ), workers=workers), port))
                front = free_port()
                balancer = nginx.start(
                    folder / "nginx",
                    servers=[f"127.0.0.1:{port}" for _server, port in servers],
                    port=front,
                )
                script = folder / "paths.lua"
                script.write_text(PATHS_SCRIPT)
                where = "two servers behind nginx"
                self.stdout.write(
                    f"{where}, {workers} workers each, {connections} connections for {seconds} s"
                )
                for name, paths in (
                    ("reader mix (Zipf-like)", readers),
                    ("search, two random words", searches),
                ):
                    listed = folder / "paths.txt"
                    listed.write_text("\n".join(paths) + "\n")
                    figures = self._wrk(front, script, listed, connections, seconds, timeout)
                    self.stdout.write(f"  {name}: {figures}")
            finally:
                for process in [balancer, *(server for server, _port in servers)]:
                    if process is not None:
                        process.terminate()
                        process.communicate(timeout=40)

    def _wrk(self, port, script, listed, connections, seconds, timeout) -> str:
        command = [
            WRK, "-t2", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s",
            "--latency", "-s", str(script), f"http://127.0.0.1:{port}", "--", str(listed),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
        if done.returncode != 0:
            raise CommandError(f"wrk failed: {done.stderr or done.stdout}")
        return summary(done.stdout, timeout)


def summary(output: str, timeout: int) -> str:
    """The figures of wrk's report that say whether readers were served."""
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed, timeouts = (sum(map(int, sockets.groups()[:3])), int(sockets[4])) if sockets else (0, 0)
    return (
        f"{requests:,} requests, {rate:,.1f} req/s, p50 {latency.get('50', '?')}, "
        f"p99 {latency.get('99', '?')}; {int(refused[1]) if refused else 0} not 200, "
        f"{failed} connection errors, {timeouts} timed out after {timeout} s"
    )
