"""The article form in a browser speaks French: admin widgets, authors picker, editor toolbar."""

from base64 import b32encode

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


# Words of the admin's English that French never writes. Shared words ("article", "image",
# "date", "action", "source", "note", "import") are left out: they prove nothing.
ENGLISH_WORDS = """
    the and of with from your you this that these are was has have not add change delete view
    save edit search filter history home logout welcome select available chosen remove choose
    today now yesterday tomorrow clear show hide calendar clock midnight noon next previous
    password username user users group groups device devices attempt attempts expired failed
    failure access submit review draft drafts published scheduled unpublished status title
    titles none yes no unknown run again update warning warnings reason outcome created
    duplicate conflict author authors by at
"""
ENGLISH = set(ENGLISH_WORDS.split())


def shown_texts(page) -> str:
    """What the page shows a reader, visible text and the words of tooltips, placeholders,
    image alternatives and buttons."""
    return page.evaluate(
        """() => {
          const texts = [document.title, document.body.innerText];
          const labelled = '[title],[placeholder],[alt],[aria-label],input[type=submit],'
            + 'input[type=button]';
          for (const el of document.querySelectorAll(labelled)) {
            for (const name of ['title', 'placeholder', 'alt', 'aria-label']) {
              if (el.getAttribute(name)) texts.push(el.getAttribute(name));
            }
            if (el.type === 'submit' || el.type === 'button') texts.push(el.value);
          }
          return texts.join('\\n');
        }"""
    )


def stored_words() -> list[str]:
    """Values the newsroom typed (titles, names, logins): masked, they are no page's words."""
    from axes.models import AccessAttempt, AccessLog
    from django.contrib.auth import get_user_model
    from taggit.models import Tag

    from articles.models import Article, Image, ImportBatch, ImportRecord, UnknownName
    from teams.models import Car, Championship, Circuit, Driver, Manufacturer, Team

    values = set(get_user_model().objects.values_list("username", flat=True))
    for model, fields in [
        (Article, ["title", "standfirst", "slug", "body"]),
        (Image, ["alt_text", "caption", "credit", "file"]),
        (ImportBatch, ["source"]),
        (ImportRecord, ["title", "file"]),
        (UnknownName, ["name"]),
        # What django-axes stored of each login: the browser's name, "<unknown>" for a login
        # made without a request (the tests' force_login).
        *[(m, ["user_agent", "path_info", "http_accept"]) for m in (AccessLog, AccessAttempt)],
        (Tag, ["name", "slug"]),
        *[(m, ["name", "slug"]) for m in (Championship, Manufacturer, Team, Driver, Car, Circuit)],
    ]:
        for row in model.objects.values_list(*fields):
            values.update(str(v) for v in row if v)
    return sorted(values, key=len, reverse=True)


def two_factor_key(user) -> list[str]:
    """The groups of the key the two-factor page shows for `user` to type: random letters and
    digits ("…3ARE7…" once read as the English "ARE"). The page's device, made now to know it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    device = device or TOTPDevice.objects.create(user=user, name="Paddock", confirmed=False)
    key = b32encode(device.bin_key).decode().rstrip("=")
    return [key[i : i + 4] for i in range(0, len(key), 4)]


@pytest.mark.parametrize("role", ["Rédacteur", "Éditeur", "Rédacteur en chef", "Archiviste"])
def test_no_english_word_in_the_admin_a_browser_shows_for_each_role(
    browser_page, live_server, world, tmp_path, settings, role
):
    """The walk of Django's client sees the messages the server translates; this one reads
    what Chromium shows, scripts run, an English browser: widgets, package pages, tooltips."""
    import re

    from django.contrib.auth.models import Group

    from tests.admin_tour import admin_pages, furnish
    from tests.articles.roles import client_for

    settings.MEDIA_ROOT = tmp_path / "media"
    furnish(world, tmp_path / "archives")
    user = person("desk", role)
    assert user.groups.filter(pk=Group.objects.get(name=role).pk).exists()
    pages = list(dict.fromkeys(admin_pages(client_for(user))))
    masked = stored_words() + two_factor_key(user)

    page = browser_page.context.browser.new_page(locale="en-US")
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, "desk")
    found = {}
    for url in pages:
        answer = page.goto(live_server.url + url)
        if answer is None or answer.status != 200:
            continue
        page.wait_for_load_state("load")
        text = shown_texts(page)
        for value in masked:
            text = text.replace(value, " ")
        for word in set(re.findall(r"[^\W\d_]+", text)):  # whole words: "groupé" is French
            if word.lower() in ENGLISH:
                found.setdefault(word, set()).add(url)
    page.close()
    report = [f"{word!r} on {sorted(urls)[:3]}" for word, urls in sorted(found.items())]
    assert not report, f"English shown to the {role}:\n" + "\n".join(report)
