"""The production environment the README documents (deploy/paddock.env) passes
`manage.py check --deploy` with no warning."""

import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def documented_environment() -> dict[str, str]:
    lines = (ROOT / "deploy" / "paddock.env").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line.strip() and not line.startswith("#")]
    return dict(pairs)


def test_the_documented_production_settings_pass_check_deploy(tmp_path):
    environment = documented_environment()
    assert "SECRET_KEY" not in environment  # it comes from a secret store, never the file
    env = {
        "PATH": "/usr/bin:/bin",
        "PADDOCK_VAR_DIR": str(tmp_path),
        **environment,
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "no issues (0 silenced)" in done.stdout


def test_without_https_check_deploy_complains(tmp_path):
    """The check above can fail: the same environment without HTTPS=1 is refused."""
    environment = {k: v for k, v in documented_environment().items() if k != "HTTPS"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "PADDOCK_VAR_DIR": str(tmp_path),
            **environment,
            "SECRET_KEY": secrets.token_urlsafe(50),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "security.W008" in done.stderr
