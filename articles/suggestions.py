"""Links suggested while an article is written: the importer's linker read on the form's text.

The article form sends its title, standfirst and body as the writer types (or on demand); the
answer lists the championships, makes, teams, drivers, cars, circuits and events (of the
article's year) the text names that the form does not link yet, and the primary championship
the importer would choose. Suggestions the writer dismissed (kept on the article,
`Article.dismissed_links`) are not offered again.

The linker is the importer's own (articles/importing/link.py), so a name the desk is offered is a
name an import would link. Compiling it reads the whole registry (≈ 50 ms for the reference
registry), so each process keeps the compiled linker while the registry is unchanged: one cheap
aggregate per registry table tells whether an entity was added, edited or deleted since.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Value

from teams.models import Car, Championship, Circuit, Driver, Event, Manufacturer, Season, Team

from .importing.link import Linker
from .importing.relink import article_text
from .models import Article

REGISTRY = (Championship, Manufacturer, Team, Driver, Car, Circuit, Season, Event)
PRIMARY = "primary_championship"
MAX_DISMISSED = 500

_cache: dict = {"state": None, "linker": None}


def registry_state() -> tuple:
    """Changes whenever an entity is added, edited (its `updated_at`) or deleted: one query."""
    per_table = [
        model.objects.order_by()
        .values(table=Value(model._meta.db_table))
        .annotate(n=Count("pk"), last=Max("updated_at"))
        .values_list("table", "n", "last")
        for model in REGISTRY
    ]
    return tuple(sorted(per_table[0].union(*per_table[1:], all=True)))


def current_linker() -> Linker:
    state = registry_state()
    if _cache["state"] != state:
        _cache["linker"] = Linker.from_registry()
        _cache["state"] = state
    return _cache["linker"]


@dataclass(frozen=True)
class Suggestion:
    field: str  # the form field it fills: one of Article.LINK_FIELDS, or PRIMARY
    pk: int
    name: str

    @property
    def key(self) -> str:
        """How the form remembers a dismissal: "drivers:12"."""
        return f"{self.field}:{self.pk}"

    def as_json(self) -> dict:
        return {"key": self.key, "field": self.field, "pk": self.pk, "name": self.name}


@dataclass(frozen=True)
class Suggestions:
    links: list[Suggestion]
    primary: Suggestion | None
    unknown_names: list[str]

    def as_json(self) -> dict:
        return {
            "links": [s.as_json() for s in self.links],
            "primary": self.primary.as_json() if self.primary else None,
            "unknown_names": self.unknown_names,
        }


def suggest_links(
    *,
    title: str,
    standfirst: str,
    body: str,
    linked: dict[str, set[int]],
    dismissed: set[str],
    day: datetime.date | None = None,
) -> Suggestions:
    """What the text names that the form does not link yet, leaving out dismissed suggestions.

    `linked` holds the ids the form links already, per field (Article.LINK_FIELDS and PRIMARY);
    `day`, the article's, dates the events it names.
    """
    text = article_text(Article(title=title, standfirst=standfirst, body=body))
    result = current_linker().link(text, day=day)
    links = []
    for kind, entities in result.by_kind().items():
        for entity in entities:
            name = f"{entity.name} ({entity.context})" if entity.context else entity.name
            suggestion = Suggestion(field=kind, pk=entity.pk, name=name)
            if entity.pk not in linked.get(kind, ()) and suggestion.key not in dismissed:
                links.append(suggestion)
    primary = None
    chosen = result.primary_championship
    if chosen is not None and not linked.get(PRIMARY):
        primary = Suggestion(field=PRIMARY, pk=chosen.pk, name=chosen.name)
        if primary.key in dismissed:
            primary = None
    return Suggestions(links=links, primary=primary, unknown_names=result.unknown_names)


def parse_dismissed(value: str) -> list[str]:
    """The form's comma-separated dismissals, kept only when well formed ("drivers:12")."""
    fields = {*Article.LINK_FIELDS, PRIMARY}
    kept = []
    for token in value.split(",")[: MAX_DISMISSED * 2]:
        field, _, pk = token.strip().partition(":")
        if field in fields and pk.isascii() and pk.isdigit() and len(pk) < 19 and int(pk):
            key = f"{field}:{int(pk)}"
            if key not in kept:
                kept.append(key)
    return kept[:MAX_DISMISSED]
