"""The motorsport registry: series, makes, teams, drivers, cars and circuits.

Every entity has a name, a unique slug and aliases: the other spellings found in texts, which the
legacy importer matches. This app knows nothing of articles.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Stores "Nürburgring" as written, not as "N\\u00fcrburgring".

    SQLite keeps JSON as text, so escaped characters would defeat `aliases__icontains`
    (admin search, RegistryQuerySet.by_name) for every accented alias.
    """

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


def clean_aliases(aliases, *, name: str = "") -> list[str]:
    """Aliases as a list of distinct, trimmed strings, without the name itself."""
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValidationError({"aliases": _("Aliases must be a list of texts.")})
    seen = {name.strip().casefold()}
    cleaned = []
    for alias in aliases:
        alias = " ".join(alias.split())
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            cleaned.append(alias)
    return cleaned


def fold_name(text: str) -> str:
    """Lower case without accents, for sorting names as a reader looks them up (É with E)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class RegistryQuerySet(models.QuerySet):
    def by_name(self, name: str):
        """Entities whose name or one alias is `name` (case-insensitive)."""
        name = name.strip()
        return self.filter(models.Q(name__iexact=name) | models.Q(pk__in=self._alias_matches(name)))

    def _alias_matches(self, name: str) -> list[int]:
        # Aliases are a JSON list; comparing case-insensitively in SQL differs per database, and
        # the registry is small, so the check runs in Python on the candidates only.
        folded = name.casefold()
        candidates = self.filter(aliases__icontains=name).values_list("pk", "aliases")
        return [pk for pk, aliases in candidates if folded in {a.casefold() for a in aliases}]


class RegistryEntity(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        encoder=UnicodeJSONEncoder,
        blank=True,
        help_text=_("Other spellings found in texts, one per line."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = [Lower("name")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.aliases = clean_aliases(self.aliases, name=self.name)

    @property
    def names(self) -> list[str]:
        """The name followed by its aliases: every spelling that refers to this entity."""
        return [self.name, *self.aliases]


class Championship(RegistryEntity):
    class Category(models.TextChoices):
        TOURING = "touring", _("Touring cars")
        GT = "gt", _("GT")
        ENDURANCE = "endurance", _("Endurance")
        RALLY = "rally", _("Rally and rally-raid")
        SINGLE_SEATER = "single_seater", _("Single-seaters")
        OTHER = "other", _("Other")

    class Kind(models.TextChoices):
        SERIES = "series", _("Series")
        EVENT = "event", _("Flagship event")

    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.SERIES)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    governing_body = models.CharField(_("governing body"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The years of its first and last seasons (the registry's reference data, editors complete
    # it); no last year while the series runs.
    first_year = models.PositiveSmallIntegerField(_("first season"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(
        _("last season"), null=True, blank=True, help_text=_("Empty while the series runs.")
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("championship")
        verbose_name_plural = _("championships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    category__in=["touring", "gt", "endurance", "rally", "single_seater", "other"]
                ),
                name="championship_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["series", "event"]), name="championship_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(first_year__isnull=True)
                | models.Q(last_year__isnull=True)
                | models.Q(first_year__lte=models.F("last_year")),
                name="championship_years_in_order",
                violation_error_message=_("The last season cannot come before the first."),
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def finished_by(self, year: int) -> bool:
        """Had the series run its last season before `year`?"""
        return self.last_year is not None and self.last_year < year


class Manufacturer(RegistryEntity):
    country = CountryField(_("country"), blank=True)

    class Meta(RegistryEntity.Meta):
        verbose_name = _("manufacturer")
        verbose_name_plural = _("manufacturers")


class Team(RegistryEntity):
    country = CountryField(_("country"), blank=True)
    championships = models.ManyToManyField(
        Championship, related_name="teams", blank=True, verbose_name=_("championships")
    )
    manufacturers = models.ManyToManyField(
        Manufacturer, related_name="teams", blank=True, verbose_name=_("manufacturers run")
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("team")
        verbose_name_plural = _("teams")


# Words that belong to the surname that follows them ("Larry ten Voorde", "Nyck de Vries").
SURNAME_PARTICLES = frozenset(
    [
        "da",
        "de",
        "del",
        "della",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "ten",
        "ter",
        "van",
        "von",
    ]
)
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii"})


class Driver(RegistryEntity):
    nationality = CountryField(_("nationality"), blank=True)

    class Meta(RegistryEntity.Meta):
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")

    @property
    def surname(self) -> str:
        """The family name a directory sorts by: the last word with its particles ("ten
        Voorde"), without "Jr."; a one-word name is its own."""
        words = self.name.split()
        while len(words) > 1 and words[-1].casefold() in NAME_SUFFIXES:
            words.pop()
        start = len(words) - 1
        while start > 1 and words[start - 1].casefold() in SURNAME_PARTICLES:
            start -= 1
        return " ".join(words[start:])

    @property
    def sort_key(self) -> tuple:
        """Sorted by surname, particles aside ("ten Voorde" under V), then given names."""
        family = [w for w in self.surname.split() if w.casefold() not in SURNAME_PARTICLES]
        return (fold_name(" ".join(family) or self.surname), fold_name(self.name))


class Car(RegistryEntity):
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.PROTECT, related_name="cars", verbose_name=_("manufacturer")
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("car")
        verbose_name_plural = _("cars")

    def __str__(self):
        return f"{self.manufacturer.name} {self.name}" if self.manufacturer_id else self.name


class Circuit(RegistryEntity):
    country = CountryField(_("country"), blank=True)

    class Meta(RegistryEntity.Meta):
        verbose_name = _("circuit")
        verbose_name_plural = _("circuits")
