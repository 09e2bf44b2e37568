"""A championship's seasons as readers meet them: the hub's current season, a season's page, an
event's results, and the calendar that calendar apps subscribe to."""

import datetime
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import time_machine

from newsroom.templatetags.seasons import event_dates, points
from teams.models import Result, Season
from tests.articles.factories import ArticleFactory
from tests.newsroom.markup import read
from tests.teams.factories import (
    ChampionshipFactory,
    DriverFactory,
    EntryFactory,
    EventFactory,
    ResultFactory,
    SeasonFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=PARIS))
def test_the_hub_of_a_finished_series_shows_its_last_season_and_says_it_is_over(client, wtcr):
    ArticleFactory(
        title="Le WTCR tire sa révérence",
        published_at=datetime.datetime(2022, 11, 27, 12, tzinfo=PARIS),
        links={"championships": [wtcr["series"]]},
    )
    html = client.get("/championnats/wtcr/").content.decode()
    assert "2018–2022" in html
    assert "Cette série est terminée : sa dernière saison date de 2022." in html
    assert 'Saison 2022</a> <span class="badge badge--finished">Terminée</span>' in html
    assert "Course de France" in html and "7–8 mai 2022" in html
    assert "<td>96</td>" in html  # the 2022 entry list
    assert "Course du Maroc" not in html  # 2019 is one click away, not on the hub
    assert 'href="/championnats/wtcr/2019/"' in html
    assert 'href="/championnats/wtcr/calendrier.ics"' in html
    assert "Le WTCR tire sa révérence" in html
    # The articles' latest year no longer names a season.
    assert "Équipes de la saison" not in html


def test_the_hub_prefers_the_running_season_and_highlights_the_next_event(client, world):
    running = SeasonFactory(championship=world["wtcr"], year=2026, status=Season.Status.RUNNING)
    SeasonFactory(championship=world["wtcr"], year=2027, status=Season.Status.PLANNED)
    EventFactory(
        season=running,
        name="Course passée",
        slug="passee",
        start_date=date(2026, 3, 1),
        end_date=date(2026, 3, 2),
    )
    EventFactory(
        season=running,
        name="Course à venir",
        slug="a-venir",
        start_date=date(2026, 12, 12),
        end_date=date(2026, 12, 13),
    )
    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=PARIS)):
        html = client.get("/championnats/wtcr/").content.decode()
    assert 'Saison 2026</a> <span class="badge badge--running">En cours</span>' in html
    assert "Cette série est terminée" not in html
    upcoming = html.split('class="calendar__next"')[1].split("</tr>")[0]
    assert "Course à venir" in upcoming and "Prochaine épreuve" in upcoming
    assert "Course passée" in html.split('class="calendar__next"')[0]


@pytest.fixture
def news(wtcr):
    """A WTCR article of the 2019 season, one of 2022."""
    for title, when in (
        ("Ehrlacher gagne à Marrakech", datetime.datetime(2019, 4, 7, 18, tzinfo=PARIS)),
        ("Bilan de 2022", datetime.datetime(2022, 12, 1, 12, tzinfo=PARIS)),
    ):
        ArticleFactory(title=title, published_at=when, links={"championships": [wtcr["series"]]})


def test_a_season_page_shows_its_calendar_standings_entries_and_its_own_news(client, wtcr, news):
    ArticleFactory(
        title="Brouillon de 2019",
        draft=True,
        published_at=None,
        links={"championships": [wtcr["series"]]},
    )
    response = client.get("/championnats/wtcr/2019/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Saison 2019" in html
    assert "6–7 avril 2019" in html and "27–28 avril 2019" in html
    # Winners of each session, from the results.
    assert '<span class="session">course 1</span> : Yann Ehrlacher' in html
    assert '<span class="session">course 2</span> : Kevin Ceccon' in html
    drivers = response.context["sheet"].standings["drivers"]
    # Ehrlacher: 25 + 0 (DNF, no position) + 25; Ceccon: 18 + 25.
    assert [(s.competitor.name, s.position, int(s.points)) for s in drivers] == [
        ("Yann Ehrlacher", 1, 50),
        ("Kevin Ceccon", 2, 43),
    ]
    assert "Classement final" in html
    makes = [s.competitor.name for s in response.context["sheet"].standings["makes"]]
    assert makes == ["Lynk & Co", "Alfa Romeo"]
    assert "Ehrlacher gagne à Marrakech" in html
    assert "Bilan de 2022" not in html and "Brouillon" not in html
    crumbs = [crumb.name for crumb in read(response).breadcrumbs]
    assert crumbs == ["Accueil", "Championnats", "WTCR", "Saison 2019"]


def test_standings_missing_an_events_results_are_not_called_final(client, wtcr):
    """A finished season whose timing sheets are only partly entered: its standings say what
    they leave out, and nobody's place is given as the season's."""
    japan = EventFactory(
        season=wtcr["2019"],
        round=3,
        name="Course du Japon",
        slug="japon",
        start_date=date(2019, 10, 26),
        end_date=date(2019, 10, 27),
    )
    html = client.get("/championnats/wtcr/2019/").content.decode()
    assert "Classement final" not in html
    notice = "Résultats pas encore saisis : Course du Japon. Ces classements ne les comptent pas."
    assert notice in html
    career = client.get(wtcr["ehrlacher"].get_absolute_url()).content.decode()
    assert "1 d’après les résultats saisis (50 pts)" in career
    assert "1 (50 pts)" not in career
    # Its results entered, the standings are the season's.
    entry = wtcr["2019"].entries.get(number="68")
    ResultFactory(event=japan, session="course 1", entry=entry, position=1)
    html = client.get("/championnats/wtcr/2019/").content.decode()
    assert "Classement final" in html and "pas encore saisis" not in html
    assert "1 (75 pts)" in client.get(wtcr["ehrlacher"].get_absolute_url()).content.decode()


def test_an_event_page_shows_its_results_by_session_and_describes_the_event(client, wtcr):
    response = client.get("/championnats/wtcr/2019/maroc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Course du Maroc</h1>" in html
    assert "Manche 1" in html and "Circuit Moulay El Hassan, Marrakech" in html
    first, second = html.split("<h2", 3)[1:3]
    assert "Course 1" in first and "Course 2" in second
    assert '<abbr title="Abandon">DNF</abbr>' in second
    rows = response.context["sessions"][0].results
    assert [(r.entry.number, r.position, int(r.scored)) for r in rows] == [
        ("68", 1, 25),
        ("9", 2, 18),
    ]
    event = read(response).structured("SportsEvent")
    assert event["name"] == "Course du Maroc"
    assert (event["startDate"], event["endDate"]) == ("2019-04-06", "2019-04-07")
    assert event["location"]["name"] == "Circuit Moulay El Hassan"
    assert event["location"]["address"]["addressCountry"] == "MA"
    assert event["url"] == "http://testserver/championnats/wtcr/2019/maroc/"
    assert event["superEvent"]["url"] == "http://testserver/championnats/wtcr/2019/"


def test_an_event_still_to_come_says_so(client, world):
    season = SeasonFactory(championship=world["wtcr"], year=2027, status=Season.Status.PLANNED)
    EventFactory(
        season=season, slug="ouverture", start_date=date(2027, 4, 3), end_date=date(2027, 4, 4)
    )
    html = client.get("/championnats/wtcr/2027/ouverture/").content.decode()
    assert "Cette épreuve n’a pas encore eu lieu." in html


@pytest.mark.parametrize(
    "url",
    [
        "/championnats/wtcr/2020/",
        "/championnats/btcc/2019/",
        "/championnats/wtcr/2019/japon/",
        "/championnats/wtcr/2022/maroc/",
        "/championnats/inconnu/calendrier.ics",
    ],
)
def test_seasons_and_events_that_do_not_exist_answer_404(client, wtcr, url):
    assert client.get(url).status_code == 404


def test_the_calendar_file_is_read_by_calendar_apps_with_whole_day_events(client, wtcr):
    response = client.get("/championnats/wtcr/calendrier.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "WTCR"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == [
        "WTCR — Course de France",
        "WTCR — Course de Hongrie",
        "WTCR — Course du Maroc",
    ]
    morocco = events["WTCR — Course du Maroc"]
    # A whole-day event from 6 to 7 April: its end is the next morning, in no time zone.
    assert morocco.decoded("DTSTART") == date(2019, 4, 6)
    assert morocco.decoded("DTEND") == date(2019, 4, 8)
    assert not isinstance(morocco.decoded("DTSTART"), datetime.datetime)
    assert str(morocco["LOCATION"]) == "Circuit Moulay El Hassan, Marrakech"
    assert str(morocco["URL"]) == "http://testserver/championnats/wtcr/2019/maroc/"
    assert morocco.decoded("DTSTAMP").tzinfo is not None
    # The same event keeps its identity from one download to the next.
    again = icalendar.Calendar.from_ical(client.get("/championnats/wtcr/calendrier.ics").content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in events.values()}


def test_a_result_typed_in_changes_the_cached_standings(client, wtcr):
    assert "Kevin Ceccon" not in client.get("/championnats/wtcr/").content.decode()
    newcomer = DriverFactory(slug="nouveau", name="Jean Nouveau")
    entry = EntryFactory(season=wtcr["2022"], number="5", drivers=[newcomer])
    (france,) = wtcr["2022"].events.all()
    ResultFactory(event=france, session="course 1", entry=entry, position=1)
    html = client.get("/championnats/wtcr/").content.decode()
    assert "Jean Nouveau" in html and "Classement des pilotes 2022" in html


def test_a_result_whose_entry_is_of_another_season_does_not_take_the_page_down(client, wtcr):
    """Result.clean refuses it; a row written around the check (a shell) is left out."""
    stray = EntryFactory(season=wtcr["2022"], number="77", drivers=[DriverFactory(name="Égaré")])
    Result.objects.create(event=wtcr["hungary"], session="course 2", entry=stray, position=1)
    response = client.get("/championnats/wtcr/2019/")
    assert response.status_code == 200
    assert "Égaré" not in response.content.decode()


def test_a_driver_page_tells_the_career_from_the_entry_lists_not_from_co_mentions(client, wtcr):
    f1 = ChampionshipFactory(slug="f1", name="Formule 1", short_name="F1")
    ArticleFactory(
        title="Un pilote de tourisme en visite à Monaco",
        links={"drivers": [wtcr["ehrlacher"]], "championships": [f1]},
    )
    response = client.get("/pilotes/yann-ehrlacher/")
    html = response.content.decode()
    career = [
        (
            line.season.name,
            [e.number for e in line.entries],
            line.standing and line.standing.position,
        )
        for line in response.context["career"]
    ]
    assert career == [("2022", ["96"], None), ("2019", ["68"], 1)]
    assert '<h2 id="career" class="section-title">Carrière</h2>' in html
    assert "1 (50 pts)" in html
    assert 'href="/championnats/wtcr/2019/"' in html and "Cyan Racing" in html
    assert [c.slug for c in response.context["championships"]] == ["wtcr"]
    # The article stays in the driver's news, but F1 is not a series they raced in.
    assert "Un pilote de tourisme en visite à Monaco" in html
    assert (
        'href="/championnats/f1/"'
        not in html.split('class="hub__main"')[1].split("Dernières actualités")[0]
    )
    assert 'aria-labelledby="hub-series"' in html and ">Formule 1<" not in html


def test_a_team_page_lists_its_seasons_with_cars_drivers_and_positions(client, wtcr):
    response = client.get("/equipes/cyan-racing/")
    html = response.content.decode()
    assert [line.season.name for line in response.context["career"]] == ["2022", "2019"]
    (last, first) = response.context["career"]
    assert first.standing.position == 1 and last.standing is None
    assert "Yann Ehrlacher" in html and "Lynk &amp; Co 03 TCR" in html


def test_a_driver_who_never_entered_has_no_career_table(client, world):
    ArticleFactory(links={"drivers": [world["ceccon"]], "championships": [world["btcc"]]})
    response = client.get("/pilotes/kevin-ceccon/")
    assert response.context["career"] == []
    assert "Carrière" not in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (date(2019, 11, 17), date(2019, 11, 17), "17 novembre 2019"),
        (date(2019, 4, 30), date(2019, 5, 2), "30 avril – 2 mai 2019"),
        (date(2019, 12, 31), date(2020, 1, 2), "31 décembre 2019 – 2 janvier 2020"),
    ],
)
def test_event_days_read_as_in_french_prose(start, end, shown):
    assert event_dates(EventFactory.build(start_date=start, end_date=end)) == shown


@pytest.mark.parametrize(("value", "shown"), [(25, "25"), ("12.50", "12,5"), ("250.00", "250")])
def test_points_read_without_useless_decimals(value, shown):
    assert points(Decimal(value)) == shown


def test_a_season_has_a_feed_of_its_news(client, wtcr, news):
    page = client.get("/championnats/wtcr/2019/").content.decode()
    assert 'href="/championnats/wtcr/2019/rss/"' in page
    feed = feedparser.parse(client.get("/championnats/wtcr/2019/rss/").content)
    assert feed.feed.title == "WTCR 2019 — Paddock"
    assert [entry.title for entry in feed.entries] == ["Ehrlacher gagne à Marrakech"]
    assert client.get("/championnats/wtcr/2020/atom/").status_code == 404


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=PARIS))
def test_a_running_series_whose_last_recorded_season_is_old_says_so(client, world):
    """The BTCC still runs: its 2019 season must not pass for its latest."""
    btcc = world["btcc"]
    btcc.first_year = 1958
    btcc.save()
    SeasonFactory(championship=btcc, year=2019)
    html = client.get("/championnats/btcc/").content.decode()
    assert "La saison 2019 est la dernière de notre référentiel" in html
    assert "Cette série est terminée" not in html


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=PARIS))
def test_the_last_season_of_a_finished_series_is_not_said_to_lack_followers(client, wtcr):
    html = client.get("/championnats/wtcr/").content.decode()
    assert "dernière de notre référentiel" not in html


def test_a_season_whose_classes_have_their_own_standings_ranks_each_class_apart(client, world):
    """The WEC: a Hypercar and an LMGT3 car are never ranked against each other."""
    season = SeasonFactory(championship=world["wtcr"], year=2025, standings_by_class=True)
    fast, slow = DriverFactory(name="Pilote Hypercar"), DriverFactory(name="Pilote GT")
    hyper = EntryFactory(season=season, entry_class="Hypercar", drivers=[fast])
    gt = EntryFactory(season=season, entry_class="LMGT3", drivers=[slow])
    event = EventFactory(season=season)
    ResultFactory(event=event, entry=hyper, position=1)
    # Its timing sheet ranks the GT car overall, behind every prototype; in its class it won.
    ResultFactory(event=event, entry=gt, position=2, points=25)
    response = client.get(season.get_absolute_url())
    tables = [
        (t.entry_class, [(s.competitor.name, s.position) for s in t.standings["drivers"]])
        for t in response.context["sheet"].tables
    ]
    assert tables == [("Hypercar", [("Pilote Hypercar", 1)]), ("LMGT3", [("Pilote GT", 1)])]
    html = response.content.decode()
    assert "<caption>Pilotes — Hypercar</caption>" in html
    assert "<caption>Pilotes — LMGT3</caption>" in html
    career = client.get(slow.get_absolute_url()).context["career"]
    assert career[0].standing.position == 1


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=PARIS))
def test_the_wtcr_hub_tells_its_last_season_from_the_shipped_reference(client, db):
    """What a new reader meets on the reference data: the WTCR's last season, finished, with
    its real calendar, its final standings and the news."""
    from django.core.management import call_command

    from teams.models import Championship

    call_command("load_registry", verbosity=0)
    ArticleFactory(
        title="Azcona sacré à Jeddah",
        published_at=datetime.datetime(2022, 11, 27, 20, tzinfo=PARIS),
        links={"championships": [Championship.objects.get(slug="wtcr")]},
    )
    html = client.get("/championnats/wtcr/").content.decode()
    assert "Cette série est terminée : sa dernière saison date de 2022." in html
    assert 'Saison 2022</a> <span class="badge badge--finished">Terminée</span>' in html
    assert "WTCR Race of Germany" in html and "25–27 novembre 2022" in html
    standings = html[html.index("Classement des pilotes 2022 : les 10 premiers") :]
    assert standings.index("Mikel Azcona") < standings.index("Néstor Girolami")
    assert "337" in standings
    assert "Azcona sacré à Jeddah" in html
    season = client.get("/championnats/wtcr/2022/").content.decode()
    # Each race's winner; a qualifying session has none.
    assert '<span class="session">course 2</span> : Mikel Azcona' in season
    assert '<span class="session">qualifications' not in season
    assert "Classement final" in season and "pas encore saisis" not in season
    assert "Constructeurs" not in season.split("Classement final")[1].split("</section>")[0]
