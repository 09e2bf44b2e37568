"""robots.txt: the site is open to crawlers, except the admin and previews."""

import pytest

pytestmark = pytest.mark.django_db


def rules(client, **extra) -> list[str]:
    response = client.get("/robots.txt", **extra)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert not response.cookies
    return [line for line in response.content.decode().splitlines() if line]


def test_robots_txt_closes_the_admin_and_previews_in_every_language(client):
    lines = rules(client)
    assert lines[0] == "User-agent: *"
    for path in ["/admin/", "/apercu/", "/en/apercu/"]:
        assert f"Disallow: {path}" in lines
    # Search results are crawlable: their canonical address and noindex (when empty) decide.
    assert not [line for line in lines if "recherche" in line]
    assert "Disallow: /" not in lines  # the rest of the site stays open


def test_robots_txt_points_at_the_sitemap_index_of_the_host_asked(client):
    lines = rules(client, HTTP_HOST="localhost", secure=True)
    assert lines[-1] == "Sitemap: https://localhost/sitemap.xml"
    assert client.get("/sitemap.xml", HTTP_HOST="localhost").status_code == 200


def test_the_disallowed_paths_are_real_routes(client):
    # A renamed route would leave robots.txt guarding nothing.
    assert client.get("/admin/").status_code == 302
    assert client.get("/apercu/jeton-invalide/").status_code == 404
