"""The user guide: public pages from docs/gebruikersgids/, nothing else from the disk."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from videoklub.guide import pages

ROLE_PAGES = ["beheerder", "coach", "leraar", "projectmedewerker", "schoolleiding"]
# Pages for every role beside the role pages.
SHARED_PAGES = ["kennisbank"]
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def test_every_role_has_a_page():
    assert sorted(pages.page_files()) == sorted(ROLE_PAGES + SHARED_PAGES)


def test_the_index_renders_for_an_anonymous_visitor_and_links_every_role(client):
    response = client.get(reverse("guide:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1" in body and "Gebruikersgids" in body
    for slug in ROLE_PAGES + SHARED_PAGES:
        assert f'href="{reverse("guide:page", kwargs={"slug": slug})}"' in body
    assert ".md" not in re.sub(r"<code>.*?</code>", "", body)


@pytest.mark.parametrize("slug", ROLE_PAGES + SHARED_PAGES)
def test_each_role_page_renders_for_an_anonymous_visitor(client, slug):
    response = client.get(reverse("guide:page", kwargs={"slug": slug}))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="nl-BE"' in body
    # Images point at the static files, with their size; none at the repository path.
    sources = re.findall(r'<img [^>]*src="([^"]+)"', body)
    assert sources
    assert all(src.startswith(settings.STATIC_URL + "videoklub/gids/") for src in sources)
    assert "../../videoklub/static" not in body
    for tag in re.findall("<img [^>]*>", body):
        assert re.search(r' width="\d+"', tag) and re.search(r' height="\d+"', tag), tag


def test_the_help_link_is_in_the_header_for_everyone(client, world):
    help_link = f'href="{reverse("guide:index")}"'
    assert help_link in client.get(reverse("accounts:login")).content.decode()
    client.force_login(world.teacher)
    assert help_link in client.get(reverse("home:home")).content.decode()


def test_a_logged_in_person_reads_the_guide_too(client, world):
    client.force_login(world.coach)
    assert client.get(reverse("guide:page", kwargs={"slug": "coach"})).status_code == 200


@pytest.mark.parametrize(
    "slug", ["onbekend", "README", "readme", "settings", "leraar-md", "LERAAR", "etc-passwd"]
)
def test_an_unknown_page_is_not_found(client, slug):
    assert client.get(reverse("guide:page", kwargs={"slug": slug})).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/hulp/../pyproject.toml",
        "/hulp/..%2F..%2Fpyproject.toml/",
        "/hulp/%2e%2e/%2e%2e/videoklub/settings.py",
        "/hulp/leraar.md/",
        "/hulp/README.md/",
        "/hulp/..%2F..%2FREADME/",
    ],
)
def test_a_path_never_reaches_the_disk(client, path):
    response = client.get(path)
    assert response.status_code == 404 or (
        response.status_code == 301 and not response["Location"].startswith("/hulp/")
    )
    assert b"[project]" not in response.content and b"SECRET_KEY" not in response.content


def test_only_the_guide_folder_becomes_pages(tmp_path, monkeypatch):
    """A file elsewhere, or with a name that is not a slug, is no page."""
    (tmp_path / "leraar.md").write_text("# Leraar\n")
    (tmp_path / "README.md").write_text("# Index\n")
    (tmp_path / "Niet een slug.md").write_text("# x\n")
    (tmp_path / "notities.txt").write_text("x")
    assert list(pages.page_files(tmp_path)) == ["leraar"]


def test_raw_html_and_script_links_are_not_passed_through():
    html = pages.to_html(
        "# Titel\n\n<script>alert(1)</script>\n\nTekst <b>vet</b> "
        "[klik](javascript:alert(1)) [coach](coach.md#delen) [index](README.md)\n"
    )
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert f'href="{reverse("guide:page", kwargs={"slug": "coach"})}#delen"' in html
    assert f'href="{reverse("guide:index")}"' in html


def test_an_image_outside_the_static_folder_is_left_alone():
    assert pages.static_path("../../pyproject.toml") is None
    assert pages.static_path("../../videoklub/static/videoklub/gids/bestaat-niet.png") is None
    assert pages.static_path("/etc/passwd") is None
    assert pages.static_path("https://example.org/x.png") is None


def _markdown_images() -> list[tuple[str, str, str]]:
    found = []
    for path in [pages.GUIDE_DIR / pages.INDEX_FILE, *pages.page_files().values()]:
        for alt, src in MARKDOWN_IMAGE.findall(path.read_text(encoding="utf-8")):
            found.append((path.name, alt, src))
    return found


def test_every_image_in_the_guide_exists_and_has_alt_text():
    images = _markdown_images()
    assert len(images) >= 10
    for name, alt, src in images:
        assert alt.strip(), f"{name}: image {src} without alt text"
        assert pages.static_path(src) is not None, f"{name}: {src} is not a static file"
        assert (pages.GUIDE_DIR / src).resolve().is_file(), f"{name}: {src} does not exist"


def test_the_screenshot_script_takes_every_image_the_guide_shows():
    """scripts/screenshots.py makes each image the Markdown names (and no stray ones)."""
    script = (settings.BASE_DIR / "scripts" / "screenshots.py").read_text(encoding="utf-8")
    taken = set(re.findall(r'Shot\(\s*"([a-z0-9-]+)"', script))
    shown = {src.rsplit("/", 1)[-1].removesuffix(".png") for _name, _alt, src in _markdown_images()}
    assert shown == taken


def test_the_screenshots_stay_small():
    total = sum(path.stat().st_size for path in (pages.STATIC_DIR / "videoklub" / "gids").glob("*"))
    assert total < 3 * 1024 * 1024
