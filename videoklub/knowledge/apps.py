from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "videoklub.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from videoklub.analysis import indicator_links
        from videoklub.knowledge import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.knowledge.expert import expert_links

        indicator_links.register(expert_links)
