"""The text rules entity linking relies on: folding, word boundaries, capitals, background
mentions, unknown names and the choice of a primary championship.

Kept apart from `link.py` (the registry and the automaton) so each rule can be read and tested on
its own. Everything here is pure: strings in, values out.
"""

import re
import unicodedata
from collections.abc import Iterable

# Spellings that are also ordinary words or given names in the newsroom's languages ("mini",
# "alpine", "jaguar", "lotus", "genesis", "Lola", "Mercedes", "Holden", "alfa", "lancia"…), a
# sponsor that is also a team ("Red Bull") and a town that is also a race ("Le Mans"). They only
# count when the text also links something related (see link.py, "weak spellings").
AMBIGUOUS = frozenset(
    {
        "alfa",
        "alpine",
        "genesis",
        "holden",
        "jaguar",
        "lancia",
        "le mans",
        "lola",
        "lotus",
        "mercedes",
        "mini",
        "red bull",
    }
)

# samples README: "In F1 texts, Ferrari, Mercedes, McLaren and Red Bull are normally the teams".
# Red Bull is a team spelling already; these makes become their works F1 team in an F1 text.
F1_SLUG = "f1"
TEAM_FIRST_MAKES = frozenset({"ferrari", "mercedes-amg", "mclaren"})

_SPECIAL = {"’": "'", "‘": "'", "`": "'", "ʼ": "'", "′": "'"} | dict.fromkeys("‐‑‒–—―−", "-")
# What lower() leaves to fold: every non-ASCII character (accents, curly quotes, dashes, other
# spaces), ASCII whitespace other than the plain space, and the backtick.
_TO_FOLD = re.compile(r"[^\x00-\x7f]|[\t\n\r\x0b\x0c`]")
_folded_chars: dict[str, str] = {}


def _fold_char(char: str) -> str:
    """One character folded to exactly one character, so offsets survive folding."""
    if char.isspace():
        return " "
    if char in _SPECIAL:
        return _SPECIAL[char]
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    folded = stripped.casefold()
    if len(folded) == 1:
        return folded
    # "ß" casefolds to "ss"; keeping one character keeps the text's offsets valid.
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _fold_match(match: re.Match) -> str:
    char = match.group()
    try:
        return _folded_chars[char]
    except KeyError:
        folded = _folded_chars[char] = _fold_char(char)
        return folded


def fold(text: str) -> str:
    """Accent- and case-insensitive form of `text`, of the same length (offsets carry over).

    NFKD without combining marks, casefolded; ’ ‘ ` as ', every dash as -, every whitespace
    character as one space (a paragraph break stays two spaces, so no name spans paragraphs).
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: fold one by one instead
        lowered = "".join(_fold_char(c) for c in text)
    return _TO_FOLD.sub(_fold_match, lowered)


def fold_spelling(spelling: str) -> str:
    """A registry spelling as the automaton stores it: folded, single spaces, trimmed."""
    return " ".join(fold(spelling).split())


def is_bounded(folded: str, start: int, end: int) -> bool:
    """No letter or digit touches the span: "Spa" is not found in "Spartan" nor "F1" in "F1pic"."""
    return (start == 0 or not folded[start - 1].isalnum()) and (
        end == len(folded) or not folded[end].isalnum()
    )


def is_acronym(spelling: str) -> bool:
    """ "WEC", "CMR", "F1", "TOM'S": one short word in capitals, which the text must also use."""
    letters = [c for c in spelling if c.isalpha()]
    return " " not in spelling and 0 < len(letters) <= 5 and spelling.isupper()


_WEAK_WHEN_ONE_WORD = frozenset({"team", "car", "circuit"})
_CASE_FREE_PHRASES = frozenset({"championship", "circuit"})  # "championnat du monde des rallyes"


def spelling_flags(kind: str, form: str, key: str) -> tuple[bool, bool, bool]:
    """(is weak, is an acronym, needs a capital) for a registry spelling and its folded key.

    Weak: an AMBIGUOUS word, or one word naming a team (an owner's surname, an acronym), a car
    (a bare model code) or a circuit (a town). Needs a capital: any spelling written with one,
    except the descriptive phrases of series and circuits.
    """
    one_word = " " not in key
    return (
        key in AMBIGUOUS or (one_word and kind in _WEAK_WHEN_ONE_WORD),
        is_acronym(form),
        any(c.isupper() for c in form) and (one_word or kind not in _CASE_FREE_PHRASES),
    )


def fits_case(span: str, *, acronym: bool, needs_capital: bool) -> bool:
    """Whether the text writes a spelling as a name: "art", "dams", "mini" are plain words."""
    if acronym:
        return span.isupper()
    return not (needs_capital and span.islower())


# "ancien pilote de F1", "ex-pilote F1", "dall'ex pilota di Formula 1", "former Formula One
# driver", "ehemaliger Formel-1-Pilot": a series named as someone's past, not the subject.
_BACKGROUND = re.compile(
    r"\b(?:ancien(?:ne)?s?|ex|former|ehemalige[rnms]?|antiguo|antigua)\b[^.!?;:]{0,16}\Z"
)


def is_background(folded: str, start: int) -> bool:
    return bool(_BACKGROUND.search(folded, max(0, start - 40), start))


# A year written beside a name, in the same sentence: "Race of Slovakia en juillet 2018" (after
# it, first: the closer reading), "l'édition 2018 du Rallye du Portugal" (before it).
_YEAR_AFTER = re.compile(r"[^.!?;:\d]{0,24}?\b((?:19|20)\d\d)\b")
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)\b[^.!?;:\d]{0,24}\Z")


_OTHER_YEAR = re.compile(r"\s*(?:ou|or|et|and|a|to|/|-)\s*(?:19|20)\d\d\b")


def year_near(folded: str, start: int, end: int) -> int | None:
    """The year the words around a name give it, if any; 0 when they give two ("dès 2022 ou
    2023": no season is sure)."""
    after = _YEAR_AFTER.match(folded, end)
    if after:
        return 0 if _OTHER_YEAR.match(folded, after.end()) else int(after.group(1))
    before = _YEAR_BEFORE.search(folded, max(0, start - 30), start)
    return int(before.group(1)) if before else None


def running(years: tuple[int | None, int | None] | None, year: int) -> bool:
    """Was a series with these (first, last) seasons running in `year`? Unknown years do not
    rule it out."""
    first, last = years or (None, None)
    return (first is None or first <= year) and (last is None or year <= last)


def choose_primary(mentions: Iterable[tuple[object, int, bool]], bonus: dict) -> object | None:
    """The championship the text is mainly about, from its mentions `(entity, offset, background)`.

    The most mentioned one wins; `bonus` adds mentions per entity (an event named by its venue
    alone: "à Daytona" after "24 Heures de Daytona"). Background mentions ("ancien pilote de
    F1") only count when there is nothing else. Ties go to the earliest first mention, since a
    news text names its subject first.
    """
    mentions = list(mentions)
    current = [m for m in mentions if not m[2]] or mentions
    score: dict[object, int] = {}
    first: dict[object, int] = {}
    for entity, offset, _background in current:
        score[entity] = score.get(entity, 0) + 1
        first.setdefault(entity, offset)
    if not score:
        return None
    return min(score, key=lambda e: (-(score[e] + bonus.get(e, 0)), first[e]))


_UPPER = "".join(re.escape(c) for c in map(chr, range(0x600)) if c.isupper())
_PARTICLE = r"(?:de|van|der|den|di|da|von|ten|del|dos|du)"
_CAPITALISED = rf"[{_UPPER}][^\W\d_]*(?:['’-][^\W\d_]+)*"
# Two or more capitalised words with single spaces, "van", "de", "di"… allowed between them.
_RUN = re.compile(rf"(?<!\w){_CAPITALISED}(?: (?:{_PARTICLE} )*{_CAPITALISED})+(?!\w)")
_SPLIT = re.compile(r"\S+")
_ELISION = re.compile(r"^[LlDd]['’]")
# Capitalised at the start of a sentence rather than as part of a name.
_STARTER_WORDS = {
    "fr": "à au aux avec après avant chez dans des du en et il elle la le les mais par pour sur "
    "un une selon pendant depuis malgré lors puis ainsi enfin déjà sans sous vers entre contre "
    "comme quand lorsque ce cet cette ces son sa ses leur leurs on nous ils elles derrière "
    "devant dès outre côté",
    "en": "the a an and for in of on at with after but as by from this that when while during "
    "behind",
    "it": "il lo la gli le un una e per con dopo",
    "de": "der die das den dem ein eine und mit nach bei",
    "es": "el la los las un una y con tras en",
}
_STARTERS = frozenset(" ".join(_STARTER_WORDS.values()).split())


def _is_capitalised(word: str) -> bool:
    """ "Cerruti", "D'Ambrosio"; not "L'équipe" (an article) nor "GT3" (capitals only)."""
    word = _ELISION.sub("", word)
    return bool(word) and word[0].isupper() and not word.isupper()


def unknown_names(text: str, known: list[tuple[int, int]]) -> list[str]:
    """Runs of two or more capitalised words that no registry spelling covers, in order.

    `known` are the spans of registry spellings found in the text (linked or not): they break
    runs, as do words in capitals only.
    """
    covered = bytearray(len(text) + 1)
    for start, end in known:
        covered[start:end] = b"\x01" * (end - start)
    names: list[str] = []
    for run in _RUN.finditer(text):
        piece: list[re.Match] = []
        for word in [*_SPLIT.finditer(text, run.start(), run.end()), None]:
            value = word.group() if word else ""
            if word and not covered[word.start()] and not value.isupper():
                if piece or _is_capitalised(value):
                    piece.append(word)
                continue
            while piece and not _is_capitalised(piece[-1].group()):
                piece.pop()  # a particle never ends a name
            while piece and piece[0].group().casefold() in _STARTERS:
                piece.pop(0)
            if len(piece) >= 2:
                name = text[piece[0].start() : piece[-1].end()]
                if name not in names:
                    names.append(name)
            piece = []
    return names
