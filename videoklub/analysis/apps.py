from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "videoklub.analysis"
    label = "analysis"
    verbose_name = _("Analysis workspace")

    def ready(self) -> None:
        from videoklub.analysis.views import recording_page_context
        from videoklub.recordings import pages

        pages.register(recording_page_context)
