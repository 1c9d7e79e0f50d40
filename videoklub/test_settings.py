"""Test settings: only speed and safety differ from production settings."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Tasks run at once inside the test process; the worker tests start real workers instead.
os.environ.setdefault("TASK_BACKEND", "immediate")
# A Redis database of its own, so tests never touch a developer's queues.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
# Rate-limit counters in the real Redis, in a database of their own; each test process (every
# pytest-xdist worker) has its own key prefix, and conftest.py clears its keys between tests.
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/14")
# Tests log administrators in with force_login; the two-factor tests switch the requirement on.
os.environ.setdefault("OTP_REQUIRED_FOR_STAFF", "false")

from videoklub.settings import *  # noqa: F403
from videoklub.settings import CACHES, DATABASES, VAR_DIR

CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"
# Argon2 is deliberately slow; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "test-media"))
STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT  # noqa: F405
# Serve static files from the apps, as in development (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Plain http in tests (the live server for the browser has no TLS).
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: worker processes started by the tests must see the same database.
    # One per test process, so two test runs in one checkout never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
VAR_DIR.mkdir(exist_ok=True)
