"""Demo content for `make run`: the legacy texts in newsroom/demo/, published and linked.

The texts go through the real importer; their links to the registry come from the hand-written
newsroom/demo/links.json (names or aliases of registry entities), so the demo shows hub pages
before automatic linking exists.
"""

import json
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles.importing.read import iter_source_files
from articles.importing.run import run_import
from articles.importing.save import ImportOptions
from articles.models import Article, ImportBatch
from articles.services import save_article
from teams.models import Championship

from .demo_images import illustrate_article

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_SOURCE = "Paddock (démo)"
DEMO_EDITOR = "redaction"
# One account per role (groups made by articles' migrations 0004 and 0018), to try the workflow.
DEMO_ACCOUNTS = [
    (DEMO_EDITOR, "Rédacteur en chef", "Rédaction", "Paddock"),
    ("editeur", "Éditeur", "Édith", "Martin"),
    ("redacteur", "Rédacteur", "Victor", "Leroy"),
    ("archives", "Archiviste", "Anne", "Garnier"),
]


class DemoDataError(ValueError):
    """links.json names something the registry does not know."""


@dataclass
class DemoResult:
    outcomes: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    fresh: int = 0  # today's news created by this run


def resolve(model, name: str):
    matches = list(model.objects.by_name(name)[:2])
    if len(matches) != 1:
        problem = "unknown" if not matches else "ambiguous"
        raise DemoDataError(f"{model._meta.verbose_name} “{name}” is {problem} in the registry")
    return matches[0]


@transaction.atomic
def load_demo(*, directory: Path = DEMO_DIR) -> DemoResult:
    """Import and publish the demo texts, link and illustrate them; running it again changes
    nothing."""
    links = json.loads((directory / "links.json").read_text(encoding="utf-8"))
    legacy = directory / "legacy"
    batch = ImportBatch.objects.create(
        source=DEMO_SOURCE, paths=legacy.name, options={"publish": True}
    )
    run = run_import(
        sources=iter_source_files([legacy]),
        batch=batch,
        options=ImportOptions(publish=True, source_name=DEMO_SOURCE),
    )
    result = DemoResult()
    for entry in run.entries:
        status = entry["status"]
        result.outcomes[status] = result.outcomes.get(status, 0) + 1
        if status in ("failed", "conflict"):
            result.failures.append(f"{entry['file']}: {entry['reason']}")
            continue
        article = Article.objects.get(legacy_id=entry["legacy_id"])
        # The hand-written links complete the importer's own, as an editor's would.
        _link(article, links.get(f"{entry['legacy_id']}.txt", {}))
        if article.hero_image_id is None:
            # Drawn, not downloaded: shared demo articles get a preview card with a picture.
            illustrate_article(article)
    result.fresh = _load_fresh(directory / "fresh.json")
    return result


def _load_fresh(path: Path) -> int:
    """Today's news, written in the admin's way rather than imported: dated a few hours before
    the first load, so the demo has a front page of the day and a Google News sitemap."""
    created = 0
    for spec in json.loads(path.read_text(encoding="utf-8")):
        if Article.objects.filter(slug=spec["slug"]).exists():
            continue
        draft = Article(
            slug=spec["slug"],
            title=spec["title"],
            standfirst=spec["standfirst"],
            body="".join(f"<p>{escape(paragraph)}</p>" for paragraph in spec["body"]),
            byline=spec["byline"],
        )
        article = save_article(
            article=draft,
            user=None,
            transition="publish",
            when=timezone.now() - timedelta(hours=spec["hours_ago"]),
        ).article
        _link(article, {**spec["links"], "tags": spec["tags"]})
        illustrate_article(article)
        created += 1
    return created


def _link(article: Article, spec: dict) -> None:
    """Add the hand-written links, byline and tags, as an editor would in the admin; an
    article that has them all already is left as it is (loading the demo again changes
    nothing)."""
    missing = {}
    for relation in Article.LINK_FIELDS:
        model = Article._meta.get_field(relation).related_model
        entities = {resolve(model, name) for name in spec.get(relation, [])}
        linked = set(getattr(article, relation).filter(pk__in=[e.pk for e in entities]))
        if entities - linked:
            missing[relation] = entities - linked
    present = {name.casefold() for name in article.tags.names()}
    tags = [name for name in spec.get("tags", []) if name.casefold() not in present]
    changed = bool(missing or tags)
    if spec.get("primary_championship") and article.primary_championship_id is None:
        article.primary_championship = resolve(Championship, spec["primary_championship"])
        changed = True
    if spec.get("byline") and not article.byline:
        article.byline = spec["byline"]
        changed = True
    if not changed:
        return

    save_article(
        article=article,
        user=None,
        loaded_version=article.version,
        add_links={**missing, "tags": tags},
    )


def ensure_demo_editor(*, password: str | None = None) -> tuple[object, str | None]:
    """The demo accounts, one per role, sharing one password.

    Returns (chief editor, password) with the password only when the accounts were created.
    """
    User = get_user_model()
    user = User.objects.filter(username=DEMO_EDITOR).first()
    if user is not None:
        return user, None
    password = password or secrets.token_urlsafe(12)
    accounts = []
    for username, role, first_name, last_name in DEMO_ACCOUNTS:
        account = User.objects.filter(username=username).first() or User.objects.create_user(
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
        )
        account.groups.add(Group.objects.get(name=role))
        accounts.append(account)
    return accounts[0], password
