"""The guide's pages: the Markdown files of docs/gebruikersgids/, rendered to HTML.

Only the files in that folder are pages, each under the name it has there: the slug of a URL is
looked up in that list and never becomes part of a path. The files are ours, yet raw HTML in
them is escaped rather than passed through. The same files read well in the repository and in
the app: a link to a sibling file (`coach.md`) becomes that page's URL, and an image under
videoklub/static/ (`../../videoklub/static/videoklub/gids/x.png`) its static URL, with its size
so the page does not jump while it loads.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown.treeprocessors import Treeprocessor
from PIL import Image

GUIDE_DIR: Path = settings.BASE_DIR / "docs" / "gebruikersgids"
STATIC_DIR: Path = settings.BASE_DIR / "videoklub" / "static"
INDEX_FILE = "README.md"
_SLUG = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class Page:
    slug: str  # "" for the index
    title: str
    html: SafeString


def page_files(folder: Path | None = None) -> dict[str, Path]:
    """Slug → file: every Markdown file of the guide but the index, by name."""
    folder = folder or GUIDE_DIR
    return {
        path.stem: path
        for path in sorted(folder.glob("*.md"))
        if path.name != INDEX_FILE and _SLUG.match(path.stem)
    }


def get_page(slug: str) -> Page | None:
    path = page_files().get(slug)
    return _render(path, path.stat().st_mtime_ns, slug) if path else None


def index_page() -> Page:
    path = GUIDE_DIR / INDEX_FILE
    return _render(path, path.stat().st_mtime_ns, "")


def all_pages() -> list[Page]:
    return [page for slug in page_files() if (page := get_page(slug))]


def static_path(src: str, folder: Path | None = None) -> str | None:
    """The static file (relative to videoklub/static/) an image of the guide points to, or
    None when it points anywhere else."""
    if urlsplit(src).scheme or src.startswith("/"):
        return None
    target = ((folder or GUIDE_DIR) / src).resolve()
    if not target.is_relative_to(STATIC_DIR.resolve()) or not target.is_file():
        return None
    return target.relative_to(STATIC_DIR.resolve()).as_posix()


class _AppLinks(Treeprocessor):
    """Rewrites images to static URLs and links between guide files to the guide's URLs."""

    def run(self, root: etree.Element) -> None:
        slugs = page_files()
        for element in root.iter():
            if element.tag == "img":
                self._image(element)
            elif element.tag == "a":
                self._link(element, slugs)

    @staticmethod
    def _image(element: etree.Element) -> None:
        path = static_path(element.get("src", ""))
        if path is None:
            return
        element.set("src", static(path))
        with Image.open(STATIC_DIR / path) as image:
            width, height = image.size
        element.set("width", str(width))
        element.set("height", str(height))
        element.set("loading", "lazy")

    @staticmethod
    def _link(element: etree.Element, slugs: dict[str, Path]) -> None:
        parts = urlsplit(element.get("href", ""))
        if parts.scheme not in ("", "http", "https", "mailto"):
            del element.attrib["href"]  # javascript: and the like: the text stays, the link goes
            return
        if parts.scheme or parts.netloc or not parts.path.endswith(".md") or "/" in parts.path:
            return
        name = parts.path
        if name == INDEX_FILE:
            url = reverse("guide:index")
        elif name[:-3] in slugs:
            url = reverse("guide:page", kwargs={"slug": name[:-3]})
        else:
            return
        element.set("href", url + (f"#{parts.fragment}" if parts.fragment else ""))


def to_html(text: str) -> str:
    """Markdown to HTML, raw HTML escaped, links and images made the app's."""
    converter = markdown.Markdown(extensions=["toc", "sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_AppLinks(converter), "videoklub_links", 1)
    return converter.convert(text)


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return "VideoKLuB"


@functools.lru_cache(maxsize=32)
def _render(path: Path, mtime_ns: int, slug: str) -> Page:
    """One file, rendered once per version of it (`mtime_ns` is part of the cache key)."""
    text = path.read_text(encoding="utf-8")
    return Page(slug=slug, title=_title(text), html=mark_safe(to_html(text)))  # noqa: S308
