"""The admin site: Django's, made to answer any query string and any posted value with a message.

The fuzz test (tests/security/test_fuzz.py) posts hostile values into every admin form and list.
Django's admin answered 500 to three kinds, in our admins and in those of the packages we ship
(auth, axes, taggit…), so the fix is made once, for every model admin registered on the site:

- a date-hierarchy year out of the calendar (`?created_at__year=99999999999999999999`, or 9999
  with a month: Python cannot build the end of the period) is an incorrect lookup, shown as one;
- an autocomplete field (of a form or of its inlines) posted with a value that is no id
  (`"x"`) re-rendered the form by querying the database with that value: values that cannot
  be ids are left out of the query, and the form says the choice is invalid;
- a search or filter value holding NUL reached PostgreSQL, which refuses it in text: NUL is
  taken out of the query string of every admin page (forms already refuse it in posted values).

(A number too large for an id column is handled by newsroom.lookups.)
"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR, IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class CheckedChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class ValidIdsOnly:
    """Autocomplete widgets that query only the values the related key can hold."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        key = opts.get_field(remote.field_name) if getattr(remote, "field_name", None) else opts.pk
        return super().optgroups(name, [v for v in value if self._is_key(key, v)], attr)

    @staticmethod
    def _is_key(key, value) -> bool:
        try:
            key.to_python(value)
        except (ValidationError, TypeError, ValueError):
            return False
        return True


class CheckedAutocompleteSelect(ValidIdsOnly, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(ValidIdsOnly, AutocompleteSelectMultiple):
    pass


class HostileInputMixin:
    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def without_nul(query: QueryDict) -> QueryDict:
    if not any("\x00" in value for _, values in query.lists() for value in values):
        return query
    cleaned = query.copy()
    for key, values in query.lists():
        cleaned.setlist(key, [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


# Page titles as a French newsroom says them: Django's generic ones read "Ajout de article",
# "Sélectionnez l'objet article à changer". A new object's title agrees with its gender.
NEW_TITLES = {
    "articles.article": _("New article"),
    "articles.image": _("New image"),
    "teams.championship": _("New championship"),
    "teams.manufacturer": _("New manufacturer"),
    "teams.team": _("New team"),
    "teams.driver": _("New driver"),
    "teams.car": _("New car"),
    "teams.circuit": _("New circuit"),
    "teams.season": _("New season"),
    "teams.event": _("New event"),
    "auth.user": _("New user"),
    "auth.group": _("New group"),
    "taggit.tag": _("New tag"),
}


class PageTitlesMixin:
    def changelist_view(self, request, extra_context=None):
        if IS_POPUP_VAR in request.GET or TO_FIELD_VAR in request.GET:
            return super().changelist_view(request, extra_context)  # "Sélectionnez…" is right
        title = {"title": capfirst(self.opts.verbose_name_plural)}
        return super().changelist_view(request, {**title, **(extra_context or {})})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add:
            context["title"] = NEW_TITLES.get(self.opts.label_lower) or gettext("New: %(name)s") % {
                "name": self.opts.verbose_name
            }
        elif obj is not None:
            name = capfirst(self.opts.verbose_name)
            if not self.has_change_permission(request, obj):
                name = gettext("%(name)s (read only)") % {"name": name}
            context["title"] = name
        return super().render_change_form(request, context, add, change, form_url, obj)


class NewsroomAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        """The newsroom's dashboard above the list of models (articles/admin/dashboard.py)."""
        from articles.admin.dashboard import dashboard

        extra_context = {**(extra_context or {}), "dashboard": dashboard(request)}
        return super().index(request, extra_context)

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def inner(request, *args, **kwargs):
            request.GET = without_nul(request.GET)
            return checked(request, *args, **kwargs)

        return inner

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        # Its inlines' autocomplete fields take the same hostile values as its own.
        inlines = [
            type(
                inline.__name__,
                (HostileInputMixin, inline),
                {"__module__": inline.__module__, "__doc__": inline.__doc__},
            )
            for inline in admin_class.inlines
        ]
        checked = type(
            admin_class.__name__,
            (HostileInputMixin, PageTitlesMixin, admin_class),
            {
                "__module__": admin_class.__module__,
                "__doc__": admin_class.__doc__,
                "inlines": inlines,
            },
        )
        return super().register(model_or_iterable, checked, **options)


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
