"""Allow-list sanitising of article HTML with nh3, whatever produced it.

The body editor (articles/editor.py) offers the same elements: a test keeps the two in step.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "blockquote", "ul", "ol", "li", "a", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # data-file is the id of the library image the editor's picker inserted.
    "img": {"src", "alt", "width", "height", "title", "data-file"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_STRICT = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)

# What a paste from Word or Google Docs means is written in inline styles that the allow-list
# throws away, so a first, lenient pass keeps these attributes just long enough to read them.
_LENIENT = nh3.Cleaner(
    tags=ALLOWED_TAGS | {"span"},
    attributes=ALLOWED_ATTRIBUTES | {"b": {"style", "id"}, "strong": {"style"}, "span": {"style"}},
    url_schemes=URL_SCHEMES,
    strip_comments=True,
)
_PASTE_MARKERS = ("docs-internal-guid", "font-weight", "mso-list")
_NOT_BOLD = re.compile(r"font-weight:(normal|lighter|[1-4]00)\b")
_VOID_TAGS = {"br", "hr", "img"}
_MAX_PASSES = 3

_INLINE = r"</?(?:strong|b|em|i|u|s|sub|sup)>"
_EMPTY_BLOCK = re.compile(rf"<(p|h[2-4])>(?:\s|&nbsp;|<br>|{_INLINE})*</\1>")
_BREAKS_AFTER_BLOCK = re.compile(
    r"(</(?:p|h[2-4]|ul|ol|blockquote|figure|table)>|<hr>)(?:\s*<br>)+"
)


def sanitize_html(html: str) -> str:
    """Keep only the tags, attributes and URL schemes an article body may carry."""
    html = html or ""
    lowered = html.lower()
    if any(marker in lowered for marker in _PASTE_MARKERS):
        html = _unwrap_office_markup(_LENIENT.clean(html))
    cleaned = _clean_strictly(html)
    # html5ever may serialise a tree that parses back differently (a <p> inside a <p>, from
    # an <object> it removed): cleaning again settles it, so that re-saving an article never
    # changes its body.
    for _ in range(_MAX_PASSES):
        again = _clean_strictly(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean_strictly(html: str) -> str:
    html = _STRICT.clean(html)
    # Pasted documents space their paragraphs with empty ones and line breaks.
    html = _EMPTY_BLOCK.sub("", html)
    html = _BREAKS_AFTER_BLOCK.sub(r"\1", html).strip()
    while html.startswith("<br>"):
        html = html.removeprefix("<br>").lstrip()
    while html.endswith("<br>"):
        html = html.removesuffix("<br>").rstrip()
    return html


def _unwrap_office_markup(html: str) -> str:
    parser = _OfficeUnwrapper()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


class _OfficeUnwrapper(HTMLParser):
    """Re-emit nh3's well-formed output without the bogus wrappers office clipboards add.

    - Google Docs wraps the whole clipboard in `<b style="font-weight:normal" id="docs-internal-
      guid-…">`: a bold that is not bold, so only its content is kept (as the editor does on paste).
    - Word writes list bullets and numbers as text in `<span style="mso-list:Ignore">`, followed
      by non-breaking spaces for indentation: that span goes with its content.
    The strict pass that follows removes every other style and wrapper.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.open = []  # the action taken for each open element: "keep", "unwrap" or "drop"

    def handle_starttag(self, tag, attrs):
        action = "drop" if "drop" in self.open else _action(tag, dict(attrs))
        if action == "keep":
            self.out.append(self.get_starttag_text())
        if tag not in _VOID_TAGS:
            self.open.append(action)

    def handle_endtag(self, tag):
        if self.open.pop() == "keep":
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if "drop" not in self.open:
            self.out.append(escape(data, quote=False))


def _action(tag: str, attrs: dict[str, str | None]) -> str:
    style = re.sub(r"\s+", "", attrs.get("style") or "").lower()
    if tag == "span" and "mso-list:ignore" in style:
        return "drop"
    if tag in {"b", "strong"} and (
        _NOT_BOLD.search(style) or (attrs.get("id") or "").startswith("docs-internal-guid")
    ):
        return "unwrap"
    return "keep"


def plain_text(markup: str) -> str:
    """The text of any string that may hold markup, without the markup, on any input.

    Django's strip_tags runs Python's HTMLParser, which raises on some broken markup (a
    standfirst holding `<![><img …>` took pages down); nh3 parses like a browser and never
    raises, so every string an author typed can be shown or described.
    """
    return unescape(nh3.clean(markup or "", tags=set()))
