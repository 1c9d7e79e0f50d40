from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "videoklub.courses"
    label = "courses"
    verbose_name = _("E-courses")

    def ready(self) -> None:
        from videoklub.courses import (
            finding,
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.courses.selectors import course_reflections_for_trail
        from videoklub.cycles.trail import register_trail_source
        from videoklub.knowledge.finding import register_search_source
        from videoklub.knowledge.models import KnowledgeIndexPage

        # Courses live in the kennisbank's tree, in a folder beside the dossiers. The knowledge
        # app, a floor below, cannot name this app, so the floor above adds itself to what the
        # editor offers there.
        if "courses.CourseIndexPage" not in KnowledgeIndexPage.subpage_types:
            KnowledgeIndexPage.subpage_types = [
                *KnowledgeIndexPage.subpage_types,
                "courses.CourseIndexPage",
            ]
        # Reflections written in a course belong in the teacher's learning trail.
        register_trail_source(course_reflections_for_trail)
        # And the kennisbank's one search finds courses beside its dossiers and videos.
        register_search_source(finding.SOURCE)
