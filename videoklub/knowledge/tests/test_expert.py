""" "See how an expert does this": the expert commentary on one kijkwijzer indicator, gathered
from the expert videos a reader may watch, and the link beside an annotation on it."""

import pytest
from django.urls import reverse

from videoklub.knowledge.tests.helpers import make_video_page
from videoklub.observations.models import Annotation, Domain, Framework, FrameworkVersion, Indicator
from videoklub.testing.factories import RecordingFactory, UserFactory

pytestmark = pytest.mark.django_db

FEED_UP = "fb-feed-up"  # a shipped indicator (Groeigerichte feedback)


def comment(at: float, indicator: str, text: str):
    return ("comment", {"at": at, "indicator": indicator, "body": f"<p>{text}</p>"})


def test_the_expert_page_gathers_the_commentary_on_one_indicator_in_time_order(client):
    make_video_page(
        commentary=[
            comment(40, FEED_UP, "Later: het doel nog eens."),
            comment(15, FEED_UP, "Het doel staat op het bord."),
            comment(20, "fb-peerfeedback", "Over peerfeedback."),
        ],
        is_open=True,
    )
    page = client.get(reverse("knowledge:expert", args=[FEED_UP]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Het doel staat op het bord.") < html.index("Later: het doel nog eens.")
    assert "Over peerfeedback." not in html
    assert "/kennisbank/video/juf-nadia/#t=15.0" in html


def test_a_members_only_video_is_left_out_for_an_anonymous_visitor(client):
    make_video_page(commentary=[comment(15, FEED_UP, "Alleen voor leden.")], is_open=False)
    assert "Alleen voor leden." not in client.get(reverse("knowledge:expert", args=[FEED_UP])).text
    client.force_login(UserFactory())
    assert "Alleen voor leden." in client.get(reverse("knowledge:expert", args=[FEED_UP])).text


def test_a_draft_and_a_knowledge_clip_are_left_out(client):
    make_video_page(publish=False, slug="concept", commentary=[comment(5, FEED_UP, "Concept.")])
    make_video_page(slug="clip", kind="kennisclip", commentary=[comment(5, FEED_UP, "Clip.")])
    client.force_login(UserFactory())
    html = client.get(reverse("knowledge:expert", args=[FEED_UP])).text
    assert "Concept." not in html and "Clip." not in html
    assert "Nog geen expertvideo" in html  # says so, and leads back to the kennisbank


def test_an_indicator_no_shipped_kijkwijzer_has_is_404(client):
    assert client.get(reverse("knowledge:expert", args=["verzonnen"])).status_code == 404


def _annotation_on(recording, key: str) -> Annotation:
    framework = Framework.objects.create(name=f"Eigen kijkwijzer {key}")
    version = FrameworkVersion.objects.create(framework=framework, number=1)
    domain = Domain.objects.create(version=version, name="Feedback")
    indicator = Indicator.objects.create(domain=domain, version=version, key=key, text=key)
    return Annotation.objects.create(
        recording=recording,
        author=recording.owner,
        kind="observation",
        at_seconds=5,
        body=f"Notitie bij {key}",
        indicator=indicator,
    )


def test_an_annotation_on_an_indicator_with_expert_commentary_links_to_it(client):
    make_video_page()  # commentary on fb-feed-up
    recording = RecordingFactory(duration=120)
    _annotation_on(recording, FEED_UP)
    _annotation_on(recording, "fb-peerfeedback")  # no expert commentary on it: no link
    client.force_login(recording.owner)
    html = client.get(reverse("analysis:recording_annotations", args=[recording.uuid])).text
    assert html.count('class="indicator-link"') == 1
    assert reverse("knowledge:expert", args=[FEED_UP]) in html
    assert "Zie hoe een expert dit doet" in html
