"""A headline for a legacy text, which has none: its first sentence, or the clause of it that
reads as one — never a sentence cut mid-phrase with "…" — and legacy subheads.

The first sentence is the headline when it is short (≤ TITLE_LENGTH characters). A longer one is
cut at its clauses (commas, semicolons, colons, dashes, brackets): the headline is the longest
run of whole clauses that fits, preferring the run the sentence starts with, unless that opens
on a circumstance ("À l'instar de…", "Après…", "Alors que…"), which is no headline on its own.
A sentence with no such clause is cut before a linking word ("qui", "et", "lorsque"…) that
leaves a whole statement. What the headline leaves of the first sentence is never lost: a
leading run leaves its tail to the standfirst; any other cut keeps the whole sentence at the top
of the body.

Subheads: the legacy texts kept their section headings as short paragraphs with no final full
stop ("Des débuts difficiles…", "… À la croissance de la clientèle en 2019") or in capitals;
they become <h2> in the body.
"""

import re
from dataclasses import dataclass

TITLE_LENGTH = 110
SHORTEST = 25  # a clause shorter than this is not a headline ("En 2019")
ENOUGH = 45  # a leading run this long is headline enough: more clauses would start a list

# Where a clause ends: ", " "; " ": " " – " " — " " - " and before "(".
_CLAUSE_END = re.compile(r"\s*(?:[,;:]\s+|\s[–—-]\s+|\s(?=\())")
# Words that open a circumstance, not a statement (French first, the archive's language).
_CIRCUMSTANCE = re.compile(
    r"^(?:[àa] l['’]instar|[àa] l['’]issue|au terme|[àa] la suite|après|avant|alors qu|"
    r"tandis qu|lors d|malgré|grâce|face|suite|depuis|"
    r"selon|pour|avec|sans|dans|en |au |aux |à |si |comme|quand|lorsqu|puisqu|bien qu|"
    r"after|before|while|with|despite|following|in |at |on |as |when )",
    re.IGNORECASE,
)
# A clause opening on these goes on with the one before it: not a statement of its own.
_CONTINUATION = re.compile(
    r"^(?:dont|qui|que|qu['’]|où|et|mais|ou|soit|puis|ni|which|who|and|but|or)\b", re.IGNORECASE
)
# A cut before one of these leaves a whole statement in front of it.
_LINK_WORD = re.compile(
    r"\s(?=(?:(?:qui|que|dont|où|et|mais|car|quand|alors|tandis|après|avant|pour|afin|grâce|"
    r"malgré|avec|which|who|and|but|after|before|while|with)\b|(?:qu|lorsqu|puisqu)(?:e\b|['’])))",
    re.IGNORECASE,
)
# Words opening a subordinate clause ("quand au 34e tour, il était sorti…").
_SUBORDINATE = re.compile(
    r"\s(?=(?:quand\b|(?:lorsqu|alors qu|tandis qu|parce qu|puisqu|bien qu)(?:e\b|['’])|when\b|"
    r"while\b|because\b))",
    re.IGNORECASE,
)
# Words a headline does not end on.
_DANGLING = frozenset(
    [
        "à",
        "au",
        "aux",
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "un",
        "une",
        "en",
        "et",
        "ou",
        "par",
        "pour",
        "sur",
        "dans",
        "avec",
        "sans",
        "sous",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cet",
        "cette",
        "ces",
        "qui",
        "que",
        "dont",
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "el",
        "los",
        "las",
        "del",
        "y",
        "con",
        "il",
        "lo",
        "gli",
        "della",
        "di",
        "e",
    ]
)
_QUOTE_PAIRS = (("«", "»"), ("“", "”"))


@dataclass(frozen=True)
class Headline:
    title: str
    # What the standfirst starts with: the rest of the first sentence after the title. None when
    # the title is not the start of the sentence, which then opens the body in full.
    remainder: str | None
    derived: bool  # True when the title is not the whole first sentence


def headline(sentence: str) -> Headline:
    """The headline of a text whose first sentence is `sentence`."""
    if len(sentence) <= TITLE_LENGTH:
        return Headline(_finish(sentence), "", derived=False)
    clauses = _clauses(sentence)
    runs = [
        (start, end)
        for start in range(len(clauses))
        for end in range(start + 1, len(clauses) + 1)
        if SHORTEST <= len(_text(sentence, clauses, start, end)) <= TITLE_LENGTH
    ]
    # A run the sentence goes on after with "(" would leave the standfirst opening on a bracket.
    leading = [
        r
        for r in runs
        if r[0] == 0 and not sentence[clauses[r[1] - 1][1] :].lstrip().startswith("(")
    ]
    opening = _text(sentence, clauses, 0, 1)
    if leading and not _CIRCUMSTANCE.match(opening):
        enough = [r for r in leading if len(_text(sentence, clauses, *r)) >= ENOUGH]
        start, end = min(enough, key=lambda r: r[1]) if enough else max(leading, key=lambda r: r[1])
        title = _text(sentence, clauses, 0, end)
        trimmed = _before_subordinate(title) if end < len(clauses) else title
        if trimmed != title:
            # "… course parisienne quand au 34e tour": the clause's end belongs to the next one.
            return Headline(_finish(trimmed), None, derived=True)
        rest = sentence[clauses[end - 1][1] :].lstrip(" ,;:–—-")
        return Headline(_finish(title), _capitalise(rest), derived=True)
    statements = [
        (start, end)
        for start, end in runs
        if not _CIRCUMSTANCE.match(_text(sentence, clauses, start, start + 1))
        and not _CONTINUATION.match(_text(sentence, clauses, start, start + 1))
    ]
    if statements:
        # The first statement: its shortest run that is headline enough, else its longest.
        first = min(start for start, _end in statements)
        own = [r for r in statements if r[0] == first]
        enough = [r for r in own if len(_text(sentence, clauses, *r)) >= ENOUGH]
        start, end = min(enough, key=lambda r: r[1]) if enough else max(own, key=lambda r: r[1])
        title = _text(sentence, clauses, start, end)
        if end < len(clauses):
            title = _before_subordinate(title)
        return Headline(_finish(_capitalise(title)), None, derived=True)
    return Headline(_finish(_cut_before_link_word(sentence)), None, derived=True)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause, separators excluded."""
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(sentence):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def _text(sentence: str, clauses: list[tuple[int, int]], start: int, end: int) -> str:
    return sentence[clauses[start][0] : clauses[end - 1][1]]


def _cut_before_link_word(sentence: str) -> str:
    """The longest start of the sentence ending before a linking word; else whole words."""
    cuts = [
        m.start()
        for m in _LINK_WORD.finditer(sentence, 0, TITLE_LENGTH + 1)
        if SHORTEST <= m.start() <= TITLE_LENGTH
    ]
    if cuts:
        return _without_dangling(sentence[: cuts[-1]])
    words = sentence[: TITLE_LENGTH + 1].split()[:-1] or sentence[:TITLE_LENGTH].split()
    return _without_dangling(" ".join(words))


def _without_dangling(title: str) -> str:
    words = title.split()
    while len(words) > 3 and words[-1].casefold().strip("'’") in _DANGLING:
        words.pop()
    return " ".join(words)


def _before_subordinate(title: str) -> str:
    """A clause whose last words open a subordinate one the next clause goes on with."""
    found = [m.start() for m in _SUBORDINATE.finditer(title) if m.start() >= SHORTEST]
    return _without_dangling(title[: found[-1]]) if found else title


def _finish(title: str) -> str:
    """No final full stop or clause mark ("?" and "!" stay); quotes closed."""
    title = title.strip().rstrip(",;:–—-").rstrip()
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    for opening, closing in _QUOTE_PAIRS:
        if title.count(opening) > title.count(closing):
            title = f"{title} {closing}" if opening == "«" else title + closing
    if title.count('"') % 2:
        title += '"'
    return title


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# Subheads --------------------------------------------------------------------------------

SUBHEAD_LENGTH = 90
_QUOTE_OPENINGS = tuple("«“\"'‘")
_NOT_A_HEADING = re.compile(r"https?://|www\.|@|^(?:par|by|photo|crédit|source|lire aussi)\b", re.I)


def is_subhead(paragraph: str, following: str | None) -> bool:
    """A short heading line between two paragraphs of the body: no final full stop (an
    ellipsis is fine) or all in capitals, not a quote, a signature or an address."""
    text = paragraph.strip()
    if following is None or len(following) < 2 * len(text):
        return False
    if not 2 <= len(text.split()) <= 14 or _NOT_A_HEADING.search(text):
        return False
    if text.isupper() and len(text) <= 2 * SUBHEAD_LENGTH:
        return True
    if len(text) > SUBHEAD_LENGTH or text.startswith(_QUOTE_OPENINGS):
        return False
    ends_as_sentence = text.endswith((".", "!", "?", ":", ";", ",", "»", "”", '"')) and not (
        text.endswith("…") or text.endswith("...")
    )
    return not ends_as_sentence and text.lstrip("….").strip()[:1].isupper()
