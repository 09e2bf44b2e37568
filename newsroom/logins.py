"""Logins: throttled by django-axes, and each one, each logout and each failure in the audit
trail."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from articles.audit import record
from articles.models import AuditEntry


class ThrottledLoginBackend(AxesStandaloneBackend):
    """django-axes' check before each password check.

    A login through a web page always has its request; one without (a test client's login(),
    a script calling authenticate()) is not a login anyone can try from outside, and is left
    to the password backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "")[:100]


def logged_in(sender, request, user, **kwargs):
    record(
        AuditEntry.Action.LOGIN,
        user=user,
        object_repr=user.get_username(),
        detail=client_address(request),
    )


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(
            AuditEntry.Action.LOGOUT,
            user=user,
            object_repr=user.get_username(),
            detail=client_address(request),
        )


def login_failed(sender, credentials, request=None, **kwargs):
    # Django passes the credentials with the password already masked.
    username = str(credentials.get("username", ""))[:150]
    record(AuditEntry.Action.LOGIN_FAILED, object_repr=username, detail=client_address(request))


def connect() -> None:
    """Called from NewsroomConfig.ready()."""
    uid = "paddock-logins"
    user_logged_in.connect(logged_in, dispatch_uid=f"{uid}-in")
    user_logged_out.connect(logged_out, dispatch_uid=f"{uid}-out")
    user_login_failed.connect(login_failed, dispatch_uid=f"{uid}-failed")
