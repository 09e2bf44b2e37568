from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.bench.synthetic import Names, synthetic_text
from articles.models import Article
from tests.teams.factories import (
    CarFactory,
    ChampionshipFactory,
    CircuitFactory,
    DriverFactory,
    ManufacturerFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_registry():
    for factory in (ChampionshipFactory, ManufacturerFactory, TeamFactory, DriverFactory):
        factory.create_batch(3)
    CarFactory.create_batch(2)
    CircuitFactory.create_batch(2)


def test_synthetic_texts_are_legacy_texts_naming_registry_entities(small_registry):
    import random

    names = Names.from_registry()
    text = synthetic_text(random.Random(1), names)
    assert text.startswith(" date ")
    assert 1000 < len(text.encode()) < 5000
    assert any(name in text for name in names.driver + names.team + names.championship)


def test_bench_command_imports_and_reimports_its_corpus(small_registry, tmp_path):
    out = StringIO()
    call_command("bench_import", "--files", "30", "--workdir", str(tmp_path / "c"), stdout=out)
    report = out.getvalue()
    assert "new texts on" in report and "30 created" in report
    assert "re-import (all duplicates)" in report and "30 duplicate" in report
    assert "peak memory" in report
    assert Article.objects.count() == 30


def test_bench_refuses_a_database_with_articles(small_registry, tmp_path):
    from tests.articles.factories import ArticleFactory

    ArticleFactory()
    with pytest.raises(CommandError, match="scratch database"):
        call_command("bench_import", "--files", "3", "--workdir", str(tmp_path / "c"))


def test_suggestion_bench_times_the_endpoint_on_a_body_of_the_asked_size(small_registry):
    out = StringIO()
    call_command("bench_suggestions", "--chars", "3000", "--runs", "3", stdout=out)
    report = out.getvalue()
    assert "suggestions for a 3,000-character body" in report
    assert "median" in report and "p95" in report
    # The synthetic body names registry entities: the endpoint found some.
    assert " 0 links" not in report
