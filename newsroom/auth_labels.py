"""How people, permissions and login records read in the admin: by name, in French.

Django's User shows its login and its Permission the English sentence written in the database
when the permission was created ("Can add article"); django-axes names its records in English
("Access Log for wanda @ 2026-12-06 10:02:11.5+00:00") and django-otp's TOTP device has an
untranslatable name. None offers a hook but __str__ and the model's names, and a custom user
model cannot be swapped in on a live database, so `install` (AppConfig.ready) replaces them;
every page, picker and filter that shows one follows. Only `_meta`'s display names change,
never `original_attrs`, so the packages' migrations stay as they are.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

DEFAULT_ACTIONS = {
    "add": _("Can add: %(model)s"),
    "change": _("Can change: %(model)s"),
    "delete": _("Can delete: %(model)s"),
    "view": _("Can view: %(model)s"),
}


def person_name(user) -> str:
    """ "Wanda Lefèvre", not "wanda"; the login only when no name is set."""
    return user.get_full_name() or user.get_username()


def permission_label(permission: Permission) -> str:
    """What the permission allows, in the active language (the stored name is English)."""
    model = permission.content_type.model_class()
    if model is None:  # an app removed since: only its stored words are left
        return permission.name
    action, _sep, model_name = permission.codename.partition("_")
    if model_name == model._meta.model_name and action in DEFAULT_ACTIONS:
        return DEFAULT_ACTIONS[action] % {"model": model._meta.verbose_name}
    for codename, label in model._meta.permissions:
        if codename == permission.codename:
            return gettext(str(label)) if isinstance(label, str) else str(label)
    return permission.name


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else "—"


def _login_record(words):
    def describe(record) -> str:
        return str(words) % {"user": record.username or "—", "when": _when(record.attempt_time)}

    return describe


def install() -> None:
    get_user_model().__str__ = person_name
    Permission.__str__ = lambda p: f"{p.content_type} | {permission_label(p)}"
    AccessLog.__str__ = _login_record(_("Login of %(user)s on %(when)s"))
    AccessAttempt.__str__ = _login_record(_("Failed logins of %(user)s, last on %(when)s"))
    AccessFailureLog.__str__ = _login_record(_("Failed login of %(user)s on %(when)s"))
    TOTPDevice._meta.verbose_name = _("authenticator app (TOTP)")
    TOTPDevice._meta.verbose_name_plural = _("authenticator apps (TOTP)")
