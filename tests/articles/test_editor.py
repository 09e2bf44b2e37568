import json
import re
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.urls import include, path, reverse
from django_prose_editor.config import allowlist_from_extensions

from articles.admin.editor import BODY_EXTENSIONS, PICKER_CSS, PICKER_JS, BodyField, body_widget
from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html

# What the editor writes and the sanitiser drops on purpose: the figure's presentation class,
# the list style (lists are decimal, see editor.py) and the rel the sanitiser sets itself.
DROPPED_EDITOR_ATTRIBUTES = {"figure": {"class"}, "ol": {"type", "data-type"}, "a": {"rel"}}
# Tags the sanitiser keeps that the editor has no button for but reads as bold and italic.
READ_AS_MARKS = {"b", "i"}


def picker_view(request):
    return JsonResponse({"results": []})


# The image library endpoint as the admin provides it, for the tests marked with this module.
urlpatterns = [
    path(
        "admin/",
        include(
            ([path("articles/image/picker/", picker_view, name="articles_image_picker")], "admin")
        ),
    )
]


class WithoutPicker:
    urlpatterns = []


def editor_config(html):
    attribute = re.search(r'data-django-prose-editor-configurable="([^"]*)"', html)
    return json.loads(unescape(attribute.group(1)))


def test_everything_the_editor_writes_survives_sanitising():
    editor = allowlist_from_extensions(BODY_EXTENSIONS)
    assert editor["tags"] <= ALLOWED_TAGS
    for tag, attributes in editor["attributes"].items():
        kept = attributes - DROPPED_EDITOR_ATTRIBUTES.get(tag, set())
        assert kept <= ALLOWED_ATTRIBUTES.get(tag, set()), tag


def test_the_sanitiser_keeps_nothing_the_editor_would_lose():
    editor = allowlist_from_extensions(BODY_EXTENSIONS)
    assert ALLOWED_TAGS - editor["tags"] == READ_AS_MARKS
    assert {"h2", "h3", "h4"} <= editor["tags"]
    assert not {"h1", "h5", "h6"} & editor["tags"]


def test_editor_output_round_trips_without_its_presentation_attributes():
    written = (
        "<h2>Course</h2>"
        "<p><strong>Gras</strong> <em>italique</em> <u>souligné</u> <s>barré</s> H<sub>2</sub>O "
        'x<sup>2</sup><br>suite <a href="https://example.org/" title="Résultats">lien</a></p>'
        "<ul><li><p>un</p></li></ul>"
        '<ol start="3" type="1" data-type="decimal"><li><p>trois</p></li></ol>'
        "<blockquote><p>Citation</p></blockquote><hr>"
        '<figure class="figure"><img src="/media/images/originals/depart.jpg" alt="Le départ" '
        'width="1200" height="800" data-file="7">'
        '<figcaption class="figure-caption">Le départ. Photo : DPPI</figcaption></figure>'
        '<table style="min-width: 50px"><colgroup><col style="min-width: 25px"></colgroup>'
        '<tbody><tr><th colspan="1" rowspan="1"><p>Pilote</p></th></tr>'
        '<tr><td colspan="1" rowspan="1"><p>Verstappen</p></td></tr></tbody></table>'
    )
    assert sanitize_html(written) == (
        "<h2>Course</h2>"
        "<p><strong>Gras</strong> <em>italique</em> <u>souligné</u> <s>barré</s> H<sub>2</sub>O "
        'x<sup>2</sup><br>suite <a href="https://example.org/" title="Résultats" '
        'rel="noopener noreferrer">lien</a></p>'
        "<ul><li><p>un</p></li></ul>"
        '<ol start="3"><li><p>trois</p></li></ol>'
        "<blockquote><p>Citation</p></blockquote><hr>"
        '<figure><img src="/media/images/originals/depart.jpg" alt="Le départ" '
        'width="1200" height="800" data-file="7">'
        "<figcaption>Le départ. Photo : DPPI</figcaption></figure>"
        '<table><tbody><tr><th colspan="1" rowspan="1"><p>Pilote</p></th></tr>'
        '<tr><td colspan="1" rowspan="1"><p>Verstappen</p></td></tr></tbody></table>'
    )


@pytest.mark.urls(__name__)
def test_the_widget_renders_the_prose_editor_with_the_image_library():
    widget = body_widget()
    html = widget.render("body", "<p>Récit de la course.</p>")

    config = editor_config(html)
    assert config["extensions"]["Heading"] == {"levels": [2, 3, 4]}
    library = config["extensions"]["LibraryImage"]
    assert library["pickerUrl"] == "/admin/articles/image/picker/"
    assert set(library["labels"]) >= {"open", "title", "search", "empty", "failed", "credit"}
    assert "{credit}" in library["labels"]["credit"]
    assert config["js_modules"] == ["/static/" + PICKER_JS]
    assert "&lt;p&gt;Récit de la course.&lt;/p&gt;</textarea>" in html

    media = str(widget.media)
    assert '<script type="importmap">' in media
    assert "django_prose_editor/configurable.js" in media
    assert "/static/" + PICKER_CSS in media


def test_the_editor_works_without_the_image_library(settings):
    settings.ROOT_URLCONF = WithoutPicker
    config = editor_config(body_widget().render("body", ""))
    assert "LibraryImage" not in config["extensions"]
    assert config["js_modules"] == []
    assert "Figure" in config["extensions"]  # images can still be inserted by address


def test_the_picker_files_are_shipped():
    assert finders.find(PICKER_JS)
    assert finders.find(PICKER_CSS)


LEGACY_BODY = (
    "<p>Premier paragraphe.</p>\n<p>Second paragraphe, <b>important</b>.</p>\n"
    '<figure><img src="/media/images/originals/depart.jpg" alt="Le départ">'
    "<figcaption>Le départ.</figcaption></figure>\n"
    '<ol start="2"><li><p>Hamilton</p></li></ol>'
)
AS_THE_EDITOR_WRITES_IT = (
    "<p>Premier paragraphe.</p><p>Second paragraphe, <strong>important</strong>.</p>"
    '<figure class="figure"><img src="/media/images/originals/depart.jpg" alt="Le départ">'
    '<figcaption class="figure-caption">Le départ.</figcaption></figure>'
    '<ol start="2" type="1" data-type="decimal"><li><p>Hamilton</p></li></ol>'
)


def test_opening_and_saving_a_body_in_the_editor_is_not_a_change():
    field = BodyField(required=False)
    assert not field.has_changed(LEGACY_BODY, AS_THE_EDITOR_WRITES_IT)
    assert not field.has_changed("", "<p></p>")  # an empty editor


@pytest.mark.parametrize(
    "edited",
    [
        AS_THE_EDITOR_WRITES_IT.replace("Premier", "Tout premier"),
        AS_THE_EDITOR_WRITES_IT.replace("paragraphe, ", "paragraphe,"),
        AS_THE_EDITOR_WRITES_IT.replace('alt="Le départ"', 'alt="La grille de départ"'),
        AS_THE_EDITOR_WRITES_IT.replace('start="2"', 'start="3"'),
    ],
)
def test_an_edit_readers_can_see_is_a_change(edited):
    assert BodyField(required=False).has_changed(LEGACY_BODY, edited)


def test_the_body_field_uses_the_editor_even_where_the_admin_asks_for_a_textarea():
    from django.contrib.admin.widgets import AdminTextareaWidget

    field = BodyField(required=False, widget=AdminTextareaWidget)
    assert "data-django-prose-editor-configurable" in field.widget.render("body", "")


@pytest.mark.django_db
def test_the_article_add_form_has_the_body_editor(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    html = response.content.decode()
    assert 'name="body"' in html
    assert editor_config(html)["extensions"]["Heading"] == {"levels": [2, 3, 4]}
    assert "django_prose_editor/configurable.js" in html


def test_the_editor_dialogs_speak_french(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    catalog_url = reverse("editor_jsi18n")
    assert f'src="{catalog_url}"' in html
    catalog = admin_client.get(catalog_url).content.decode()
    assert "URL de l'image" in catalog or "URL de l\\u0027image" in catalog
