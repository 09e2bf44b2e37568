"""Fixtures every test may use: French pages, an empty cache, the newsroom's people in their
roles, and a small registry with articles for the public pages."""

import pytest
from django.utils import translation

from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.roles import CHIEF, EDITOR, WRITER, client_for
from tests.teams.factories import (
    CarFactory,
    ChampionshipFactory,
    DriverFactory,
    ManufacturerFactory,
    TeamFactory,
)

# What the attack tests tried and found, printed after the run (`make security` reads it).
# Lines travel as the test report's user properties, so they reach the main process when
# pytest-xdist runs the tests in workers (`make security` does).
SECURITY_REPORT: list[str] = []


@pytest.fixture
def security_report(request):
    return lambda line: request.node.user_properties.append(("security", line))


def pytest_runtest_logreport(report):
    if report.when == "call":
        SECURITY_REPORT.extend(line for key, line in report.user_properties if key == "security")


def pytest_terminal_summary(terminalreporter):
    if SECURITY_REPORT:
        terminalreporter.section("security")
        for line in SECURITY_REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _french():
    """Pages are French first; tests read them as a French reader does."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rows are rolled back between tests, cached pages
    are not."""
    from django.core.cache import caches

    from newsroom.kept import forget_all

    for cache in caches.all():
        cache.clear()
    forget_all()  # kept under the database's counters, which restart with each test
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def redis_cache(settings):
    """The default cache on the real Redis server that CI runs (.ci/run starts it), in a
    database of its own (PADDOCK_TEST_REDIS_URL, by default db 15 on 127.0.0.1:6379)."""
    import os
    import uuid

    import redis

    url = os.environ.get("PADDOCK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis does not answer at {url}: start it (.ci/run shows how).")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # Keys of their own, so parallel test workers never see each other's entries.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    return url


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real S3 server (SeaweedFS) on 127.0.0.1 for the whole run (tests/s3_server.py)."""
    from tests.s3_server import S3Server

    server = S3Server(tmp_path_factory.mktemp("s3")).start()
    yield server
    server.stop()


@pytest.fixture
def s3_media(settings, s3_server):
    """Media in a bucket of their own on that server, configured as MEDIA_STORAGE=s3 does."""
    from newsroom.media_storage import s3_storage

    bucket = s3_server.new_bucket()
    backend, media_url = s3_storage(s3_server.environment(bucket), https=False)
    settings.STORAGES = {**settings.STORAGES, "default": backend}
    settings.MEDIA_URL = media_url
    return bucket


@pytest.fixture
def page_budget(django_assert_max_num_queries):
    """`with page_budget(n):` a page makes at most n queries when nothing has it cached, as a
    reader meets it after a change. The summary of the site's frame (newsroom.freshness) is made
    by the first request after a change, once for every page: it is made current first."""
    from contextlib import contextmanager

    from django.core.cache import caches

    from newsroom.freshness import site_state

    @contextmanager
    def within(budget: int):
        site_state()
        for cache in caches.all():
            cache.clear()
        with django_assert_max_num_queries(budget) as captured:
            yield captured

    return within


# The newsroom's people, one per role (groups made by articles' migration 0004).


@pytest.fixture
def writer(db):
    return UserFactory(username="wanda", role=WRITER)


@pytest.fixture
def editor(db):
    return UserFactory(username="edith", role=EDITOR)


@pytest.fixture
def chief(db):
    return UserFactory(username="chloe", role=CHIEF)


@pytest.fixture
def editor_desk(editor):
    """A browser session of the editor in the admin."""
    return client_for(editor)


# A small registry and its articles, for the public pages.


@pytest.fixture
def world(db):
    """A small registry: the WTCR with Alfa Romeo and Team Mulsanne, and the BTCC."""
    wtcr = ChampionshipFactory(
        slug="wtcr",
        name="FIA World Touring Car Cup (WTCR)",
        short_name="WTCR",
        description="La coupe du monde des voitures de tourisme.",
    )
    btcc = ChampionshipFactory(slug="btcc", name="British Touring Car Championship")
    alfa = ManufacturerFactory(slug="alfa-romeo", name="Alfa Romeo", country="IT")
    hyundai = ManufacturerFactory(slug="hyundai", name="Hyundai", country="KR")
    mulsanne = TeamFactory(
        slug="team-mulsanne", name="Team Mulsanne", championships=[wtcr], manufacturers=[alfa]
    )
    ceccon = DriverFactory(slug="kevin-ceccon", name="Kevin Ceccon", nationality="IT")
    giulietta = CarFactory(slug="giulietta-tcr", name="Giulietta TCR", manufacturer=alfa)
    return {
        "wtcr": wtcr,
        "btcc": btcc,
        "alfa": alfa,
        "hyundai": hyundai,
        "mulsanne": mulsanne,
        "ceccon": ceccon,
        "giulietta": giulietta,
    }


def make_articles(world, count, **kwargs):
    """`count` published WTCR articles, each with tags and links to every registry type."""
    links = {
        "championships": [world["wtcr"]],
        "manufacturers": [world["alfa"], world["hyundai"]],
        "teams": [world["mulsanne"]],
        "drivers": [world["ceccon"]],
        "cars": [world["giulietta"]],
    }
    return [
        ArticleFactory(
            primary_championship=world["wtcr"],
            links=links,
            tags=["tourisme", "titre", f"manche {n}"],
            **kwargs,
        )
        for n in range(count)
    ]


@pytest.fixture
def hidden(world):
    """Articles no reader may see, linked to everything the public pages list."""
    links = {
        "championships": [world["wtcr"], world["btcc"]],
        "manufacturers": [world["alfa"]],
        "teams": [world["mulsanne"]],
        "drivers": [world["ceccon"]],
    }
    common = {"primary_championship": world["wtcr"], "links": links, "tags": ["tourisme"]}
    return [
        ArticleFactory(title="Brouillon secret", draft=True, **common),
        ArticleFactory(title="En relecture secrète", in_review=True, **common),
        ArticleFactory(title="Article programmé secret", scheduled=True, **common),
        ArticleFactory(title="Article dépublié secret", unpublished=True, **common),
    ]
