from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .forms import RegistryEntityForm
from .models import Car, Championship, Circuit, Driver, Manufacturer, Team


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
    list_display = ["name", "short_name", "kind", "category", "governing_body", "alias_list"]
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
