"""Wagtail's editor opened to the people our policy names, and to nobody else.

Wagtail grants access with Django permissions held by groups. Here one group,
"Kennisbank-redactie", carries exactly what editing the kennisbank needs (the editor itself,
the kennisbank's pages, documents), and its members are *derived*: on every request to the
editor the person is put in or taken out according to `edit_knowledge`. Someone added to the
group by hand in Wagtail loses it on their next request; someone who stops being project staff
loses the editor at once. Superusers get no way around it: the middleware refuses the editor to
anyone the policy does not name, and Wagtail's own user and group screens are not reachable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

from videoklub.knowledge.models import KnowledgeIndexPage
from videoklub.policy import can

if TYPE_CHECKING:
    from videoklub.accounts.models import User

EDITORS_GROUP = "Kennisbank-redactie"
PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "delete_page",
    "lock_page",
    "unlock_page",
)
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "delete_document", "choose_document")
VIDEO_PERMISSIONS = (
    "add_knowledgevideo",
    "change_knowledgevideo",
    "delete_knowledgevideo",
    "view_knowledgevideo",
)


@transaction.atomic
def knowledge_root() -> KnowledgeIndexPage:
    """The kennisbank's page in Wagtail's tree, made on first use (and the default site's root,
    so the editor opens on it)."""
    root = KnowledgeIndexPage.objects.first()
    if root is not None:
        return root
    root = _tree_root().add_child(
        instance=KnowledgeIndexPage(title="Kennisbank", slug="kennisbank")
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = root
        site.save(update_fields=["root_page"])
        # Wagtail's own placeholder ("Welcome to your new Wagtail site!") has nothing of ours.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return root


def _tree_root() -> Page:
    """Wagtail's tree root, its default locale with it. Wagtail's migrations make both, but a
    database emptied since (a flush, as the browser tests do between tests) has neither."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(
            title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
        )
    )


@transaction.atomic
def editors_group() -> Group:
    group, created = Group.objects.get_or_create(name=EDITORS_GROUP)
    # The kennisbank's videos came after the group: a group made before gets them once.
    if not group.permissions.filter(codename=VIDEO_PERMISSIONS[0]).exists():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="knowledge", codename__in=VIDEO_PERMISSIONS
            )
        )
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        root = knowledge_root()
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        for codename in DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtaildocs", codename=codename
                ),
            )
    return group


def editor_access_sync(user: User) -> bool:
    """Put `user` in the editors' group or take them out, as the policy says; True if in."""
    allowed = can(user, "edit_knowledge")
    group = editors_group()
    member = user.groups.filter(pk=group.pk).exists()
    if allowed and not member:
        user.groups.add(group)
    elif not allowed and member:
        user.groups.remove(group)
    return allowed
