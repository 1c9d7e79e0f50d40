"""Fixtures for the tests of this folder and tests/e2e: the OpenID Connect test provider."""

import pytest
from django.urls import reverse

from tests.oidc_provider.server import Provider, running_provider


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> Provider:
    """A django-oauth-toolkit provider on 127.0.0.1, for the whole test session.

    It knows the callback as the Django test client reaches it; a live server's is added by the
    browser tests (`Provider.add_redirect_uri`).
    """
    callback = "http://testserver" + reverse("accounts:school_login_callback")
    with running_provider(tmp_path_factory.mktemp("oidc-provider"), [callback]) as provider:
        yield provider


@pytest.fixture
def school_login_on(oidc_provider, settings) -> Provider:
    """School sign-in switched on with the test provider (addresses of school.test allowed)."""
    settings.OIDC_PROVIDERS = oidc_provider.settings()
    oidc_provider.set_claims()
    return oidc_provider
