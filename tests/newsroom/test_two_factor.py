"""Two-factor authentication for staff: turned on from the admin with an authenticator app,
then asked at every login; required of chief editors when the setting says so."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import AuditEntry
from tests.articles.factories import UserFactory
from tests.articles.roles import CHIEF, EDITOR, client_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "motdepasse-tres-long-42"


def code(device, drift=0) -> str:
    """The code the app shows now (drift=1: the next one, since a code is accepted once)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{value:06d}"


def turn_on(desk) -> TOTPDevice:
    page = desk.get(reverse("two_factor"))
    assert "<svg" in page.content.decode()  # the QR code to scan
    device = TOTPDevice.objects.get()
    answer = desk.post(reverse("two_factor"), {"token": code(device)})
    assert answer.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def log_in(client, username, token=""):
    data = {"username": username, "password": PASSWORD, "otp_token": token, "next": "/admin/"}
    return client.post(LOGIN, data)


def test_an_editor_turns_it_on_and_the_login_then_asks_for_the_code(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code below
    editor = UserFactory(username="edith", role=EDITOR)
    desk = client_for(editor)
    assert reverse("two_factor") in desk.get(reverse("admin:index")).content.decode()
    device = turn_on(desk)
    assert AuditEntry.objects.filter(user=editor, action="two_factor_on").exists()

    without = log_in(client, "edith")
    assert without.status_code == 200 and "_auth_user_id" not in client.session
    wrong = log_in(client, "edith", "000000" if code(device, 1) != "000000" else "111111")
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = log_in(client, "edith", code(device, drift=1))
    assert right.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_without_a_device_log_in_with_their_password(client):
    UserFactory(username="edith", role=EDITOR)
    assert log_in(client, "edith").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_chief_editors_must_turn_it_on_when_the_setting_says_so(client, settings):
    settings.PADDOCK_CHIEF_EDITORS_NEED_2FA = True
    chief = UserFactory(username="chloe", role=CHIEF)
    assert log_in(client, "chloe").status_code == 302
    sent = client.get(reverse("admin:articles_article_changelist"))
    assert sent.status_code == 302 and sent["Location"] == reverse("two_factor")
    page = client.get(reverse("two_factor")).content.decode()
    assert re.search("rédacteurs en chef doivent", page)
    turn_on(client)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
    # Editors are not asked.
    editor_desk = client_for(UserFactory(username="edith", role=EDITOR))
    assert editor_desk.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert chief.groups.filter(name=CHIEF).exists()
