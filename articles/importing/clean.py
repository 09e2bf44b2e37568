"""Remove the page furniture that legacy texts carry (share buttons, link lines, tweet residue…).

Each rule removes only the part it matches and says what it removed, so the article keeps the
removed text in its provenance. The rules are conservative on purpose: leaving a "Partager:" in an
article costs an editor a second, removing a real sentence loses it for good.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Scope(StrEnum):
    # A label at the head of the text: a prefix of the first paragraph (repeated, so "Partager:"
    # then "Autore: …" both go), or a paragraph made only of it anywhere.
    LEADING = "leading"
    PARAGRAPH = "paragraph"  # a whole paragraph
    TRAILING = "trailing"  # the end of a paragraph
    INLINE = "inline"  # every occurrence inside a paragraph


@dataclass(frozen=True)
class Removal:
    rule: str
    text: str  # what was removed, without the spaces around it


@dataclass
class CleanResult:
    paragraphs: list[str]
    removals: list[Removal] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Removals per rule name."""
        return dict(Counter(removal.rule for removal in self.removals))


@dataclass(frozen=True)
class Rule:
    name: str
    description: str  # French, shown in reports
    pattern: re.Pattern[str]
    scope: Scope
    # Strings one of which a paragraph must hold for the pattern to be tried: an `in` test is
    # far cheaper than an unanchored search, and most paragraphs hold none.
    hints: tuple[str, ...] = ()


def _rule(
    name: str, description: str, scope: Scope, pattern: str, hints: tuple[str, ...] = ()
) -> Rule:
    if scope is Scope.TRAILING:
        # Anchored at the end, so that search() finds the earliest start that reaches it.
        pattern = rf"(?:{pattern})\s*\Z"
    return Rule(name, description, re.compile(pattern), scope, hints)


# Building blocks. Matching is case-sensitive unless a part says (?i:…): capitals are what tell
# a headline or a name from the next word of a sentence.
_SEP = r"[|·•:–—-]"
_END = rf"(?:\s*{_SEP}\s*|\s*$)"  # a label ends at a separator or with its paragraph
_NAME = r"[A-ZÀ-Þ@][\w'’.&-]*"
_PARTICLE = r"(?:de|di|da|du|del|della|des|van|von|der|den|le|la|dos|y|e|et|and|und|via|for|pour)"
_NAMES = rf"{_NAME}(?:(?:\s*[/,&]\s*|\s+)(?:{_PARTICLE}\s+)?{_NAME}){{0,6}}"
_AGENCIES = (
    "Getty Images",
    "AFP",
    "ATS",
    "AP",
    "Reuters",
    "Belga",
    "DPPI",
    "ANSA",
    "EFE",
    "dpa",
    "Keystone",
    "Imago",
    "Shutterstock",
    "LAT Images",
    "Motorsport Images",
    "Red Bull Content Pool",
    "DR",
)
_AGENCY = f"(?:{'|'.join(_AGENCIES)})"
_CREDIT_LABEL = r"(?i:photos?|cr[ée]dits?(?: photos?)?|photo credits?|fotos?|bild)"
_MONTH = (
    r"(?i:(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[ûu]t|sept|oct|nov|d[ée]c|jan|feb|m[aä]r|apr"
    r"|may|jun|jul|aug|sep|gen|mag|giu|lug|ago|set|ott|dic|ene|abr|dez|okt)[a-zà-ÿ]*\.?)"
)
_WEEKDAY = (
    r"(?i:(?:lun|mar|mer|jeu|ven|sam|dim|mon|tue|wed|thu|fri|sat|sun|dom|gio|sab|mont|diens"
    r"|mitt|donn|frei)[a-zàé]*\.?,?\s+)"
)
_DATE = (
    rf"(?:{_WEEKDAY}?(?:\d{{1,2}}(?:er|º)?\.?\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
_TIME = r"(?:\d{1,2}\s?[:hH.]\s?\d{2}(?::\d{2})?(?:\s?(?:Uhr|[ap]\.?m\.?|[AP]M|CES?T|GMT|UTC))?)"
_STAMP = rf"(?:{_DATE}(?:\s*(?:à|a las|alle|ore|um|at|,|{_SEP})?\s*{_TIME})?|{_TIME})"
_PUBLISHED = (
    r"(?i:publi[ée]|mis à jour|modifi[ée]|pubblicato|aggiornato|publicado|actualizado"
    r"|ver[öo]ffentlicht|aktualisiert|published|updated|posted)(?:\s+(?:le|il|el|am|on|at))?\s*:?"
)
_STAMPS = rf"(?:{_PUBLISHED}\s*)?{_STAMP}(?:\s*{_SEP}?\s*(?:{_PUBLISHED}\s*)?{_STAMP})*"
_READ_ALSO = (
    r"(?i:(?:à|a)\s+lire\s+(?:aussi|également)|lire\s+(?:aussi|également)|voir\s+aussi"
    r"|leggi\s+anche|lee\s+también|read\s+(?:more|also)|lesen\s+sie\s+auch|ler\s+também)"
)
_SHARE = r"(?:Partager|Partagez(?: cet article)?|Condividi|Compartir|Teilen|Share(?: this)?)"
_NETWORK = r"(?:Facebook|Twitter|LinkedIn|WhatsApp|E-?mail|Messenger|Pinterest|Telegram|[|,·])"

_RULE_LIST = [
    _rule(
        "audio_player",
        "Mention « Charger le lecteur audio »",
        Scope.LEADING,
        r"Charger le lecteur audio\b[\s:.|·–—-]*",
    ),
    _rule(
        "press_release",
        "Mention « Communiqué de presse : » en tête",
        Scope.LEADING,
        r"(?i:communiqu[ée](?: de presse)?|comunicato stampa|press release|pressemitteilung"
        r"|(?:nota|comunicado) de prensa)\s*(?::\s*|$)",
    ),
    _rule(
        "agency_label",
        "Mention « agenzia » en tête",
        Scope.LEADING,
        # Lower case only: the label of an Italian wire widget, where a sentence would start
        # with a capital ("Agenzia …" is left alone unless it stands alone).
        r"(?:agenzia(?:\s+(?:ANSA|AGI|Adnkronos|Italpress|LaPresse|Askanews))?\b|Agenzia\s*$)"
        r"[\s:|·–—-]*",
    ),
    _rule(
        "timestamp",
        "Date ou heure de publication seule en tête",
        Scope.LEADING,
        # Any stamp alone or before a "|"; a date before a dash or a capital ("4 juin 2023
        # Ferrari…"). A bare time before text ("14h30 – Le départ…") may be a live-blog entry,
        # and a date before a small letter is the subject of a sentence: both stay.
        rf"(?:{_STAMPS}\s*(?:$|[|·•]\s*)"
        rf"|(?:{_PUBLISHED}\s*)?{_DATE}(?:\s*(?:à|a las|alle|ore|um|at|,|{_SEP})?\s*{_TIME})?"
        r"\s*(?:[:|·–—-]\s*|(?=[A-ZÀ-Þ«\"“])))",
    ),
    _rule(
        "share_buttons",
        "Boutons « Partager: » en tête",
        Scope.LEADING,
        rf"(?i:{_SHARE})\s*:(?:(?:\s*{_NETWORK})+\s*$)?\s*",
    ),
    _rule(
        "author_line",
        "Ligne « Autore: » (signature de la page d'origine)",
        Scope.LEADING,
        rf"(?i:autore|autrice|auteur|autor|author)\s*:\s*{_NAMES}{_END}",
    ),
    _rule(
        "read_also",
        "Lien « À lire aussi »",
        Scope.PARAGRAPH,
        # With a separator the rest is the linked headline; without one, the headline must
        # start with a capital and end without a full stop, unlike a sentence that starts
        # with "Lire aussi".
        rf"[»►→>+•*-]?\s*{_READ_ALSO}"
        r"(?:\s*[:>»›|–—-]+.{0,300}|\s+[A-ZÀ-Þ0-9«\"“'].{0,200}(?<![.!?…])|\s*)",
    ),
    _rule(
        "tweet_link",
        "Lien pic.twitter.com ou t.co d'un tweet intégré",
        Scope.INLINE,
        r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+",
        hints=("pic.twitter.com/", "t.co/"),
    ),
    _rule(
        "tweet_signature",
        "Signature de tweet intégré « — Nom (@compte) date »",
        Scope.TRAILING,
        # The dash opens the signature only where it stands free ("Ogier-Rovanperä" is a name),
        # and the name part never crosses another free dash.
        rf"(?:^|(?<=[\s.!?…»\"”]))[—–-]{{1,2}}\s*(?:(?!\s[—–-]\s)[^—–()]){{0,80}}?"
        rf"\(@\w{{1,15}}\)\s*{_DATE}",
        hints=("(@",),
    ),
    _rule(
        "rss_footer",
        "Pied de flux RSS « The post … appeared first on … »",
        Scope.TRAILING,
        r"(?:^|(?<=[.!?…»\"”)]\s))(?:The post .{1,300}? appeared first on"
        r"|L['’]article .{1,300}? est apparu en premier sur|L['’]articolo .{1,300}? proviene da"
        r"|La entrada .{1,300}? se publicó primero en|Der Beitrag .{1,300}? erschien zuerst auf)"
        r" [^.!?]{1,120}\.?",
        hints=(
            " appeared first on ",
            " est apparu en premier sur ",
            " proviene da ",
            " se publicó primero en ",
            " erschien zuerst auf ",
        ),
    ),
    _rule(
        "tags_line",
        "Ligne « TAGS: »",
        Scope.TRAILING,
        # After a sentence end only: "des Tags:" inside a German sentence is not a tag list.
        r"(?:^|(?<=[.!?…»\"”)]\s))(?:TAGS|Tags|Mots-clés|Mots clés|Étiquettes)\s*:"
        r"[^.!?]{0,300}\.?",
        hints=("TAGS", "Tags", "Mots", "Étiquettes"),
    ),
    _rule(
        "photo_credit",
        "Crédit photo seul (« © Peugeot », « Getty Images », « Photo : DPPI »)",
        Scope.PARAGRAPH,
        r"\(?\s*(?:"
        rf"(?:©|\([cC]\)|Copyright)\s*(?:\d{{4}}\s*)?(?:{_NAMES})?"
        rf"|{_CREDIT_LABEL}\s*[:©–-]\s*{_NAMES}"
        rf"|(?i:photos?|fotos?)\s+{_AGENCY}"
        rf"|(?:{_NAMES}\s*/\s*)?{_AGENCY}(?:\s*(?:/|via)\s*{_NAMES})?"
        r")\s*\)?\.?",
    ),
    _rule(
        "trailing_credit",
        "Crédit d'agence collé à la fin d'un paragraphe (« … dimanche. ATS »)",
        Scope.TRAILING,
        rf"(?<=[.!?…»\"”])\s+{_AGENCY}(?:\s*/\s*{_AGENCY})?",
        hints=_AGENCIES,
    ),
]

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULE_LIST}
DEFAULT_RULES: tuple[str, ...] = tuple(RULES)


def rule_label(name: str) -> str:
    """What a rule removes, for people (a rule since renamed keeps its name)."""
    rule = RULES.get(name)
    return rule.description if rule else name


def clean_paragraphs(paragraphs: list[str], *, rules: Iterable[str] = DEFAULT_RULES) -> CleanResult:
    """Apply the named rules (in RULES order) and record every removal."""
    wanted = set(rules)
    if unknown := wanted - RULES.keys():
        raise ValueError(f"unknown cleaning rules: {', '.join(sorted(unknown))}")
    selected = [rule for rule in RULES.values() if rule.name in wanted]
    leading = [rule for rule in selected if rule.scope is Scope.LEADING]
    result = CleanResult(paragraphs=list(paragraphs))
    _strip_head(result, leading)
    kept = []
    for paragraph in result.paragraphs:
        for rule in selected:
            paragraph = _apply(rule, paragraph, result.removals)
            if not paragraph:
                break
        if paragraph:
            kept.append(paragraph)
    result.paragraphs = kept
    return result


def _strip_head(result: CleanResult, rules: list[Rule]) -> None:
    """Remove leading labels from the first paragraph until none is left."""
    removed = True
    while removed and result.paragraphs:
        removed = False
        for rule in rules:
            match = rule.pattern.match(result.paragraphs[0])
            if match and match.group().strip():
                result.removals.append(Removal(rule.name, match.group().strip()))
                rest = result.paragraphs[0][match.end() :].strip()
                result.paragraphs[0:1] = [rest] if rest else []
                removed = True
                break


def _apply(rule: Rule, paragraph: str, removals: list[Removal]) -> str:
    """The paragraph without what the rule matches ("" when nothing is left)."""
    if rule.hints and not any(hint in paragraph for hint in rule.hints):
        return paragraph
    if rule.scope in (Scope.LEADING, Scope.PARAGRAPH):
        if rule.pattern.fullmatch(paragraph):
            removals.append(Removal(rule.name, paragraph))
            return ""
        return paragraph
    if rule.scope is Scope.TRAILING:
        match = rule.pattern.search(paragraph)
        if match is None:
            return paragraph
        removals.append(Removal(rule.name, match.group().strip()))
        return paragraph[: match.start()].strip()
    found = [match.group().strip() for match in rule.pattern.finditer(paragraph)]
    if not found:
        return paragraph
    removals.extend(Removal(rule.name, text) for text in found)
    # The pattern takes the space before a link, so "podium pic.twitter.com/x." ends "podium."
    return rule.pattern.sub("", paragraph).strip()
