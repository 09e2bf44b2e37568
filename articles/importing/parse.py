"""Parse a decoded legacy text: the ` date YYYY-MM ` header, paragraphs, title and standfirst.

The format (DESIGN.md §4): the text starts with ` date YYYY-MM ` (sometimes ` date YYYY-MM-DD `)
and the first paragraph follows on the same line; paragraphs are separated by blank lines; there
is no headline, so the title is derived from the first sentence and flagged for review.
"""

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.html import escape

from .clean import DEFAULT_RULES, Removal, clean_paragraphs
from .decode import LegacyFormatError
from .headline import TITLE_LENGTH, headline, is_subhead
from .notes import Note

__all__ = ["TITLE_LENGTH", "LegacyText", "parse_legacy"]

_HEADER = re.compile(
    r"\A[ \t]*date[ \t]+(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?(?=\s|-|\Z)"
    r"[ \t]*-?[ \t]*",
    re.IGNORECASE,
)
# Beyond these, a standfirst or a paragraph is cut at sentences (split_long).
STANDFIRST_LENGTH = 600
PARAGRAPH_LENGTH = 5_000
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A sentence ends at . ! ? or … followed by a space and what can start a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"']?\s+(?=[«“\"'(\[A-ZÀ-ÖØ-Þ0-9])")
# "M. Dupont", "J. Calado", "St. Petersburg", "Dr. …": a full stop that ends no sentence.
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-ZÀ-Þ]|M|Mme|Mlle|Dr|St|Ste|Mr|Mrs|No|N°|Jr|Sr)\.$")


@dataclass
class LegacyText:
    legacy_id: str
    date: datetime.date | None
    date_precision: str  # "day" or "month", as Article.DatePrecision
    paragraphs: list[str]
    title: str
    standfirst: str
    content_hash: str
    flags: list[str] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    # The first sentence, at the top of the body, when the title is not its start.
    lead_in_body: str = ""

    @property
    def text(self) -> str:
        """Title and paragraphs, the whole text that language detection and linking read."""
        return "\n\n".join(self.paragraphs)

    @property
    def body_html(self) -> str:
        """The body: the paragraphs after the lead, legacy subheads as <h2>."""
        paragraphs = [p for p in [self.lead_in_body, *self.paragraphs[1:]] if p]
        html = []
        for n, paragraph in enumerate(paragraphs):
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            tag = "h2" if is_subhead(paragraph, following) else "p"
            html.append(f"<{tag}>{escape(paragraph)}</{tag}>")
        return "\n".join(html)

    @property
    def date_label(self) -> str | None:
        """ "YYYY-MM" or "YYYY-MM-DD", as the header gave it."""
        if self.date is None:
            return None
        return (
            self.date.isoformat() if self.date_precision == "day" else self.date.strftime("%Y-%m")
        )


def legacy_id_from_name(name: str) -> str:
    """`000_6d0ae2bd49ce17cf.txt` → `000_6d0ae2bd49ce17cf`."""
    return PurePath(name).stem.strip()


def parse_legacy(text: str, *, name: str, cleaning: Iterable[str] = DEFAULT_RULES) -> LegacyText:
    """Parse one decoded legacy text; never raises on odd layout, flags it instead.

    `cleaning` names the clean.RULES to apply between splitting and deriving the title.
    """
    return derive(read_legacy(text, name=name), cleaning=cleaning)


def read_legacy(text: str, *, name: str) -> LegacyText:
    """The header and the paragraphs as written, and the content hash: enough to deduplicate.

    Title and standfirst stay empty until `derive`, which a known duplicate never needs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    warnings, flags = [], []
    date, precision, text = _read_header(text, warnings)
    if date is None:
        flags.append("no_date")
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        # A header and nothing else: there is no article to make.
        raise LegacyFormatError("no_text_after_date")
    # The hash is taken before cleaning, so changing the rules never turns the same input into
    # a "different" text.
    normalised = "\n\n".join(paragraphs)
    header = f"date {date.isoformat() if date else '-'}/{precision}\n"
    return LegacyText(
        legacy_id=legacy_id_from_name(name),
        date=date,
        date_precision=precision,
        paragraphs=paragraphs,
        title="",
        standfirst="",
        content_hash=hashlib.sha256((header + normalised).encode()).hexdigest(),
        flags=flags,
        warnings=warnings,
    )


def derive(legacy: LegacyText, *, cleaning: Iterable[str] = DEFAULT_RULES) -> LegacyText:
    """Clean the paragraphs, then derive the title and the standfirst (in place)."""
    cleaned = clean_paragraphs(legacy.paragraphs, rules=cleaning)
    if not cleaned.paragraphs:
        raise LegacyFormatError("only_boilerplate")
    lead = cleaned.paragraphs[0]
    sentence = first_sentence(lead)
    legacy.paragraphs, legacy.removals = cleaned.paragraphs, cleaned.removals
    found = headline(sentence)
    legacy.title = found.title
    legacy.flags.append("title_to_review")
    # The standfirst is what the lead says after the title: the rest of the first sentence
    # when the title is its start, then the lead's other sentences. A title taken from the
    # middle of the sentence leaves the whole sentence to the top of the body.
    rest = lead[len(sentence) :].strip()
    if found.remainder is None:
        legacy.lead_in_body = sentence
        standfirst = rest
    else:
        standfirst = f"{found.remainder} {rest}".strip()
    # A standfirst is a few lines and a paragraph a screenful: longer ones (a whole text with
    # no blank line) are cut at sentences, and the rest becomes paragraphs of the body.
    # Nothing is lost; an editor is told to look.
    pieces = split_long(standfirst, STANDFIRST_LENGTH)
    legacy.standfirst = pieces[0] if pieces else ""
    body = [part for paragraph in legacy.paragraphs[1:] for part in split_long(paragraph)]
    if len(pieces) > 1 or len(body) > len(legacy.paragraphs) - 1:
        legacy.flags.append("long_text_split")
        # The lead keeps what the title and the standfirst show; the rest follows it.
        # (The remainder is the end of the sentence: what precedes it is the title's part.)
        head = sentence if not found.remainder else sentence[: -len(found.remainder)].strip()
        kept = f"{head} {legacy.standfirst}".strip()
        legacy.paragraphs = [kept, *split_long(" ".join(pieces[1:])), *body]
    return legacy


def split_long(text: str, limit: int | None = None) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut after a sentence where there is one
    (else after a word, else anywhere); all of it, in order."""
    limit = limit or PARAGRAPH_LENGTH
    pieces = []
    while len(text) > limit:
        window = text[: limit + 1]
        ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= limit]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or limit)
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces


def _read_header(text: str, warnings: list[Note]):
    match = _HEADER.match(text)
    if not match:
        warnings.append(Note("no_date_header"))
        return None, "month", text
    year, month = int(match["year"]), int(match["month"])
    day = int(match["day"]) if match["day"] else None
    try:
        date = datetime.date(year, month, day or 1)
    except ValueError:
        warnings.append(Note("impossible_date", {"header": match.group(0).strip()}))
        return None, "month", text[match.end() :]
    return date, ("day" if day else "month"), text[match.end() :]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; a text with no blank line has one per line."""
    text = text.strip()
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    paragraphs = []
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        paragraph = " ".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def first_sentence(paragraph: str) -> str:
    """The paragraph up to the end of its first sentence (a prefix of it)."""
    for match in _SENTENCE_END.finditer(paragraph):
        if not _ABBREVIATION.search(paragraph[: match.start()]):
            return paragraph[: match.end()].rstrip()
    return paragraph
