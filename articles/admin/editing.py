"""The article form's helpers behind the scenes: autosave, who else is editing, preview links.

These endpoints answer the script of the change form (static/articles/admin/article_editing.js) in
JSON. ArticleAdmin.get_urls puts editing_urls() first, wrapped by the admin site, so only
logged-in staff reach them and CSRF is checked; each view then asks articles/permissions.py.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from taggit.utils import parse_tags

from .. import permissions, revisions, services
from ..models import Article, EditingPresence, PreviewLink, Revision
from ..sanitize import sanitize_html
from ..site.preview import preview_url

# Caps for text without a max_length on the model: an autosave is someone's work in progress,
# not a place to park megabytes.
LONG_TEXT_LIMITS = {"standfirst": 5_000, "body": 1_000_000}
MAX_LINKS = 200
MAX_TAGS = 50
TAG_LENGTH = 100  # taggit's Tag.name


# The form fields an autosave keeps: the snapshot's fields that the form edits (status and
# publication date are workflow decisions, taken from the article as saved).
AUTOSAVE_FIELDS = [
    *revisions.TEXT_FIELDS,
    "language",
    "date_precision",
    *revisions.FOREIGN_KEYS,
    *Article.LINK_FIELDS,
    "authors",
    "tags",
]


# Autosave data -----------------------------------------------------------------------------


def data_from_post(querydict, article: Article | None = None) -> dict:
    """The admin form's POST as a revision snapshot (see revisions.snapshot), checked and capped.

    Status and publication date are workflow decisions the form does not autosave: they are
    taken from `article` as saved.
    """
    data = {name: text_value(querydict, name) for name in revisions.TEXT_FIELDS}
    data["body"] = sanitize_html(data["body"])
    for name in ("language", "date_precision"):
        field = Article._meta.get_field(name)
        value = querydict.get(name, "")
        fallback = getattr(article, name) if article else str(field.default)
        data[name] = value if value in dict(field.choices) else fallback
    data["status"] = article.status if article else Article.Status.DRAFT
    published_at = article.published_at if article else None
    data["published_at"] = published_at.isoformat() if published_at else None
    for name, model in revisions.FOREIGN_KEYS.items():
        pks = existing(model, ids(querydict.getlist(name)[:1]))
        data[name] = pks[0] if pks else None
    for relation, model in revisions.LINK_MODELS.items():
        data[relation] = existing(model, ids(querydict.getlist(relation)))
    data["authors"] = existing(get_user_model(), ids(querydict.getlist("authors")))
    tags = {name[:TAG_LENGTH] for name in parse_tags(querydict.get("tags", ""))}
    data["tags"] = sorted(tags, key=str.casefold)[:MAX_TAGS]
    return data


def text_value(querydict, name: str) -> str:
    limit = Article._meta.get_field(name).max_length or LONG_TEXT_LIMITS[name]
    return querydict.get(name, "")[:limit]


def ids(values: list[str]) -> list[int]:
    """The positive integers among `values`; anything else is dropped."""
    found = []
    for value in values[:MAX_LINKS]:
        try:
            pk = int(value)
        except ValueError:
            continue
        if 0 < pk < 2**63:
            found.append(pk)
    return found


def existing(model, pks: list[int]) -> list[int]:
    if not pks:
        return []
    return sorted(model.objects.filter(pk__in=pks).values_list("pk", flat=True))


def same_content(data: dict, saved: dict) -> bool:
    return all(data.get(name) == saved.get(name) for name in revisions.FIELD_ORDER)


def autosave_initial(revision: Revision) -> dict:
    """An autosave as initial values of the admin form, to load it with ?autosave=<id>."""
    data = revision.data
    initial = {}
    for name in [*revisions.TEXT_FIELDS, "language", "date_precision"]:
        if name in data:
            initial[name] = data[name] or ""
    for name in [*revisions.FOREIGN_KEYS, *revisions.LINK_MODELS, "authors"]:
        if name in data:
            initial[name] = data[name]
    if "tags" in data:
        # articles/tagging.py splits on commas, so a name never holds one.
        initial["tags"] = ", ".join(data["tags"])
    return initial


# Views ------------------------------------------------------------------------------------


def refused(message: str, status: int = 403) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def autosave_view(request, pk=None):
    """Keep the person's unsaved form as their autosave of the article (or of a new one)."""
    article = get_object_or_404(Article, pk=pk) if pk is not None else None
    if article is None and not request.user.has_perm("articles.add_article"):
        return refused(_("You may not write articles."))
    if article is not None and not permissions.can_edit(request.user, article):
        return refused(
            _("You may no longer edit this article: copy your text before leaving the page.")
        )
    data = data_from_post(request.POST, article)
    if article is not None and same_content(data, revisions.snapshot(article)):
        # Back to what is saved (e.g. an edit undone): nothing is pending any more.
        Revision.objects.filter(
            article=article, created_by=request.user, kind=Revision.Kind.AUTOSAVE
        ).delete()
        return JsonResponse({"saved_at": timezone.now().isoformat(), "revision": None})
    revision = revisions.autosave(user=request.user, data=data, article=article)
    return JsonResponse({"saved_at": revision.created_at.isoformat(), "revision": revision.pk})


def may_view(user) -> bool:
    return user.is_active and user.has_perm("articles.view_article")


@require_POST
def presence_view(request, pk):
    """Note that the person has the article open to edit; tell them who else has."""
    if not may_view(request.user):
        return refused(_("You may not see this article."))
    article = get_object_or_404(Article, pk=pk)
    now = timezone.now()
    if permissions.can_edit(request.user, article):
        # Only people who can change the article are "editing" it: someone reading it (a
        # writer on an article in review) is nobody's reason to save carefully.
        EditingPresence.objects.update_or_create(
            article=article, user=request.user, defaults={"seen_at": now}
        )
    # People who closed the page without a goodbye (crash, lost network) are gone for good.
    EditingPresence.objects.filter(
        article=article, seen_at__lt=now - EditingPresence.FRESHNESS
    ).delete()
    others = (
        EditingPresence.objects.recent()
        .filter(article=article)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("seen_at", "pk")
    )
    return JsonResponse(
        {
            "others": [
                {
                    "name": str(presence.user),
                    "since": presence.seen_at.isoformat(),
                }
                for presence in others
            ]
        }
    )


@require_POST
def presence_leave_view(request, pk):
    """The page was closed (navigator.sendBeacon): the person no longer edits the article."""
    if not may_view(request.user):
        return refused(_("You may not see this article."))
    EditingPresence.objects.filter(article_id=pk, user=request.user).delete()
    return HttpResponse(status=204)


@require_POST
def preview_link_view(request, pk):
    """A preview link showing the article as readers will see it, to share outside the desk."""
    article = get_object_or_404(Article, pk=pk)
    try:
        link = services.share_preview(article=article, user=request.user)
    except PermissionDenied as refusal:
        return refused(str(refusal))
    return JsonResponse({"url": preview_url(link, request), "expires": link.expires_at.isoformat()})


@require_POST
def preview_revoke_view(request, pk, link_pk):
    """Withdraw a preview link (from the article's history page)."""
    link = get_object_or_404(PreviewLink, pk=link_pk, article_id=pk)
    try:
        services.revoke_preview(link=link, user=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The preview link was withdrawn: it no longer opens."))
    return redirect(reverse("admin:articles_article_history", args=[pk]))


def editing_urls(admin_site) -> list:
    """URL patterns for ArticleAdmin.get_urls, to put before the admin's own."""
    view = admin_site.admin_view
    return [
        path("add/autosave/", view(autosave_view), name="articles_article_autosave_new"),
        path("<int:pk>/autosave/", view(autosave_view), name="articles_article_autosave"),
        path("<int:pk>/presence/", view(presence_view), name="articles_article_presence"),
        path(
            "<int:pk>/presence/leave/",
            view(presence_leave_view),
            name="articles_article_presence_leave",
        ),
        path(
            "<int:pk>/preview-link/",
            view(preview_link_view),
            name="articles_article_preview_link",
        ),
        path(
            "<int:pk>/preview-link/<int:link_pk>/withdraw/",
            view(preview_revoke_view),
            name="articles_article_preview_revoke",
        ),
    ]
