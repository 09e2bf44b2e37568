"""The reader site in Chromium: journeys, phones, keyboards and axe-core on every page type."""

import re
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from teams.models import Team

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def demo_site(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "mot-de-passe-e2e-2026")
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo pictures and their renditions
    call_command("load_registry", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=StringIO())


def page_types() -> dict[str, str]:
    """One address per kind of public page, taken from the demo content."""
    article = Article.objects.published().filter(tags__isnull=False).newest_first().first()
    team = Team.objects.filter(articles__in=Article.objects.published()).first()
    year = article.published_at.year
    return {
        "home": "/",
        "news": "/actualites/",
        "archives": "/actualites/archives/",
        "year": f"/actualites/{year}/",
        "month": f"/actualites/{year}/{article.published_at.month:02d}/",
        "article": article.get_absolute_url(),
        "championships": "/championnats/",
        "championship": "/championnats/wtcr/",
        "season": "/championnats/wtcr/2019/",
        "event": "/championnats/wec/2022/le-mans/",
        "manufacturers": "/constructeurs/",
        "manufacturer": "/constructeurs/alfa-romeo/",
        "teams": "/equipes/",
        "team": team.get_absolute_url(),
        "drivers": "/pilotes/",
        "driver": "/pilotes/kevin-ceccon/",
        "tag": f"/tags/{article.tags.first().slug}/",
        "search": "/recherche/?q=victoires",
        "empty search": "/recherche/?q=",
        "english home": "/en/",
        "not found": "/cette-page-n-existe-pas/",
    }


def test_reader_walks_home_hub_article_tag_and_back(demo_site, browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Séries").get_by_role("link", name="WTCR").click()
    expect(page).to_have_url(re.compile(r"/championnats/wtcr/$"))

    page.locator(".card__title a").first.click()
    expect(page).to_have_url(re.compile(r"/actualites/\d{4}/\d{2}/[\w-]+/$"))
    article_url = page.url
    title = page.get_by_role("heading", level=1).inner_text()

    page.locator(".article__links .tags a").first.click()
    expect(page).to_have_url(re.compile(r"/tags/[\w-]+/$"))
    expect(page.get_by_role("link", name=title)).to_be_visible()

    page.go_back()
    expect(page).to_have_url(article_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_no_page_type_scrolls_sideways_on_a_phone(demo_site, browser_page, live_server):
    page = browser_page
    page.set_viewport_size(PHONE)
    too_wide = {}
    for kind, url in page_types().items():
        page.goto(live_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[kind] = width
    assert too_wide == {}


def test_the_keyboard_reaches_the_skip_link_the_menu_and_the_search_box(
    demo_site, browser_page, live_server
):
    page = browser_page
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"

    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                """() => {
                    const el = document.activeElement;
                    if (el.closest('nav[aria-label="Menu principal"]')) return 'menu';
                    if (el.matches('input[type=search]')) return 'search';
                    return el.tagName;
                }"""
            )
        )
        if {"menu", "search"} <= reached:
            break
    assert {"menu", "search"} <= reached

    # Focus is visible: the focused element draws an outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_axe_core_finds_no_violation_on_any_page_type(demo_site, browser_page, live_server):
    page = browser_page
    axe = Axe()
    found = {}
    for kind, url in page_types().items():
        for viewport in ({"width": 1280, "height": 900}, PHONE):
            page.set_viewport_size(viewport)
            page.goto(live_server.url + url)
            results = axe.run(page)
            if results.violations_count:
                found[f"{kind} @{viewport['width']}px"] = results.generate_report()
    assert not found, "\n\n".join(f"{kind}:\n{report}" for kind, report in found.items())


def test_reader_searches_a_stemmed_french_word_and_opens_a_result(
    demo_site, browser_page, live_server
):
    page = browser_page
    page.goto(live_server.url + "/")
    search = page.get_by_role("search").get_by_role("searchbox")
    search.fill("victoires")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche/\?q=victoires"))
    first = page.locator(".search-hit").first
    expect(first.locator("mark").first).to_be_visible()
    expect(first.locator("mark").first).to_contain_text(re.compile("victoire", re.I))
    result = first.get_by_role("heading").get_by_role("link")
    title = result.inner_text()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_reader_follows_the_feed_link_of_a_hub(demo_site, browser_page, live_server):
    import feedparser

    page = browser_page
    page.goto(live_server.url + "/constructeurs/alfa-romeo/")
    link = page.get_by_role("link", name=re.compile("S.abonner"))
    href = link.get_attribute("href")
    response = page.request.get(live_server.url + href if href.startswith("/") else href)
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries
    assert all(e.link.startswith(live_server.url + "/actualites/") for e in feed.entries)
    # Autodiscovery: the page announces the same feed in its <head>.
    announced = page.locator('head link[rel=alternate][type="application/rss+xml"]')
    assert href in [announced.nth(i).get_attribute("href") for i in range(announced.count())]
