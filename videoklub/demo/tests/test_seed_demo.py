import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.cycles.models import Cycle
from videoklub.demo.people import DEMO_PASSWORD
from videoklub.meetings.models import Meeting
from videoklub.observations.models import Annotation
from videoklub.organisations.models import Klub, Membership, Programme, Role, School, Wave
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Share

pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            Programme,
            Wave,
            School,
            Klub,
            Membership,
            User,
            Cycle,
            Recording,
            Share,
            Annotation,
            Meeting,
        )
    }


def test_seed_demo_builds_the_demo_programme_and_is_idempotent(
    capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", force=True)
    first = counts()
    call_command("seed_demo", force=True)
    assert counts() == first

    assert first["Programme"] == 1
    assert first["Wave"] == 2
    assert set(School.objects.values_list("level", flat=True)) == {"kleuter", "lager", "secundair"}
    for klub in Klub.objects.all():
        teachers = klub.memberships.filter(role=Role.TEACHER).count()
        assert 3 <= teachers <= 5, klub
        assert klub.memberships.filter(role=Role.COACH).exists(), klub
    for school in School.objects.all():
        assert school.memberships.filter(role=Role.SCHOOL_LEADER).count() == 1
    assert Membership.objects.filter(role=Role.PROJECT_STAFF).count() == 1

    # Work to look at: the demo teacher's cycle with a prepared lesson and a shared fragment
    # on the coach's next session (tasks run at once in tests; `make run` has a worker).
    lotte = User.objects.get(email="lotte.peeters@demo.videoklub.be")
    cycle = Cycle.objects.get(teacher=lotte)
    assert cycle.learning_question.question.startswith("Hoe ")
    recording = Recording.objects.get(owner=lotte)
    assert recording.cycle == cycle
    assert recording.status == Recording.Status.READY
    # The filmed class's consent covers the klub, not (two pupils short) the school.
    from videoklub.consent.selectors import consent_covers, consent_gap

    assert consent_covers(recording, "klub")
    assert len(consent_gap(recording, "school")) == 2
    fragment = Fragment.objects.get(recording=recording)
    assert Share.objects.active().filter(fragment=fragment, audience="klub").exists()
    assert fragment.export_status == Fragment.ExportStatus.READY
    assert Meeting.objects.get(agenda__isnull=False).agenda.get().fragment == fragment
    assert Annotation.objects.filter(fragment=fragment, parent__isnull=False).exists()

    # The report has a year to show: the plan and twelve more schools' activity.
    from videoklub.monitoring.models import Milestone, Target

    assert Target.objects.count() == 10 and Milestone.objects.count() == 3
    assert Meeting.objects.filter(status=Meeting.Status.HELD).exists()

    # The coaches' year: three start days, six sessions (some held), two intervision rounds.
    from videoklub.community.models import Event, LearningLogEntry
    from videoklub.community.selectors import sessions_held

    kinds = list(Event.objects.values_list("kind", flat=True))
    assert (kinds.count("start_day"), kinds.count("session"), kinds.count("intervision")) == (
        3,
        6,
        2,
    )
    assert (
        sessions_held(Programme.objects.get())
        and Event.objects.filter(date__gt=timezone.localdate()).exists()
    )
    assert (
        LearningLogEntry.objects.filter(user__email="an.verstraeten@demo.videoklub.be").count() == 2
    )

    output = capsys.readouterr().out
    assert "lotte.peeters@demo.videoklub.be" in output
    assert User.objects.get(email="lotte.peeters@demo.videoklub.be").check_password(DEMO_PASSWORD)


def test_seed_demo_refuses_to_run_in_production_without_force():
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
