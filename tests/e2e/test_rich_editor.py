"""An editor writes with the rich text editor, adds a library image, publishes; a reader sees it."""

import io

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, Image
from tests.e2e.accounts import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo(tmp_path):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, "JPEG", quality=85)
    path = tmp_path / "podium-monza.jpg"
    path.write_bytes(buffer.getvalue())
    return path


def test_editor_writes_rich_text_with_a_library_image_and_a_reader_sees_it(
    browser_page, live_server, media_root, tmp_path
):
    person("edith", "Éditeur")
    page = browser_page
    log_in(page, live_server.url, "edith")

    # Upload to the library: alt text is required, renditions are made.
    page.goto(live_server.url + "/admin/articles/image/add/")
    page.set_input_files("input[type=file]", str(photo(tmp_path)))
    page.fill("#id_alt_text", "Le podium de Monza sous la pluie")
    page.fill("#id_caption", "Le podium de Monza")
    page.fill("#id_credit", "Paddock")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("ajouté")
    image = Image.objects.get()
    assert image.renditions.filter(format="webp").exists()

    # Write the article in the rich text editor.
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_title", "Pluie et podium à Monza")
    page.fill("#id_standfirst", "Une course folle sous l'averse.")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("La pluie a tout changé. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Tarquini gagne")
    page.keyboard.press("Control+b")
    page.keyboard.type(" devant Michelisz.")
    page.keyboard.press("Enter")

    # Insert the library image from the picker.
    page.get_by_title("Insérer une image de la photothèque").click()
    page.locator(".prose-image-picker__result").first.click()
    expect(page.locator(".ProseMirror[contenteditable=true] img")).to_have_count(1)

    page.locator("button[name=workflow][value=publish]").click()
    expect(page.locator(".article-status")).to_contain_text("Publié")

    article = Article.objects.get()
    assert article.is_published()
    assert "<strong>Tarquini gagne</strong>" in article.body
    assert "<img" in article.body

    # The reader sees the text, the bold and the responsive image.
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Pluie et podium à Monza")
    expect(page.locator(".article__body strong")).to_have_text("Tarquini gagne")
    picture = page.locator(".article__body picture")
    expect(picture).to_have_count(1)
    expect(picture.locator("source[type='image/webp']")).to_have_count(1)
    expect(picture.locator("img")).to_have_attribute("alt", "Le podium de Monza sous la pluie")
    # The rendition actually loads (lazily, once scrolled to).
    picture.locator("img").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('.article__body picture img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    assert "/media/images/renditions/" in page.evaluate(
        "() => document.querySelector('.article__body picture img').currentSrc"
    )
