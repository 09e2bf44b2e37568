"""Gunicorn for a Paddock app server: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Read from the environment (deploy/paddock.env lists them): BIND (default 127.0.0.1:8000),
WEB_CONCURRENCY (worker processes, read by gunicorn itself), FORWARDED_ALLOW_IPS (the
proxies whose X-Forwarded-* headers are trusted), LOG_FORMAT.

A new release is served without a failed request: `kill -HUP <master pid>` starts workers on
the new code, then lets the old ones finish what they are answering before they stop (the
listening socket never closes). tests/processes/test_app_server.py checks it.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Workers load the application themselves (no preload), so a HUP brings in new code.
preload_app = False
# A request slower than this is cut; a stopping worker gets as long to finish its last one.
timeout = 30
graceful_timeout = 30
# Workers are replaced now and then (gracefully, one at a time thanks to the jitter), so a
# slow leak in any library never grows into an outage.
max_requests = 5000
max_requests_jitter = 500
# Paddock writes one access line per request itself, with the request's id
# (newsroom/request_log.py); gunicorn's own would repeat it without the id.
accesslog = None
errorlog = "-"

if os.environ.get("LOG_FORMAT") == "json":
    # Gunicorn's own lines (workers starting, stopping, timing out) as JSON too, so a log
    # collector reads one format from the whole server.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json"},
        },
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        },
    }
