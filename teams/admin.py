from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import admin_imports  # noqa: F401  (registers the CSV imports)
from .forms import EventForm, RegistryEntityForm, SeasonForm
from .models import (
    Car,
    Championship,
    Circuit,
    Driver,
    Entry,
    Event,
    Manufacturer,
    Result,
    Season,
    Team,
)


class RegistryEntityAdmin(admin.ModelAdmin):
    form = RegistryEntityForm
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50

    @admin.display(description=_("aliases"))
    def alias_list(self, obj):
        return ", ".join(obj.aliases)


@admin.register(Championship)
class ChampionshipAdmin(RegistryEntityAdmin):
    list_display = [
        "name",
        "short_name",
        "kind",
        "category",
        "first_year",
        "last_year",
        "alias_list",
    ]
    list_filter = ["category", "kind", "governing_body"]
    search_fields = [*RegistryEntityAdmin.search_fields, "short_name"]
    fields = [
        "name",
        "short_name",
        "slug",
        "kind",
        "category",
        "governing_body",
        "description",
        "first_year",
        "last_year",
        "aliases",
        "created_at",
        "updated_at",
    ]


@admin.register(Manufacturer)
class ManufacturerAdmin(RegistryEntityAdmin):
    list_display = ["name", "country", "alias_list"]
    list_filter = ["country"]
    fields = ["name", "slug", "country", "aliases", "created_at", "updated_at"]


@admin.register(Team)
class TeamAdmin(RegistryEntityAdmin):
    list_display = ["name", "country", "alias_list"]
    list_filter = ["country", "championships__category", "championships", "manufacturers"]
    autocomplete_fields = ["championships", "manufacturers"]
    fields = [
        "name",
        "slug",
        "country",
        "championships",
        "manufacturers",
        "aliases",
        "created_at",
        "updated_at",
    ]


@admin.register(Driver)
class DriverAdmin(RegistryEntityAdmin):
    list_display = ["name", "nationality", "alias_list"]
    list_filter = ["nationality"]
    fields = ["name", "slug", "nationality", "aliases", "created_at", "updated_at"]


@admin.register(Car)
class CarAdmin(RegistryEntityAdmin):
    list_display = ["name", "manufacturer", "alias_list"]
    list_filter = ["manufacturer"]
    list_select_related = ["manufacturer"]
    autocomplete_fields = ["manufacturer"]
    search_fields = [*RegistryEntityAdmin.search_fields, "manufacturer__name"]
    fields = ["name", "slug", "manufacturer", "aliases", "created_at", "updated_at"]

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete widgets render Car.__str__, which names the make.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("manufacturer"), may_have_duplicates


@admin.register(Circuit)
class CircuitAdmin(RegistryEntityAdmin):
    list_display = ["name", "country", "alias_list"]
    list_filter = ["country"]
    fields = ["name", "slug", "country", "aliases", "created_at", "updated_at"]


class EventInline(admin.TabularInline):
    model = Event
    form = EventForm
    fields = ["round", "name", "slug", "start_date", "end_date", "circuit", "location"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["circuit"]
    extra = 0
    show_change_link = True  # its results are edited on the event's page


class EntryInline(admin.TabularInline):
    model = Entry
    fields = ["number", "team", "car", "manufacturer", "drivers", "entry_class", "guest"]
    autocomplete_fields = ["team", "car", "manufacturer", "drivers"]
    extra = 0


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    form = SeasonForm
    list_display = ["__str__", "championship", "year", "status"]
    list_filter = ["status", "championship__category", "championship"]
    list_select_related = ["championship"]
    search_fields = ["championship__name", "championship__short_name", "label"]
    autocomplete_fields = ["championship"]
    fields = [
        "championship",
        "year",
        "label",
        "status",
        "points_scale",
        "best_results",
        "standings_by_class",
        ("ranks_drivers", "ranks_teams", "ranks_makes"),
    ]
    inlines = [EventInline, EntryInline]


class ResultInline(admin.TabularInline):
    model = Result
    fields = ["session", "position", "status", "entry", "drivers", "laps", "time", "points"]
    autocomplete_fields = ["drivers"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        event = getattr(request, "_results_event", None)
        if db_field.name == "entry" and event is not None:
            # Only the entries of the event's season, each named by its number and team.
            field.queryset = Entry.objects.filter(season_id=event.season_id).select_related(
                "team", "car__manufacturer"
            )
        return field


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventForm
    list_display = ["name", "season", "round", "start_date", "end_date", "circuit"]
    list_filter = ["season__championship", "season__year"]
    list_select_related = ["season__championship", "circuit"]
    search_fields = [
        "name",
        "aliases",
        "season__championship__name",
        "season__championship__short_name",
        "season__label",
        "location",
    ]
    autocomplete_fields = ["season", "circuit"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "start_date"
    fields = [
        "season",
        "round",
        "name",
        "slug",
        "aliases",
        "start_date",
        "end_date",
        "circuit",
        "location",
    ]
    inlines = [ResultInline]

    def get_queryset(self, request):
        # Named with their season, in the list and in the articles' event picker.
        return super().get_queryset(request).select_related("season__championship")

    def get_inline_instances(self, request, obj=None):
        # Results are entered once the event exists: their entries are its season's.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_object(self, request, object_id, from_field=None):
        event = super().get_object(request, object_id, from_field)
        request._results_event = event  # the results' entries are its season's (ResultInline)
        return event
