from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.notifications.models import NotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["email", "language"]
        labels = {"email": _("Tell me by e-mail"), "language": _("Language of the e-mails")}
        widgets = {"email": forms.RadioSelect}
