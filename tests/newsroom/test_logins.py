"""Logins to the admin: throttled, locked after too many failures whatever the password, unlocked
by a chief editor, and every login, logout and failure in the audit trail."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from articles.models import AuditEntry
from tests.articles.factories import UserFactory
from tests.articles.roles import CHIEF, EDITOR, client_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "motdepasse-tres-long-42"


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


@pytest.mark.security
def test_thirty_wrong_passwords_lock_the_account_even_against_the_right_one(
    client, security_report
):
    UserFactory(username="edith", role=EDITOR)
    answers = [log_in(client, "edith", f"essai-{n}").status_code for n in range(30)]
    assert answers[:9] == [200] * 9  # the form again, with its error
    assert set(answers[10:]) == {429}
    refused = log_in(client, "edith", PASSWORD)
    assert refused.status_code == 429
    assert "refusées" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    failures = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED)
    assert failures.count() >= 10 and failures.first().object_repr == "edith"
    security_report(
        f"Logins: 30 wrong passwords, locked out from attempt {answers.index(429) + 1} "
        f"(answer 429), the right password then refused; {failures.count()} failures audited"
    )


def test_a_chief_editor_unlocks_a_locked_account(client):
    UserFactory(username="edith", role=EDITOR)
    chief = UserFactory(username="chloe", role=CHIEF)
    for n in range(12):
        log_in(client, "edith", f"essai-{n}")
    assert log_in(client, "edith", PASSWORD).status_code == 429

    desk = client_for(chief)
    attempts = desk.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200 and "edith" in attempts.content.decode()
    desk.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "edith", PASSWORD).status_code == 302


def test_logins_and_logouts_are_in_the_audit_trail(client):
    editor = UserFactory(username="edith", role=EDITOR)
    assert log_in(client, "edith", PASSWORD).status_code == 302
    client.post(reverse("admin:logout"))
    actions = list(
        AuditEntry.objects.filter(user=editor).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["login", "logout"]
