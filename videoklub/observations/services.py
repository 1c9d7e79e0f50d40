"""Writes for kijkwijzers and observations.

A kijkwijzer's content (scale, domains, indicators) is frozen in a FrameworkVersion: editing
publishes a new version, so observations made earlier keep the indicators they were scored on.
Content is passed as plain data:

    domains = [{"name": "...", "indicators": [{"key": "...", "text": "...", "description": ""}]}]
    scale = [{"value": 1, "label": "...", "anchor": "..."}]

An indicator's `key` is optional; it stays the same across versions for an unchanged indicator
(same key or same text as in the latest version), which is what the before/after comparison of
two cycles matches on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from videoklub.observations import shipped
from videoklub.observations.models import (
    Framework,
    FrameworkVersion,
    Indicator,
    Observation,
    Score,
)

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.cycles.models import CorePractice
    from videoklub.organisations.models import Klub, School
    from videoklub.recordings.models import Fragment

KEY_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
_KEEP: Any = object()


def framework_seed_shipped(*, apps: Any = global_apps) -> list[Framework]:
    """Create or update the shipped kijkwijzers (also used by the data migration, with the
    historical models). Running it again never duplicates."""
    with transaction.atomic():
        return shipped.seed(apps)


def _clean_content(
    *, name: str, domains: list[dict[str, Any]], scale: list[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """Normalise and validate a kijkwijzer's content; errors keyed name / scale / domains."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Give the kijkwijzer a name."))
    elif len(name) > 200:
        errors.setdefault("name", []).append(_("The name can be at most 200 characters long."))

    clean_scale: list[dict[str, Any]] = []
    seen_values: set[int] = set()
    for level in scale:
        try:
            value = int(level["value"])
        except (KeyError, TypeError, ValueError):
            errors.setdefault("scale", []).append(_("Every scale level needs a whole number."))
            continue
        label = (level.get("label") or "").strip()
        if value in seen_values:
            errors.setdefault("scale", []).append(
                _("The value %(value)s appears more than once in the scale.") % {"value": value}
            )
        if not label:
            errors.setdefault("scale", []).append(
                _("The scale level %(value)s needs a label.") % {"value": value}
            )
        elif len(label) > 100:
            errors.setdefault("scale", []).append(
                _("A scale label can be at most 100 characters long.")
            )
        seen_values.add(value)
        clean_scale.append(
            {"value": value, "label": label, "anchor": (level.get("anchor") or "").strip()}
        )
    if len(clean_scale) < 2:
        errors.setdefault("scale", []).append(_("A scale needs at least two levels."))
    clean_scale.sort(key=lambda level: level["value"])

    clean_domains: list[dict[str, Any]] = []
    for domain in domains:
        domain_name = (domain.get("name") or "").strip()
        indicators = [
            {
                "key": (item.get("key") or "").strip(),
                "text": (item.get("text") or "").strip(),
                "description": (item.get("description") or "").strip(),
            }
            for item in domain.get("indicators") or []
        ]
        if not domain_name:
            errors.setdefault("domains", []).append(_("Every domain needs a name."))
        elif len(domain_name) > 200:
            errors.setdefault("domains", []).append(
                _("A domain name can be at most 200 characters long.")
            )
        if not indicators:
            errors.setdefault("domains", []).append(
                _("The domain “%(domain)s” has no indicators.") % {"domain": domain_name or "?"}
            )
        for item in indicators:
            if not item["text"]:
                errors.setdefault("domains", []).append(_("Every indicator needs a text."))
            elif len(item["text"]) > 300:
                errors.setdefault("domains", []).append(
                    _("An indicator can be at most 300 characters long.")
                )
        clean_domains.append({"name": domain_name, "indicators": indicators})
    if not clean_domains:
        errors.setdefault("domains", []).append(
            _("A kijkwijzer needs at least one domain with indicators.")
        )
    if errors:
        raise ValidationError(errors)
    return name, clean_domains, clean_scale


def _assign_keys(
    domains: list[dict[str, Any]],
    *,
    previous: list[tuple[str, str]] = (),  # type: ignore[assignment]
    reserved: set[str] | None = None,
) -> None:
    """Give every indicator a key, in place. An indicator keeps the key it came with if that
    key was in the previous version, or the key of the previous indicator with the same text;
    others get a new key never used before in this kijkwijzer (`reserved`)."""
    previous_keys = {key for key, _text in previous}
    by_text = {text.casefold(): key for key, text in previous}
    reserved = set(reserved or ()) | previous_keys
    used: set[str] = set()
    for domain in domains:
        for item in domain["indicators"]:
            given = item.get("key") or ""
            key = ""
            if given and given in previous_keys and given not in used:
                key = given
            elif by_text.get(item["text"].casefold()) not in (None, *used):
                key = by_text[item["text"].casefold()]
            elif given and KEY_PATTERN.match(given) and given not in reserved | used:
                key = given
            if not key:
                base = slugify(item["text"])[:50].strip("-") or "indicator"
                key, number = base, 2
                while key in reserved or key in used:
                    key, number = f"{base}-{number}", number + 1
            item["key"] = key
            used.add(key)


def _check_owner(klub: Klub | None, school: School | None) -> None:
    if (klub is None) == (school is None):
        raise ValidationError(_("An own kijkwijzer belongs to exactly one klub or one school."))


@transaction.atomic
def framework_create(
    *,
    created_by: User,
    name: str,
    description: str,
    core_practice: CorePractice | None = None,
    klub: Klub | None = None,
    school: School | None = None,
    domains: list[dict[str, Any]],
    scale: list[dict[str, Any]],
) -> Framework:
    """Create an own kijkwijzer of a klub or a school, with its first version."""
    _check_owner(klub, school)
    name, domains, scale = _clean_content(name=name, domains=domains, scale=scale)
    _assign_keys(domains)
    framework = Framework(
        name=name,
        description=(description or "").strip(),
        core_practice=core_practice,
        klub=klub,
        school=school,
        created_by=created_by,
    )
    framework.full_clean()
    framework.save()
    version = FrameworkVersion.objects.create(framework=framework, number=1, created_by=created_by)
    shipped.write_version_content(global_apps, version, domains=domains, scale=scale)
    return framework


@transaction.atomic
def framework_publish_version(
    *,
    framework: Framework,
    created_by: User,
    name: str,
    description: str,
    domains: list[dict[str, Any]],
    scale: list[dict[str, Any]],
    core_practice: CorePractice | None = _KEEP,
) -> FrameworkVersion:
    """Publish an edited kijkwijzer as a new version; earlier versions stay as they were."""
    if framework.is_shipped:
        raise ValidationError(_("A shipped kijkwijzer cannot be edited; make a copy first."))
    # Lock the kijkwijzer, so two editors cannot publish the same version number.
    Framework.objects.select_for_update().filter(pk=framework.pk).first()
    name, domains, scale = _clean_content(name=name, domains=domains, scale=scale)
    latest = framework.versions.order_by("-number").first()
    previous = list(latest.indicators.order_by("pk").values_list("key", "text")) if latest else []
    reserved = set(
        Indicator.objects.filter(version__framework=framework).values_list("key", flat=True)
    )
    _assign_keys(domains, previous=previous, reserved=reserved)
    number = (framework.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    version = FrameworkVersion.objects.create(
        framework=framework, number=number, created_by=created_by
    )
    shipped.write_version_content(global_apps, version, domains=domains, scale=scale)
    framework.name = name
    framework.description = (description or "").strip()
    fields = ["name", "description"]
    if core_practice is not _KEEP:
        framework.core_practice = core_practice
        fields.append("core_practice")
    framework.full_clean()
    framework.save(update_fields=fields)
    return version


def version_content(version: FrameworkVersion) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The (domains, scale) of a version as plain data, keys included."""
    domains = [
        {
            "name": domain.name,
            "indicators": [
                {"key": i.key, "text": i.text, "description": i.description}
                for i in domain.indicators.all()
            ],
        }
        for domain in version.domains.prefetch_related("indicators")
    ]
    scale = [
        {"value": level.value, "label": level.label, "anchor": level.anchor}
        for level in version.scale_levels.all()
    ]
    return domains, scale


@transaction.atomic
def framework_copy(
    *,
    framework: Framework,
    created_by: User,
    klub: Klub | None = None,
    school: School | None = None,
) -> Framework:
    """Copy a kijkwijzer's latest version into an own one of a klub or a school. Indicator keys
    are kept, so observations with the copy compare with those made with the original."""
    _check_owner(klub, school)
    latest = framework.versions.order_by("-number").first()
    if latest is None:
        raise ValidationError(_("This kijkwijzer has no content to copy."))
    domains, scale = version_content(latest)
    copy = Framework(
        name=(_("%(name)s (copy)") % {"name": framework.name})[:200],
        description=framework.description,
        core_practice=framework.core_practice,
        klub=klub,
        school=school,
        created_by=created_by,
    )
    copy.full_clean()
    copy.save()
    version = FrameworkVersion.objects.create(framework=copy, number=1, created_by=created_by)
    shipped.write_version_content(global_apps, version, domains=domains, scale=scale)
    return copy


@transaction.atomic
def observation_create(
    *,
    fragment: Fragment,
    version: FrameworkVersion,
    observer: User,
    notes: str = "",
    scores: dict[int, tuple[int | None, str]],
) -> Observation:
    """Record an observation of a fragment with a kijkwijzer version.

    `scores` maps indicator ids of that version to (value or None, note); indicators left out
    (or with neither a value nor a note) are not scored.
    """
    indicators = Indicator.objects.select_related("version__framework").in_bulk(list(scores))
    errors: list[str] = []
    for indicator_id in scores:
        indicator = indicators.get(indicator_id)
        if indicator is None:
            errors.append(_("An indicator that was scored no longer exists."))
        elif indicator.version_id != version.pk:
            errors.append(
                _(
                    "The indicator “%(indicator)s” is not part of the kijkwijzer "
                    "“%(kijkwijzer)s” (version %(number)s)."
                )
                % {
                    "indicator": indicator.text,
                    "kijkwijzer": version.framework.name,
                    "number": version.number,
                }
            )
    allowed = set(version.scale_levels.values_list("value", flat=True))
    for value, _note in scores.values():
        if value is not None and value not in allowed:
            errors.append(
                _("The score %(value)s is not on this kijkwijzer’s scale (%(values)s).")
                % {"value": value, "values": ", ".join(str(v) for v in sorted(allowed))}
            )
    if errors:
        raise ValidationError(errors)
    observation = Observation(
        fragment=fragment, version=version, observer=observer, notes=(notes or "").strip()
    )
    observation.full_clean()
    observation.save()
    Score.objects.bulk_create(
        Score(
            observation=observation,
            indicator_id=indicator_id,
            value=value,
            note=(note or "").strip(),
        )
        for indicator_id, (value, note) in scores.items()
        if value is not None or (note or "").strip()
    )
    return observation
