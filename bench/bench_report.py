"""The funder's report and the monitoring dashboard for a programme of 300 schools.

A programme of 300 schools, 1,500 teachers and a school year of activity (synthetic, written in
bulk: `videoklub/monitoring/synthetic.py`). Two comparisons, each against a reference measured
in the same run, so the ratios compare across machines:

- the report PDF (every figure, per wave and milestone, the charts, the profile) against
  rendering a trivial one-page PDF with the same WeasyPrint: the floor of any PDF. Target ≤ 10×.
  Twice: made anew, and downloaded again while the data did not change (the PDF is kept under
  its HTML's digest, so then only the figures and the HTML are made).
- the dashboard page against the workspace page of a recording with 50 annotations, the page a
  teacher opens most. Target ≤ 3×.
"""

from bench.setup import django_environment, median_seconds

SCHOOLS = 300
TEACHERS = 5


def build():
    from datetime import date

    from django.utils import timezone

    from videoklub.monitoring.models import Milestone, Target
    from videoklub.monitoring.synthetic import make_programme_at_scale
    from videoklub.observations.models import Annotation
    from videoklub.organisations.models import Membership, Role
    from videoklub.recordings.models import Recording

    programme = make_programme_at_scale(SCHOOLS, TEACHERS, tag="bench")
    # A year ago until now: the whole year is activity in the past.
    programme.starts_on = timezone.localdate().replace(year=timezone.localdate().year - 1)
    programme.ends_on = timezone.localdate()
    programme.save()
    for indicator, minimum in [("coaches_trained", 250), ("teachers_coached", 1200)]:
        Target.objects.create(programme=programme, indicator=indicator, minimum=minimum)
    for month in (12, 4, 6):
        Milestone.objects.create(programme=programme, due_on=date(2026, month, 28), title="M")
    staff = Membership.objects.create(
        user=Membership.objects.filter(role=Role.TEACHER).first().user,
        role=Role.PROJECT_STAFF,
        programme=programme,
    ).user
    recording = Recording.objects.filter(klub__programme=programme).first()
    recording.duration, recording.width, recording.height = 2700.0, 1280, 720
    recording.save()
    Annotation.objects.bulk_create(
        Annotation(
            recording=recording,
            author=recording.owner,
            kind=Annotation.Kind.values[n % 4],
            at_seconds=60 + n * 30,
            body=f"Aantekening {n}: wat de leerlingen hier doen.",
        )
        for n in range(50)
    )
    return programme, staff, recording


def main() -> None:
    django_environment()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from weasyprint import HTML

    programme, staff, recording = build()
    as_staff, as_owner = Client(), Client()
    as_staff.force_login(staff)
    as_owner.force_login(recording.owner)
    print(f"programme: {SCHOOLS} schools, {SCHOOLS * TEACHERS} teachers, a year of activity")

    floor = median_seconds(
        lambda: HTML(string="<h1>Rapport</h1><p>Eén pagina.</p>").write_pdf(), repeat=10
    )
    report_url = reverse("monitoring:report", args=[programme.pk])
    response = as_staff.get(report_url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from django.core.cache import cache

    def made_anew():
        cache.clear()  # the PDF is kept under its HTML's digest: measure making it, too
        return as_staff.get(report_url)

    report_new = median_seconds(made_anew, repeat=5, warmup=1)
    report = median_seconds(lambda: as_staff.get(report_url), repeat=5, warmup=1)
    print(f"floor      trivial PDF           {floor * 1000:8.1f} ms")
    print(
        f"report     made anew             {report_new * 1000:8.1f} ms  "
        f"{report_new / floor:5.1f}x the floor"
    )
    print(
        f"report     data unchanged (kept) {report * 1000:8.1f} ms  "
        f"{report / floor:5.1f}x the floor"
    )

    workspace_url = reverse("recordings:detail", args=[recording.uuid])
    dashboard_url = reverse("monitoring:dashboard", args=[programme.pk])
    for client, url in ((as_owner, workspace_url), (as_staff, dashboard_url)):
        assert client.get(url).status_code == 200
    workspace = median_seconds(lambda: as_owner.get(workspace_url), repeat=10)
    queries: list[str] = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        as_staff.get(dashboard_url)
    dashboard = median_seconds(lambda: as_staff.get(dashboard_url), repeat=5, warmup=1)
    print(f"reference  workspace page        {workspace * 1000:8.1f} ms")
    print(
        f"dashboard  monitoring dashboard  {dashboard * 1000:8.1f} ms  "
        f"{dashboard / workspace:5.1f}x the workspace  ({len(queries)} queries)"
    )
