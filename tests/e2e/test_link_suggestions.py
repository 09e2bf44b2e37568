"""A writer links an article to its series, makes, teams and drivers from the suggestions."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from teams.models import Driver
from tests.e2e.accounts import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BODY = (
    "Yann Ehrlacher gagne la course principale devant Thed Björk. "
    "Chez Team Mulsanne, Kevin Ceccon et Gabriele Tarquini sauvent l'honneur d'Alfa Romeo."
)


class Actions:
    """What the writer does, one count per click, field filled or text typed."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def goto(self, url):
        self.count += 1
        self.page.goto(url)

    def fill(self, selector, text):
        self.count += 1
        self.page.fill(selector, text)

    def click(self, locator):
        self.count += 1
        locator.click()

    def type(self, text):
        self.count += 1
        self.page.keyboard.type(text)


def test_a_writer_links_an_article_in_a_few_actions(browser_page, live_server):
    call_command("load_registry", verbosity=0)
    person("wanda", "Rédacteur")
    page = browser_page
    log_in(page, live_server.url, "wanda")
    act = Actions(page)

    act.goto(live_server.url + "/admin/articles/article/add/")
    act.fill("#id_title", "WTCR : Lynk & Co et Cyan Racing dominent au Hungaroring")
    act.fill("#id_standfirst", "Doublé pour Yvan Muller et son équipe.")
    act.click(page.locator(".ProseMirror[contenteditable=true]"))
    act.type(BODY)

    panel = page.locator("#link-suggestions")
    expect(panel.get_by_role("heading")).to_have_text("Liens trouvés dans le texte")
    chips = panel.locator(".link-suggestions__chip")
    expect(chips.filter(has_text="Kevin Ceccon")).to_have_count(1)
    expect(chips.filter(has_text="Championnat principal")).to_contain_text("WTCR")
    # A name that does not fit is dismissed; the rest is added at once.
    act.click(panel.get_by_role("button", name="Écarter Gabriele Tarquini"))
    expect(chips.filter(has_text="Gabriele Tarquini")).to_have_count(0)
    act.click(panel.get_by_role("button", name="Tout ajouter"))
    expect(chips).to_have_count(0)
    expect(page.locator(".field-drivers .select2-selection__choice")).to_have_count(4)

    act.click(page.locator("input[name=_continue]"))

    # Back on the saved draft, the dismissed name stays dismissed and nothing else is left.
    expect(panel.locator("[data-status]")).to_have_text(
        "Aucun nom du registre dans le texte que l'article ne lie pas encore.", timeout=15_000
    )
    expect(chips).to_have_count(0)
    act.click(page.locator("button[name=workflow][value=submit]"))
    expect(page.locator(".article-status")).to_contain_text("relecture")

    assert act.count <= 15
    article = Article.objects.get()
    names = {
        relation: set(getattr(article, relation).values_list("slug", flat=True))
        for relation in Article.LINK_FIELDS
    }
    assert article.primary_championship.slug == "wtcr"
    assert names["championships"] == {"wtcr"}
    assert names["manufacturers"] == {"lynk-co", "alfa-romeo"}
    assert names["teams"] == {"cyan-racing", "team-mulsanne"}
    assert names["drivers"] == {"yvan-muller", "yann-ehrlacher", "thed-bjork", "kevin-ceccon"}
    tarquini = Driver.objects.get(slug="gabriele-tarquini")
    assert article.dismissed_links == [f"drivers:{tarquini.pk}"]


def test_the_event_offered_is_the_one_of_the_articles_date(browser_page, live_server):
    """ "Course de Hongrie" is a round of every WTCR season: the date typed picks the season."""
    call_command("load_registry", verbosity=0)
    person("edith", "Éditeur")
    page = browser_page
    log_in(page, live_server.url, "edith")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_title", "WTCR : Michelisz s'impose dans la WTCR Course de Hongrie")
    page.fill("#id_published_at_0", "28/04/2019")
    page.fill("#id_published_at_1", "18:00:00")
    page.fill("#id_standfirst", "Victoire à domicile pour le Hongrois.")

    chips = page.locator("#link-suggestions .link-suggestions__chip")
    expect(chips.filter(has_text="WTCR Race of Hungary (WTCR 2019)")).to_have_count(1)
    # Another date, another season's round.
    page.fill("#id_published_at_0", "12/06/2022")
    page.locator("#id_standfirst").press("End")
    page.keyboard.type(" ")
    expect(chips.filter(has_text="WTCR Race of Hungary (WTCR 2022)")).to_have_count(1)
    expect(chips.filter(has_text="(WTCR 2019)")).to_have_count(0)
    page.locator("#link-suggestions").get_by_role("button", name="Tout ajouter").click()
    expect(page.locator(".field-events .select2-selection__choice")).to_have_count(1)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    article = Article.objects.get()
    assert [str(event) for event in article.events.all()] == ["WTCR Race of Hungary (WTCR 2022)"]
