"""The shipped courses load as published CoursePages: once, video steps skipped for now,
Markdown as rich text; `update` brings an edited course back and keeps its step ids."""

from pathlib import Path

import pytest
from django.core.management import call_command

from videoklub.courses.models import CoursePage
from videoklub.courses.progress import course_steps
from videoklub.courses.starter import COURSES, starter_courses_load
from videoklub.knowledge.models import KnowledgeVideo, VideoPage

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent


def _fixture_folder(tmp_path):
    (tmp_path / "proef.toml").write_text((HERE / "fixture_course.toml").read_text())
    return tmp_path


def test_a_course_file_becomes_a_published_course_with_its_expert_video(tmp_path):
    (published,) = starter_courses_load(folder=_fixture_folder(tmp_path))
    course = CoursePage.objects.live().get(slug="proef-feedback")
    assert course.pk == published.pk
    assert course.core_practice.code == "growth-oriented-feedback"
    assert course.is_open and str(course.hours) == "1.5"
    assert sorted(t.name for t in course.tags.all()) == ["feedback", "formatief evalueren"]
    assert [s.kind for s in course_steps(course)] == [
        "text",
        "video",
        "question",
        "reflection",
        "discussion",
    ]
    assert "<b>feedback</b>" in course.intro
    video = course_steps(course)[1]
    assert video.value["video"].slug == "feedback-tijdens-zelfstandig-werk"
    assert [t.at for t in video.tasks] == sorted(t.at for t in video.tasks) and video.tasks
    choice = course_steps(course)[2]
    assert choice.is_choice and choice.value["choices"][0]["correct"] is True
    assert [b.block_type for b in course.feedback_questions] == ["scale", "open"]
    assert "The power of feedback" in str(course.sources[0].value["reference"])


def test_loading_again_changes_nothing_and_update_restores_the_shipped_text(tmp_path):
    folder = _fixture_folder(tmp_path)
    starter_courses_load(folder=folder)
    videos = list(KnowledgeVideo.objects.values_list("pk", flat=True))
    assert starter_courses_load(folder=folder) == []
    # The expert videos are synthesised once: a second load finds their pages and stops.
    assert list(KnowledgeVideo.objects.values_list("pk", flat=True)) == videos
    assert VideoPage.objects.count() == 2
    course = CoursePage.objects.get(slug="proef-feedback")
    course.summary = "Door de redactie herschreven."
    course.save_revision().publish()
    assert starter_courses_load(folder=folder) == []  # the editors' text stays
    assert len(starter_courses_load(folder=folder, update=True)) == 1
    course.refresh_from_db()
    assert course.summary == "Een korte cursus om de lader te testen."
    assert starter_courses_load(folder=folder, update=True) == []
    assert CoursePage.objects.count() == 1


def test_the_shipped_courses_load_with_the_command():
    if not list(COURSES.glob("*.toml")):
        pytest.skip("no shipped course files yet")
    call_command("load_starter_courses")
    courses = CoursePage.objects.live()
    assert courses.count() == len(list(COURSES.glob("*.toml")))
    for course in courses:
        steps = course_steps(course)
        assert steps, course.slug
        videos = [s for s in steps if s.kind == "video"]
        assert videos, course.slug
        for step in videos:
            page = VideoPage.objects.get(pk=step.value["video"].pk)
            assert page.live and page.video.is_ready and step.tasks
