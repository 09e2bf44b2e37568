from django.urls import path, register_converter

from .site import archive_views, feeds, preview, views


class MonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class YearConverter:
    # The years of motor racing, and no year the calendar cannot compute around (0000, 9999).
    regex = "1[89][0-9]{2}|20[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(MonthConverter, "month")
register_converter(YearConverter, "year")

app_name = "articles"
urlpatterns = [
    path("actualites/", views.ArticleListView.as_view(), name="list"),
    path(
        "actualites/<year:year>/<month:month>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("actualites/archives/", archive_views.ArchiveIndexView.as_view(), name="archive"),
    path("actualites/<year:year>/", archive_views.YearArchiveView.as_view(), name="archive_year"),
    path(
        "actualites/<year:year>/<month:month>/",
        archive_views.MonthArchiveView.as_view(),
        name="archive_month",
    ),
    path("auteurs/", views.AuthorListView.as_view(), name="authors"),
    path("auteurs/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("apercu/<str:token>/", preview.preview_view, name="preview"),
]


def feed_paths(prefix, feed_class):
    """<prefix>rss/ and <prefix>atom/, named <url_name>_rss and <url_name>_atom."""
    return [
        path(f"{prefix}rss/", feed_class(), name=f"{feed_class.url_name}_rss"),
        path(f"{prefix}atom/", feed_class(atom=True), name=f"{feed_class.url_name}_atom"),
    ]


# Each feed sits under the page it follows: /championnats/wtcr/rss/, /tags/tourisme/atom/…
urlpatterns += [
    *feed_paths("flux/", feeds.ArticleFeed),
    *feed_paths("championnats/<slug:slug>/", feeds.ChampionshipFeed),
    *feed_paths("championnats/<slug:slug>/<slug:season>/", feeds.SeasonFeed),
    *feed_paths("constructeurs/<slug:slug>/", feeds.ManufacturerFeed),
    *feed_paths("equipes/<slug:slug>/", feeds.TeamFeed),
    *feed_paths("tags/<slug:slug>/", feeds.TagFeed),
]
