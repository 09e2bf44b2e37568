"""No code outside articles/services/ writes an article: every change gets every side effect.

A static check over the project's source: calls that write Article rows or an article's links
(`Article.objects…create/update/delete`, `article.save()`, `article.tags.add()`…) may only appear
in the services and in migrations.
"""

import ast
import re
from pathlib import Path

from articles.models import Article

ROOT = Path(__file__).resolve().parents[3]
APPS = ("articles", "newsroom", "teams")
ALLOWED = {
    "articles/services",  # the one write path
    "migrations",  # data migrations use historical models
    # Benchmarks fill a scratch database with synthetic rows, in bulk, before measuring.
    "articles/bench/corpus.py",
}
QUERYSET_WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "delete",
    "get_or_create",
    "update_or_create",
}
RELATIONS = "|".join((*Article.LINK_FIELDS, "tags", "authors"))
LINK_WRITE = re.compile(rf"\barticle\.({RELATIONS})$")
AN_ARTICLE = re.compile(r"(^|\.)article$")


def writes_in(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, ast.unparse(node.func.value)
        if (
            (method in QUERYSET_WRITES and receiver.startswith("Article.objects"))
            or (method in {"save", "delete"} and AN_ARTICLE.search(receiver))
            or (method in {"add", "remove", "set", "clear"} and LINK_WRITE.search(receiver))
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {receiver}.{method}()")
    return found


def source_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not any(allowed in relative for allowed in ALLOWED):
                yield path


def test_only_the_services_write_articles():
    writes = [write for path in source_files() for write in writes_in(path)]
    assert writes == []


def test_the_check_sees_the_writes_it_forbids(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "Article.objects.filter(pk=1).update(title='x')\n"
        "article.save()\n"
        "self.article.tags.add('x')\n"
        "Article.objects.filter(pk=1).first()\n",
        encoding="utf-8",
    )
    assert [w.split(": ", 1)[1] for w in writes_in(sample, tmp_path)] == [
        "Article.objects.filter(pk=1).update()",
        "article.save()",
        "self.article.tags.add()",
    ]
