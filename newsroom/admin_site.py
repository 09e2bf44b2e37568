"""The admin site: Django's, made to answer any query string and any posted value with a message.

The fuzz test (tests/security/test_fuzz.py) posts hostile values into every admin form and list.
Django's admin answered 500 to three kinds, in our admins and in those of the packages we ship
(auth, axes, taggit…), so the fix is made once, for every model admin registered on the site:

- a date-hierarchy year out of the calendar (`?created_at__year=99999999999999999999`, or 9999
  with a month: Python cannot build the end of the period) is an incorrect lookup, shown as one;
- an autocomplete field posted with a value that is no id (`"x"`) re-rendered the form by
  querying the database with that value: values that cannot be ids are left out of the query,
  and the form says the choice is invalid;
- a search or filter value holding NUL reached PostgreSQL, which refuses it in text: NUL is
  taken out of the query string of every admin page (forms already refuse it in posted values).

(A number too large for an id column is handled by newsroom.lookups.)
"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import QueryDict


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
        checked = type(
            admin_class.__name__,
            (HostileInputMixin, admin_class),
            {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
        )
        return super().register(model_or_iterable, checked, **options)


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
