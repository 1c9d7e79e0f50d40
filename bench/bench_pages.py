"""Role pages on a large programme, against the cheapest request through the same stack.

Reference: GET /gezondheid/ (middleware, routing and one database query). Each page is reported
as a ratio to it, so the numbers compare across machines. The pages must not grow with the
programme: their query counts are printed too.
"""

from bench.setup import django_environment, median_seconds

KLUBS = 200
TEACHERS_PER_KLUB = 5


def build_programme():
    from videoklub.accounts.models import User
    from videoklub.demo.people import seed_demo
    from videoklub.organisations.models import Klub, Membership, Role, School

    seed_demo()
    programme = Klub.objects.first().programme
    staff = Membership.objects.get(role=Role.PROJECT_STAFF).user
    coach = User.objects.create_user("bench.coach@school.test", "x", full_name="Bench Coach")
    schools = School.objects.bulk_create(
        School(name=f"Benchschool {i}", level="lager", town="Gent") for i in range(KLUBS)
    )
    klubs = Klub.objects.bulk_create(
        Klub(name=f"Klub {i}", school=school, programme=programme)
        for i, school in enumerate(schools)
    )
    teachers = User.objects.bulk_create(
        User(email=f"t{k}.{t}@school.test", full_name=f"Leraar {k}.{t}", password="!")
        for k in range(KLUBS)
        for t in range(TEACHERS_PER_KLUB)
    )
    Membership.objects.bulk_create(
        [Membership(user=coach, role=Role.COACH, klub=klub) for klub in klubs]
        + [
            Membership(user=teachers[k * TEACHERS_PER_KLUB + t], role=Role.TEACHER, klub=klub)
            for k, klub in enumerate(klubs)
            for t in range(TEACHERS_PER_KLUB)
        ]
    )
    return programme, staff, coach


def main() -> None:
    django_environment()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    programme, staff, coach = build_programme()
    anonymous = Client()
    as_staff, as_coach = Client(), Client()
    as_staff.force_login(staff)
    as_coach.force_login(coach)

    reference = median_seconds(lambda: anonymous.get(reverse("core:health")))
    print(f"programme: {KLUBS + 4} klubs, {KLUBS * TEACHERS_PER_KLUB + 15} teachers")
    print(f"reference  GET /gezondheid/  {reference * 1000:7.2f} ms")
    pages = [
        ("staff home", as_staff, reverse("home:home")),
        ("coach home (200 klubs)", as_coach, reverse("home:home")),
        (
            "programme page",
            as_staff,
            reverse("home:programme_detail", args=[programme.pk]),
        ),
    ]
    for label, client, url in pages:
        queries: list[str] = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            assert client.get(url).status_code == 200
        seconds = median_seconds(lambda c=client, u=url: c.get(u), repeat=10)
        print(
            f"{label:<24} {seconds * 1000:8.2f} ms  {seconds / reference:6.1f}x reference"
            f"  ({len(queries)} queries)"
        )
