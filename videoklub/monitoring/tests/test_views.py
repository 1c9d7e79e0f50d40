"""The dashboard, the report (PDF, CSV, XLSX), the school report and the targets, as staff and
school leaders use them."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from videoklub.monitoring.models import Milestone, Target
from videoklub.monitoring.synthetic import make_programme_at_scale
from videoklub.monitoring.tests.helpers import make_activity
from videoklub.organisations.models import Membership, Role
from videoklub.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    activity = make_activity(schools=3, teachers=3)
    Target.objects.create(
        programme=activity.programme, indicator="coaches_trained", minimum=2, maximum=5
    )
    Target.objects.create(programme=activity.programme, indicator="teachers_coached", minimum=90)
    Milestone.objects.create(
        programme=activity.programme, due_on=date(2026, 12, 15), title="Evaluatie van de start"
    )
    return activity


def staff_client(client, programme):
    staff = MembershipFactory(role=Role.PROJECT_STAFF, programme=programme, klub=None).user
    client.force_login(staff)
    return client


def url(name, programme, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"pk": programme.pk, **kwargs})


def test_the_dashboard_shows_the_figures_against_the_targets(client, activity):
    body = staff_client(client, activity.programme).get(url("dashboard", activity.programme))
    text = body.content.decode()
    assert body.status_code == 200
    assert "coaches opgeleid" in text and "leraren begeleid" in text
    assert "bereikt" in text  # 3 coaches against "2 to 5"
    assert "achter" in text or "op koers" in text  # 9 teachers against 90
    assert "Evaluatie van de start" in text
    assert "data:image/svg+xml;base64," in text


def test_the_report_pdf_holds_the_figures_and_svg_charts(client, activity):
    client = staff_client(client, activity.programme)
    response = client.get(url("report", activity.programme))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "coaches opgeleid" in text
    assert "9" in text and "leraren begeleid" in text
    assert "Cijfers tegenover de doelstellingen" in text
    page = client.get(url("dashboard", activity.programme)).content.decode()
    assert page.count("data:image/svg+xml;base64,") >= 2  # the same charts, as SVG


def test_a_report_kept_from_before_is_never_stale(client, activity):
    """The PDF is kept under its HTML's digest: the same data gives the kept file, and a change
    in the data (here a new target) gives a new report at once."""
    client = staff_client(client, activity.programme)
    first = client.get(url("report", activity.programme)).content
    assert client.get(url("report", activity.programme)).content == first
    Target.objects.create(programme=activity.programme, indicator="klub_sessions", minimum=36)
    again = client.get(url("report", activity.programme)).content
    assert again != first
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(again)).pages)
    assert "36" in text


def first_table(content: bytes) -> dict[str, list[str]]:
    """The CSV's first block (the indicators), by label."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    block = rows[: rows.index([])] if [] in rows else rows
    return {row[0]: row for row in block if len(row) > 1}


def test_csv_and_xlsx_open_and_match_the_page(client, activity):
    client = staff_client(client, activity.programme)
    by_label = first_table(client.get(url("csv", activity.programme)).content)
    assert by_label["coaches opgeleid"][1] == "3"
    assert by_label["leraren begeleid"][1] == "9"
    workbook = load_workbook(io.BytesIO(client.get(url("xlsx", activity.programme)).content))
    sheet = workbook["Indicatoren"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["coaches opgeleid"] == 3
    assert values["klubbijeenkomsten gehouden"] == 6
    assert "Mijlpalen" in workbook.sheetnames and "Instroomgolven" in workbook.sheetnames


def test_figures_on_an_earlier_date(client, activity):
    client = staff_client(client, activity.programme)
    response = client.get(url("csv", activity.programme), {"op": "2026-09-01"})
    assert first_table(response.content)["klubbijeenkomsten gehouden"][1] == "0"


def test_a_school_leader_reads_their_schools_report_without_any_teachers_name(client, activity):
    school = activity.schools[0]
    leader = MembershipFactory(role=Role.SCHOOL_LEADER, school=school, klub=None).user
    client.force_login(leader)
    response = client.get(url("school", activity.programme, school_pk=school.pk))
    text = response.content.decode()
    assert response.status_code == 200
    teachers = Membership.objects.filter(klub__school=school).select_related("user")
    for membership in teachers:
        assert membership.user.full_name not in text
    assert (
        client.get(url("school", activity.programme, school_pk=activity.schools[1].pk)).status_code
        == 404
    )
    assert client.get(url("dashboard", activity.programme)).status_code == 404
    pdf = client.get(url("school_pdf", activity.programme, school_pk=school.pk))
    assert school.name in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_a_school_with_two_klubs_has_one_report(client, activity):
    from videoklub.testing.factories import KlubFactory

    school = activity.schools[0]
    KlubFactory(programme=activity.programme, school=school, name="Tweede klub")
    client = staff_client(client, activity.programme)
    assert client.get(url("school", activity.programme, school_pk=school.pk)).status_code == 200
    pdf = client.get(url("school_pdf", activity.programme, school_pk=school.pk))
    assert pdf.status_code == 200


def test_a_teacher_sees_no_report(client, activity):
    teacher = Membership.objects.filter(role="teacher", klub__programme=activity.programme)[0]
    client.force_login(teacher.user)
    school_pk = teacher.klub.school_id
    assert client.get(url("dashboard", activity.programme)).status_code == 404
    assert client.get(url("school", activity.programme, school_pk=school_pk)).status_code == 404


def test_a_bad_target_gets_a_dutch_error_and_keeps_what_was_typed(client, activity):
    client = staff_client(client, activity.programme)
    response = client.post(
        url("targets", activity.programme),
        {"indicator": "pupils_reached", "minimum": "3500", "maximum": "100"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "De bovengrens ligt lager dan de ondergrens." in text
    assert 'value="3500"' in text
    duplicate = client.post(
        url("targets", activity.programme), {"indicator": "coaches_trained", "minimum": "40"}
    )
    assert "Deze indicator heeft al een doel" in duplicate.content.decode()
    assert Target.objects.filter(programme=activity.programme).count() == 2


def test_a_target_and_a_milestone_are_added_changed_and_removed(client, activity):
    client = staff_client(client, activity.programme)
    programme = activity.programme
    client.post(url("targets", programme), {"indicator": "pupils_reached", "minimum": "3500"})
    target = Target.objects.get(programme=programme, indicator="pupils_reached")
    client.post(
        url("target_edit", programme, target_pk=target.pk),
        {"indicator": "pupils_reached", "minimum": "3000", "maximum": "4000"},
    )
    target.refresh_from_db()
    assert (target.minimum, target.maximum) == (3000, 4000)
    client.post(url("target_delete", programme, target_pk=target.pk))
    assert not Target.objects.filter(pk=target.pk).exists()
    client.post(url("milestone_add", programme), {"due_on": "2027-04-30", "title": "Tussentijds"})
    assert Milestone.objects.filter(programme=programme, title="Tussentijds").exists()
    bad = client.post(url("milestone_add", programme), {"due_on": "31/02", "title": ""})
    assert bad.status_code == 400


@pytest.mark.parametrize("size", [10, 300])
def test_the_dashboard_costs_the_same_queries_for_10_or_300_schools(client, size):
    programme = make_programme_at_scale(size, teachers=2, tag=f"q{size}")
    client = staff_client(client, programme)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("dashboard", programme)).status_code == 200
    # Measured once and written down: 10 and 300 schools must give this same number.
    assert len(captured) == DASHBOARD_QUERIES


DASHBOARD_QUERIES = 40
