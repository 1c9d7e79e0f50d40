from videoklub.bookclubs import services
from videoklub.bookclubs.models import BookClubMember, Insight
from videoklub.bookclubs.personal_data import _book_clubs


def test_the_export_holds_my_clubs_insights_and_experiments(world, club, insight):
    experiment = services.experiment_create(club=club, member=world.colleague, what="Wachten")
    services.logbook_add(experiment=experiment, by=world.colleague, body="Het werkte.")
    data = _book_clubs(world.colleague, None)
    assert [c["boekenclub"] for c in data["boekenclubs"]] == ["Leesclub feedback"]
    assert data["inzichten"][0]["tekst"] == "Feedback is een gesprek."
    assert data["experimenten"][0]["logboek"][0]["tekst"] == "Het werkte."


def test_erasing_a_member_keeps_their_insights_for_the_club_without_their_name(
    world, club, insight
):
    world.colleague.delete()
    assert not BookClubMember.objects.filter(club=club, user_id=world.colleague.pk).exists()
    kept = Insight.objects.get(pk=insight.pk)
    assert kept.author is None and kept.text == "Feedback is een gesprek."
