from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from videoklub.consent import services
from videoklub.consent.models import ClassGroup, Consent, Purpose
from videoklub.testing.factories import RecordingFactory

pytestmark = pytest.mark.django_db
MANAGERS = ["teacher", "colleague", "coach", "school_leader"]
OUTSIDERS = [
    "project_staff",
    "other_teacher",
    "other_coach",
    "other_school_leader",
    "no_membership",
]


@pytest.fixture
def group(world):
    group = ClassGroup.objects.create(school=world.school, name="3B", school_year="2025-2026")
    services.pupils_add_series(class_group=group, prefix="3B-", count=3)
    return group


def give(pupil, purpose=Purpose.KLUB):
    return services.consent_give(
        pupil=pupil,
        purpose=purpose,
        given_by=Consent.GivenBy.PARENT,
        given_on=timezone.localdate() - timedelta(days=3),
        evidence="map 3B",
        recorded_by=None,
    )


def login(client, world, role):
    client.force_login(getattr(world, role))
    return client


# --- Who keeps the register --------------------------------------------------------------------


@pytest.mark.parametrize("role", MANAGERS)
def test_the_school_leader_and_the_schools_teachers_and_coaches_keep_the_register(
    client, world, group, role
):
    login(client, world, role)
    assert client.get(reverse("consent:school", args=[world.school.pk])).status_code == 200
    response = client.get(reverse("consent:class_group", args=[group.pk]))
    assert response.status_code == 200
    assert "3B-01" in response.text


@pytest.mark.parametrize("role", OUTSIDERS)
def test_nobody_else_learns_the_register_exists(client, world, group, role):
    login(client, world, role)
    for url in [
        reverse("consent:school", args=[world.school.pk]),
        reverse("consent:class_group", args=[group.pk]),
        reverse("consent:summary", args=[group.pk]),
        reverse("consent:before_filming") + f"?klasgroep={group.pk}",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("consent:pupils_add", args=[group.pk]), {"codes": "X"})
    assert response.status_code == 404
    assert group.pupils.count() == 3


def test_the_school_page_links_to_the_register_only_for_those_who_keep_it(client, world):
    url = reverse("home:school_detail", args=[world.school.pk])
    register = reverse("consent:school", args=[world.school.pk])
    assert register in login(client, world, "school_leader").get(url).text
    assert register not in login(client, world, "project_staff").get(url).text
    klub_page = login(client, world, "teacher").get(
        reverse("home:klub_detail", args=[world.klub.pk])
    )
    assert register in klub_page.text


# --- Class groups and pupils -------------------------------------------------------------------


def test_a_class_group_is_added_and_the_teacher_goes_on_to_add_pupils(client, world):
    login(client, world, "teacher")
    response = client.post(
        reverse("consent:school", args=[world.school.pk]),
        {"name": "5A", "school_year": "2025-2026"},
    )
    group = ClassGroup.objects.get(name="5A")
    assert response.status_code == 302
    assert response.url == reverse("consent:pupils_add", args=[group.pk])
    assert group.school == world.school and group.created_by == world.teacher


def test_a_duplicate_class_group_is_a_form_error(client, world, group):
    login(client, world, "teacher")
    response = client.post(
        reverse("consent:school", args=[world.school.pk]),
        {"name": "3B", "school_year": "2025-2026"},
    )
    assert response.status_code == 200
    assert "already has a class group" in response.text


def test_pupils_are_added_one_code_per_line(client, world, group):
    login(client, world, "coach")
    response = client.post(
        reverse("consent:pupils_add", args=[group.pk]), {"codes": "Z1\n\n  Z2 \nZ1\n"}
    )
    assert response.status_code == 302
    assert sorted(group.pupils.values_list("code", flat=True)) == [
        "3B-01",
        "3B-02",
        "3B-03",
        "Z1",
        "Z2",
    ]


def test_an_over_long_code_is_a_form_error_not_a_crash(client, world, group):
    login(client, world, "coach")
    response = client.post(reverse("consent:pupils_add", args=[group.pk]), {"codes": "x" * 30})
    assert response.status_code == 400
    assert "too long" in response.text


def test_a_series_of_pupils_is_added(client, world, group):
    login(client, world, "school_leader")
    response = client.post(
        reverse("consent:pupils_add", args=[group.pk]), {"code_prefix": "3B-", "count": "2"}
    )
    assert response.status_code == 302
    assert group.pupils.filter(code__in=["3B-04", "3B-05"]).count() == 2


# --- Recording and withdrawing consent ---------------------------------------------------------


def test_consent_is_recorded_from_the_grid(client, world, group):
    pupil = group.pupils.get(code="3B-02")
    login(client, world, "teacher")
    response = client.post(
        reverse("consent:give", args=[group.pk]),
        {
            "pupil": pupil.pk,
            "purpose": "school",
            "given_by": "parent",
            "given_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "evidence": "map 3B, blad 2",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(pupil=pupil)
    assert (consent.purpose, consent.recorded_by) == ("school", world.teacher)
    page = client.get(reverse("consent:class_group", args=[group.pk])).text
    assert "by a parent or guardian" in page


def test_a_second_consent_is_refused_with_a_message(client, world, group):
    pupil = group.pupils.get(code="3B-01")
    give(pupil)
    login(client, world, "teacher")
    response = client.post(
        reverse("consent:give", args=[group.pk]),
        {
            "pupil": pupil.pk,
            "purpose": "klub",
            "given_by": "parent",
            "given_on": timezone.localdate().isoformat(),
            "evidence": "map",
        },
    )
    assert response.status_code == 400
    assert "already has consent" in response.text
    assert Consent.objects.filter(pupil=pupil).count() == 1


def test_a_pupil_of_another_class_group_cannot_be_chosen(client, world, group):
    other = ClassGroup.objects.create(school=world.school, name="4A", school_year="2025-2026")
    stranger = services.pupils_add(class_group=other, codes=["4A-01"])[0]
    login(client, world, "teacher")
    response = client.post(
        reverse("consent:give", args=[group.pk]),
        {
            "pupil": stranger.pk,
            "purpose": "klub",
            "given_by": "parent",
            "given_on": timezone.localdate().isoformat(),
            "evidence": "map",
        },
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_withdrawing_asks_for_confirmation_then_withdraws(client, world, group):
    consent = give(group.pupils.get(code="3B-01"))
    url = reverse("consent:withdraw", args=[consent.pk])
    login(client, world, "school_leader")
    page = client.get(url)
    assert page.status_code == 200 and "taken down at once" in page.text
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    response = client.post(url, {"withdrawn_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert consent.withdrawal_recorded_by == world.school_leader


def test_a_withdrawal_in_the_future_is_a_form_error(client, world, group):
    consent = give(group.pupils.get(code="3B-01"))
    login(client, world, "teacher")
    response = client.post(
        reverse("consent:withdraw", args=[consent.pk]),
        {"withdrawn_on": (timezone.localdate() + timedelta(days=2)).isoformat()},
    )
    assert response.status_code == 200
    assert "cannot lie in the future" in response.text
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_another_schools_consent_cannot_be_withdrawn(client, world, group):
    consent = give(group.pupils.get(code="3B-01"))
    login(client, world, "other_school_leader")
    response = client.post(
        reverse("consent:withdraw", args=[consent.pk]),
        {"withdrawn_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_the_summary_lists_per_purpose_who_may_not_be_filmed_or_shown(client, world, group):
    first, second, _third = group.pupils.order_by("code")
    give(first, Purpose.KLUB)
    give(second, Purpose.KLUB)
    give(first, Purpose.PUBLIC)
    login(client, world, "teacher")
    response = client.get(reverse("consent:summary", args=[group.pk]))
    sections = response.text.split('id="missing-')[1:]
    klub, school, _training, public = sections
    assert "3B-03" in klub and "3B-01" not in klub and "3B-02" not in klub
    assert all(code in school for code in ["3B-01", "3B-02", "3B-03"])
    assert "3B-01" not in public and "3B-02" in public


def test_the_grid_page_reads_a_constant_number_of_queries(client, world):
    def queries_for(size: int) -> int:
        group = ClassGroup.objects.create(
            school=world.school, name=f"G{size}", school_year="2025-2026"
        )
        for pupil in services.pupils_add_series(class_group=group, prefix="P", count=size):
            give(pupil, Purpose.KLUB)
        url = reverse("consent:class_group", args=[group.pk])
        client.get(url)  # warm up the session and the user
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    login(client, world, "teacher")
    assert queries_for(5) == queries_for(50)


# --- Before filming ----------------------------------------------------------------------------


def test_before_filming_lists_exactly_the_pupils_without_consent_for_the_klub(client, world, group):
    first, second, _third = group.pupils.order_by("code")
    give(first, Purpose.KLUB)
    give(second, Purpose.PUBLIC)  # another purpose does not allow filming in the klub
    login(client, world, "teacher")
    response = client.get(
        reverse("consent:before_filming"), {"klasgroep": group.pk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Keep these pupils out of frame" in response.text
    assert "3B-02" in response.text and "3B-03" in response.text
    assert "3B-01" not in response.text
    assert "<html" not in response.text


def test_before_filming_says_when_everyone_may_be_filmed(client, world, group):
    for pupil in group.pupils.all():
        give(pupil)
    login(client, world, "teacher")
    response = client.get(reverse("consent:before_filming"), {"klasgroep": group.pk})
    assert "Every pupil of 3B has consent" in response.text


def test_before_filming_is_also_a_page_of_its_own(client, world, group):
    """Linked from the home page: a full page to choose the class group, without script."""
    login(client, world, "teacher")
    page = client.get(reverse("consent:before_filming"))
    assert page.status_code == 200
    assert "<title>" in page.text and "Before filming" in page.text
    assert f'<option value="{group.pk}"' in page.text
    chosen = client.get(reverse("consent:before_filming"), {"klasgroep": group.pk})
    assert "Keep these pupils out of frame" in chosen.text
    assert f'<option value="{group.pk}" selected' in chosen.text


def test_the_upload_and_record_pages_offer_the_class_groups_of_the_klubs_school(
    client, world, group
):
    ClassGroup.objects.create(school=world.other_school, name="9Z", school_year="2025-2026")
    login(client, world, "teacher")
    for name in ["recordings:list", "recordings:record"]:
        page = client.get(reverse(name)).text
        assert f'<option value="{group.pk}">3B (2025-2026)</option>' in page
        assert "9Z (2025-2026)" not in page  # not a bare "9Z": a nonce may hold it
        assert reverse("consent:before_filming") in page


# --- The recording's class group ---------------------------------------------------------------


def test_the_owner_sets_and_clears_the_class_group_of_a_recording(client, world, group):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    url = reverse("recordings:class_group", args=[recording.uuid])
    login(client, world, "teacher")
    assert client.post(url, {"class_group": group.pk}).status_code == 302
    recording.refresh_from_db()
    assert recording.class_group == group
    page = client.get(reverse("recordings:detail", args=[recording.uuid])).text
    assert "3B (2025-2026)" in page
    client.post(url, {"class_group": ""})
    recording.refresh_from_db()
    assert recording.class_group is None


def test_another_schools_class_group_cannot_be_set_on_a_recording(client, world):
    foreign = ClassGroup.objects.create(
        school=world.other_school, name="9Z", school_year="2025-2026"
    )
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    login(client, world, "teacher")
    response = client.post(
        reverse("recordings:class_group", args=[recording.uuid]),
        {"class_group": foreign.pk},
        follow=True,
    )
    assert "Choose a class group of your own school" in response.text
    recording.refresh_from_db()
    assert recording.class_group is None


@pytest.mark.parametrize("role", ["colleague", "coach", "school_leader"])
def test_only_the_owner_sets_the_class_group_of_a_recording(client, world, group, role):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    login(client, world, role)
    response = client.post(
        reverse("recordings:class_group", args=[recording.uuid]),
        {"class_group": group.pk},
    )
    assert response.status_code == 404
    recording.refresh_from_db()
    assert recording.class_group is None


def test_a_pupil_who_left_leaves_the_grid_and_can_come_back(client, world, group):
    pupil = group.pupils.get(code="3B-02")
    login(client, world, "teacher")
    url = reverse("consent:pupil_archive", args=[pupil.pk])
    assert client.post(url).status_code == 302
    page = client.get(reverse("consent:class_group", args=[group.pk])).text
    grid = page[page.index("<table") : page.index("</table>")]
    left = page.split('id="left-heading"')[1]
    assert "3B-02" not in grid and "3B-02" in left
    client.post(url, {"archived": "0"})
    pupil.refresh_from_db()
    assert not pupil.archived


def test_a_record_link_preselects_the_pupil_and_purpose(client, world, group):
    pupil = group.pupils.get(code="3B-02")
    login(client, world, "teacher")
    page = client.get(
        reverse("consent:class_group", args=[group.pk]), {"leerling": pupil.pk, "doel": "public"}
    ).text
    assert f'<option value="{pupil.pk}" selected>' in page
    assert '<option value="public" selected>' in page
