"""Autosave, presence, preview links and session expiry in the article form (browser)."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.utils.translation import gettext
from playwright.sync_api import expect

from articles.models import Article, Revision
from tests.e2e.accounts import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def text(msgid: str) -> str:
    """The part of a message before its first placeholder, as the page shows it."""
    return gettext(msgid).split("{")[0].split("%(")[0].strip()


# Message ids of _editing_tools.html, as in the locale files.
OTHERS = "Also editing this article: {names} — save carefully; Paddock will refuse a save that would overwrite their changes."  # noqa: E501
NEWER = "An automatic save from %(time)s is newer than the saved article."
EXPIRED = "Your session has expired — your text is kept in this browser; log in again in another tab, then come back: it will be restored."  # noqa: E501
COPY = "This browser kept a copy of your text from {time}, newer than the saved article."
NEVER_SAVED = "You started an article that was never saved: automatic save from %(time)s."


def test_autosave_presence_preview_and_expired_session(browser_page, live_server):
    writer = person("victor", "Rédacteur")
    person("edith", "Éditeur")
    article = Article.objects.create(
        title="Titre initial", slug="titre-initial", body="<p>Corps.</p>", created_by=writer
    )
    page = browser_page
    log_in(page, live_server.url, "victor")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page.goto(url)
    page.wait_for_timeout(1000)
    page.fill("#id_title", "Titre modifié")
    expect(page.locator("[data-autosave-status]")).to_contain_text(
        text("Saved automatically at {time}"), timeout=10000
    )
    rev = Revision.objects.get(kind="autosave")
    assert rev.data["title"] == "Titre modifié"
    # body via editor
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type(" Ajout dans le corps")
    page.wait_for_timeout(6000)
    rev.refresh_from_db()
    assert "Ajout dans le corps" in rev.data["body"]

    # presence
    second = page.context.browser.new_context(locale="fr-FR").new_page()
    log_in(second, live_server.url, "edith")
    second.goto(url)
    expect(second.locator("[data-presence]")).to_contain_text("victor")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("[data-presence]")).to_contain_text(text(OTHERS) + " edith")
    second.close()

    # preview
    page.get_by_role("button", name=gettext("Preview")).click()
    expect(page.locator("[data-preview-url]")).to_have_value(re.compile("/apercu/"))
    link = page.locator("[data-preview-url]").input_value()
    anon = page.context.browser.new_context().new_page()
    anon.goto(link)
    expect(anon.locator(".preview-banner")).to_be_visible()
    expect(anon.locator("h1")).to_have_text("Titre initial")
    anon.close()

    # pending notice on reload
    page.goto(url)
    expect(page.locator("[data-notice]")).to_contain_text(text(NEWER))
    page.locator("[data-notice] a").click()
    expect(page.locator("#id_title")).to_have_value("Titre modifié")

    # session expiry
    page.goto(url)
    page.wait_for_timeout(1000)
    Session.objects.all().delete()
    page.fill("#id_standfirst", "Chapô tapé hors session")
    expect(page.locator("[data-autosave-status]")).to_contain_text(text(EXPIRED), timeout=10000)
    stored = page.evaluate("Object.keys(localStorage)")
    assert any("paddock:autosave" in k for k in stored)
    log_in(page, live_server.url, "victor")
    page.goto(url)
    expect(page.locator("[data-copy-offer]")).to_contain_text(text(COPY), timeout=5000)
    page.locator("[data-copy-offer] button", has_text=gettext("Restore it")).click()
    expect(page.locator("#id_standfirst")).to_have_value("Chapô tapé hors session")


def test_new_article_autosave_and_restore(browser_page, live_server):
    person("victor", "Rédacteur")
    page = browser_page
    log_in(page, live_server.url, "victor")
    add = f"{live_server.url}/admin/articles/article/add/"
    page.goto(add)
    page.wait_for_timeout(1000)
    page.fill("#id_title", "Nouvel article")
    expect(page.locator("[data-autosave-status]")).to_contain_text(
        text("Saved automatically at {time}"), timeout=10000
    )
    rev = Revision.objects.get(kind="autosave")
    assert rev.article is None
    page.goto(add)
    expect(page.locator("[data-notice]")).to_contain_text(text(NEVER_SAVED))
    page.locator("[data-notice] button").click()
    expect(page.locator("[data-notice]")).to_have_count(0)
    page.goto(add + f"?autosave={rev.pk}")
    expect(page.locator("#id_title")).to_have_value("Nouvel article")
    expect(page.locator(".article-editing__notice")).to_contain_text(
        text("The form shows your automatic save from %(time)s: check it, then save.")
    )
    # submit: copy written then cleared by the success page
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.wait_for_timeout(1500)
