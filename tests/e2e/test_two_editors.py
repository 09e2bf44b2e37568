"""A writer and an editor, in two browsers, on the same article: nothing is ever lost."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.accounts import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_browsers(browser_page):
    """Two independent sessions (separate cookie jars) in the same Chromium."""
    second = browser_page.context.browser.new_context(locale="fr-FR").new_page()
    second.set_default_timeout(15_000)
    yield browser_page, second
    second.context.close()


def test_writer_and_editor_draft_review_conflict_and_publish(two_browsers, live_server):
    person("victor", "Rédacteur")
    person("edith", "Éditeur")
    writer, editor = two_browsers
    log_in(writer, live_server.url, "victor")
    log_in(editor, live_server.url, "edith")

    # The writer drafts an article and submits it.
    writer.goto(live_server.url + "/admin/articles/article/add/")
    writer.fill("#id_title", "Ceccon rejoint Mulsanne")
    writer.fill("#id_standfirst", "Le pilote italien change d'équipe.")
    writer.locator("button[name=workflow][value=submit]").click()
    expect(writer.locator(".article-status")).to_contain_text("En relecture")
    article = Article.objects.get()
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    # The editor opens it; the writer takes it back to fix a detail; both edit at once.
    editor.goto(change_url)
    writer.get_by_role("button", name="Remettre en brouillon").click()
    expect(writer.locator(".article-status")).to_contain_text("Brouillon")
    writer.fill("#id_standfirst", "Le pilote italien change d'équipe pour 2027.")
    writer.locator("input[name=_continue]").click()
    expect(writer.locator(".messagelist")).to_contain_text("modifié avec succès")

    # The editor's form was loaded before: the save is refused, their text stays, the writer's
    # change is shown.
    editor.fill("#id_title", "Kevin Ceccon rejoint Team Mulsanne")
    editor.locator("input[name=_continue]").click()
    expect(editor.locator("#conflict")).to_be_visible()
    expect(editor.locator("#conflict")).to_contain_text("2027")
    expect(editor.locator("#id_title")).to_have_value("Kevin Ceccon rejoint Team Mulsanne")
    article.refresh_from_db()
    assert article.title == "Ceccon rejoint Mulsanne"

    # The editor merges (takes the writer's standfirst) and publishes.
    editor.fill("#id_standfirst", "Le pilote italien change d'équipe pour 2027.")
    editor.locator("button[name=workflow][value=publish]").click()
    expect(editor.locator(".article-status")).to_contain_text("Publié")
    article.refresh_from_db()
    assert article.title == "Kevin Ceccon rejoint Team Mulsanne"
    assert article.standfirst.endswith("2027.")
    assert article.is_published()

    # The writer cannot publish nor edit it any more; a reader sees it.
    writer.goto(change_url)
    expect(writer.locator("#id_title")).to_have_count(0)
    writer.goto(live_server.url + article.get_absolute_url())
    expect(writer.get_by_role("heading", level=1)).to_have_text(
        re.compile("Kevin Ceccon rejoint Team Mulsanne")
    )
