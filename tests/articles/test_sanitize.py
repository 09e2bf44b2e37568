import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from articles.sanitize import ALLOWED_TAGS, sanitize_html
from tests.articles.factories import ArticleFactory

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
needs_data = pytest.mark.skipif(
    not DATA.is_dir(),
    reason="the shared test data (XSS lists, naughty strings) is not beside the repo",
)

FORBIDDEN_TAGS = {
    "script", "style", "iframe", "object", "embed", "svg", "math", "form", "meta", "link", "base",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Where a hostile string ends up in a body: as markup, as text, and inside each kind of attribute.
CONTEXTS = {
    "raw": "PAYLOAD",
    "paragraph": "<p>PAYLOAD</p>",
    "href": '<p><a href="PAYLOAD">le classement</a></p>',
    "img src": '<figure><img src="PAYLOAD" alt="Le départ"></figure>',
    "title attribute": '<p><a href="https://example.org/" title="PAYLOAD">lien</a></p>',
    "single-quoted cite": "<blockquote cite='PAYLOAD'><p>Citation</p></blockquote>",
    # Runs the extra pass that reads office styles.
    "Google Docs paste": '<b style="font-weight:normal;" id="docs-internal-guid-1f2e"><p dir="ltr">'
    '<span style="font-weight:400;mso-list:Ignore">PAYLOAD</span>PAYLOAD</p></b>',
}


class Parsed(HTMLParser):
    """The elements and the visible text of an HTML fragment, as a browser would read them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)  # attribute values come back unescaped
        self.elements = []
        self.text = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def url_scheme_view(value):
    """The URL as a browser's parser sees it: tabs and newlines anywhere and surrounding control
    characters and spaces do not count, and schemes are case-insensitive."""
    value = re.sub(r"[\t\n\r]", "", value)
    return value.strip("".join(map(chr, range(0x21)))).lower()


def dangers(html):
    problems = []
    for tag, attrs in Parsed(html).elements:
        if tag in FORBIDDEN_TAGS or tag not in ALLOWED_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                problems.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and url_scheme_view(value or "").startswith(BAD_SCHEMES):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def collapse(html):
    return re.sub(r">\s+<", "><", html)


def load_payloads():
    lines = (DATA / "xss-payload-list.txt").read_text(encoding="utf-8").splitlines()
    owasp = json.loads((DATA / "owasp-xss-filter-evasion.json").read_text(encoding="utf-8"))
    naughty = json.loads((DATA / "blns.json").read_text(encoding="utf-8"))
    return (
        [("xss-payload-list", line) for line in lines if line.strip()]
        + [("owasp", entry["payload"]) for entry in owasp["payloads"]]
        + [("blns", string) for string in naughty]
    )


@pytest.fixture(scope="module")
def sanitised_payloads():
    """(where from, context, input, output) for every payload in every context."""
    results = []
    for source, payload in load_payloads():
        for context, template in CONTEXTS.items():
            html = template.replace("PAYLOAD", payload)
            results.append((f"{source} in {context}", html, sanitize_html(html)))
    return results


# Pastes from office suites -------------------------------------------------------------------

WORD_CLIPBOARD = """\
<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:"Calibri",sans-serif;} --></style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
</head>
<body lang=FR style='tab-interval:35.4pt'>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:14.0pt;mso-bidi-font-size:11.0pt'>Rallye de Monte-Carlo<o:p></o:p></span></b></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal id="para-2"><span style='mso-fareast-language:FR'>Le pilote signe le <i>meilleur temps</i> de la spéciale.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Victoire au général<o:p></o:p></p>
<p class=MsoNormal><b><o:p>&nbsp;</o:p></b></p>
<p class=MsoNormal><font color="#c00000" face=Arial>Abandon sur sortie de route</font></p>
<!--EndFragment-->
</body></html>
"""  # noqa: E501

GOOGLE_DOCS_CLIPBOARD = (
    '<meta charset="utf-8"><b style="font-weight:normal;" '
    'id="docs-internal-guid-5f1c2a3b-7fff-1d2e-9a4b-0c1d2e3f4a5b">'
    '<h2 dir="ltr" style="line-height:1.38;margin-top:18pt;margin-bottom:6pt;">'
    '<span style="font-size:16pt;font-family:Arial,sans-serif;font-weight:400;'
    'white-space:pre-wrap;">Essais libres à Spa</span></h2>'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">La Porsche </span>'
    '<span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:700;">numéro 92</span>'
    '<span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;"> domine la '
    "séance.</span></p><br>"
    '<p dir="ltr" style="line-height:1.38;"><span style="font-size:11pt;font-weight:400;">'
    "Les Ferrari suivent.</span></p>"
    '<p dir="ltr" style="line-height:1.38;"><span style="font-size:11pt;"><br></span></p>'
    '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;">'
    '<li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1">'
    '<p dir="ltr" role="presentation" style="line-height:1.38;">'
    '<span style="font-size:11pt;font-weight:400;">Pole position en 2:01.5</span></p></li></ul>'
    '</b><br class="Apple-interchange-newline">'
)


def test_a_word_paste_keeps_the_text_and_its_emphasis_only():
    assert collapse(sanitize_html(WORD_CLIPBOARD)) == (
        "<p><b>Rallye de Monte-Carlo</b></p>"
        "<p>Le pilote signe le <i>meilleur temps</i> de la spéciale.</p>"
        "<p>Victoire au général</p>"
        "<p>Abandon sur sortie de route</p>"
    )


def test_a_google_docs_paste_loses_the_wrapper_that_would_make_everything_bold():
    assert sanitize_html(GOOGLE_DOCS_CLIPBOARD) == (
        "<h2>Essais libres à Spa</h2>"
        "<p>La Porsche numéro 92 domine la séance.</p>"
        "<p>Les Ferrari suivent.</p>"
        "<ul><li><p>Pole position en 2:01.5</p></li></ul>"
    )


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ('<p class="MsoNormal" style="color:red" id="p1">Texte</p>', "<p>Texte</p>"),
        ('<p><span style="mso-bidi-font-weight:bold">Texte</span></p>', "<p>Texte</p>"),
        ('<p><font face="Arial" size="3">Texte</font></p>', "<p>Texte</p>"),
        ("<p>Texte<o:p></o:p></p>", "<p>Texte</p>"),
        ('<meta charset="utf-8"><p>Texte</p>', "<p>Texte</p>"),
        ("<style>p { color: red }</style><p>Texte</p>", "<p>Texte</p>"),
        ("<!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}</style><![endif]--><p>Texte</p>",
         "<p>Texte</p>"),
        ("<p>Texte<!-- commentaire --></p>", "<p>Texte</p>"),
        ("<p><b>Important</b> et <b style=\"font-weight:bold\">gras</b></p>",
         "<p><b>Important</b> et <b>gras</b></p>"),
        ('<p><strong style="font-weight: normal">Pas gras</strong></p>', "<p>Pas gras</p>"),
    ],
)  # fmt: skip
def test_pasted_styling_and_office_markup_are_removed(pasted, kept):
    assert sanitize_html(pasted) == kept


@pytest.mark.parametrize(
    "empty",
    ["<p>&nbsp;</p>", "<p></p>", "<p> </p>", "<p><br></p>", "<p><o:p>&nbsp;</o:p></p>",
     "<p><b>&nbsp;</b></p>", "<h3>\u00a0</h3>", "<br>"],
)  # fmt: skip
def test_empty_paragraphs_and_stray_breaks_from_pasting_are_dropped(empty):
    html = f"<p>Premier.</p>{empty}<p>Second.</p>{empty}"
    assert sanitize_html(empty + html) == "<p>Premier.</p><p>Second.</p>"


def test_line_breaks_inside_a_paragraph_are_kept():
    html = "<p>Dimanche 14 h<br>Départ de la course</p>"
    assert sanitize_html(html) == html


def test_links_keep_their_address_and_get_a_safe_rel():
    html = '<p><a href="mailto:redaction@example.org" target="_blank">Écrire</a></p>'
    assert sanitize_html(html) == (
        '<p><a href="mailto:redaction@example.org" rel="noopener noreferrer">Écrire</a></p>'
    )


# Hostile input from the shared lists ---------------------------------------------------------


def test_the_danger_check_sees_obfuscated_attacks():
    html = (
        '<p onclick="x()"><a href=" JaVa&#x09;script:alert(1)">a</a>'
        '<img src="data:image/png;base64,AAAA"><svg></svg></p>'
    )
    assert dangers(html) == [
        "<p onclick>",
        "<a href=' JaVa\\tscript:alert(1)'>",
        "<img src='data:image/png;base64,AAAA'>",
        "<svg>",
    ]


@needs_data
def test_no_payload_survives_as_active_content(sanitised_payloads):
    failures = [
        (where, html, output, problems)
        for where, html, output in sanitised_payloads
        if (problems := dangers(output))
    ]
    assert not failures, failures[:5]
    assert len(sanitised_payloads) > 7000 * len(CONTEXTS)


@needs_data
def test_sanitising_twice_changes_nothing(sanitised_payloads):
    changed = [
        (where, output)
        for where, _html, output in sanitised_payloads
        if sanitize_html(output) != output
    ]
    assert not changed, changed[:5]


def expected_text(string):
    """What a reader sees of a string: HTML parsing drops NUL and turns CR LF into LF, and a
    paragraph of nothing but spaces is dropped as empty."""
    text = string.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return text if text.strip() else ""


@needs_data
def test_naughty_strings_keep_their_visible_text():
    naughty = json.loads((DATA / "blns.json").read_text(encoding="utf-8"))
    lost = []
    for string in naughty:
        escaped = "".join(Parsed(sanitize_html(f"<p>{escape(string)}</p>")).text)
        if escaped != expected_text(string):
            lost.append(("escaped", string, escaped))
        if "<" not in string and "&" not in string:
            raw = "".join(Parsed(sanitize_html(f"<p>{string}</p>")).text)
            if raw != expected_text(string):
                lost.append(("raw", string, raw))
    assert not lost, lost[:5]


@needs_data
@pytest.mark.django_db
def test_saving_an_article_sanitises_the_owasp_payloads():
    owasp = json.loads((DATA / "owasp-xss-filter-evasion.json").read_text(encoding="utf-8"))
    body = "\n".join(f"<p>{entry['payload']}</p>" for entry in owasp["payloads"])
    article = ArticleFactory(body=body)
    article.refresh_from_db()
    assert article.body
    assert dangers(article.body) == []


@needs_data
@pytest.mark.django_db
def test_an_article_made_of_naughty_strings_saves_and_reads_back():
    naughty = json.loads((DATA / "blns.json").read_text(encoding="utf-8"))
    article = ArticleFactory(body="".join(f"<p>{escape(string)}</p>" for string in naughty))
    article.refresh_from_db()
    assert "".join(Parsed(article.body).text) == "".join(map(expected_text, naughty))
