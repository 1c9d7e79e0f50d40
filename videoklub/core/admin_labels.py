"""Dutch names in the admin for the apps and models of the libraries we use.

The admin's index names each app by its `AppConfig.verbose_name` and each model by its
`verbose_name_plural`. Some libraries leave these untranslatable ("Axes", "Django_Rq", "Tasks
Database Backend", "TOTP device"), so an administrator reading Dutch met English. The names
that a library does mark for translation ("access attempts", "Task Results") are translated in
our catalogue instead; only the plain strings are replaced here.

Only names change: a model's verbose name is not part of its migration state that matters here
(no table or column changes), and the app labels, URLs and permissions stay the library's.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

APP_NAMES = {
    "axes": _("Login protection"),
    "django_rq": _("Task queues (RQ)"),
    "django_tasks_database": _("Background tasks"),
    "otp_totp": _("Two-step verification"),
}

# app label, model name -> (verbose name, verbose name plural)
# The libraries' own names are marked for translation in their catalogues, which have no Dutch;
# naming them here puts them in ours, where `makemessages` keeps them.
MODEL_NAMES = {
    ("django_rq", "dashboard"): (_("queue dashboard"), _("queues")),
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("axes", "accessattempt"): (_("login attempt"), _("login attempts")),
    ("axes", "accessfailurelog"): (_("failed login"), _("failed logins")),
    ("axes", "accesslog"): (_("login record"), _("login records")),
    ("axes", "accessattemptexpiration"): (
        _("expiry of a login attempt"),
        _("expiries of login attempts"),
    ),
    ("django_tasks_database", "dbtaskresult"): (_("task result"), _("task results")),
}


def apply_dutch_admin_labels() -> None:
    """Give third-party apps and models names our catalogue translates. Called once from
    `CoreConfig.ready()`; an app that is not installed is skipped."""
    installed = apps.app_configs  # by label
    for label, name in APP_NAMES.items():
        if label in installed:
            installed[label].verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        if label not in installed:
            continue
        meta = apps.get_model(label, model_name)._meta
        meta.verbose_name = singular
        meta.verbose_name_plural = plural
