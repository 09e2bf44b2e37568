"""Staff accounts for browser tests: a member of a role group, logged in through the form."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

PASSWORD = "motdepasse-tres-long-42"


def person(username, role):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator("#user-tools")).to_contain_text(username)
