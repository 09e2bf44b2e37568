"""Optional two-factor authentication for staff (TOTP, with django-otp), required for chief
editors when PADDOCK_CHIEF_EDITORS_NEED_2FA is on.

A staff member turns it on from the admin ("Two-factor authentication" in the user menu):
they scan a QR code with an authenticator app and type a code to confirm. From then on the
admin login asks for their password and a 6-digit code. Staff without a device log in with
their password. A chief editor who loses their phone has their device deleted by another chief
editor (Admin → TOTP devices) and sets it up again.
"""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.audit import record
from articles.models import AuditEntry

CHIEF_EDITOR = "Rédacteur en chef"


class StaffLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """The admin login: password, and the authenticator's code for those who turned it on."""

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy("Only if you turned on two-factor authentication."),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        device = next(iter(devices_for_user(user, confirmed=True)), None) if user else None
        if device is not None:
            # One device per person (the set-up page makes one): the code is checked on it.
            cleaned["otp_device"] = device.persistent_id
            self.clean_otp(user)
        return cleaned


def needs_second_factor(user) -> bool:
    """Must this person turn two-factor authentication on before using the admin?"""
    return (
        settings.PADDOCK_CHIEF_EDITORS_NEED_2FA
        and user.groups.filter(name=CHIEF_EDITOR).exists()
        and not user_has_device(user, confirmed=True)
    )


class SecondFactorMiddleware:
    """Sends a chief editor without a device to the set-up page, whatever admin page they ask
    for, when the setting requires it (after AuthenticationMiddleware and OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path first: reading request.user reads the session, which would make every
        # public page private (Vary: Cookie) and uncacheable.
        if (
            request.path.startswith("/admin/")
            and request.path not in (reverse("two_factor"), reverse("admin:logout"))
            and request.user.is_authenticated
            and needs_second_factor(request.user)
        ):
            return redirect("two_factor")
        return self.get_response(request)


def qr_svg(url: str) -> str:
    out = BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    return out.getvalue().decode()


class ConfirmForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code shown by the app"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required(login_url="admin:login")
def set_up_view(request):
    """Turn two-factor authentication on: scan, then confirm with a code."""
    if not request.user.is_staff:
        return redirect("admin:login")
    confirmed = list(devices_for_user(request.user, confirmed=True))
    device = None
    if not confirmed:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        device = device or TOTPDevice.objects.create(
            user=request.user, name="Paddock", confirmed=False
        )
    form = ConfirmForm(request.POST or None)
    if device is not None and request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record(AuditEntry.Action.TWO_FACTOR_ON, user=request.user)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return redirect("admin:index")
        form.add_error("token", _("This code is not the one the app shows: try the next one."))
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor authentication"),
        "form": form,
        "confirmed": bool(confirmed),
        "required": needs_second_factor(request.user),
        "qr": mark_safe(qr_svg(device.config_url)) if device else "",  # our own SVG
        "secret": device and _grouped(device.bin_key),
    }
    return TemplateResponse(request, "admin/two_factor.html", context)


def _grouped(key: bytes) -> str:
    """The key as people type it into an app without a camera (base32, groups of four)."""
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
