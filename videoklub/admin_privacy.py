"""What the admin site may show: bookkeeping, never what people wrote.

Administrators keep the platform running; they hold no key to the classroom. The ModelAdmins of
models that hold people's work list their fields explicitly (no `_meta.fields` loops, so a new
field stays out of the admin until someone decides it is metadata), and every ModelAdmin of the
project derives from `BookkeepingAdmin`, whose deletion page names only the objects being
deleted and counts the rest: Django's own page lists every cascaded row by its `str()`, which
for annotations, reflections or notes is their text. `tests/test_admin_privacy.py` renders every
admin page with every field that is not on its list of metadata marked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, quote
from django.db import models, router
from django.db.models import ForeignObjectRel
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def _counted(counts: Counter[type[models.Model]]) -> list[str]:
    return [
        _("%(things)s: %(count)d")
        % {"things": capfirst(model._meta.verbose_name_plural), "count": count}
        for model, count in sorted(counts.items(), key=lambda item: item[0]._meta.label)
        if count
    ]


def summarised_deleted_objects(
    objs: Sequence[models.Model] | models.QuerySet,
    request: HttpRequest,
    admin_site: admin.AdminSite,
) -> tuple[list[Any], dict[str, int], set[str], list[str]]:
    """`ModelAdmin.get_deleted_objects` without the contents: the objects themselves by name
    (their `str()` is metadata, see the test), what goes with them as counts per kind, and
    the same permission check as Django's."""
    objs = list(objs)
    if not objs:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    collected: dict[Any, set[models.Model]] = collector.model_objs
    perms_needed = set()
    for model, instances in collected.items():
        if not admin_site.is_registered(model):
            continue
        model_admin = admin_site.get_model_admin(model)
        if any(not model_admin.has_delete_permission(request, obj) for obj in instances):
            perms_needed.add(model._meta.verbose_name)
    to_delete = [_object_link(obj, admin_site) for obj in objs]
    model_count = {
        model._meta.verbose_name_plural: len(instances) for model, instances in collected.items()
    }
    return to_delete, model_count, perms_needed, _counted(Counter(map(type, collector.protected)))


def _object_link(obj: models.Model, admin_site: admin.AdminSite) -> str:
    opts = obj._meta
    try:
        url = reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
        )
    except NoReverseMatch:
        return format_html("{}: {}", capfirst(opts.verbose_name), obj)
    return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)


class BookkeepingAdmin(admin.ModelAdmin):
    """The base of every ModelAdmin of the project (see the module's docstring)."""

    def get_deleted_objects(self, objs, request):
        return summarised_deleted_objects(objs, request, self.admin_site)


def references_to(obj: models.Model, *, ignore: Iterable[str] = ()) -> list[str]:
    """What still refers to `obj`, as "kind: count" lines: every reverse relation (hidden ones,
    `related_name="+"`, included) except the models labelled in `ignore` ("app.Model").
    Empty when nothing does."""
    counts: Counter[type[models.Model]] = Counter()
    for relation in obj._meta.get_fields(include_hidden=True):
        # Reverse relations: the foreign keys (and one-to-ones) of other models pointing here.
        if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
            continue
        related: Any = relation.related_model
        if related._meta.label in ignore:
            continue
        counts[related] += related._default_manager.filter(**{relation.field.name: obj}).count()
    return _counted(counts)
