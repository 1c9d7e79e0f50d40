"""The screenshots of the user guide (docs/gebruikersgids/), taken from a running demo.

It starts nothing: start the demo first (`make run`, or `make screenshots`, which does both),
then run `.venv/bin/python scripts/screenshots.py`. It logs in as each demo person, opens the
pages the guide shows by following the app's own links (no ids in here: the demo's ids may
differ), and writes one PNG per shot to videoklub/static/videoklub/gids/ under a fixed name,
at 1280 px wide or, for a phone, 375 px. The images are reduced to a palette so the whole set
stays small enough for the repository.

It only reads: it opens pages and never submits a form, so a running demo keeps its data (but
opening a colleague's fragment is a view, and the demo's "who watched" notes it).

Environment: SCREENSHOT_URL (default http://127.0.0.1:8000), SCREENSHOT_PASSWORD (default the
demo's), SCREENSHOT_CHROMIUM (default /usr/bin/chromium). Arguments: names of shots to take
(default all), e.g. `scripts/screenshots.py leraar-start coach-klubbord`.
"""

from __future__ import annotations

import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

BASE_URL = os.environ.get("SCREENSHOT_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD = os.environ.get("SCREENSHOT_PASSWORD", "videoklub-demo")
CHROMIUM = os.environ.get("SCREENSHOT_CHROMIUM", "/usr/bin/chromium")
OUT_DIR = Path(__file__).resolve().parents[1] / "videoklub" / "static" / "videoklub" / "gids"

# The demo's people (videoklub/demo/people.py); "visitor" is not logged in.
PEOPLE = {
    "leraar": "lotte.peeters@demo.videoklub.be",
    "coach": "an.verstraeten@demo.videoklub.be",
    "schoolleiding": "dirk.michiels@demo.videoklub.be",
    "projectmedewerker": "els.desmet@demo.videoklub.be",
    "beheerder": "beheer.videoklub@demo.videoklub.be",
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 375, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}
COLOURS = 256
# A video shows its first picture, not the loading spinner (at most three seconds' wait).
VIDEOS_LOADED = """() => Promise.all([...document.querySelectorAll('video')].map((video) =>
    video.readyState >= 2 ? null : new Promise((done) => {
        video.addEventListener('loadeddata', done, { once: true });
        setTimeout(done, 3000);
    })))"""

# Links to follow, by the path they point to.
KLUB = r"^/klubs/\d+/$"
CYCLE = r"^/cycli/\d+/$"
RECORDING = r"^/opnames/[0-9a-f-]{36}/$"
MEETING = r"^/bijeenkomsten/\d+/$"


@dataclass(frozen=True)
class Shot:
    """One screenshot: whose, where (a path, then patterns of the links to follow from it),
    and on which screen. `part` names a CSS selector to capture instead of the screen."""

    name: str
    person: str
    route: tuple[str, ...]
    phone: bool = False
    part: str | None = None


SHOTS = [
    Shot("aanmelden", "visitor", ("/account/aanmelden/",)),
    Shot("aanmelden-telefoon", "visitor", ("/account/aanmelden/",), phone=True),
    # Teacher
    Shot("leraar-start", "leraar", ("/",)),
    Shot("leraar-start-telefoon", "leraar", ("/",), phone=True),
    Shot("leraar-cyclus", "leraar", ("/cycli/", CYCLE)),
    Shot("leraar-leervraag", "leraar", ("/cycli/", CYCLE, r"/leervraag/1/$")),
    Shot("leraar-opnames", "leraar", ("/opnames/",)),
    Shot("leraar-opladen-telefoon", "leraar", ("/opnames/",), phone=True),
    Shot("leraar-opname", "leraar", ("/opnames/", RECORDING)),
    Shot("leraar-fragment-delen", "leraar", ("/opnames/", RECORDING, r"/fragmenten/\d+/delen/$")),
    Shot("leraar-leerspoor", "leraar", ("/leerspoor/",)),
    Shot("meldingen-instellingen", "leraar", ("/meldingen/instellingen/",)),
    Shot("mijn-gegevens", "leraar", ("/account/profiel/mijn-gegevens/",)),
    # Coach
    Shot("coach-start", "coach", ("/",)),
    Shot("coach-klubbord", "coach", ("/", KLUB, r"/bord/$")),
    Shot("coach-fragment-bespreken", "coach", ("/", KLUB, r"/gedeeld/$", r"/analyse/$")),
    Shot("coach-bijeenkomst", "coach", ("/", KLUB, r"/bijeenkomsten/$", MEETING)),
    Shot("coach-sessiemodus", "coach", ("/", KLUB, r"/bijeenkomsten/$", MEETING, r"/sessie/$")),
    Shot(
        "coach-sessiemodus-telefoon",
        "coach",
        ("/", KLUB, r"/bijeenkomsten/$", MEETING, r"/sessie/$"),
        phone=True,
    ),
    Shot("coach-uitnodigen", "coach", ("/", KLUB, r"/uitnodigen/$")),
    Shot("coach-jaarplan", "coach", ("/jaarplan/",)),
    # School leader
    Shot("schoolleiding-start", "schoolleiding", ("/",)),
    Shot(
        "schoolleiding-toestemming",
        "schoolleiding",
        ("/", r"^/scholen/\d+/$", r"/toestemming/$", r"^/klasgroepen/\d+/$"),
    ),
    Shot(
        "schoolleiding-toestemming-telefoon",
        "schoolleiding",
        ("/", r"^/scholen/\d+/$", r"/toestemming/$", r"^/klasgroepen/\d+/$"),
        phone=True,
    ),
    # Project staff
    Shot("projectmedewerker-start", "projectmedewerker", ("/",)),
    Shot("projectmedewerker-project", "projectmedewerker", ("/", r"^/projecten/\d+/$")),
    Shot(
        "projectmedewerker-bewaartermijn",
        "projectmedewerker",
        ("/", r"^/projecten/\d+/$", r"/bewaartermijn/$"),
    ),
    # Administrator
    Shot("kennisbank", "leraar", ("/kennisbank/",)),
    Shot(
        "kennisbank-video-telefoon",
        "leraar",
        ("/kennisbank/video/rustige-start-en-overgang/",),
        phone=True,
    ),
    Shot(
        "kennisbank-teampagina",
        "coach",
        ("/kennisbank/cursussen/", r"/groeigerichte-feedback/$", r"/klubs/\d+/$"),
    ),
    Shot("kennisbank-coachingskit", "coach", ("/kennisbank/coachingskit/",)),
    Shot("beheerder-start", "beheerder", ("/",)),
    Shot("beheerder-beheer", "beheerder", ("/beheer/",)),
    Shot("beheerder-gebruikers", "beheerder", ("/beheer/accounts/user/",)),
]


def log_in(context: BrowserContext, email: str) -> None:
    page = context.new_page()
    page.goto(BASE_URL + "/account/aanmelden/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if urlsplit(page.url).path.startswith("/account/aanmelden/"):
        raise SystemExit(f"could not log in as {email}: is the demo running at {BASE_URL}?")
    page.close()


def follow(page: Page, pattern: str, shot: Shot) -> None:
    """Open the first link on the page whose path matches `pattern`."""
    hrefs: list[str] = page.eval_on_selector_all(
        "main a[href]", "links => links.map((a) => a.getAttribute('href'))"
    )
    for href in hrefs:
        if re.search(pattern, urlsplit(href).path):
            page.goto(urljoin(page.url, href), wait_until="load")
            return
    raise SystemExit(f"{shot.name}: no link matching {pattern!r} on {page.url}")


def optimised(png: bytes) -> bytes:
    """The screenshot with a palette of COLOURS, without dithering (flat UI colours, sharp
    text): a fraction of the size of the full-colour PNG."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    reduced = image.quantize(
        colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    reduced.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(context: BrowserContext, shot: Shot) -> Path:
    page = context.new_page()
    page.goto(BASE_URL + shot.route[0], wait_until="load")
    for pattern in shot.route[1:]:
        follow(page, pattern, shot)
    page.evaluate(VIDEOS_LOADED)
    # htmx swaps and fonts settle; the player's loading circle lingers a moment after loading.
    page.wait_for_timeout(2500 if page.locator("video").count() else 400)
    if shot.part:
        png = page.locator(shot.part).first.screenshot(animations="disabled", caret="hide")
    else:
        png = page.screenshot(animations="disabled", caret="hide")
    page.close()
    path = OUT_DIR / f"{shot.name}.png"
    path.write_bytes(optimised(png))
    return path


def context_for(browser: Browser, person: str, phone: bool) -> BrowserContext:
    context = browser.new_context(
        **(PHONE if phone else DESKTOP),
        locale="nl-BE",
        timezone_id="Europe/Brussels",
        reduced_motion="reduce",
    )
    if person != "visitor":
        log_in(context, PEOPLE[person])
    return context


def wait_for_server(seconds: int) -> None:
    """`make screenshots` starts the server just before this script: wait until it answers."""
    import time
    import urllib.request

    for _ in range(seconds):
        try:
            # BASE_URL is the demo server's http address from the Makefile, never a file.
            urllib.request.urlopen(BASE_URL + "/gezondheid/", timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"{BASE_URL} did not answer within {seconds} s")


def main(names: list[str]) -> int:
    wait_for_server(int(os.environ.get("SCREENSHOT_WAIT", "0")) or 1)
    unknown = set(names) - {shot.name for shot in SHOTS}
    if unknown:
        print(f"unknown shots: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    shots = [shot for shot in SHOTS if not names or shot.name in names]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    total = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        contexts: dict[tuple[str, bool], BrowserContext] = {}
        for shot in shots:
            key = (shot.person, shot.phone)
            if key not in contexts:
                contexts[key] = context_for(browser, *key)
            path = take(contexts[key], shot)
            size = path.stat().st_size
            total += size
            print(f"{path.relative_to(OUT_DIR.parents[3])}  {size // 1024} kB")
        browser.close()
    print(f"{len(shots)} screenshots, {total // 1024} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
