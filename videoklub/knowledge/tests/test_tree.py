"""The kennisbank finds its place in Wagtail's tree, even in a database emptied since migrating."""

import pytest
from wagtail.models import Collection, Locale, Page, Site

from videoklub.knowledge.editors import editors_group, knowledge_root
from videoklub.knowledge.models import KnowledgeIndexPage

pytestmark = pytest.mark.django_db


def test_the_kennisbank_replaces_wagtails_placeholder_as_the_sites_root():
    root = knowledge_root()
    assert Site.objects.get(is_default_site=True).root_page.specific == root
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert knowledge_root() == root  # made once


def test_an_emptied_database_gets_a_tree_locale_site_and_collection_again():
    # What a flush leaves (the browser tests empty the database between tests).
    Site.objects.all().delete()
    Page.objects.all().delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()
    root = knowledge_root()
    assert isinstance(root, KnowledgeIndexPage) and root.depth == 2
    assert Site.objects.get(is_default_site=True).root_page_id == root.pk
    assert editors_group().collection_permissions.exists()
