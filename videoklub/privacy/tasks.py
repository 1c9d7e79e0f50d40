from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from videoklub.accounts.models import DataExport
from videoklub.privacy.exports import data_export_build


@task()
def build_data_export(export_id: int) -> None:
    """Build a person's "my data" zip and tell them by e-mail.

    Claims the row (queued → processing), so a task delivered twice builds once; a failure
    marks the row failed and the person can ask again.
    """
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
    context = {"export": export, "url": settings.SITE_URL + reverse("privacy:my_data")}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("privacy/email/data_export_subject.txt", context).strip()
        body = render_to_string("privacy/email/data_export_body.txt", context)
    send_mail(subject, body, None, [export.owner.email])
