import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from videoklub.testing.factories import UserFactory
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="sofie.maes@school.test")
    response = client.post(reverse("accounts:password_reset"), {"email": "Sofie.Maes@school.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "een-heel-nieuw-wachtwoord-42"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    # The link is single use.
    expired = dutch(
        _(
            "This link is no longer valid: it was already used or it has expired. "
            "Ask for a new link."
        )
    )
    assert expired in client.get(link, follow=True).content.decode()


def test_an_unknown_address_reveals_nothing_and_sends_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@school.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
