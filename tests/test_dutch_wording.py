"""Dutch as a new user reads it: one date format per kind, months in lower case, "je" in the
password help, buttons that say what they do, no "---------" in a select, and a share named
after what it reaches."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation

from tests.test_date_inputs import _form_classes
from videoklub.consent import services as consent_services
from videoklub.consent.models import ClassGroup, Consent, Purpose
from videoklub.cycles.models import Action
from videoklub.meetings import services as meeting_services
from videoklub.sharing.models import Audience
from videoklub.testing.factories import (
    CycleFactory,
    FragmentFactory,
    RecordingFactory,
    ShareFactory,
)

PACKAGE = Path(__file__).resolve().parents[1] / "videoklub"
# Formats a template may name: the kinds of the formats module (a date is `|date`), ISO for
# machines (a <time datetime>), a weekday before a date.
NAMED_FORMATS = {"DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT", "c", "Y-m-d", "l"}
DASHES = "---------"


@pytest.fixture
def dutch_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl-be"
    return client


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- Dates -----------------------------------------------------------------------------------


def test_a_date_and_a_date_with_time_each_read_one_way_in_dutch():
    moment = timezone.make_aware(datetime(2026, 10, 30, 14, 5))
    with translation.override("nl-be"):
        rendered = Template(
            '{{ day|date }}|{{ day|date:"SHORT_DATE_FORMAT" }}|{{ moment|date:"DATETIME_FORMAT" }}'
            '|{{ moment|date:"SHORT_DATETIME_FORMAT" }}|{{ moment|time }}'
        ).render(Context({"day": date(2026, 10, 30), "moment": moment}))
        assert formats.date_format(date(2026, 10, 30)) == "30 oktober 2026"
    assert rendered.split("|") == [
        "30 oktober 2026",
        "30 oktober 2026",
        "30 oktober 2026, 14:05",
        "30 oktober 2026, 14:05",
        "14:05",
    ]


def test_templates_name_the_format_of_a_date_never_spell_one_out():
    """A spelled-out format ("j M Y", "j-m-Y") is how three formats and "30 Okt" crept in."""
    spelled = []
    for path in sorted(PACKAGE.rglob("templates/**/*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        text = path.read_text()
        for match in re.finditer(r"\|(date|time):\s*[\"']([^\"']*)[\"']", text):
            if match.group(2) not in NAMED_FORMATS:
                spelled.append(f"{path.relative_to(PACKAGE)}: {match.group(0)}")
    assert not spelled


@pytest.fixture
def group(world):
    group = ClassGroup.objects.create(school=world.school, name="3B", school_year="2025-2026")
    consent_services.pupils_add_series(class_group=group, prefix="3B-", count=2)
    consent_services.consent_give(
        pupil=group.pupils.first(),
        purpose=Purpose.KLUB,
        given_by=Consent.GivenBy.PARENT,
        given_on=date(2025, 10, 30),
        evidence="map 3B",
        recorded_by=None,
    )
    return group


def test_the_consent_grid_writes_the_month_in_full_and_in_lower_case(dutch_client, world, group):
    dutch_client.force_login(world.teacher)
    page = dutch_client.get(reverse("consent:class_group", args=[group.pk])).content.decode()
    assert "30 oktober 2025" in page
    assert "Okt" not in page


# --- Buttons and selects ---------------------------------------------------------------------


def test_the_pupil_buttons_say_what_they_do(english_client, world, group):
    """ "Left the class" ("Niet meer in de klas") read as the pupil's state, not a button."""
    english_client.force_login(world.teacher)
    url = reverse("consent:class_group", args=[group.pk])
    page = english_client.get(url).content.decode()
    assert "Mark as left" in page and "Left the class" not in page
    english_client.post(reverse("consent:pupil_archive", args=[group.pupils.first().pk]))
    page = english_client.get(url).content.decode()
    assert "Put back in the class" in page and "Back in the class</button>" not in page


def _choice_fields():
    # The people's pages; the Django admin keeps its own conventions.
    for form_class in _form_classes():
        if "admin" in form_class.__module__:
            continue
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                yield pytest.param(field, id=f"{form_class.__qualname__}.{name}")


@pytest.mark.parametrize("field", list(_choice_fields()))
def test_no_select_offers_djangos_dashes(field):
    if isinstance(field, forms.ModelChoiceField):
        assert field.empty_label != DASHES
    else:
        assert DASHES not in [str(label) for _value, label in field.choices]


def test_the_forms_that_had_dashes_are_walked():
    ids = {param.id for param in _choice_fields()}
    assert {
        "FragmentForm.reason",
        "CoachingVisitForm.kind",
        "ProgrammeInvitationForm.klub",
        "ProgrammeInvitationForm.school",
    } <= ids


# --- Password help ---------------------------------------------------------------------------

FORMAL = re.compile(r"\b[Uu]w?\b")


def test_the_password_help_says_je_not_uw():
    with translation.override("nl-be"):
        texts = password_validation.password_validators_help_texts()
    assert len(texts) == 4
    assert not [text for text in texts if FORMAL.search(text)]


def test_the_password_change_page_and_its_wrong_password_message_say_je(dutch_client, world):
    dutch_client.force_login(world.teacher)
    url = reverse("accounts:password_change")
    page = dutch_client.get(url).content.decode()
    answer = dutch_client.post(
        url, {"old_password": "fout", "new_password1": "x", "new_password2": "x"}
    ).content.decode()
    for html in (page, answer):
        assert "Uw " not in html and " uw " not in html


def test_the_password_rules_are_still_djangos(world):
    with pytest.raises(forms.ValidationError) as refused:
        password_validation.validate_password("12345678", world.teacher)
    codes = {error.code for error in refused.value.error_list}
    assert {"password_too_common", "password_entirely_numeric"} <= codes
    with pytest.raises(forms.ValidationError) as similar:
        password_validation.validate_password(world.teacher.email.upper(), world.teacher)
    assert [error.code for error in similar.value.error_list] == ["password_too_similar"]


# --- Shares and agreed actions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "reaches"),
    [
        (Audience.KLUB, "klub"),
        (Audience.SCHOOL, "school"),
        (Audience.PROGRAMME, "programme"),
        (Audience.FESTIVAL, "programme"),
    ],
)
def test_a_share_is_named_after_what_it_reaches(english_client, world, audience, reaches):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    fragment = FragmentFactory(recording=recording)
    ShareFactory(fragment=fragment, klub=world.klub, audience=audience)
    english_client.force_login(world.teacher)
    page = english_client.get(
        reverse("sharing:fragment", args=[recording.uuid, fragment.pk])
    ).content.decode()
    name = getattr(world, reaches).name
    assert f"({name})" in page
    if reaches != "klub":
        assert f"({world.klub.name})" not in page


def test_an_agreed_action_reads_as_label_and_value_not_in_brackets(english_client, world):
    start = timezone.make_aware(datetime(2026, 12, 10, 15, 45))
    meeting = meeting_services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title="Bijeenkomst",
        starts_at=start,
        ends_at=start.replace(hour=17),
        place="",
        work_form=None,
    )
    Action.objects.create(
        cycle=CycleFactory(teacher=world.teacher, klub=world.klub),
        meeting=meeting,
        description="Wachttijd geven.",
        success_criterion="Iedereen steekt zijn hand op voor ik iemand aanduid.",
        due_on=date(2026, 12, 17),
    )
    english_client.force_login(world.coach)
    page = english_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Success criterion: Iedereen steekt zijn hand op voor ik iemand aanduid." in page
    assert "By: Dec. 17, 2026" in page
    assert "aanduid.;" not in page and "aanduid.)" not in page
