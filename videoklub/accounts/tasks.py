from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from videoklub.accounts.models import Invitation


@task()
def send_invitation_email(invitation_id: int) -> None:
    """E-mail the invitation link.

    Safe to run twice: an invitation accepted or deleted in the meantime is skipped, and a
    repeated run at worst sends the same valid link again.
    """
    from videoklub.accounts.services import invitation_url

    invitation = (
        Invitation.objects.select_related("klub__school", "school", "programme", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    context = {"invitation": invitation, "url": invitation_url(invitation)}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


@task()
def build_data_export(export_id: int) -> None:
    """Build a person's "my data" zip and tell them by e-mail.

    Claims the row (queued → processing), so a task delivered twice builds once; a failure
    marks the row failed and the person can ask again.
    """
    from videoklub.accounts.exports import data_export_build
    from videoklub.accounts.models import DataExport

    claimed = DataExport.objects.filter(pk=export_id, status=DataExport.Status.QUEUED).update(
        status=DataExport.Status.PROCESSING
    )
    if not claimed:
        return
    export = DataExport.objects.select_related("owner").get(pk=export_id)
    try:
        data_export_build(export=export)
    except Exception as error:
        DataExport.objects.filter(pk=export_id).update(
            status=DataExport.Status.FAILED, error=repr(error)[:2000]
        )
        raise
    context = {"export": export, "url": settings.SITE_URL + reverse("accounts:my_data")}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/data_export_subject.txt", context).strip()
        body = render_to_string("accounts/email/data_export_body.txt", context)
    send_mail(subject, body, None, [export.owner.email])
