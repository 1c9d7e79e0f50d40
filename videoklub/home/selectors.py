"""What a person's home page shows: their organisations, grouped by the role they have there."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q

from videoklub.organisations.models import Klub, Membership, Programme, Role, School
from videoklub.organisations.permissions import memberships, programme_ids_staffed, school_ids_led

if TYPE_CHECKING:
    from videoklub.accounts.models import User


@dataclass
class HomeOverview:
    teacher_klubs: list[Klub] = field(default_factory=list)
    coach_klubs: list[Klub] = field(default_factory=list)
    led_schools: list[School] = field(default_factory=list)
    staffed_programmes: list[Programme] = field(default_factory=list)

    @property
    def festival_programmes(self) -> list[Programme]:
        """Every programme whose Filmfestival this person may see, once each."""
        found = {k.programme_id: k.programme for k in self.teacher_klubs + self.coach_klubs}
        found.update({p.pk: p for p in self.staffed_programmes})
        return list(found.values())

    @property
    def is_empty(self) -> bool:
        return not (
            self.teacher_klubs or self.coach_klubs or self.led_schools or self.staffed_programmes
        )


def home_overview(user: "User") -> HomeOverview:
    """A constant number of queries, however many klubs and members there are."""
    members = Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("user").order_by("role", "user__full_name"),
    )
    klub_roles = {m.klub_id: m.role for m in memberships(user) if m.klub_id}
    klubs = Klub.objects.select_related("school", "programme", "wave").prefetch_related(members)
    overview = HomeOverview()
    for klub in klubs.filter(pk__in=klub_roles.keys()).order_by("name"):
        if klub_roles[klub.pk] == Role.COACH:
            overview.coach_klubs.append(klub)
        else:
            overview.teacher_klubs.append(klub)

    school_ids = school_ids_led(user)
    if school_ids:
        overview.led_schools = list(
            School.objects.filter(pk__in=school_ids).prefetch_related(
                Prefetch(
                    "klubs",
                    queryset=Klub.objects.select_related("programme").prefetch_related(members),
                )
            )
        )

    programme_ids = programme_ids_staffed(user)
    if programme_ids:
        overview.staffed_programmes = list(
            Programme.objects.filter(pk__in=programme_ids).annotate(
                school_count=Count("klubs__school", distinct=True),
                klub_count=Count("klubs", distinct=True),
                teacher_count=Count(
                    "klubs__memberships__user",
                    filter=Q(klubs__memberships__role=Role.TEACHER),
                    distinct=True,
                ),
                coach_count=Count(
                    "klubs__memberships__user",
                    filter=Q(klubs__memberships__role=Role.COACH),
                    distinct=True,
                ),
            )
        )
    return overview
