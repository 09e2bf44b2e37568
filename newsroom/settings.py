"""Paddock settings, read from the environment.

Unset, DATABASE_URL means SQLite under var/. With no environment at all, management commands
and tests work with a local development key; a deployed site (DEBUG off and ALLOWED_HOSTS set to
its own host names) must set SECRET_KEY, and `check --deploy` flags the development key anyway.
"""

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.media_storage import media_storage, private_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PADDOCK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
LOCAL_HOSTS = "127.0.0.1,localhost,testserver"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # A site that answers real host names is a deployment: it must have its own key. Locally
    # (tests, makemigrations, the demo) a development key will do.
    if not DEBUG and "ALLOWED_HOSTS" in os.environ:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off on a deployed site (ALLOWED_HOSTS set)."
        )
    # `check --deploy` flags this key (security.W009).
    SECRET_KEY = "django-insecure-paddock-local-development-key-not-for-production"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin on a site that answers hostile input with a message (newsroom/admin_site.py).
    "newsroom.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "taggit",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The read API's documentation page, with its scripts served from here (never a CDN).
    "ninja",
    "corsheaders",
    "teams",
    "articles",
    "newsroom",
]

MIDDLEWARE = [
    # First, so every log line of the request names it (newsroom/request_log.py).
    "newsroom.request_log.RequestIdMiddleware",
    # Load balancers' probes, answered before host checks and the HTTPS redirect.
    "newsroom.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Partner sites may read the API from their readers' browsers (CORS_URLS_REGEX below).
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here so a single machine (`make run`) serves them small; behind a
    # proxy or CDN that compresses, this costs nothing more (it skips encoded responses).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL only (/en/… for English), never from the browser, so a
    # page has one language whoever asks and stays cacheable.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.page_cache.PublicPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.navigation",
            ],
            # {% url %} from the addresses kept in the process (articles/site/addresses.py).
            "builtins": ["articles.site.addresses"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'paddock.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The file lives in var/, which a fresh clone does not have yet.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The embedded database takes a newsroom: readers never wait for writers (WAL), a writer
    # waits its turn instead of failing with "database is locked" (timeout), and a write
    # transaction takes the lock when it begins (IMMEDIATE), so two transactions that read
    # then write cannot deadlock, which SQLite would answer with an immediate error.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A page's queries are short and index-driven: starting parallel workers for one costs more
    # than it saves, and takes the cores other requests are waiting for (search on a busy
    # 2-core machine: p95 halved, bench_search).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c max_parallel_workers_per_gather=0"
    # Statements sent with their parameters apart, so the few that every page runs can be
    # prepared on their connection and planned once (articles/planned.py). A pooler in
    # transaction mode that cannot keep prepared statements (PgBouncer before 1.21) needs
    # PG_PREPARED_STATEMENTS=0.
    if os.environ.get("PG_PREPARED_STATEMENTS", "1") != "0":
        options.setdefault("server_side_binding", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files no URL serves: legacy archives uploaded in the admin, kept until they are imported; on
# the disk here, or in a bucket of their own with S3_PRIVATE_BUCKET (STORAGES["private"]).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Uploaded media on the local disk, or with MEDIA_STORAGE=s3 in an S3-compatible bucket every
# app server shares (newsroom/media_storage.py; S3_BUCKET, S3_ENDPOINT_URL, S3_CUSTOM_DOMAIN…).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
MEDIA_BACKEND, MEDIA_URL = media_storage(
    os.environ, https=env_bool("HTTPS") and not DEBUG, media_url=MEDIA_URL
)
# Uploaded images are served by Django itself only on a single machine (`make run`, DEBUG off):
# a deployment (ALLOWED_HOSTS set) keeps media on object storage behind a CDN instead.
SERVE_MEDIA = env_bool(
    "SERVE_MEDIA", default="ALLOWED_HOSTS" not in os.environ and MEDIA_STORAGE == "filesystem"
)
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
    "private": private_storage(os.environ),
}

# Rendered pages (newsroom/page_cache.py), kept compressed. Beyond one machine, Redis
# (REDIS_URL) shared by every server; the embedded default keeps them in files under var/, which
# every gunicorn worker of the machine shares and a restart keeps, sized for a site's working
# set (PADDOCK_CACHE_ENTRIES pages, about 10 kB each) where memory would hold 300 per process.
CACHE_ENTRIES = int(os.environ.get("PADDOCK_CACHE_ENTRIES", "20000"))
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": CACHE_ENTRIES},
        }
    ),
    # Pages anyone can make up in any number (searches, deep page numbers): a bounded cache of
    # each process's own, so they never evict the pages everyone reads (newsroom.page_cache).
    "long_tail": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "paddock-long-tail",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"


def _inline_style_hash(template: Path) -> str:
    """The CSP hash of the one inline <style> the 500 page keeps (it must render even when
    static files fail), so the policy can allow that block and nothing else inline."""
    text = template.read_text(encoding="utf-8")
    style = text.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    return f"'sha256-{digest}'"


# The reader site runs no inline script or style: pages load their stylesheet and images from
# this site (and the media host when media live elsewhere). JSON-LD blocks are data, not
# scripts, so they need no exception. The admin is left out: its rich text editor loads an
# inline import map, and only signed-in staff reach it.
_MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else None
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else [])],
        "style-src": ["'self'", _inline_style_hash(BASE_DIR / "templates" / "500.html")],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_bool("HTTPS", default=False):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGIN_URL = "admin:login"

# Logins are throttled (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account,
# or from one address, logins are refused for a while, whatever the password; a chief editor
# unlocks an account sooner (Admin → Axes → Access attempts: delete its attempts).
AUTHENTICATION_BACKENDS = [
    "newsroom.logins.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Two-factor authentication (TOTP) is open to every staff member; with this on, chief editors
# must turn it on before they can use the admin.
PADDOCK_CHIEF_EDITORS_NEED_2FA = env_bool("PADDOCK_CHIEF_EDITORS_NEED_2FA", default=False)
OTP_TOTP_ISSUER = os.environ.get("PADDOCK_SITE_NAME", "Paddock")
AXES_FAILURE_LIMIT = int(os.environ.get("PADDOCK_LOGIN_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PADDOCK_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind a reverse proxy or load balancer, the number of proxies in front of the app servers,
# so the address counted is the visitor's (X-Forwarded-For), not the proxy's.
AXES_IPWARE_PROXY_COUNT = int(os.environ["PROXY_COUNT"]) if os.environ.get("PROXY_COUNT") else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# The read API is public and read-only: any site may call it from a browser, without
# credentials (no cookie is ever sent or honoured there).
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

TAGGIT_CASE_INSENSITIVE = True
# Tag slugs end up in /tags/<slug>/: keep them ASCII ("équipe" -> "equipe").
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

PADDOCK_SITE_NAME = os.environ.get("PADDOCK_SITE_NAME", "Paddock")
# An import batch that gave no sign of life for this long is shown as interrupted (a chunk of
# 1,000 files takes seconds; an admin upload advances while its page is open).
PADDOCK_IMPORT_LEASE_SECONDS = int(os.environ.get("PADDOCK_IMPORT_LEASE_SECONDS", "600"))
PADDOCK_PAGE_SIZE = 20
# How long a shared cache (CDN, reverse proxy) may serve a public page before revalidating;
# browsers always revalidate (ETag / Last-Modified, answered 304 when nothing changed).
PADDOCK_SHARED_CACHE_SECONDS = int(os.environ.get("PADDOCK_SHARED_CACHE_SECONDS", "60"))
# The CDN or reverse proxy purged by the keys each write moves (newsroom/purge.py): "varnish"
# (PURGE to each of PADDOCK_PURGE_URLS), "fastly" or "cloudflare" (their APIs), or none.
PADDOCK_PURGE = os.environ.get("PADDOCK_PURGE", "")
PADDOCK_PURGE_URLS = env_list("PADDOCK_PURGE_URLS")
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
FASTLY_API_URL = os.environ.get("FASTLY_API_URL", "https://api.fastly.com")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
CLOUDFLARE_API_URL = os.environ.get("CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4")
# How long a shared preview link of an unpublished article stays valid (seconds).
PADDOCK_PREVIEW_MAX_AGE = int(os.environ.get("PADDOCK_PREVIEW_MAX_AGE", str(7 * 24 * 3600)))

# Logs go to stderr, where gunicorn, systemd or a container runtime collect them. Every line
# names its request's id (newsroom/request_log.py); LOG_FORMAT=json writes one JSON object a
# line for a log collector, LOG_LEVEL=INFO adds one access line per request.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOG_FORMATTERS = {
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    },
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsroom.request_log.RequestIdFilter"}},
    "formatters": {LOG_FORMAT: LOG_FORMATTERS[LOG_FORMAT]},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

TAGGIT_TAGS_FROM_STRING = "articles.tagging.split_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tagging.join_tags"

# The registry's hub pages belong to the public site, which gives the registry its URLs.
from newsroom.registry_urls import ABSOLUTE_URLS  # noqa: E402

ABSOLUTE_URL_OVERRIDES = ABSOLUTE_URLS
