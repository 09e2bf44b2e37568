"""No input answers 500: every public page type with hostile query strings and hostile slugs,
and the admin's forms with hostile values in every text field.

The values come from ../shared/data (the naughty strings and XSS payloads, sampled with a fixed
seed so a failure can be replayed) and from our own list of edge cases: NUL, lone surrogate
escapes, right-to-left overrides, 10,000-character values.
"""

import json
import random
from pathlib import Path

import pytest
from django.urls import reverse

from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.roles import CHIEF, article_form, client_for
from tests.conftest import make_articles

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
OWN = [
    "",
    "\x00",
    "a\x00b",
    "%00",
    "\u202egnp.exe",
    "\ufeff",
    "𝕿𝖊𝖘𝖙 🏎️🏁",
    "x" * 10_000,
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "../../etc/passwd",
    "{{ 7*7 }}{% debug %}",
    "<![><img src=x onerror=alert(1)//>",
    "' OR 1=1 --",
    "\\",
    "%",
    "&page=2",
]
SAMPLE = 40


def hostile_values() -> list[str]:
    values = list(OWN)
    rng = random.Random(20261206)
    if (DATA / "blns.json").exists():
        values += rng.sample(json.loads((DATA / "blns.json").read_text(encoding="utf-8")), SAMPLE)
    if (DATA / "xss-payload-list.txt").exists():
        payloads = (DATA / "xss-payload-list.txt").read_text(encoding="utf-8").splitlines()
        values += rng.sample(payloads, SAMPLE)
    return values


VALUES = hostile_values()
PARAMS = ("q", "page", "p", "championnat", "constructeur", "annee")


@pytest.fixture
def site(world):
    articles = make_articles(world, 3)
    article = articles[0]
    article.authors.add(UserFactory(username="lea", first_name="Léa", last_name="Roux"))
    return [
        "/",
        "/en/",
        "/actualites/",
        article.get_absolute_url(),
        "/actualites/archives/",
        f"/actualites/{article.published_at.year}/",
        f"/actualites/{article.published_at.year}/{article.published_at.month:02d}/",
        "/championnats/",
        world["wtcr"].get_absolute_url(),
        "/constructeurs/",
        world["alfa"].get_absolute_url(),
        "/equipes/",
        world["mulsanne"].get_absolute_url(),
        "/pilotes/",
        world["ceccon"].get_absolute_url(),
        "/auteurs/",
        "/auteurs/lea-roux/",
        "/tags/tourisme/",
        "/recherche/",
        "/flux/rss/",
        "/flux/atom/",
        f"{world['wtcr'].get_absolute_url()}rss/",
        "/tags/tourisme/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-tags.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]


def test_hostile_query_strings_on_every_public_page_type_answer_no_server_error(client, site):
    errors = []
    for url in site:
        for value in VALUES:
            response = client.get(url, dict.fromkeys(PARAMS, value))
            if response.status_code >= 500:
                errors.append((url, value[:60], response.status_code))
    assert errors == []


SLUGS = ["a" * 300, "-", "_", "0", "--x--", "x" * 2_000, "tag-0123456789", "A_B-c"]
PATTERNS = [
    "/championnats/{}/",
    "/constructeurs/{}/",
    "/equipes/{}/",
    "/pilotes/{}/",
    "/auteurs/{}/",
    "/tags/{}/",
    "/tags/{}/rss/",
    "/championnats/{}/atom/",
    "/actualites/2019/01/{}/",
    "/actualites/1800/01/{}/",
    "/actualites/2099/12/{}/",
    "/sitemap-{}.xml",
    "/apercu/{}/",
    "/en/pilotes/{}/",
]


def test_hostile_slugs_in_every_pattern_answer_not_found(client, world):
    ArticleFactory()
    answers = {
        (pattern, slug[:20]): client.get(pattern.format(slug)).status_code
        for pattern in PATTERNS
        for slug in SLUGS
    }
    assert {key: status for key, status in answers.items() if status not in (404, 410)} == {}


@pytest.fixture
def chief_desk(db):
    return client_for(UserFactory(username="chloe", role=CHIEF))


def admin_posts(value: str) -> list[tuple[str, dict]]:
    article = article_form(title=value, standfirst=value, body=value, byline=value)
    article.update(source=value, source_url=value, tags=value, workflow_comment=value)
    return [
        (reverse("admin:articles_article_add"), article),
        (
            reverse("admin:teams_championship_add"),
            {"name": value, "slug": value, "short_name": value, "aliases": value},
        ),
        (reverse("admin:teams_team_add"), {"name": value, "slug": value, "aliases": value}),
        (reverse("admin:teams_driver_add"), {"name": value, "slug": value, "aliases": value}),
        (reverse("admin:taggit_tag_add"), {"name": value, "slug": value}),
        (reverse("admin:articles_image_add"), {"alt_text": value, "caption": value}),
        (reverse("admin:articles_importupload_add"), {"source": value}),
    ]


def test_hostile_values_in_the_admin_forms_answer_no_server_error(chief_desk):
    errors = []
    for value in VALUES:
        for url, data in admin_posts(value):
            status = chief_desk.post(url, data).status_code
            if status >= 500:
                errors.append((url, value[:60], status))
        status = chief_desk.get(reverse("admin:articles_article_changelist"), {"q": value})
        if status.status_code >= 500:
            errors.append(("changelist", value[:60], status.status_code))
    assert errors == []
