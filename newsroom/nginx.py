"""Debian's nginx in front of app servers, configured by deploy/nginx.conf.template: started
on 127.0.0.1 by the two-server test (tests/processes/test_two_app_servers.py) and by
`manage.py bench_load`, so both run the configuration a deployment uses."""

import shutil
import subprocess
from pathlib import Path
from string import Template

from django.conf import settings

from .processes import answering

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def installed() -> bool:
    return Path(NGINX).exists()


def start(folder: Path, *, servers: list[str], port: int) -> subprocess.Popen:
    """nginx listening on 127.0.0.1:`port`, sharing requests between `servers` ("host:port"),
    its files in `folder`; returns once it answers. The caller stops it (terminate, then
    wait)."""
    for scratch in ("logs", "tmp"):
        (folder / scratch).mkdir(parents=True, exist_ok=True)
    template = Template((settings.BASE_DIR / "deploy" / "nginx.conf.template").read_text())
    upstreams = " ".join(f"server {address.removeprefix('http://')};" for address in servers)
    config = folder / "nginx.conf"
    config.write_text(template.safe_substitute(LISTEN=f"127.0.0.1:{port}", APP_SERVERS=upstreams))
    process = subprocess.Popen(
        [NGINX, "-p", f"{folder}/", "-c", str(config), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    if answering(f"http://127.0.0.1:{port}/health/", process):
        return process
    process.terminate()
    output = process.communicate(timeout=30)[1].decode(errors="replace")
    raise RuntimeError(f"nginx did not start: {output}")
