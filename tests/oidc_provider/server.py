"""Start the test provider in a process of its own, and log in at it like a person would.

`running_provider()` migrates a fresh SQLite database, generates an RS256 key, creates the client
and a user, starts `runserver` on a free port of 127.0.0.1 and waits until the discovery document
answers; the process is killed afterwards.
"""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "videoklub-test-client"
CLIENT_SECRET = "videoklub-test-secret-0123456789"
USERNAME = "leerkracht"
PASSWORD = "provider-password-123"


@dataclass
class Provider:
    issuer: str
    env: dict[str, str]
    claims_file: Path

    def set_claims(self, **claims) -> None:
        """The claims the provider sends for its user from now on (email, email_verified...)."""
        self.claims_file.write_text(json.dumps({USERNAME: claims}))

    def add_redirect_uri(self, uri: str) -> None:
        _manage(
            self.env,
            "provider_setup",
            f"--client-id={CLIENT_ID}",
            f"--client-secret={CLIENT_SECRET}",
            f"--redirect-uri={uri}",
        )

    def settings(self, **extra) -> dict[str, dict]:
        """OIDC_PROVIDERS for videoklub, with this provider as its one school provider."""
        return {
            "school": {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "issuer": self.issuer,
                "allowed_email_domains": ["school.test"],
                "button_label": "",
                **extra,
            }
        }


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@contextmanager
def running_provider(folder: Path, redirect_uris: list[str]) -> Iterator[Provider]:
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}/o"
    claims_file = folder / "claims.json"
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "PROVIDER_DB": str(folder / "provider.sqlite3"),
        "PROVIDER_ISSUER": issuer,
        "PROVIDER_CLAIMS_FILE": str(claims_file),
        "PROVIDER_RSA_PRIVATE_KEY": _private_key_pem(),
    }
    _manage(env, "migrate", "--noinput", "--verbosity=0")
    _manage(
        env,
        "provider_setup",
        f"--client-id={CLIENT_ID}",
        f"--client-secret={CLIENT_SECRET}",
        *[f"--redirect-uri={uri}" for uri in redirect_uris],
        f"--user={USERNAME}:{PASSWORD}",
    )
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (folder / "provider.log").read_text()
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the test provider did not start in 30 s"
            time.sleep(0.2)
        yield Provider(issuer=issuer, env=env, claims_file=claims_file)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


class _Forms(HTMLParser):
    """The forms of a page: action and their inputs' names and values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action") or "", "fields": {}})
        elif (
            tag == "input"
            and self.forms
            and attributes.get("name")
            and attributes.get("type") != "submit"
        ):
            self.forms[-1]["fields"][attributes["name"]] = attributes.get("value") or ""


def _form(response: requests.Response) -> tuple[str, dict]:
    parser = _Forms()
    parser.feed(response.text)
    assert parser.forms, f"no form at {response.url}: {response.text[:500]}"
    form = parser.forms[0]
    return urljoin(response.url, form["action"]) or response.url, dict(form["fields"])


def log_in_and_consent(authorize_url: str, *, allow: bool = True) -> str:
    """Follow the provider's login and consent pages as a person would, with `requests`.

    Returns the URL the provider sends the browser back to (our callback with code and state).
    """
    session = requests.Session()
    page = session.get(authorize_url, timeout=10)  # redirected to the provider's login page
    action, fields = _form(page)
    fields.update(username=USERNAME, password=PASSWORD)
    consent = session.post(action, data=fields, headers={"Referer": page.url}, timeout=10)
    action, fields = _form(consent)
    if allow:
        fields["allow"] = "Authorize"
    back = session.post(
        action, data=fields, headers={"Referer": consent.url}, allow_redirects=False, timeout=10
    )
    assert back.status_code == 302, back.text[:500]
    return back.headers["Location"]
