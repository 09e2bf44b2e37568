"""Debian's varnishd in front of the site, configured by deploy/varnish.vcl.template, started
on 127.0.0.1 by the Varnish test (tests/processes/test_varnish.py) and by `manage.py
bench_varnish`: both run the configuration a deployment uses."""

import shutil
import subprocess
from pathlib import Path
from string import Template

from django.conf import settings

from .processes import answering

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def installed() -> bool:
    return Path(VARNISHD).exists()


def start(
    folder: Path, *, backend: str, port: int, storage: str = "malloc,64m"
) -> subprocess.Popen:
    """varnishd listening on 127.0.0.1:`port` in front of `backend` ("host:port"), its files in
    `folder`; returns once it answers. The caller stops it (terminate, then wait)."""
    host, backend_port = backend.removeprefix("http://").split(":")
    template = Template((settings.BASE_DIR / "deploy" / "varnish.vcl.template").read_text())
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "paddock.vcl"
    config.write_text(
        template.safe_substitute(BACKEND_HOST=host, BACKEND_PORT=backend_port, PURGERS="")
    )
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",  # in the foreground: whoever started it stops it
            "-j", "none",  # as the user running it, in its own folder
            "-n", str(folder / "work"),
            "-a", f"127.0.0.1:{port}",
            "-T", "none",
            "-f", str(config),
            "-s", storage,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    if answering(f"http://127.0.0.1:{port}/robots.txt", process):
        return process
    process.terminate()
    output = process.communicate(timeout=30)[0].decode(errors="replace")
    raise RuntimeError(f"varnishd did not start: {output}")
