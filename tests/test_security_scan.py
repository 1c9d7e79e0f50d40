"""A security-header scan of the running app: gunicorn with the production settings, reached as
through the TLS-terminating proxy (X-Forwarded-Proto: https).

The checks follow the OWASP Secure Headers Project's checklist, written out here. Santander's
`drheader` was the first choice, but it pins exact versions of jsonschema (4.19.2) and PyYAML
(6.0.1) that conflict with moto[server]'s requirements, so it cannot be installed beside the
test dependencies.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import requests
from django.conf import settings

EMAIL = "lotte.peeters@school.test"
PASSWORD = "een-sterk-wachtwoord-7"
ONE_YEAR = 60 * 60 * 24 * 365
STRICT_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}

SETUP_DATA = f"""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from videoklub.accounts.models import User
from videoklub.recordings.models import Recording
user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r}, full_name="Lotte Peeters")
recording = Recording.objects.create(owner=user, title="Rekenles", status="ready", duration=10)
recording.rendition = default_storage.save(recording.prefix + "rendition.mp4",
                                           ContentFile(b"SECRET-VIDEO-BYTES" * 100))
recording.save()
print("CREATED", recording.uuid, recording.rendition.name)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@dataclass
class App:
    url: str
    origin: str
    media_root: Path
    recording_uuid: str
    rendition_name: str


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[App]:
    tmp = tmp_path_factory.mktemp("scan")
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "videoklub.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_TLS_PROXY": "true",
        "PROXY_COUNT": "1",
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "TASK_BACKEND": "immediate",
    }
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    output = manage("shell", "-c", SETUP_DATA, env=env)
    _, uuid, rendition = re.search(r"CREATED \S+ \S+", output).group().split()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "videoklub.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, "gunicorn exited"
                time.sleep(0.1)
        yield App(
            url=f"http://127.0.0.1:{port}",
            origin=f"https://127.0.0.1:{port}",
            media_root=tmp / "media",
            recording_uuid=uuid,
            rendition_name=rendition,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


class Browser:
    """requests as a browser behind the TLS proxy. The proxy speaks https to the browser, so
    the cookies are Secure; requests would not send those over this plain-http hop, hence our
    own small cookie jar."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.session = requests.Session()
        self.cookies: dict[str, str] = {}
        self.set_cookies: dict[str, str] = {}  # name -> the Set-Cookie header that set it

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.7",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.session.request(
            method, self.app.url + path, headers=headers, allow_redirects=False, **kwargs
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
                self.set_cookies[name] = header
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def log_in(self) -> requests.Response:
        page = self.get("/account/aanmelden/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request(
            "POST",
            "/account/aanmelden/",
            data={"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Origin": self.app.origin, "Referer": self.app.origin + "/account/aanmelden/"},
        )


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name.lower()] = values
    return directives


def owasp_header_problems(response: requests.Response) -> list[str]:
    """The OWASP Secure Headers checklist for one HTML response; an empty list passes."""
    headers = response.headers
    problems = []
    csp = headers.get("Content-Security-Policy")
    if not csp:
        problems.append("Content-Security-Policy is missing")
    else:
        directives = csp_directives(csp)
        script_src = directives.get("script-src", directives.get("default-src", []))
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:"):
            if unsafe in script_src:
                problems.append(f"script-src allows {unsafe}")
        if "'unsafe-inline'" in directives.get("style-src", []):
            problems.append("style-src allows 'unsafe-inline'")
        if directives.get("default-src") != ["'self'"]:
            problems.append("default-src is not 'self'")
        if directives.get("object-src") != ["'none'"]:
            problems.append("object-src is not 'none'")
        if "base-uri" not in directives:
            problems.append("base-uri is not restricted")
    hsts = headers.get("Strict-Transport-Security", "")
    max_age = re.search(r"max-age=(\d+)", hsts)
    if not max_age or int(max_age.group(1)) < ONE_YEAR:
        problems.append(f"Strict-Transport-Security is weak: {hsts!r}")
    if "includesubdomains" not in hsts.lower():
        problems.append("Strict-Transport-Security lacks includeSubDomains")
    if headers.get("X-Content-Type-Options", "").lower() != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    frame_ancestors = csp_directives(csp).get("frame-ancestors") if csp else None
    if headers.get("X-Frame-Options", "").upper() != "DENY" and frame_ancestors != ["'none'"]:
        problems.append("framing is allowed (no X-Frame-Options DENY or frame-ancestors 'none')")
    if headers.get("Referrer-Policy", "").lower() not in STRICT_REFERRER_POLICIES:
        problems.append(f"Referrer-Policy is not strict: {headers.get('Referrer-Policy')!r}")
    if headers.get("Cross-Origin-Opener-Policy", "").lower() != "same-origin":
        problems.append("Cross-Origin-Opener-Policy is not same-origin")
    server = headers.get("Server", "")
    if re.search(r"django|wsgiserver|python|\d", server, re.IGNORECASE):
        problems.append(f"Server reveals the software: {server!r}")
    for leaky in ("X-Powered-By", "X-AspNet-Version", "X-Runtime"):
        if leaky in headers:
            problems.append(f"{leaky} is sent")
    return problems


def cookie_problems(set_cookie: str, *, http_only: bool) -> list[str]:
    attributes = [part.strip().lower() for part in set_cookie.split(";")[1:]]
    problems = []
    if "secure" not in attributes:
        problems.append("not Secure")
    if http_only and "httponly" not in attributes:
        problems.append("not HttpOnly")
    if not {"samesite=lax", "samesite=strict"} & set(attributes):
        problems.append("SameSite is neither Lax nor Strict")
    return problems


def test_the_login_page_passes_the_header_checklist(app):
    response = Browser(app).get("/account/aanmelden/")
    assert response.status_code == 200
    assert owasp_header_problems(response) == []


def test_a_page_that_does_not_exist_passes_the_header_checklist(app):
    response = Browser(app).get("/bestaat-niet/")
    assert response.status_code == 404
    assert owasp_header_problems(response) == []
    assert "Django" not in response.text and "Traceback" not in response.text


def test_plain_http_is_redirected_to_https(app):
    response = requests.get(app.url + "/account/aanmelden/", allow_redirects=False)
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_a_logged_in_page_and_the_cookies_pass_the_checklist(app):
    browser = Browser(app)
    login = browser.log_in()
    assert login.status_code == 302, login.text[:500]
    assert {"csrftoken", "sessionid"} <= browser.set_cookies.keys()
    assert cookie_problems(browser.set_cookies["sessionid"], http_only=True) == []
    assert cookie_problems(browser.set_cookies["csrftoken"], http_only=False) == []

    home = browser.get(login.headers["Location"])
    assert home.status_code == 200
    assert "Lotte" in home.text  # really logged in
    assert owasp_header_problems(home) == []


def test_media_have_no_public_address(app):
    browser = Browser(app)
    browser.log_in()
    stored = app.media_root / app.rendition_name
    assert stored.exists()
    for path in (
        f"/media/{app.rendition_name}",
        f"/{app.rendition_name}",
        str(stored),  # the MEDIA_ROOT folder as a URL
        f"/var/media/{app.rendition_name}",
        f"/static/../media/{app.rendition_name}",
    ):
        response = browser.get(path)
        assert response.status_code == 404, path
        assert b"SECRET-VIDEO-BYTES" not in response.content


def test_a_recordings_stream_without_login_redirects_to_the_login_and_sends_no_bytes(app):
    response = Browser(app).get(
        f"/opnames/{app.recording_uuid}/video/", headers={"Range": "bytes=0-"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/aanmelden/?next=")
    assert b"SECRET-VIDEO-BYTES" not in response.content


def policy_in(env: dict) -> dict[str, list[str]]:
    """The CSP directives the settings build from this environment."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(repr(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']))",
        ],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "videoklub.settings",
            "SECRET_KEY": "x" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    import ast

    return ast.literal_eval(result.stdout.strip())


def test_signed_object_storage_urls_may_stream_under_the_policy():
    local = policy_in({})
    assert local["media-src"] == ["'self'", "blob:"]

    endpoint = policy_in(
        {
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": "lessen",
            "S3_ENDPOINT_URL": "https://s3.example.be:9000/",
        }
    )
    assert endpoint["media-src"] == ["'self'", "blob:", "https://s3.example.be:9000"]
    assert "https://s3.example.be:9000" in endpoint["img-src"]  # posters, thumbnails
    assert endpoint["script-src"] == ["'self'"]

    aws = policy_in({"STORAGE_BACKEND": "s3", "S3_BUCKET": "lessen", "S3_REGION": "eu-west-1"})
    assert "https://lessen.s3.eu-west-1.amazonaws.com" in aws["media-src"]
