from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "videoklub.practice"
    label = "practice"
    verbose_name = _("Practice examples")

    def ready(self) -> None:
        from videoklub.knowledge.finding import register_search_source
        from videoklub.practice import (
            finding,
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.practice.selectors import recording_page_context
        from videoklub.recordings import pages

        pages.register(recording_page_context)
        register_search_source(finding.SOURCE)
