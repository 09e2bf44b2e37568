"""The bounded store of renders kept in the process (newsroom/kept.py)."""

from django.test import override_settings

from newsroom.kept import KeptRenders


def renderer(calls: list, html: str):
    def render():
        calls.append(html)
        return html

    return render


def test_a_key_is_rendered_once_then_answered_from_the_store():
    kept, calls = KeptRenders(size=4), []
    assert kept.get(("a", 1), renderer(calls, "<p>a</p>")) == "<p>a</p>"
    assert kept.get(("a", 1), renderer(calls, "<p>other</p>")) == "<p>a</p>"
    assert calls == ["<p>a</p>"]


def test_the_render_used_least_recently_goes_first_when_the_store_is_full():
    kept, calls = KeptRenders(size=2), []
    kept.get("first", renderer(calls, "1"))
    kept.get("second", renderer(calls, "2"))
    kept.get("first", renderer(calls, "1 again"))  # used: now the most recent
    kept.get("third", renderer(calls, "3"))  # the store is full: "second" goes
    assert len(kept) == 2
    assert kept.get("first", renderer(calls, "1 again")) == "1"
    assert kept.get("second", renderer(calls, "2 again")) == "2 again"
    assert calls == ["1", "2", "3", "2 again"]


def test_a_changed_setting_empties_every_store():
    cards, header, calls = KeptRenders(size=4), KeptRenders(size=4), []
    cards.get("card", renderer(calls, "card"))
    header.get("header", renderer(calls, "header"))
    with override_settings(MEDIA_URL="/elsewhere/"):
        assert len(cards) == len(header) == 0
        assert cards.get("card", renderer(calls, "new card")) == "new card"
