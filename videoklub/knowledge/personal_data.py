"""What the knowledge base keeps about a person, and what Wagtail's editor keeps.

Signed-in readers leave which videos they started watching (for the monitoring numbers): that
goes with them and is in their export. Editors leave their name on pages, revisions, documents
and the editor's history: that is what they gave to others, so it stays, without the name.
Their editor preferences, comments, subscriptions and the platform-editor role go with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.models import ModelLogEntry, PageLogEntry

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.knowledge.models import VideoPage, VideoWatch

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _erase(user: User) -> list[str]:
    # Wagtail's history keeps the editor's id without a database constraint (DO_NOTHING, so
    # the log survives deleted accounts): the name would come back with a reused id.
    for entries in (PageLogEntry.objects, ModelLogEntry.objects):
        entries.filter(user_id=user.pk).update(user=None)
    return []


def _watched(user: User, zf: zipfile.ZipFile) -> list[dict]:
    titles = dict(VideoPage.objects.filter(video__isnull=False).values_list("video_id", "title"))
    return [
        {
            "video": titles.get(watch.video_id, str(watch.video_id)),
            "eerst_bekeken_op": watch.first_watched_at,
            "laatst_bekeken_op": watch.last_watched_at,
        }
        for watch in VideoWatch.objects.filter(user=user).order_by("first_watched_at")
    ]


register(
    Contributor(
        app="knowledge",
        deleted=(
            "knowledge.KnowledgeEditor.user",
            "knowledge.VideoWatch.user",
            "wagtailcore.APIToken.user",
            "wagtailcore.Comment.user",
            "wagtailcore.CommentReply.user",
            "wagtailcore.PageSubscription.user",
            "wagtailadmin.EditingSession.user",
            "wagtailadmin.FormState.user",
            "wagtailusers.UserProfile.user",
        ),
        anonymised=(
            "knowledge.KnowledgeIndexPage.locked_by",
            "knowledge.KnowledgeIndexPage.owner",
            "knowledge.DossierPage.locked_by",
            "knowledge.DossierPage.owner",
            "knowledge.VideoPage.locked_by",
            "knowledge.VideoPage.owner",
            "wagtailcore.Page.locked_by",
            "wagtailcore.Page.owner",
            "wagtailcore.Revision.user",
            "wagtailcore.UploadedFile.uploaded_by_user",
            "wagtailcore.WorkflowState.requested_by",
            "wagtailcore.TaskState.finished_by",
            "wagtailcore.Comment.resolved_by",
            "wagtailcore.ModelLogEntry.user",
            "wagtailcore.PageLogEntry.user",
            "wagtaildocs.Document.uploaded_by_user",
            "wagtailimages.Image.uploaded_by_user",
        ),
        exports=(ExportPart("kennisbank-videos.json", _watched, order=67),),
        erase=_erase,
    )
)
