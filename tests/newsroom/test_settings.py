import subprocess
import sys

import pytest


def run_settings(env):
    """Import the settings in a fresh interpreter with exactly `env`."""
    code = "import newsroom.settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def base_env(tmp_path):
    return {"PATH": "/usr/bin:/bin", "PADDOCK_VAR_DIR": str(tmp_path)}


def test_secret_key_is_required_when_debug_is_off_on_a_deployed_site(base_env):
    result = run_settings({**base_env, "ALLOWED_HOSTS": "paddock.example"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_without_any_environment_local_commands_work_with_a_development_key(base_env):
    code = "import newsroom.settings as s; print(s.SECRET_KEY.startswith('django-insecure'))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=base_env, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["True"]


def test_debug_runs_on_sqlite_in_var_without_any_service(base_env, tmp_path):
    result = run_settings({**base_env, "DEBUG": "1"})
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]
    assert tmp_path.is_dir()


def test_database_url_switches_to_postgresql(base_env):
    env = {**base_env, "SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@127.0.0.1:5432/db"}
    result = run_settings(env)
    assert result.stdout.split() == ["django.db.backends.postgresql", "False"]


def test_the_system_checks_pass():
    """What `migrate` and `runserver` run first: an admin misconfigured there stops them."""
    from django.core.management import call_command

    call_command("check", fail_level="WARNING")


def database_options(env) -> str:
    code = "import newsroom.settings as s; o = s.DATABASES['default'].get('OPTIONS', {}); "
    code += "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()


def test_postgresql_gets_parameters_apart_to_prepare_statements_unless_a_pooler_forbids(
    base_env,
):
    env = {**base_env, "SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@127.0.0.1:5432/db"}
    # Apart, so the pages' fixed statements can be prepared (articles/planned.py); no other
    # statement is prepared behind the code's back (Django's default threshold: none).
    assert database_options(env) == ["True", "None"]
    assert database_options({**env, "PG_PREPARED_STATEMENTS": "0"}) == ["None", "None"]
    assert database_options({**base_env, "DEBUG": "1"}) == ["None", "None"]  # SQLite
