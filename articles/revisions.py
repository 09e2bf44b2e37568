"""Revisions: a snapshot of an article on every save, readable diffs, restore.

A snapshot is plain JSON — fields, links (registry ids per relation), tags and authors — so a
revision stays readable after the registry or the model changes.
"""

import difflib
import re
from dataclasses import dataclass
from html import unescape

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teams.models import Championship

from .models import Article, Image, Revision

TEXT_FIELDS = ["title", "slug", "standfirst", "body", "byline", "source", "source_url"]
CHOICE_FIELDS = ["language", "status", "date_precision"]
LINK_MODELS = {name: Article._meta.get_field(name).related_model for name in Article.LINK_FIELDS}
FOREIGN_KEYS = {"primary_championship": Championship, "hero_image": Image}
# The content a restore brings back. Status and publication time are workflow decisions: a
# restore never publishes or unpublishes anything.
RESTORABLE_FIELDS = [
    *TEXT_FIELDS,
    "language",
    "date_precision",
    "primary_championship",
    "hero_image",
]
FIELD_ORDER = [
    *TEXT_FIELDS,
    *CHOICE_FIELDS,
    "published_at",
    *FOREIGN_KEYS,
    *LINK_MODELS,
    "authors",
    "tags",
]


def snapshot(article: Article) -> dict:
    """The article as saved, links and tags included."""
    data = {name: getattr(article, name) for name in TEXT_FIELDS + CHOICE_FIELDS}
    data["published_at"] = article.published_at.isoformat() if article.published_at else None
    for name in FOREIGN_KEYS:
        data[name] = getattr(article, f"{name}_id")
    for relation in LINK_MODELS:
        data[relation] = sorted(getattr(article, relation).values_list("pk", flat=True))
    data["authors"] = sorted(article.authors.values_list("pk", flat=True))
    data["tags"] = sorted(article.tags.names(), key=str.casefold)
    return data


def save_revision(article: Article, *, user=None, kind=Revision.Kind.EDIT, message="") -> Revision:
    """Store the article as it is now; the person's pending autosave is now superseded."""
    if user is not None and not user.is_authenticated:
        user = None
    if user is not None:
        Revision.objects.filter(
            article=article, created_by=user, kind=Revision.Kind.AUTOSAVE
        ).delete()
    return Revision.objects.create(
        article=article,
        kind=kind,
        version=article.version,
        data=snapshot(article),
        message=message[:300],
        created_by=user,
    )


def ensure_baseline(article: Article) -> Revision:
    """Articles that were imported or created before revisions get one, as they are now."""
    revision = (
        Revision.objects.filter(article=article)
        .exclude(kind=Revision.Kind.AUTOSAVE)
        .order_by("-created_at", "-pk")
        .first()
    )
    if revision is None:
        kind = Revision.Kind.IMPORT if article.import_batch_id else Revision.Kind.EDIT
        revision = save_revision(article, kind=kind, message=_("State before the first edit"))
    return revision


def revision_at(article: Article, version: int) -> Revision | None:
    """The saved (not autosaved) revision that shows `version` of the article."""
    return (
        Revision.objects.filter(article=article, version=version)
        .exclude(kind=Revision.Kind.AUTOSAVE)
        .order_by("-pk")
        .first()
    )


def autosave(*, user, data: dict, article: Article | None = None) -> Revision:
    """Keep `user`'s unsaved work: one autosave per person and article, updated in place."""
    version = article.version if article is not None else 0
    revision, _created = Revision.objects.update_or_create(
        article=article,
        created_by=user,
        kind=Revision.Kind.AUTOSAVE,
        defaults={"data": data, "version": version, "created_at": timezone.now()},
    )
    return revision


def revision_label(revision: Revision) -> str:
    when = timezone.localtime(revision.created_at).strftime("%d/%m/%Y %H:%M")
    return _("version %(version)s of %(when)s") % {"version": revision.version, "when": when}


# Diffs -------------------------------------------------------------------------------------


@dataclass
class Change:
    field: str
    label: str
    old: SafeString
    new: SafeString
    inline: SafeString | None = None  # word-level diff of long texts


def field_label(name: str) -> str:
    if name == "tags":
        return str(Article._meta.get_field("tags").verbose_name)
    return str(Article._meta.get_field(name).verbose_name)


def diff(old: dict, new: dict) -> list[Change]:
    """What changed between two snapshots, field by field, ready to show."""
    names = resolve_names([old, new])
    changes = []
    for field in FIELD_ORDER:
        before, after = old.get(field), new.get(field)
        if normalise(before) == normalise(after):
            continue
        if field in ("body", "standfirst"):
            changes.append(
                Change(
                    field,
                    field_label(field),
                    escape(readable_text(before)),
                    escape(readable_text(after)),
                    inline=word_diff(readable_text(before), readable_text(after)),
                )
            )
        else:
            changes.append(
                Change(
                    field,
                    field_label(field),
                    display(field, before, names),
                    display(field, after, names),
                )
            )
    return changes


def normalise(value):
    if isinstance(value, list):
        return sorted(value, key=str)
    return "" if value is None else value


def resolve_names(snapshots: list[dict]) -> dict:
    """Names of every linked entity mentioned, one query per kind of link."""
    wanted: dict[str, set] = {}
    for data in snapshots:
        for relation in LINK_MODELS:
            wanted.setdefault(relation, set()).update(data.get(relation) or [])
        for name in FOREIGN_KEYS:
            if data.get(name):
                wanted.setdefault(name, set()).add(data[name])
        wanted.setdefault("authors", set()).update(data.get("authors") or [])
    models = {**LINK_MODELS, **FOREIGN_KEYS, "authors": get_user_model()}
    names = {}
    for key, pks in wanted.items():
        if pks:
            rows = models[key].objects.filter(pk__in=pks)
            if key == "events":  # named with their season
                rows = rows.select_related("season__championship")
            names[key] = {obj.pk: str(obj) for obj in rows}
    return names


def display(field: str, value, names: dict) -> SafeString:
    empty = mark_safe("<em>—</em>")
    if value in (None, "", []):
        return empty
    if field in LINK_MODELS or field == "authors":
        known = names.get(field, {})
        return escape(", ".join(known.get(pk, f"#{pk}") for pk in value))
    if field in FOREIGN_KEYS:
        return escape(names.get(field, {}).get(value, f"#{value}"))
    if field == "tags":
        return escape(", ".join(value))
    if field == "published_at":
        moment = parse_datetime(value)
        return escape(timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else value)
    if field in CHOICE_FIELDS:
        choices = dict(Article._meta.get_field(field).choices)
        return escape(str(choices.get(value, value)))
    return escape(value)


BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|tr)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def readable_text(html) -> str:
    """Article HTML as the text a person reads, one block per line, for diffs."""
    if not html:
        return ""
    text = BLOCK_END.sub("\n", html)
    text = TAG.sub("", text)
    lines = (" ".join(unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def word_diff(before: str, after: str) -> SafeString:
    """Words removed in <del>, words added in <ins>, the rest as is; newlines kept."""
    old_words = re.split(r"(\s+)", before)
    new_words = re.split(r"(\s+)", after)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", "".join(old_words[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", "".join(new_words[j1:j2])))
    return mark_safe("".join(parts))
