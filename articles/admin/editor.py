"""The article body's rich text editor: django-prose-editor, limited to what sanitize.py keeps.

Article.save() sanitises the body whatever the editor sends (articles/sanitize.py stays the
single source of truth); the editor only offers the same elements so that nothing an editor
writes disappears on save. tests/articles/test_editor.py keeps the two lists in step.
"""

import json
import re

from django import forms
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

from ..sanitize import sanitize_html

# Extension names and options of django-prose-editor's "configurable" preset.
BODY_EXTENSIONS = {
    # The page's h1 is the article title.
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "HardBreak": True,
    "BulletList": True,
    # Numbered lists are decimal: the list-style dialog would write a type the sanitiser drops.
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    # Links open in the same tab; the sanitiser adds rel="noopener noreferrer" to every link.
    "Link": {"enableTarget": False},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

PICKER_JS = "articles/admin/prose_image_picker.js"
PICKER_CSS = "articles/admin/prose_image_picker.css"
PICKER_LABELS = {
    "open": _("Insert an image from the library"),
    "title": _("Image library"),
    "search": _("Search by alt text, caption or credit"),
    "close": _("Close"),
    "empty": _("No image matches this search."),
    "failed": _("The image library could not be loaded."),
    # {credit} is replaced by the image's credit in the figure caption.
    "credit": _("Photo: {credit}"),
}


# django-prose-editor writes its toolbar's tooltips and menu items in English, without gettext
# (its French catalogue covers the dialogs only): prose_editor_labels.js puts these instead.
TOOLBAR_LABELS = {
    "paragraph": _("Paragraph"),
    "Paragraph": _("Paragraph"),
    "unordered list": _("Bulleted list"),
    "ordered list": _("Numbered list"),
    "blockquote": _("Quotation"),
    "horizontal rule": _("Horizontal line"),
    "figure": _("Figure"),
    "bold": _("Bold"),
    "italic": _("Italic"),
    "underline": _("Underline"),
    "strike": _("Strikethrough"),
    "subscript": _("Subscript"),
    "superscript": _("Superscript"),
    "insert link": _("Insert a link"),
    "remove link": _("Remove the link"),
    "Insert table": _("Insert a table"),
    "undo": _("Undo"),
    "redo": _("Redo"),
    "edit HTML": _("Edit the HTML"),
    "Code": _("Code"),
    "Code block": _("Code block"),
    "Add column": _("Add a column"),
    "Delete column": _("Delete the column"),
    "Add row": _("Add a row"),
    "Delete row": _("Delete the row"),
    "Merge cells": _("Merge the cells"),
    "Split cell": _("Split the cell"),
    "Toggle header cell": _("Header cell on or off"),
    "Delete table": _("Delete the table"),
    "Yes": _("Yes"),
    "No": _("No"),
}
LABELS_JS = "articles/admin/prose_editor_labels.js"


def toolbar_labels() -> dict[str, str]:
    labels = {english: str(french) for english, french in TOOLBAR_LABELS.items()}
    for level in (2, 3, 4):
        labels[f"Heading {level}"] = gettext("Heading %(level)d") % {"level": level}
    return labels


class BodyEditorWidget(AdminProseEditorWidget):
    """The prose editor with our extensions and a menu button that inserts a library image."""

    def __init__(self, attrs=None):
        super().__init__(attrs, config={"extensions": BODY_EXTENSIONS}, preset="configurable")

    @property
    def media(self):
        return super().media + Media(css={"all": [PICKER_CSS]}, js=[LABELS_JS])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-toolbar-labels"] = json.dumps(toolbar_labels())
        return context

    def get_config(self):
        config = super().get_config()
        picker_url = image_picker_url()
        if picker_url:
            # A module of our own, loaded by the preset like the ones settings can declare
            # (DJANGO_PROSE_EDITOR_EXTENSIONS), but scoped to this widget.
            config["extensions"] = config["extensions"] | {
                "LibraryImage": {"pickerUrl": picker_url, "labels": PICKER_LABELS}
            }
            config["js_modules"] = [*config["js_modules"], static(PICKER_JS)]
        return config


def image_picker_url() -> str | None:
    """The admin's image search endpoint, if this site has it (outside the admin it may not)."""
    try:
        return reverse("admin:articles_image_picker")
    except NoReverseMatch:
        return None


def body_widget() -> BodyEditorWidget:
    """The editor widget for Article.body."""
    return BodyEditorWidget(attrs={"rows": 20})


# Whitespace next to block tags does not show: the editor drops the newlines legacy bodies
# have between paragraphs.
_BLOCK_TAG_EDGES = re.compile(
    r"\s*(</?(?:p|h[2-4]|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tr|th|td)"
    r"(?:\s[^>]*)?>|<hr>)\s*"
)


# The editor reads <b> and <i> as the bold and italic it writes as <strong> and <em>.
_SAME_LOOK = re.compile(r"<(/?)(b|i)>")


def _as_published(html: str) -> str:
    html = _BLOCK_TAG_EDGES.sub(r"\1", sanitize_html(html or ""))
    return _SAME_LOOK.sub(lambda tag: f"<{tag[1]}{'strong' if tag[2] == 'b' else 'em'}>", html)


class BodyField(forms.CharField):
    """Article.body in a form: the prose editor, changed only if what readers see changes.

    The editor writes the body back in its own way (the figure's class, the list style, no
    newlines between paragraphs), and a live article whose text changed shows "updated on…".
    """

    def __init__(self, **kwargs):
        kwargs["widget"] = body_widget()  # instead of the admin's plain textarea
        super().__init__(**kwargs)

    def has_changed(self, initial, data):
        return _as_published(initial) != _as_published(self.to_python(data))
