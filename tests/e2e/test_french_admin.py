"""The article form in a browser speaks French: admin widgets, authors picker, editor toolbar."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accounts import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_article_form_has_no_english_left_in_its_widgets(browser_page, live_server):
    person("edith", "Éditeur")
    page = browser_page
    log_in(page, live_server.url, "edith")
    page.goto(live_server.url + "/admin/articles/article/add/")

    # The admin's catalogue survives the editor's (dates, the authors picker).
    assert page.evaluate("gettext('Today')") == "Aujourd'hui"
    assert page.evaluate("gettext('Add caption')") != "Add caption"  # the editor's own
    expect(page.locator("#id_authors_input")).to_have_attribute("placeholder", "Filtrer")
    expect(page.locator(".selector-available-title")).to_contain_text("disponible")
    expect(page.locator(".datetimeshortcuts").first).to_contain_text("Aujourd'hui")

    # The body editor's toolbar tooltips.
    menubar = page.locator(".prose-menubar").first
    expect(menubar.locator('[title="Gras"]')).to_have_count(1)
    expect(menubar.locator('[title="Annuler"]')).to_have_count(1)
    english = page.evaluate(
        "() => [...document.querySelectorAll('.prose-menubar [title]')]"
        ".map(e => e.getAttribute('title'))"
        ".filter(t => ['bold','italic','undo','redo','paragraph','blockquote'].includes(t))"
    )
    assert english == []
