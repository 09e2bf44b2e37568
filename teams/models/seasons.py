"""The registry's time: a championship's seasons, their events (rounds or one-off races), the
entry list and the results, from which the standings are computed (teams/standings.py).

Only what the data says: a season has events and entries when someone entered them, results
when someone imported or typed them; nothing here is inferred from articles.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .registry import Car, Championship, Circuit, Driver, Manufacturer, Team, UnicodeJSONEncoder


def clean_points_scale(scale) -> list:
    """Points by finishing position (1st, 2nd…): a list of non-negative numbers."""
    if not isinstance(scale, list) or not all(
        isinstance(points, int | float) and not isinstance(points, bool) and points >= 0
        for points in scale
    ):
        raise ValidationError(
            {"points_scale": _("Points by position must be a list of numbers, e.g. 25, 18, 15.")}
        )
    return scale


def season_last_year(year: int, label: str) -> int:
    """The year a season ends: the last year its label names ("2021-2022"), else its year."""
    years = [int(part) for part in label.split("-") if part.isdigit() and len(part) == 4]
    return max([year, *years])


class SeasonQuerySet(models.QuerySet):
    def current_first(self):
        """The season a championship's page shows first: the running one, else the last one
        finished, else the next one planned (a series before its first race)."""
        rank = models.Case(
            models.When(status=Season.Status.RUNNING, then=0),
            models.When(status=Season.Status.FINISHED, then=1),
            default=2,
        )
        return self.alias(rank=rank).order_by("rank", models.F("year").desc(), "-label")


class Season(models.Model):
    class Status(models.TextChoices):
        # A season's status agrees with "saison" in French.
        PLANNED = "planned", pgettext_lazy("season", "Planned")
        RUNNING = "running", pgettext_lazy("season", "Running")
        FINISHED = "finished", pgettext_lazy("season", "Finished")

    championship = models.ForeignKey(
        Championship,
        on_delete=models.CASCADE,
        related_name="seasons",
        verbose_name=_("championship"),
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year it starts."))
    label = models.SlugField(
        _("label"),
        max_length=20,
        blank=True,
        help_text=_(
            "How it is named and its address, e.g. 2021-2022 for a season over two years; "
            "empty: the year."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    points_scale = models.JSONField(
        _("points by position"),
        default=list,
        blank=True,
        help_text=_("Points of the 1st, 2nd, 3rd… of each race, unless a result gives its own."),
    )
    best_results = models.PositiveSmallIntegerField(
        _("results counted"),
        null=True,
        blank=True,
        help_text=_("Only the best results of this many events count; empty: all of them."),
    )
    standings_by_class = models.BooleanField(
        _("standings by class"),
        default=False,
        help_text=_(
            "Each class of the entry list has its own standings (Hypercar and LMGT3 in the "
            "WEC); otherwise every entry is ranked together."
        ),
    )
    # Which standings the site works out and shows: those the results rank as the series does.
    # A series without a makes' title, or whose teams' rules the results cannot follow (which
    # cars count, a wildcard's team), shows only the others: a table it never had is not shown.
    ranks_drivers = models.BooleanField(_("drivers' standings"), default=True)
    ranks_teams = models.BooleanField(_("teams' standings"), default=True)
    ranks_makes = models.BooleanField(_("manufacturers' standings"), default=True)
    # Its years date its events for the article form's linker (articles/suggestions.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SeasonQuerySet.as_manager()

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["championship", "-year", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["championship", "label"], name="season_label_unique_in_championship"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "running", "finished"]),
                name="season_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(best_results__isnull=True) | models.Q(best_results__gt=0),
                name="season_best_results_positive",
            ),
        ]

    def __str__(self):
        return f"{self.championship.display_name} {self.name}"

    def save(self, *args, **kwargs):
        if not self.label and self.year:
            self.label = str(self.year)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.label or str(self.year)

    @property
    def last_year(self) -> int:
        return season_last_year(self.year, self.label)

    @property
    def ranked(self) -> tuple[str, ...]:
        """The standings shown, by kind (teams/standings.py: drivers, teams, makes)."""
        shown = {
            "drivers": self.ranks_drivers,
            "teams": self.ranks_teams,
            "makes": self.ranks_makes,
        }
        return tuple(kind for kind, ranked in shown.items() if ranked)

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def clean(self):
        super().clean()
        self.points_scale = clean_points_scale(self.points_scale)


class Event(models.Model):
    """A round of a season, or a race of its own (no round number)."""

    season = models.ForeignKey(
        Season, on_delete=models.CASCADE, related_name="events", verbose_name=_("season")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        encoder=UnicodeJSONEncoder,
        blank=True,
        help_text=_("Other names found in texts, one per line."),
    )
    round = models.PositiveSmallIntegerField(_("round"), null=True, blank=True)
    circuit = models.ForeignKey(
        Circuit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("circuit"),
    )
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("A rally's base, a town.")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    # Tells the article form's linker to read the events again (articles/suggestions.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["season", "start_date", "round"]
        constraints = [
            models.UniqueConstraint(fields=["season", "slug"], name="event_slug_unique_in_season"),
            models.UniqueConstraint(
                fields=["season", "round"], name="event_round_unique_in_season"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]

    def __str__(self):
        # Each season has its "Rallye du Portugal": pickers and histories tell them apart.
        return f"{self.name} ({self.season})"


class Entry(models.Model):
    """A car on a season's entry list: its number, team, car and drivers."""

    season = models.ForeignKey(
        Season, on_delete=models.CASCADE, related_name="entries", verbose_name=_("season")
    )
    number = models.CharField(_("number"), max_length=10, blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("team"),
    )
    car = models.ForeignKey(
        Car,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("car"),
    )
    manufacturer = models.ForeignKey(
        Manufacturer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("manufacturer"),
        help_text=_("Empty: the car's make."),
    )
    drivers = models.ManyToManyField(
        Driver, related_name="entries", blank=True, verbose_name=_("drivers")
    )
    entry_class = models.CharField(
        _("class"), max_length=60, blank=True, help_text=_("Where the series has classes.")
    )
    guest = models.BooleanField(
        _("guest"),
        default=False,
        help_text=_("A wildcard: races and is classified, but is not ranked in the standings."),
    )

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["season", "pk"]

    def __str__(self):
        number = f"#{self.number} " if self.number else ""
        return f"{number}{self.team or self.car or _('entry')}"

    @cached_property
    def crew(self) -> list[Driver]:
        """Its drivers, as a list read once. The season's readers fill it in their query
        (Prefetch(..., to_attr="crew")): standings and pages ask for it hundreds of times, and
        each `drivers.all()` would build a queryset anew."""
        return list(self.drivers.all())

    def clean(self):
        super().clean()
        if self.manufacturer_id is None and self.car_id is not None:
            self.manufacturer_id = self.car.manufacturer_id


class Result(models.Model):
    """Where an entry finished a session of an event (or why it did not)."""

    class Status(models.TextChoices):
        CLASSIFIED = "classified", _("Classified")
        DNF = "dnf", _("Did not finish")
        DNS = "dns", _("Did not start")
        DSQ = "dsq", _("Disqualified")
        NC = "nc", _("Not classified")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="results", verbose_name=_("event")
    )
    session = models.CharField(
        _("session"), max_length=60, default="course", help_text=_("e.g. course 1, course 2.")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="results", verbose_name=_("entry")
    )
    drivers = models.ManyToManyField(
        Driver,
        related_name="results",
        blank=True,
        verbose_name=_("drivers"),
        help_text=_("Who drove, when not every driver of the entry did."),
    )
    position = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CLASSIFIED)
    laps = models.PositiveIntegerField(_("laps"), null=True, blank=True)
    time = models.CharField(
        _("time or gap"), max_length=40, blank=True, help_text=_("As the timing sheet gives it.")
    )
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the season's points for the position."),
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["event", "session", models.F("position").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "session", "entry"], name="result_once_per_entry_and_session"
            ),
            models.UniqueConstraint(
                fields=["event", "session", "position"],
                name="result_position_once_per_session",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["classified", "dnf", "dns", "dsq", "nc"]),
                name="result_status_valid",
            ),
            # A classified result has a position; one that did not start, was disqualified or
            # not classified has none. A retirement may still be classified (most series rank
            # who covered enough of the distance).
            models.CheckConstraint(
                condition=~models.Q(status="classified", position__isnull=True)
                & ~models.Q(status__in=["dns", "dsq", "nc"], position__isnull=False),
                name="result_position_matches_status",
                violation_error_message=_(
                    "A classified result needs a position; a result that did not start, was "
                    "disqualified or not classified has none."
                ),
            ),
        ]

    def __str__(self):
        where = self.position if self.position else self.get_status_display()
        return f"{self.event} ({self.session}): {self.entry}, {where}"

    @cached_property
    def own_crew(self) -> list[Driver]:
        """The drivers the result names itself, as a list read once (see Entry.crew)."""
        return list(self.drivers.all())

    @property
    def crew(self) -> list[Driver]:
        """Who drove: the result's own drivers, else its entry's."""
        return self.own_crew or self.entry.crew

    def clean(self):
        super().clean()
        if self.entry_id and self.event_id and self.entry.season_id != self.event.season_id:
            raise ValidationError(
                {"entry": _("This entry belongs to another season than the event.")}
            )
