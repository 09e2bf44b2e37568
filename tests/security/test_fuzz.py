"""No input answers 500: every public page type with hostile query strings and hostile slugs,
and every admin form and list with hostile values in every field.

The values come from ../shared/data (the naughty strings and XSS payloads, sampled with a fixed
seed so a failure can be replayed) and from our own list of edge cases: NUL, lone surrogate
escapes, right-to-left overrides, 10,000-character values.
"""

import random
from urllib.parse import parse_qs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html as lxml_html

from tests.admin_tour import admin_pages, furnish
from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.roles import client_for
from tests.conftest import make_articles
from tests.teams.factories import EventFactory, ResultFactory, SeasonFactory

from . import payloads

pytestmark = [pytest.mark.django_db, pytest.mark.security]

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
    "9999",
    "⁰⁴⁵",
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


def hostile_values(*, own: list[str], sample: int, full_sample: int) -> list[str]:
    """`own` edge cases and `sample` values of each shared list (seeded); in a full run (`make
    security`), every OWASP payload and `full_sample` of each other list."""
    if not payloads.available():
        return own
    lists = payloads.payload_lists()
    rng = random.Random(payloads.SEED)
    if payloads.full_run():
        picked = lists["owasp"] + [
            value
            for name in ("blns", "payloadbox")
            for value in rng.sample(lists[name], full_sample)
        ]
        return list(dict.fromkeys(OWN + picked))
    return own + rng.sample(lists["blns"], sample) + rng.sample(lists["payloadbox"], sample)


VALUES = hostile_values(own=OWN, sample=40, full_sample=500)
# The admin has many forms and lists: the suite tries the edge cases that found its defects
# (NUL, a number beyond 64 bits, a year out of the calendar, 10,000 characters, markup…).
ADMIN_VALUES = hostile_values(
    own=["\x00", "99999999999999999999999", "9999", "²", "x" * 10_000, "<![><img src=x>"],
    sample=2,
    full_sample=30,
)
PARAMS = ("q", "page", "p", "championnat", "saison", "constructeur", "annee")
# What the read API reads (newsroom/api/routes.py).
API_PARAMS = ("championship", "manufacturer", "team", "driver", "tag", "language", "since")
API_PARAMS += ("until", "page_size", "cursor")


@pytest.fixture
def site(world):
    articles = make_articles(world, 3)
    article = articles[0]
    article.authors.add(UserFactory(username="lea", first_name="Léa", last_name="Roux"))
    season = SeasonFactory(championship=world["wtcr"])
    result = ResultFactory(event__season=season, entry__season=season, position=1)
    return [
        result.event.season.get_absolute_url(),
        result.event.get_absolute_url(),
        f"{world['wtcr'].get_absolute_url()}calendrier.ics",
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
        "/api/v1/articles/",
        f"/api/v1/articles/{article.slug}/",
        "/api/v1/championships/",
        "/api/v1/teams/",
    ]


def test_hostile_query_strings_on_every_public_page_type_answer_no_server_error(
    client, site, security_report
):
    errors = []
    for url in site:
        for value in VALUES:
            response = client.get(url, dict.fromkeys(PARAMS + API_PARAMS, value))
            if response.status_code >= 500:
                errors.append((url, value[:60], response.status_code))
    security_report(
        f"Fuzz (public): {len(site) * len(VALUES):,} requests, {len(VALUES)} hostile values in "
        f"every parameter of {len(site)} page types: {len(errors)} server errors"
    )
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
    "/championnats/{}/calendrier.ics",
    "/championnats/wtcr/{}/",
    "/championnats/wtcr/2019/{}/",
    "/championnats/{}/2019/course-1/",
    "/actualites/2019/01/{}/",
    "/actualites/1800/01/{}/",
    "/actualites/2099/12/{}/",
    "/sitemap-{}.xml",
    "/apercu/{}/",
    "/en/pilotes/{}/",
    "/api/v1/articles/{}/",
    "/api/v1/drivers/{}/",
]


def test_hostile_slugs_in_every_pattern_answer_not_found(client, world, security_report):
    ArticleFactory()
    EventFactory(season__championship=world["wtcr"], season__year=2019, slug="course-1")
    answers = {
        (pattern, slug[:20]): client.get(pattern.format(slug)).status_code
        for pattern in PATTERNS
        for slug in SLUGS
    }
    errors = sum(status >= 500 for status in answers.values())
    security_report(
        f"Fuzz (addresses): {len(answers)} hostile slugs in {len(PATTERNS)} URL patterns: "
        f"{errors} server errors"
    )
    assert {key: status for key, status in answers.items() if status not in (404, 410)} == {}


# Every admin form ------------------------------------------------------------------------------
#
# The admin is crawled as a superuser: the index, then for each model its list, its add page, the
# first object's change and history pages, and the desk's own pages. Every form found there is
# posted back with each hostile value in every field (text, choices, check boxes, hidden fields
# such as the version, file uploads named and filled with the value), and once more with the
# formsets' management fields hostile and the rest as the page filled it. Search and filter
# parameters of every list get the values too. Delete confirmations and log-out are left out:
# they take no typed input.

MANAGEMENT = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
LIST_PARAMS = ("q", "o", "p", "e", "all", "_popup", "_to_field")


@pytest.fixture
def everything(world, tmp_path, settings):
    """One object of every kind the admin shows, made the way the newsroom makes them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return client_for(furnish(world, tmp_path / "archives"))


def filled(form, value: str, *, management: bool) -> tuple[dict, dict]:
    """The form's fields as the page filled them, with `value` in every field (`management`:
    in the formsets' management fields only). Returns (data, files)."""
    data, files = {}, {}
    for field in form.inputs:
        name = field.name
        if not name or name == "csrfmiddlewaretoken":
            continue
        kind = getattr(field, "type", "")
        if kind in ("submit", "button", "reset", "image"):
            continue
        if kind == "file":
            upload_name = (value.replace("/", "_").replace("\x00", "") or "vide")[:100]
            files[name] = SimpleUploadedFile(upload_name, value.encode("utf-8", "surrogatepass"))
            continue
        if name.endswith(MANAGEMENT) == management:
            data[name] = value
        elif kind == "checkbox":
            if field.checked:
                data.setdefault(name, []).append(field.value or "on")
        elif kind == "radio":
            if field.checked:
                data[name] = field.value
        elif getattr(field, "multiple", False):
            data[name] = list(field.value)
        else:
            data[name] = field.value or ""
    return data, files


def test_hostile_values_in_every_admin_form_answer_no_server_error(everything, security_report):
    desk = everything
    desk.raise_request_exception = False  # count every 500, not only the first
    errors, requests = [], 0
    for page in admin_pages(desk):
        answer = desk.get(page)
        requests += 1
        if answer.status_code >= 500:
            errors.append(("GET", page, "", answer.status_code))
        if answer.status_code != 200 or b"<form" not in answer.content:
            continue
        document = lxml_html.fromstring(answer.content, base_url="http://testserver" + page)
        for form in document.forms:
            action = form.action or page
            if "logout" in action or document.xpath('//input[@name="post"][@value="yes"]'):
                continue
            method = (form.method or "GET").upper()
            for value in ADMIN_VALUES:
                for management in (False, True):
                    data, files = filled(form, value, management=management)
                    if management and not any(n.endswith(MANAGEMENT) for n in data):
                        continue
                    if method == "POST":
                        status = desk.post(action, {**data, **files}).status_code
                    else:
                        status = desk.get(action, data).status_code
                    requests += 1
                    if status >= 500:
                        errors.append((method, action, value[:40], status))
        if "/change/" not in page and page.count("/") == 4:  # a list: its search and filters
            filters = {
                key
                for href in document.xpath("//a/@href")
                if href.startswith("?")
                for key in parse_qs(href[1:])
            }
            for key in sorted(filters | set(LIST_PARAMS)):
                for value in ADMIN_VALUES:
                    status = desk.get(page, {key: value}).status_code
                    requests += 1
                    if status >= 500:
                        errors.append(("GET", page, f"{key}={value[:40]}", status))
    for value in ADMIN_VALUES:  # the search behind every autocomplete field
        for field in ("championships", "hero_image", "primary_championship"):
            query = {"app_label": "articles", "model_name": "article", "field_name": field}
            status = desk.get(reverse("admin:autocomplete"), {**query, "term": value}).status_code
            requests += 1
            if status >= 500:
                errors.append(("GET", "autocomplete", f"{field}: {value[:40]}", status))
    security_report(
        f"Fuzz (admin): {requests:,} requests with {len(ADMIN_VALUES)} hostile values in every "
        f"admin form and list: {len(errors)} server errors"
    )
    assert errors == []
