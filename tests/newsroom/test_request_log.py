"""Every answer names its request's id, and every request leaves one access line."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def access_lines(caplog):
    return [record for record in caplog.records if record.name == "paddock.requests"]


def test_an_answer_names_a_fresh_id_unless_the_proxy_gave_one(client):
    first = client.get("/robots.txt")["X-Request-ID"]
    second = client.get("/robots.txt")["X-Request-ID"]
    assert len(first) == 32 and first != second
    given = client.get("/robots.txt", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")
    assert given["X-Request-ID"] == "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "a b c d e f g h", "short"])
def test_an_id_that_does_not_look_like_one_is_replaced(client, hostile):
    answered = client.get("/robots.txt", HTTP_X_REQUEST_ID=hostile)["X-Request-ID"]
    assert answered != hostile and len(answered) == 32


def test_each_request_leaves_one_access_line(client, caplog):
    caplog.set_level(logging.INFO, logger="paddock.requests")
    client.get("/actualites/", HTTP_X_REQUEST_ID="req-0000000000001")
    client.get("/nulle-part/", HTTP_X_REQUEST_ID="req-0000000000002")
    lines = access_lines(caplog)
    assert [(line.method, line.path, line.status) for line in lines] == [
        ("GET", "/actualites/", 200),
        ("GET", "/nulle-part/", 404),
    ]
    assert all(line.duration_ms >= 0 for line in lines)


def test_a_path_holding_a_line_break_cannot_forge_a_log_line(client, caplog):
    caplog.set_level(logging.INFO, logger="paddock.requests")
    client.get("/x%0AGET%20/admin/%20200")
    (line,) = access_lines(caplog)
    assert "\n" not in line.getMessage()
    assert line.path == "/x%0AGET%20/admin/%20200"
