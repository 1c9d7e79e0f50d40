"""Demo data: one programme, two waves, three schools of different levels and their klubs."""

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from videoklub.accounts.models import User
from videoklub.organisations.models import Klub, Programme, Role, School, Wave
from videoklub.organisations.services import membership_ensure

DEMO_DOMAIN = "demo.videoklub.be"
DEMO_PASSWORD = "videoklub-demo"

PROGRAMME = {
    "name": "Brede basiszorg en verhoogde zorg – VideoKLuB",
    "school_year": "2026-2027",
    "funder": "Vlaamse overheid – Departement Onderwijs en Vorming",
    "description": (
        "Begeleidingsproject waarin teams van leraren met een coach hun klaspraktijk "
        "versterken door samen naar lesvideo's te kijken."
    ),
    "starts_on": date(2026, 9, 1),
    "ends_on": date(2027, 6, 30),
}
WAVES = {1: date(2026, 9, 1), 2: date(2027, 1, 15)}
STAFF = ["Els Desmet"]
SCHOOLS = [
    # name, level, town, school leader, wave, klubs: {klub name: (coach, [teachers])}
    (
        "Kleuterschool De Speelvogel",
        School.Level.NURSERY,
        "Lokeren",
        "Dirk Michiels",
        1,
        {
            "VideoKLuB De Speelvogel": (
                "An Verstraeten",
                ["Lotte Peeters", "Hanne Goossens", "Febe Vermeulen"],
            )
        },
    ),
    (
        "Basisschool De Wegwijzer",
        School.Level.PRIMARY,
        "Herentals",
        "Katrien Segers",
        1,
        {
            "VideoKLuB De Wegwijzer": (
                "Koen Van den Broeck",
                ["Jens Janssens", "Sofie Maes", "Pieter Jacobs", "Eline Willems"],
            )
        },
    ),
    (
        "Atheneum Scheldeland",
        School.Level.SECONDARY,
        "Temse",
        "Luc Aerts",
        2,
        {
            "VideoKLuB Eerste graad": (
                "Griet Coppens",
                ["Thomas Claes", "Lien De Smet", "Wout Wouters", "Nele Hermans", "Ruben Van Damme"],
            ),
            "VideoKLuB Taalgericht vakonderwijs": (
                "Griet Coppens",
                ["Marie Lambrechts", "Arne Mertens", "Kobe De Clercq"],
            ),
        },
    ),
]


def demo_email(full_name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode()
    first, *rest = ascii_name.lower().split(" ")
    return f"{first}.{''.join(rest)}@{DEMO_DOMAIN}"


@dataclass
class DemoLogin:
    role: str
    name: str
    email: str


# The administrator is a person too. Named "Beheer VideoKLuB" the header read "Beheer" twice:
# the link to the admin and the first name leading to the profile. The address stays the one
# the README gives.
ADMIN_NAME = "Sofie Van Hoof"
ADMIN_EMAIL = f"beheer.videoklub@{DEMO_DOMAIN}"


def _user(full_name: str, password: str, *, email: str = "", **extra) -> User:
    email = email or demo_email(full_name)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, password, full_name=full_name, **extra)
    return user


@transaction.atomic
def seed_demo(password: str = DEMO_PASSWORD) -> list[DemoLogin]:
    """Create the demo organisation; running it again changes nothing."""
    programme, _ = Programme.objects.update_or_create(
        name=PROGRAMME["name"], school_year=PROGRAMME["school_year"], defaults=PROGRAMME
    )
    waves = {
        number: Wave.objects.update_or_create(
            programme=programme, number=number, defaults={"starts_on": starts_on}
        )[0]
        for number, starts_on in WAVES.items()
    }
    for name in STAFF:
        membership_ensure(user=_user(name, password), role=Role.PROJECT_STAFF, programme=programme)

    for school_name, level, town, leader, wave, klubs in SCHOOLS:
        school, _ = School.objects.update_or_create(
            name=school_name, town=town, defaults={"level": level}
        )
        membership_ensure(user=_user(leader, password), role=Role.SCHOOL_LEADER, school=school)
        for klub_name, (coach, teachers) in klubs.items():
            klub, _ = Klub.objects.update_or_create(
                programme=programme,
                school=school,
                name=klub_name,
                defaults={"wave": waves[wave]},
            )
            membership_ensure(user=_user(coach, password), role=Role.COACH, klub=klub)
            for teacher in teachers:
                membership_ensure(user=_user(teacher, password), role=Role.TEACHER, klub=klub)

    admin = _user(ADMIN_NAME, password, email=ADMIN_EMAIL, is_staff=True, is_superuser=True)
    first_school = SCHOOLS[0]
    first_klub = next(iter(first_school[5].values()))
    return [
        DemoLogin("leraar / teacher", first_klub[1][0], demo_email(first_klub[1][0])),
        DemoLogin("coach", first_klub[0], demo_email(first_klub[0])),
        DemoLogin("schoolleiding / school leader", first_school[3], demo_email(first_school[3])),
        DemoLogin("projectmedewerker / project staff", STAFF[0], demo_email(STAFF[0])),
        DemoLogin("beheerder / administrator", admin.full_name, admin.email),
    ]
