"""Reading an instrument from a TOML or JSON file, with an error per line or field.

The same format serves the instruments we ship (`content/*.toml`) and a programme's own file
(a programme with permission to use an original published scale loads it this way, so its items
never have to be in our code). Checking gives every problem at once, each naming where it is
(the line of a syntax error, or "question 3: ..."), in the reader's language.
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

KINDS = ("scale", "open")
MAX_ITEMS = 200


class InstrumentFileError(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def _syntax_error(kind: str, line: int | None, detail: str) -> InstrumentFileError:
    if line is None:
        return InstrumentFileError(
            [_("The file is not valid %(kind)s: %(detail)s") % {"kind": kind, "detail": detail}]
        )
    return InstrumentFileError(
        [
            _("Line %(line)s: the file is not valid %(kind)s (%(detail)s).")
            % {"line": line, "kind": kind, "detail": detail}
        ]
    )


def load_text(text: str, filename: str) -> dict[str, Any]:
    """Parse `text` as TOML or JSON (by the file name's extension), then check it."""
    if filename.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise _syntax_error("JSON", error.lineno, error.msg) from error
    elif filename.lower().endswith(".toml"):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            # Python 3.11 puts the place in the message only: "... (at line 3, column 5)".
            found = re.search(r"\(at line (\d+), column \d+\)", str(error))
            detail = re.sub(r"\s*\(at line.*\)$", "", str(error))
            raise _syntax_error("TOML", int(found.group(1)) if found else None, detail) from error
    else:
        raise InstrumentFileError([_("Upload a .toml or .json file.")])
    if not isinstance(data, dict):
        raise InstrumentFileError([_("The file must describe one instrument (an object).")])
    return validate(data)


def _text(data: dict[str, Any], name: str, errors: list[str], where: str, required=True) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        errors.append(_("%(where)s: “%(field)s” must be text.") % {"where": where, "field": name})
        return ""
    value = value.strip()
    if required and not value:
        errors.append(_("%(where)s: “%(field)s” is missing.") % {"where": where, "field": name})
    return value


def _scale(data: Any, errors: list[str]) -> dict[str, Any]:
    where = _("Scale")
    if not isinstance(data, dict):
        errors.append(_("Scale: give “min”, “max” and “labels”."))
        return {}
    low, high = data.get("min"), data.get("max")
    if not isinstance(low, int) or not isinstance(high, int) or not 0 <= low < high <= 10:
        errors.append(_("Scale: “min” and “max” must be whole numbers from 0 to 10, min < max."))
        return {}
    labels = data.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        errors.append(_("%(where)s: “labels” must be a list of texts.") % {"where": where})
        labels = []
    elif labels and len(labels) != high - low + 1:
        errors.append(
            _("Scale: %(count)s labels for %(points)s points; give one label per point.")
            % {"count": len(labels), "points": high - low + 1}
        )
    return {"min": low, "max": high, "labels": [label.strip() for label in labels]}


def _subscales(data: Any, errors: list[str]) -> list[dict[str, str]]:
    if data is None:
        return []
    if not isinstance(data, list):
        errors.append(_("“subscales” must be a list."))
        return []
    result = []
    for number, entry in enumerate(data, start=1):
        where = _("Subscale %(number)s") % {"number": number}
        if not isinstance(entry, dict):
            errors.append(_("%(where)s: give a key and a label.") % {"where": where})
            continue
        key = _text(entry, "key", errors, where)
        label = _text(entry, "label", errors, where, required=False) or key
        if key:
            result.append({"key": slugify(key), "label": label})
    return result


def _items(data: Any, subscale_keys: set[str], errors: list[str]) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not data:
        errors.append(_("The instrument has no questions (“items”)."))
        return []
    if len(data) > MAX_ITEMS:
        errors.append(_("At most %(max)s questions.") % {"max": MAX_ITEMS})
        return []
    items, seen = [], set()
    for number, entry in enumerate(data, start=1):
        where = _("Question %(number)s") % {"number": number}
        if not isinstance(entry, dict):
            errors.append(_("%(where)s: give at least a “text”.") % {"where": where})
            continue
        text = _text(entry, "text", errors, where)
        key = (
            slugify(entry.get("key") or f"v{number}")
            if isinstance(entry.get("key", ""), str)
            else ""
        )
        if not key:
            errors.append(_("%(where)s: “key” must be text.") % {"where": where})
        elif key in seen:
            errors.append(
                _("%(where)s: the key “%(key)s” is used twice.") % {"where": where, "key": key}
            )
        seen.add(key)
        kind = entry.get("kind", "scale")
        if kind not in KINDS:
            errors.append(_("%(where)s: “kind” must be “scale” or “open”.") % {"where": where})
        subscale = entry.get("subscale", "") or ""
        if not isinstance(subscale, str):
            subscale = ""
        subscale = slugify(subscale)
        if subscale and subscale not in subscale_keys:
            errors.append(
                _("%(where)s: the subscale “%(subscale)s” is not among the subscales.")
                % {"where": where, "subscale": subscale}
            )
        flags = {}
        for flag in ("reverse", "optional"):
            value = entry.get(flag, False)
            if not isinstance(value, bool):
                errors.append(
                    _("%(where)s: “%(field)s” must be true or false.")
                    % {"where": where, "field": flag}
                )
            flags[flag] = bool(value)
        items.append({"key": key, "text": text, "subscale": subscale, "kind": kind, **flags})
    return items


def validate(data: dict[str, Any]) -> dict[str, Any]:
    """The instrument's content, cleaned, or InstrumentFileError with every problem found."""
    errors: list[str] = []
    where = _("Instrument")
    key = slugify(data.get("key", "")) if isinstance(data.get("key", ""), str) else ""
    if not key:
        errors.append(_("Instrument: “key” is missing (letters, digits and dashes)."))
    title = _text(data, "title", errors, where)
    description = _text(data, "description", errors, where, required=False)
    source_note = _text(data, "licence", errors, where, required=False)
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        errors.append(_("Instrument: “sources” must be a list of texts."))
        sources = []
    scale = _scale(data.get("scale"), errors)
    subscales = _subscales(data.get("subscales"), errors)
    items = _items(data.get("items"), {s["key"] for s in subscales}, errors)
    if errors:
        raise InstrumentFileError(errors)
    return {
        "key": key,
        "title": title,
        "description": description,
        "source_note": source_note,
        "sources": [s.strip() for s in sources],
        "scale": scale,
        "subscales": subscales,
        "items": items,
    }
