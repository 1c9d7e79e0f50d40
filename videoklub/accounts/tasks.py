from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
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
