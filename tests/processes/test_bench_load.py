"""`manage.py bench_load` (make bench): two app servers behind nginx under many readers at once,
with the figures it prints read from Debian's wrk."""

import re

import pytest

pytestmark = pytest.mark.processes


def test_the_load_bench_serves_readers_and_searches_through_two_servers(site, tmp_path):
    site.env["PADDOCK_VAR_DIR"] = str(tmp_path / "var")  # its static files and cache
    site.manage("load_registry", "-v0")
    site.manage("bench_pages", "--articles", "80", "--pages", "3", "--repeat", "1")
    report = site.manage("bench_load", "--connections", "8", "--seconds", "2")

    assert "two servers behind nginx, 2 workers each, 8 connections for 2 s" in report
    for name in ("reader mix (Zipf-like)", "search, two random words"):
        line = next(line for line in report.splitlines() if name in line)
        served = int(re.search(r"([\d,]+) requests,", line)[1].replace(",", ""))
        assert served > 8, line
        assert re.search(r"p99 [\d.]+m?s;", line), line
        assert "; 0 not 200, 0 connection errors, 0 timed out after 5 s" in line, line
