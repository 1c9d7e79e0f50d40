"""The platform-wide editor role in the administration; Wagtail's own models leave it.

Wagtail registers its documents and images, and taggit its tags, in Django's admin too. They
belong to the knowledge base's editor (/redactie/), behind our policy, not to the platform's
administration (this app comes after them in INSTALLED_APPS, so their registrations exist).
"""

from django.contrib import admin
from taggit.models import Tag
from wagtail.documents.models import Document
from wagtail.images.models import Image

from videoklub.knowledge.models import KnowledgeEditor

for model in (Document, Image, Tag):
    admin.site.unregister(model)


@admin.register(KnowledgeEditor)
class KnowledgeEditorAdmin(admin.ModelAdmin):
    list_display = ["user", "granted_at"]
    autocomplete_fields = ["user"]
    search_fields = ["user__full_name", "user__email"]
