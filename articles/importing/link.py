"""Link a legacy text to the registry: championships, makes, teams, drivers, cars, circuits and
the events of the seasons.

Every registry name and alias is folded (linkrules.fold: accents, case, quotes, dashes) into one
Aho-Corasick automaton, compiled once per run, so a text is read once whatever the registry's
size. A spelling is found when:

1. it sits on word boundaries in the folded text ("Spa" is not in "Spartan");
2. the text writes it as a name: a one-word spelling or a make, team, driver or car must not be
   all lower case ("mini", "art"), and a short acronym must be in capitals ("WEC", "CMR");
3. it is the longest at its place: overlapping spellings give way to the longest one, so "GT
   World Challenge Europe" beats "GT World Challenge" and a make inside a team, series or circuit
   name ("Toyota Gazoo Racing", "Lamborghini Super Trofeo", "Circuit Bugatti") is not a make;
4. if the spelling is weak, the text also links something related to it (see below).

Weak spellings are those a wrong reading makes likely: the AMBIGUOUS words of linkrules (makes
that are common words or given names, "Red Bull", "Le Mans"), one-word team spellings (owners'
surnames and acronyms: "Penske", "Grasser", "CMR"), one-word car spellings (bare model codes:
"963", "9X8") and one-word circuit spellings (towns: "Spa", "Monza"). Evidence comes only from
spellings that are not weak:

- a team counts if one of the series it races in is linked;
- a make counts if a linked series has a team running it, or a linked team or car is of it;
- a car counts if its make is named on its own;
- anything else counts if some series is linked.

Events are found by their names and aliases in the article's year: "Rallye du Portugal" in a
2021 text is the 2021 event, unless the words around it give another year ("la WTCR Race of
Slovakia en juillet 2018", "l'édition 2018 du Rallye du Portugal"; none when they give two); a
text without a date and without such a year links none. A spelling that names its series ("WTCR
Race of Japan") stands alone and counts as a mention of that series; any other ("Rallye du
Portugal", "Course de Hongrie") only counts when the text links the event's series by another
spelling, since each season of a series reuses it and other series may too. Events are also
found by their circuit: "à Macao" in a 2018 text whose main series is the WTCR is that series'
Macau round nearest to the text's day.

Cars imply their make ("Giulietta TCR" → Alfa Romeo). Drivers are matched by full name and by
the aliases the registry gives, surname aliases included: the registry only gives a surname alias
when no other driver shares it ("Vergne", not "Sainz" or "Verstappen"). The primary championship
is chosen by linkrules.choose_primary. In a text whose primary championship is F1, a make with a
works F1 team named after it also links that team, and Ferrari, Mercedes and McLaren count as the
team only (samples README conventions).
"""

import datetime
from dataclasses import dataclass, field, replace

import ahocorasick

from teams.models import Car, Championship, Circuit, Driver, Event, Manufacturer, Team
from teams.models.seasons import season_last_year

from ..models import Article
from . import linkrules

KINDS = ("championship", "manufacturer", "team", "driver", "car", "circuit", "event")
PLURALS = {kind: f"{kind}s" for kind in KINDS}
# LinkResult's lists, named like the Article relations they fill.
RELATIONS = Article.LINK_FIELDS
# How far from a text's day an event at a circuit it names may be, to be the one it means.
NEAR_DAYS = 183
assert set(RELATIONS) == set(PLURALS.values())


@dataclass(frozen=True)
class EntityRef:
    kind: str  # one of KINDS
    pk: int
    name: str
    slug: str
    aliases: tuple[str, ...]
    # What tells it from its namesakes, for people reading a list of links: an event's season.
    context: str = ""

    def __hash__(self) -> int:
        # The default hashes every alias; linking hashes entities often, and kind + pk suffice.
        return hash((self.kind, self.pk))


@dataclass
class LinkResult:
    championships: list[EntityRef] = field(default_factory=list)
    manufacturers: list[EntityRef] = field(default_factory=list)
    teams: list[EntityRef] = field(default_factory=list)
    drivers: list[EntityRef] = field(default_factory=list)
    cars: list[EntityRef] = field(default_factory=list)
    circuits: list[EntityRef] = field(default_factory=list)
    events: list[EntityRef] = field(default_factory=list)
    primary_championship: EntityRef | None = None
    # Capitalised multi-word names that matched nothing: candidates for the registry.
    unknown_names: list[str] = field(default_factory=list)

    def by_kind(self) -> dict[str, list[EntityRef]]:
        return {PLURALS[kind]: getattr(self, PLURALS[kind]) for kind in KINDS}


@dataclass(frozen=True)
class _Spelling:
    entity: EntityRef
    is_weak: bool
    is_acronym: bool
    needs_capital: bool


@dataclass
class _Relations:
    """What weak spellings and the F1 rule check, by primary key."""

    team_series: dict[int, frozenset[int]] = field(default_factory=dict)
    team_makes: dict[int, frozenset[int]] = field(default_factory=dict)
    make_series: dict[int, frozenset[int]] = field(default_factory=dict)
    car_make: dict[int, EntityRef] = field(default_factory=dict)
    event_venues: dict[int, frozenset[int]] = field(default_factory=dict)
    # A season's event: its series and the years its season spans.
    event_series: dict[int, EntityRef] = field(default_factory=dict)
    event_years: dict[int, tuple[int, int]] = field(default_factory=dict)
    # (series pk, circuit pk) → the series' events there: (first day, the seasons' years, event).
    held_at: dict[tuple[int, int], list] = field(default_factory=dict)
    # A championship's first and last season (None when not known or still running).
    series_years: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    f1_works_teams: dict[int, EntityRef] = field(default_factory=dict)  # make pk → team


@dataclass
class _Found:
    """What one text yielded, in order of first mention."""

    first: dict[EntityRef, int] = field(default_factory=dict)
    series_mentions: list[tuple[EntityRef, int, bool]] = field(default_factory=list)
    venue_mentions: list[EntityRef] = field(default_factory=list)
    named_makes: set[EntityRef] = field(default_factory=set)  # by a make spelling, not a car

    def add(self, entity: EntityRef, offset: int) -> None:
        if offset < self.first.get(entity, offset + 1):
            self.first[entity] = offset


class Linker:
    def __init__(self, entities: list[EntityRef], relations: _Relations):
        self.relations = relations
        self.automaton = ahocorasick.Automaton()
        spellings: dict[str, list[_Spelling]] = {}
        series_keys = _series_keys(entities)
        for entity in entities:
            for form in dict.fromkeys((entity.name, *entity.aliases)):
                key = linkrules.fold_spelling(form)
                if key:
                    weak, *flags = linkrules.spelling_flags(entity.kind, form, key)
                    if entity.kind == "event":
                        series = relations.event_series.get(entity.pk)
                        weak = not _names(key, series_keys.get(series.pk if series else None, ()))
                    spellings.setdefault(key, []).append(_Spelling(entity, weak, *flags))
        # A folded spelling shared by several entities goes to the first that the text's
        # capitals fit, in KINDS order; an event's, to the event of the article's year besides.
        for key, found in spellings.items():
            self.automaton.add_word(key, (len(key), tuple(found)))
        self.is_empty = not spellings
        if not self.is_empty:
            self.automaton.make_automaton()

    @classmethod
    def from_registry(cls) -> "Linker":
        """Read the registry in nine queries (no per-entity query) and compile it."""
        return cls(*_read_registry())

    def link(
        self, text: str, *, year: int | None = None, day: datetime.date | None = None
    ) -> LinkResult:
        """Link one article's text (title and paragraphs joined by blank lines). Its date —
        `day`, or only its `year` — tells the series that were running then from those it
        recalls, and which season's events it names."""
        if day is not None:
            year = day.year
        folded = linkrules.fold(text)
        spans = self._longest_spans(text, folded, year)
        strong = {s.entity for _s, _e, picked in spans for s in picked if not s.is_weak}
        strong_series = {e.pk for e in strong if e.kind == "championship"} | {
            self.relations.event_series[e.pk].pk for e in strong if e.kind == "event"
        }
        found = _Found()
        for start, _end, picked in spans:
            events = [s for s in picked if s.entity.kind == "event"]
            if events:
                self._add_events(events, start, folded, strong_series, found)
            if events == list(picked):
                continue
            spelling = picked[0]
            entity = spelling.entity
            if spelling.is_weak and not self._has_context(entity, strong, strong_series):
                continue
            found.add(entity, start)
            if entity.kind == "championship":
                background = linkrules.is_background(folded, start)
                found.series_mentions.append((entity, start, background))
            elif entity.kind == "manufacturer":
                found.named_makes.add(entity)
            elif entity.kind == "circuit":
                found.venue_mentions.append(entity)
            elif entity.kind == "car" and entity.pk in self.relations.car_make:
                found.add(self.relations.car_make[entity.pk], start)
        primary = self._primary(found, year)
        if primary is not None and year is not None:
            self._add_events_held_at_venues(primary, year, day, found)
        if primary is not None and primary.slug == linkrules.F1_SLUG:
            self._as_f1_teams(found)
        result = LinkResult(primary_championship=primary)
        for entity, _offset in sorted(found.first.items(), key=lambda item: item[1]):
            getattr(result, PLURALS[entity.kind]).append(entity)
        result.unknown_names = linkrules.unknown_names(text, [(s, e) for s, e, _sp in spans])
        return result

    def _longest_spans(
        self, text: str, folded: str, year: int | None
    ) -> list[tuple[int, int, tuple[_Spelling, ...]]]:
        """Spellings the text writes as names, longest first, none overlapping; in text order.
        Each span holds the entity it names (first) and the events of `year` it may name."""
        if self.is_empty:
            return []
        candidates = []
        years = self.relations.event_years
        for last, (length, spellings) in self.automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not linkrules.is_bounded(folded, start, end):
                continue
            span = text[start:end]
            when = linkrules.year_near(folded, start, end)
            when = year if when is None else when
            named, events = None, []
            for spelling in spellings:
                if not linkrules.fits_case(
                    span, acronym=spelling.is_acronym, needs_capital=spelling.needs_capital
                ):
                    continue
                if spelling.entity.kind == "event":
                    first, final = years[spelling.entity.pk]
                    if when is not None and first <= when <= final:
                        events.append(spelling)
                elif named is None:
                    named = spelling
            if named is not None or events:
                candidates.append((start, end, (*([named] if named else []), *events)))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(len(text))
        spans = []
        for start, end, spelling in candidates:
            # Candidates come longest first, so an overlapping span taken before covers an end.
            if taken[start] or taken[end - 1]:
                continue
            taken[start:end] = b"\x01" * (end - start)
            spans.append((start, end, spelling))
        spans.sort(key=lambda c: c[0])
        return spans

    def _add_events(
        self, events: list[_Spelling], start: int, folded: str, series: set[int], found: _Found
    ) -> None:
        """The events a span names: a spelling naming its series, else one whose series the
        text links; of two seasons' events of that year, those of a linked series."""
        of = self.relations.event_series
        linked = [s for s in events if of[s.entity.pk].pk in series]
        chosen = linked or [s for s in events if not s.is_weak]
        if len(chosen) > 1 and not linked:
            return  # two series' events of that year share the spelling: none is sure
        for spelling in chosen:
            found.add(spelling.entity, start)
            if not spelling.is_weak:  # its own name names its series
                championship = of[spelling.entity.pk]
                found.add(championship, start)
                background = linkrules.is_background(folded, start)
                found.series_mentions.append((championship, start, background))

    def _add_events_held_at_venues(
        self, primary: EntityRef, year: int, day: datetime.date | None, found: _Found
    ) -> None:
        """ "À Macao" in a 2018 WTCR text is the WTCR's 2018 Macau round: the event the main
        series held at a circuit the text names — the nearest to the text's day, within half
        a year ("comme à Suzuka" in January 2019 recalls October 2018, not October 2019), or,
        the day unknown, the one of the text's year when there was one only."""
        for circuit in found.venue_mentions:
            held = self.relations.held_at.get((primary.pk, circuit.pk), [])
            if day is not None:
                gaps = [(abs((first - day).days), event) for first, _years, event in held]
                near = sorted((gap, event.pk, event) for gap, event in gaps if gap <= NEAR_DAYS)
                # Two events as near (a double header): the circuit alone cannot tell.
                tied = len(near) > 1 and near[1][0] == near[0][0]
                chosen = [near[0][2]] if near and not tied else []
            else:
                chosen = [event for _first, years, event in held if year in years]
            if len(chosen) == 1 and chosen[0] not in found.first:
                found.add(chosen[0], found.first[circuit])

    def _has_context(self, entity: EntityRef, strong: set[EntityRef], series: set[int]) -> bool:
        """Whether spellings that are not weak link something related to `entity`."""
        rel = self.relations
        if entity.kind == "team":
            return bool(rel.team_series.get(entity.pk, frozenset()) & series)
        if entity.kind == "manufacturer":
            return bool(rel.make_series.get(entity.pk, frozenset()) & series) or any(
                (e.kind == "team" and entity.pk in rel.team_makes.get(e.pk, ()))
                or (e.kind == "car" and rel.car_make.get(e.pk) == entity)
                for e in strong
            )
        if entity.kind == "car":
            return rel.car_make.get(entity.pk) in strong
        return bool(series)

    def _primary(self, found: _Found, year: int | None) -> EntityRef | None:
        venues = self.relations.event_venues
        bonus = {}
        for event, _offset, _background in found.series_mentions:
            bonus[event] = sum(1 for c in found.venue_mentions if c.pk in venues.get(event.pk, ()))
        mentions = found.series_mentions
        if year is not None:
            # A 2018 text recalling a WTCC title of 2009 is about the WTCR: a series that was
            # not running in the article's year is recalled, like a background mention.
            years = self.relations.series_years
            mentions = [
                (entity, offset, background or not linkrules.running(years.get(entity.pk), year))
                for entity, offset, background in mentions
            ]
        return linkrules.choose_primary(mentions, bonus)

    def _as_f1_teams(self, found: _Found) -> None:
        cars_makes = {self.relations.car_make.get(e.pk) for e in found.first if e.kind == "car"}
        for make in found.named_makes:
            team = self.relations.f1_works_teams.get(make.pk)
            if team is None:
                continue
            found.add(team, found.first[make])
            if make.slug in linkrules.TEAM_FIRST_MAKES and make not in cars_makes:
                del found.first[make]


def _read_registry() -> tuple[list[EntityRef], _Relations]:
    def refs(kind, model, *extra):
        rows = model.objects.values_list("pk", "name", "slug", "aliases", *extra)
        return {row[0]: (EntityRef(kind, *row[:3], tuple(row[3] or ())), *row[4:]) for row in rows}

    series = refs("championship", Championship, "kind", "first_year", "last_year", "short_name")
    makes = refs("manufacturer", Manufacturer)
    teams = refs("team", Team)
    drivers = refs("driver", Driver)
    cars = refs("car", Car, "manufacturer_id")
    circuits = refs("circuit", Circuit)
    events = refs(
        "event",
        Event,
        "season__year",
        "season__label",
        "season__championship_id",
        "circuit_id",
        "start_date",
    )
    team_series = _pairs(Team.championships.through, "team_id", "championship_id")
    team_makes = _pairs(Team.manufacturers.through, "team_id", "manufacturer_id")
    make_series: dict[int, set[int]] = {}
    for team, team_make_pks in team_makes.items():
        for make in team_make_pks:
            make_series.setdefault(make, set()).update(team_series.get(team, ()))
    venues = [ref for (ref,) in circuits.values()]
    relations = _Relations(
        team_series=team_series,
        team_makes=team_makes,
        make_series={pk: frozenset(pks) for pk, pks in make_series.items()},
        car_make={pk: makes[make_pk][0] for pk, (_car, make_pk) in cars.items()},
        event_venues={
            pk: _venues(event, venues)
            for pk, (event, kind, *_years) in series.items()
            if kind == "event"
        },
        series_years={pk: (first, last) for pk, (_r, _k, first, last, _s) in series.items()},
        event_series={pk: series[of][0] for pk, (_e, _y, _l, of, *_) in events.items()},
        event_years={
            pk: (year, season_last_year(year, label))
            for pk, (_e, year, label, *_) in events.items()
        },
    )
    for pk, (event, year, label, of, circuit, first_day) in events.items():
        # An event is told from its namesakes of other seasons by its season ("WRC 2022").
        ref, *_rest, short_name = series[of]
        event = replace(event, context=f"{short_name or ref.name} {label}")
        events[pk] = (event,)
        if circuit is not None:
            years = range(year, season_last_year(year, label) + 1)
            relations.held_at.setdefault((of, circuit), []).append((first_day, years, event))
    f1 = next((ref for ref, *_ in series.values() if ref.slug == linkrules.F1_SLUG), None)
    if f1 is not None:
        relations.f1_works_teams = _works_teams(f1, teams, makes, relations)
    every_kind = (series, makes, teams, drivers, cars, circuits, events)  # in KINDS order
    return [row[0] for rows in every_kind for row in rows.values()], relations


def _series_keys(entities: list[EntityRef]) -> dict[int, tuple[str, ...]]:
    """Each championship's folded spellings, to tell the event names that name their series."""
    return {
        e.pk: tuple(linkrules.fold_spelling(s) for s in (e.name, *e.aliases))
        for e in entities
        if e.kind == "championship"
    }


def _names(key: str, spellings: tuple[str, ...]) -> bool:
    """Whether the folded spelling `key` holds one of `spellings` as whole words."""
    padded = f" {key} "
    return any(spelling and f" {spelling} " in padded for spelling in spellings)


def _pairs(through, left: str, right: str) -> dict[int, frozenset[int]]:
    pairs: dict[int, set[int]] = {}
    for a, b in through.objects.values_list(left, right):
        pairs.setdefault(a, set()).add(b)
    return {a: frozenset(bs) for a, bs in pairs.items()}


def _venues(event: EntityRef, circuits: list[EntityRef]) -> frozenset[int]:
    """Circuits whose spelling is part of the event's name: "24 Hours of Daytona" → Daytona."""
    name = f" {linkrules.fold_spelling(event.name)} "
    return frozenset(
        c.pk
        for c in circuits
        if any(f" {linkrules.fold_spelling(s)} " in name for s in (c.name, *c.aliases))
    )


def _works_teams(f1: EntityRef, teams: dict, makes: dict, rel: _Relations) -> dict[int, EntityRef]:
    """Make → the one F1 team running it whose name starts with the make ("Ferrari F1")."""
    works: dict[int, list[EntityRef]] = {}
    for pk, (team,) in teams.items():
        if f1.pk not in rel.team_series.get(pk, ()):
            continue
        team_keys = [linkrules.fold_spelling(s) for s in (team.name, *team.aliases)]
        for make_pk in rel.team_makes.get(pk, ()):
            make = makes[make_pk][0]
            prefixes = [linkrules.fold_spelling(s) + " " for s in (make.name, *make.aliases)]
            if any(key.startswith(p) for key in team_keys for p in prefixes):
                works.setdefault(make_pk, []).append(team)
    return {make: found[0] for make, found in works.items() if len(found) == 1}
