"""Every author-controlled field × the XSS payload lists × every surface, in Chromium.

Each payload goes, at once, into an article's title, standfirst, body, byline, source, source
address, tag, correction, workflow comment, its series' name and its hero image's alternative
text, caption and credit — through the write path, as an editor's form would. The article is
published and shared as a preview, then every surface showing those values is rendered by the
site and opened in the sandbox (see sandbox.py):

- per payload: the article page (JSON-LD included), its preview, its tag page, its series' hub,
  its edit form and its history in the admin;
- per batch of payloads: the home page, the news list, search results, the RSS and Atom feeds and
  each tag's feed as a feed reader shows them (titles and descriptions read as HTML), the news
  and tag sitemaps, and the admin lists of articles, tags, images, series and the audit trail.

Feeds and sitemaps must also stay well-formed XML with no element a payload brought in.
"""

import json
from math import ceil

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from lxml import etree
from lxml import html as lxml_html

from articles import services
from articles.models import Article, Correction, Image
from articles.site.preview import preview_url
from teams.models import Championship
from tests.articles.factories import UserFactory
from tests.articles.roles import CHIEF, client_for
from tests.articles.test_images import picture_bytes

from . import payloads
from .sandbox import Sandbox

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.security,
    pytest.mark.django_db,
]

BATCH = 50
FIELDS = (
    "title",
    "standfirst",
    "body",
    "byline",
    "source",
    "source address",
    "tag",
    "correction",
    "workflow comment",
    "series name",
    "image alternative text",
    "caption",
    "credit",
)
FEED_NAMESPACES = {None, "http://www.w3.org/2005/Atom", "http://purl.org/dc/elements/1.1/"}
SITEMAP_NAMESPACES = {
    "http://www.sitemaps.org/schemas/sitemap/0.9",
    "http://www.google.com/schemas/sitemap-news/0.9",
    "http://www.google.com/schemas/sitemap-image/1.1",
    "http://www.w3.org/1999/xhtml",
}


def fit(value: str, length: int) -> str:
    """The payload as a form would take it: no NUL (forms refuse it), at most `length`
    characters, never blank where the field is required."""
    value = value.replace("\x00", "")[:length]
    return value if value.strip() else f"vide{value}"[:length]


@pytest.fixture
def sandbox():
    browser = Sandbox()
    yield browser
    browser.close()


@pytest.fixture
def picture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return default_storage.save("images/originals/balayage.jpg", ContentFile(picture_bytes()))


class Sweep:
    def __init__(self, sandbox, picture):
        self.sandbox = sandbox
        self.picture = picture
        self.chief = UserFactory(username="chloe", first_name="Chloé", role=CHIEF)
        self.desk = client_for(self.chief)
        self.reader = Client()
        self.shown = []  # the sandbox's answers to come
        self.looked = set()  # the pages of this batch
        self.findings = []
        self.surfaces = set()
        self.broken = []

    # Writing, as the editors' forms do ----------------------------------------------------

    def publish(self, number: int, payload: str, batch_word: str) -> Article:
        text = payload.replace("\x00", "")  # long text fields take the whole payload
        series = Championship.objects.create(
            name=fit(payload, 200), slug=f"balayage-{number}", category="touring"
        )
        image = Image.objects.create(
            file=self.picture,
            width=1800,
            height=900,
            alt_text=fit(payload, 300),
            caption=fit(payload, 500),
            credit=fit(payload, 200),
        )
        article = Article(
            title=fit(payload, 300),
            standfirst=text,
            body=f"{text}<p>{batch_word}</p>",
            byline=fit(payload, 200),
            source=fit(payload, 200),
            source_url="https://exemple.fr/?q=" + text[:400],
            hero_image=image,
            primary_championship=series,
        )
        try:
            article.full_clean(exclude=["slug", "version"])
        except ValidationError:  # the URL field refuses it, as the form would
            article.source_url = ""
        article = services.save_article(
            article=article,
            user=self.chief,
            add_links={"championships": [series], "tags": [fit(payload, 100)]},
            comment=text,
        ).article
        services.save_corrections(
            article=article,
            corrections=[Correction(text=text or "vide")],
            deleted=[],
            user=self.chief,
        )
        # Previews are of drafts: shown before publication.
        link = services.share_preview(article=article, user=self.chief)
        self.look("preview", self.reader, preview_url(link))
        services.transition(article=article, name="publish", user=self.chief, comment=text)
        article.refresh_from_db()
        return article

    # Looking, as readers and editors do ---------------------------------------------------

    def look(self, surface: str, client, url: str, *, params=None, browser=True):
        if (url, str(params)) in self.looked:
            return None  # two payloads that a field cuts to the same value share a page
        self.looked.add((url, str(params)))
        response = client.get(url, params or {})
        if response.status_code != 200:
            self.broken.append((surface, url, response.status_code))
            return None
        body = response.content
        content_type = response["Content-Type"]
        if "xml" in content_type:
            self.check_xml(surface, url, body)
            content_type = "application/xml"  # shown as a document, the way browsers can
        else:
            self.check_json_ld(surface, url, body)
        self.surfaces.add(surface)
        if browser:
            query = response.request.get("QUERY_STRING")
            address = response.request["PATH_INFO"] + (f"?{query}" if query else "")
            self.shown.append(self.sandbox.show(surface, address, body, content_type))
        return body

    def check_xml(self, surface, url, body):
        try:
            tree = etree.fromstring(body)
        except etree.XMLSyntaxError as error:
            self.broken.append((surface, url, f"not well-formed: {error}"))
            return
        allowed = SITEMAP_NAMESPACES if "sitemap" in url else FEED_NAMESPACES
        foreign = {etree.QName(el).namespace for el in tree.iter(etree.Element)} - allowed
        if foreign:
            self.broken.append((surface, url, f"elements from {sorted(foreign)}"))

    def check_json_ld(self, surface, url, body):
        for block in lxml_html.fromstring(body).xpath('//script[@type="application/ld+json"]'):
            try:
                json.loads(block.text)
            except (TypeError, ValueError):
                self.broken.append((surface, url, "JSON-LD that does not parse"))

    def read_feeds(self, feeds: list[bytes], batch: int):
        """Every item of `feeds` as a feed reader shows it: title and description taken out of
        the XML and rendered as HTML (categories and author names are shown as text)."""
        items = []
        for feed in feeds:
            tree = etree.fromstring(feed)
            for entry in tree.iter("item", "{http://www.w3.org/2005/Atom}entry"):
                texts = [
                    el.text or ""
                    for el in entry.iter(etree.Element)
                    if etree.QName(el).localname in {"title", "description", "summary", "content"}
                ]
                items.append("<article>" + "".join(f"<div>{t}</div>" for t in texts) + "</article>")
        page = "<!DOCTYPE html><html><body>" + "".join(items) + "</body></html>"
        self.surfaces.add("feed reader")
        self.shown.append(self.sandbox.show("feed reader", f"/lecteur/{batch}/", page, "text/html"))

    # One batch ----------------------------------------------------------------------------

    def batch(self, number: int, values: list[str]):
        word = f"balayage{number}"
        feeds = []
        published = [
            self.publish(number * BATCH + i, value, word) for i, value in enumerate(values)
        ]
        for article in published:
            series = article.primary_championship
            tag = article.tags.get()
            self.look("article page", self.reader, article.get_absolute_url())
            self.look("tag page", self.reader, reverse("articles:tag", args=[tag.slug]))
            self.look("series hub", self.reader, series.get_absolute_url())
            self.look(
                "admin form", self.desk, reverse("admin:articles_article_change", args=[article.pk])
            )
            self.look(
                "admin history",
                self.desk,
                reverse("admin:articles_article_history", args=[article.pk]),
            )
            # Checked as XML here, read in the browser as a feed reader shows it (read_feeds).
            feeds.append(
                self.look("tag feed", self.reader, f"/tags/{tag.slug}/rss/", browser=False)
            )
        pages = ceil(len(values) / 20)
        self.look("home", self.reader, "/")
        for page in range(1, pages + 1):
            self.look("news list", self.reader, "/actualites/", params={"page": page})
            self.look("search", self.reader, "/recherche/", params={"q": word, "page": page})
        feeds.append(self.look("RSS", self.reader, "/flux/rss/"))
        feeds.append(self.look("Atom", self.reader, "/flux/atom/"))
        self.look("news sitemap", self.reader, "/sitemap-news.xml")
        self.look("tag sitemap", self.reader, "/sitemap-tags.xml")
        self.read_feeds([feed for feed in feeds if feed], number)
        for name in (
            "articles_article",
            "taggit_tag",
            "articles_image",
            "teams_championship",
            "articles_auditentry",
        ):
            self.look("admin lists", self.desk, reverse(f"admin:{name}_changelist"))
        self.look("admin lists", self.desk, reverse("admin:index"))
        self.findings += [finding for shown in self.shown if (finding := shown.result())]
        self.shown.clear()
        self.looked.clear()


# A full run is cut in parts that pytest-xdist spreads over the machine's cores.
PARTS = 8 if payloads.full_run() else 1


@pytest.mark.parametrize("part", payloads.selected_parts(PARTS))
def test_no_payload_runs_a_script_on_any_surface(sandbox, picture, security_report, part):
    source, values = payloads.xss_payloads()
    values = values[part::PARTS]
    sweep = Sweep(sandbox, picture)
    for number in range(ceil(len(values) / BATCH)):
        # Each batch is rolled back: lists and sitemaps show that batch's articles only, and a
        # run over thousands of payloads keeps the database small.
        for cache in caches.all():
            cache.clear()
        with transaction.atomic():
            sweep.batch(number, values[number * BATCH : (number + 1) * BATCH])
            transaction.set_rollback(True)
    executions = sum(finding.ran for finding in sweep.findings)
    part_of = f" (part {part + 1} of {PARTS})" if PARTS > 1 else ""
    security_report(
        f"XSS{part_of}: {len(values):,} payloads (of {source}) × {len(FIELDS)} "
        f"fields × {len(sweep.surfaces)} surfaces, {sandbox.loads:,} Chromium page loads: "
        f"{executions} executions, {len(sweep.findings)} pages with injected markup, "
        f"{len(sweep.broken)} broken answers"
    )
    assert sweep.broken == []
    assert sweep.findings == []


def test_the_sandbox_sees_a_script_that_runs_and_markup_that_waits(sandbox):
    """The sweep is only worth its zero if the sandbox sees what it looks for."""

    def show(url, body, content_type="text/html"):
        return sandbox.show("control", url, body, content_type).result()

    assert show("/a/", "<img src=x onerror=alert(1)>").ran >= 1
    assert show("/b/", "<p onmouseover=print()>x</p>").ran == 1
    waiting = show("/c/", '<a href=" javascript:alert(1)">x</a>')
    assert waiting.ran == 0 and waiting.leftovers == ["href=javascript:"]
    xml = '<rss><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script></rss>'
    assert show("/d.xml", xml, "application/xml").ran == 1
    assert show("/e/", "<p>Rien à signaler</p>") is None


def test_an_escape_the_site_forgot_would_be_caught_on_a_real_page(sandbox, client, world):
    from tests.conftest import make_articles

    article = make_articles(world, 1)[0]
    page = client.get(article.get_absolute_url()).content.decode()
    assert sandbox.show("article page", "/f/", page, "text/html").result() is None
    forgotten = page.replace("</h1>", "<svg onload=alert(document.domain)></svg></h1>", 1)
    assert sandbox.show("article page", "/g/", forgotten, "text/html").result().ran >= 1


def test_a_polyglot_upload_is_served_as_an_image_never_as_a_page(
    sandbox, settings, tmp_path, security_report
):
    settings.MEDIA_ROOT = tmp_path / "media"
    root = client_for(UserFactory(username="root", is_superuser=True))
    page = b"<html><body><script>alert(document.domain)</script></body></html>"
    uploaded = picture_bytes("PNG", (80, 60)) + page
    root.post(
        reverse("admin:articles_image_add"),
        {
            "file": SimpleUploadedFile("poly.html", uploaded, content_type="text/html"),
            "alt_text": "Une image qui se voulait page",
            "caption": "Un polyglotte",
            "credit": "Attaquant",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )
    image = Image.objects.get()
    served = Client().get(image.file.url)
    body = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert sandbox.show("upload", image.file.url, body, served["Content-Type"]).result() is None
    # The control: what was uploaded, served as the page its name asked for, runs its script.
    assert sandbox.show("upload", "/poly.html", uploaded, "text/html").result().ran >= 1
    security_report(
        f"Upload: a PNG with a page appended, named poly.html, is stored as {image.file.name} "
        f"and served as {served['Content-Type']} with nosniff; in Chromium no script ran (the "
        "bytes as uploaded, served as a page, ran theirs)"
    )
