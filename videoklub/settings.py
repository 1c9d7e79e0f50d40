"""Settings for videoklub, read entirely from the environment.

The defaults are safe for production (DEBUG off, secure cookies, HSTS); `make run` switches on
DEBUG for the embedded development setup. Every variable is listed in the README.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# No real secret has a default: only a development run may fall back to an insecure key.
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key-" + "x" * 20)
else:
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public address used in e-mailed links (invitations), where no request is at hand.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "videoklub.accounts",
    "videoklub.organisations",
    "videoklub.recordings",
    "videoklub.sharing",
    "videoklub.consent",
    "videoklub.notifications",
    "videoklub.audit",
    "videoklub.cycles",
    "videoklub.observations",
    "videoklub.meetings",
    "videoklub.analysis",
    "videoklub.privacy",
    "videoklub.home",
    "videoklub.guide",
    "videoklub.demo",
    "videoklub.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "template_partials",
    "axes",
    # Rate limits (uploads, e-mails, login and code failures), counted in the shared cache.
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    # The knowledge base's content (kennisdossiers): Wagtail stores, versions and edits it; our
    # own views render it (videoklub/knowledge). Only the parts that editing needs.
    "wagtail",
    "wagtail.admin",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.sites",
    "wagtail.snippets",
    "modelcluster",
    "taggit",
    # After Wagtail and taggit: its admin.py takes their models out of Django's admin.
    "videoklub.knowledge",
    "videoklub.courses",
    "videoklub.practice",
    "videoklub.surveys",
    "videoklub.baseline",
    "videoklub.bookclubs",
    "videoklub.community",
    "videoklub.intervision",
    "videoklub.festival",
    "videoklub.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "videoklub.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor?
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Asks for the code of a confirmed device, and sends staff without one to the setup.
    "videoklub.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Wagtail's editor only for whom our policy names (after the second factor's middleware).
    "videoklub.knowledge.middleware.EditorAccessMiddleware",
    # Last, as django-axes asks: it turns a lockout into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "videoklub.urls"
WSGI_APPLICATION = "videoklub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "videoklub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "videoklub.home.context_processors.navigation",
                "videoklub.notifications.context_processors.unread",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------
# SQLite in var/ is the embedded default; PostgreSQL (DATABASE_URL=postgres://...) at scale.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write concurrently: WAL and IMMEDIATE transactions
    # turn "database is locked" errors into short waits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Holds the rate-limit counters (django-ratelimit), so it must be shared by every web process:
# a per-process memory cache would give each process its own allowance. The embedded default
# is a table in the database (made by `migrate`, see core/apps.py); at scale Redis,
# e.g. CACHE_URL=redis://127.0.0.1:6379/1.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://videoklub_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # Django's database cache with an atomic increment: see videoklub/core/cache.py.
    CACHES["default"]["BACKEND"] = "videoklub.core.cache.DatabaseCache"
# django-ratelimit warns about any cache it does not list (W001). Ours both increment
# atomically: Redis with INCR (Django's own Redis cache postdates that list), the database
# cache through videoklub/core/cache.py. Caches that cannot (memory, files, dummy) still fail
# the check with E003.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# --- Accounts and authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes must come first: it refuses a login once too many attempts failed.
    "axes.backends.AxesStandaloneBackend",
    # Then: refuse password logins from a client address that failed on too many accounts.
    "videoklub.accounts.throttling.NetworkThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign in with the school's account (OpenID Connect); answers only that flow's callback.
    "videoklub.accounts.school_login_backend.SchoolLoginBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's rules with help texts that say "je", as the rest of the app (Django's Dutch says "Uw").
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "videoklub.accounts.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "videoklub.accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "videoklub.accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "videoklub.accounts.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)

# Login throttling (django-axes): lock a username from one address after repeated failures.
# Username *and* address: a whole school shares one public address behind its router.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "videoklub.accounts.throttling.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None
AXES_VERBOSE = False
# School sign-ins are neither counted nor blocked by the password lockout (see the function).
AXES_WHITELIST_CALLABLE = "videoklub.accounts.school_login_backend.axes_exempt"
# The client address for every rate limit, as django-axes determines it (PROXY_COUNT).
RATELIMIT_IP_META_KEY = "videoklub.accounts.throttling.client_ip"
# Password spraying: one address trying a few passwords on many accounts stays under the
# per-account lockout above, so failures are also counted per address across accounts. Higher
# than per account: a school's teachers all log in from the school's one public address, and a
# Monday morning of mistyped passwords must not lock the whole school out.
LOGIN_FAILURE_LIMIT_PER_IP = env.int("LOGIN_FAILURE_LIMIT_PER_IP", default=30)
# Wrong two-step codes within LOGIN_COOLOFF_MINUTES, per account and per address, on top of
# django-otp's doubling wait per device (which a right code resets).
TWO_FACTOR_FAILURE_LIMIT = env.int("TWO_FACTOR_FAILURE_LIMIT", default=10)
TWO_FACTOR_FAILURE_LIMIT_PER_IP = env.int("TWO_FACTOR_FAILURE_LIMIT_PER_IP", default=30)
# E-mails per hour: a form must not become a way to flood someone's mailbox.
PASSWORD_RESET_MAILS_PER_ADDRESS = env.int("PASSWORD_RESET_MAILS_PER_ADDRESS", default=3)
PASSWORD_RESET_MAILS_PER_IP = env.int("PASSWORD_RESET_MAILS_PER_IP", default=20)
INVITATION_MAILS_PER_ADDRESS = env.int("INVITATION_MAILS_PER_ADDRESS", default=3)
# Project staff invite a whole wave's coaches and school leaders in one sitting.
INVITATION_MAILS_PER_IP = env.int("INVITATION_MAILS_PER_IP", default=60)


# --- Sign in with the school's account (OpenID Connect, mozilla-django-oidc) ----------------
# Off unless a client id is set. One provider from the OIDC_* variables below, or several
# (e.g. Microsoft 365 and Google Workspace) named in OIDC_PROVIDERS=microsoft,google, each from
# OIDC_MICROSOFT_CLIENT_ID, OIDC_MICROSOFT_ISSUER, ... It only opens an existing, active account
# whose address the provider says is verified; accounts still come from invitations alone.
# The endpoints come from the issuer's discovery document unless all four are given.
def _oidc_provider(prefix: str) -> dict[str, Any] | None:
    client_id = env.str(f"{prefix}CLIENT_ID", default="")
    if not client_id:
        return None
    config = {
        "client_id": client_id,
        "client_secret": env.str(f"{prefix}CLIENT_SECRET"),
        "issuer": env.str(f"{prefix}ISSUER", default="").rstrip("/"),
        "allowed_email_domains": [
            domain.strip().lstrip("@").lower()
            for domain in env.list(f"{prefix}ALLOWED_EMAIL_DOMAINS", default=[])
            if domain.strip()
        ],
        "button_label": env.str(f"{prefix}BUTTON_LABEL", default=""),
        **{
            f"{endpoint}_endpoint": env.str(f"{prefix}{endpoint.upper()}_ENDPOINT", default="")
            for endpoint in ("authorization", "token", "userinfo", "jwks")
        },
    }
    explicit = all(config[f"{e}_endpoint"] for e in ("authorization", "token", "userinfo", "jwks"))
    if not config["issuer"] and not explicit:
        raise ImproperlyConfigured(f"{prefix}CLIENT_ID needs {prefix}ISSUER (or all endpoints).")
    return config


OIDC_PROVIDERS: dict[str, dict[str, Any]] = {}
for _name in env.list("OIDC_PROVIDERS", default=[]):
    _config = _oidc_provider(f"OIDC_{_name.strip().upper()}_")
    if _config is None:
        raise ImproperlyConfigured(f"OIDC_PROVIDERS names {_name}: set OIDC_{_name.upper()}_*.")
    OIDC_PROVIDERS[_name.strip().lower()] = _config
    if len(env.list("OIDC_PROVIDERS")) > 1 and not _config["button_label"]:
        # Two buttons with the same text would leave a person guessing.
        raise ImproperlyConfigured(f"Several providers: set OIDC_{_name.upper()}_BUTTON_LABEL.")
if not OIDC_PROVIDERS and (_config := _oidc_provider("OIDC_")):
    OIDC_PROVIDERS["school"] = _config
# mozilla-django-oidc's own settings, the same for every provider.
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:school_login_callback"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "videoklub" / "locale"]
LANGUAGE_COOKIE_NAME = "videoklub_language"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# One date format per kind in Dutch (date; date with time): videoklub/formats/nl_BE.
FORMAT_MODULE_PATH = ["videoklub.formats"]

# --- Static files and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "videoklub" / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# No MEDIA_URL is served: media only ever leave through permission-checked views.
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="local")
# Signed object-storage URLs live this long; each one is handed out after a permission check.
# Short: a revoked share must stop working soon even for a player holding a signed URL.
S3_URL_EXPIRY_SECONDS = env.int("S3_URL_EXPIRY_SECONDS", default=60)
if STORAGE_BACKEND == "s3":
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": S3_URL_EXPIRY_SECONDS,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
STORAGES: dict[str, dict[str, Any]] = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Recordings -------------------------------------------------------------------------------
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=8 * 1024**3)
UPLOAD_ALLOWED_EXTENSIONS = env.list(
    "UPLOAD_ALLOWED_EXTENSIONS", default=["mp4", "m4v", "mov", "webm", "mkv", "avi", "3gp", "mts"]
)
# Abandoned (unfinished) uploads are deleted this long after their last byte arrived.
UPLOAD_EXPIRY_HOURS = env.int("UPLOAD_EXPIRY_HOURS", default=48)
# Storage quotas (0: none). A recording counts for its owner and for its klub's school: its
# original, rendition and fragment exports once stored, the announced length of an upload from
# its creation (a deferred length from when it is known, the bytes received until then).
STORAGE_QUOTA_PER_TEACHER_GB = env.int("STORAGE_QUOTA_PER_TEACHER_GB", default=50)
STORAGE_QUOTA_PER_SCHOOL_GB = env.int("STORAGE_QUOTA_PER_SCHOOL_GB", default=1000)
# Unfinished uploads one person may have at a time, and new uploads per hour.
UPLOAD_MAX_UNFINISHED = env.int("UPLOAD_MAX_UNFINISHED", default=3)
UPLOAD_CREATIONS_PER_HOUR = env.int("UPLOAD_CREATIONS_PER_HOUR", default=20)
RECORDING_MAX_DURATION_MINUTES = env.int("RECORDING_MAX_DURATION_MINUTES", default=180)
RENDITION_MAX_HEIGHT = env.int("RENDITION_MAX_HEIGHT", default=720)
# Processing without a heartbeat for this long was cut off (a killed worker) and is re-queued.
RECORDING_STALE_SECONDS = env.int("RECORDING_STALE_SECONDS", default=120)
# Behind nginx: let it send the bytes of media from an `internal` location after our check.
MEDIA_ACCEL_REDIRECT_PREFIX = env.str("MEDIA_ACCEL_REDIRECT_PREFIX", default="")
# Large uploads arrive through tus PATCH bodies, read as streams; ordinary forms stay small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Background tasks (Django's Tasks API through the django-tasks backport) --------------
# "database": the embedded default, a worker polls the database (`manage.py db_worker`).
# "rq": Redis-backed queue for workers on many machines (`manage.py rqworker default`).
TASK_BACKEND = env.str("TASK_BACKEND", default="database")
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60 * 60}}

# --- E-mail -------------------------------------------------------------------------------------
# consolemail:// prints messages (default); smtp+tls://user:password@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="VideoKLuB <no-reply@videoklub.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -----------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


def _storage_origins() -> list[str]:
    """Where signed object-storage URLs point: the browser follows the stream's redirect there."""
    if STORAGE_BACKEND != "s3":
        return []
    options: Any = _media_storage["OPTIONS"]
    if options["endpoint_url"]:
        parts = urlsplit(options["endpoint_url"])
        return [f"{parts.scheme}://{parts.netloc}"]
    bucket, region = options["bucket_name"], options["region_name"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins


# Content-Security-Policy (django-csp), also with DEBUG so a violation shows during development:
# no inline script or style anywhere; scripts and styles come from our own static files.
# Posters, thumbnails and videos are redirected to signed object-storage URLs with S3.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *_storage_origins()],
        "media-src": [SELF, "blob:", *_storage_origins()],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Knowledge base (Wagtail) ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "VideoKLuB"
WAGTAILADMIN_BASE_URL = SITE_URL
# The editor logs in with our own login page (and its second factor), not Wagtail's.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]
# No call home to wagtail.io from an editor's browser, no "what's new" banner.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from Gravatar: an editor's e-mail address (hashed) is not sent to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Full-text search in the database: PostgreSQL's Dutch configuration (stems "leerlingen" to
# "leerling") with its GIN index at scale; SQLite's FTS5 in the embedded default.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
}
# Downloads of a dossier leave through a Django view that asks our policy first (a hook in
# knowledge/wagtail_hooks.py), never as a public media path.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods"]

# The jobs of `manage.py maintenance` (every minute), each a command of the app that owns it.
PERIODIC_COMMANDS = [
    "recover_stalled",
    "recover_stalled_videos",
    "delete_abandoned_uploads",
    "delete_expired_exports",
    "apply_retention",
    "remind_due_actions",
    "remind_community_events",
    "send_notification_digests",
]
# The daily e-mail of notifications goes out from this hour (TIME_ZONE), after school.
NOTIFICATION_DIGEST_HOUR = env.int("NOTIFICATION_DIGEST_HOUR", default=16)

# Two-factor authentication (django-otp, TOTP). Optional for everyone; with
# OTP_REQUIRED_FOR_STAFF, staff and superusers must set it up before anything else and the
# admin site needs a verified session. Off with DEBUG, so the demo administrator can log in.
OTP_REQUIRED_FOR_STAFF = env.bool("OTP_REQUIRED_FOR_STAFF", default=not DEBUG)
OTP_TOTP_ISSUER = "VideoKLuB"
# Wrong codes: each failure doubles the wait before the next try (1 s, 2 s, 4 s, ...).
OTP_TOTP_THROTTLE_FACTOR = 1
# The admin never shows a device's secret or QR code; it may delete a lost device (recovery).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail logs every page edit at INFO; its own history (in the editor) keeps them.
    "loggers": {"axes": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
