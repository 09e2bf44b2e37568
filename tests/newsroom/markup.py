"""Reading a page as crawlers and screen readers do: <head> metadata, JSON-LD, breadcrumbs."""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Crumb:
    name: str
    href: str
    current: bool


@dataclass
class Page:
    meta: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    json_ld: list[dict] = field(default_factory=list)
    breadcrumb_labels: list[str] = field(default_factory=list)
    breadcrumb_lists: int = 0
    breadcrumbs: list[Crumb] = field(default_factory=list)

    def first(self, key: str) -> str | None:
        values = self.meta.get(key)
        return values[0] if values else None

    def canonical(self) -> str:
        (url,) = self.links["canonical"]
        return url

    def structured(self, kind: str) -> dict:
        (found,) = [data for data in self.json_ld if data.get("@type") == kind]
        return found


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.script: list[str] | None = None
        self.nav_depth = 0  # > 0 inside the breadcrumb <nav>
        self.anchor: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.page.meta.setdefault(key, []).append(attributes.get("content", ""))
        elif tag == "link" and "rel" in attributes:
            self.page.links.setdefault(attributes["rel"], []).append(attributes.get("href", ""))
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self.script = []
        elif tag == "nav" and "breadcrumbs" in (attributes.get("class") or "").split():
            self.nav_depth = 1
            self.page.breadcrumb_labels.append(attributes.get("aria-label", ""))
        elif self.nav_depth:
            if tag == "ol":
                self.page.breadcrumb_lists += 1
            if tag == "a":
                self.anchor = {"href": attributes.get("href", ""), "text": [], **attributes}

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.page.json_ld.append(json.loads("".join(self.script)))
            self.script = None
        elif tag == "a" and self.anchor is not None:
            current = self.anchor.get("aria-current") == "page"
            name = "".join(self.anchor["text"]).strip()
            self.page.breadcrumbs.append(Crumb(name, self.anchor["href"], current))
            self.anchor = None
        elif tag == "nav" and self.nav_depth:
            self.nav_depth = 0

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)
        elif self.anchor is not None:
            self.anchor["text"].append(data)


def read(response) -> Page:
    reader = _Reader()
    reader.feed(response.content.decode())
    reader.close()
    return reader.page
