from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application


class Command(BaseCommand):
    help = "Create or update the test client and the provider's users (test provider only)."

    def add_arguments(self, parser):
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument("--redirect-uri", action="append", default=[])
        parser.add_argument("--user", action="append", default=[], help="username:password")

    def handle(self, *args, **options):
        application = Application.objects.filter(client_id=options["client_id"]).first()
        if application is None:
            application = Application(
                client_id=options["client_id"],
                client_secret=options["client_secret"],
                name="VideoKLuB",
                client_type=Application.CLIENT_CONFIDENTIAL,
                authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                algorithm=Application.RS256_ALGORITHM,
                skip_authorization=False,
            )
        uris = application.redirect_uris.split()
        uris += [uri for uri in options["redirect_uri"] if uri not in uris]
        application.redirect_uris = " ".join(uris)
        application.save()
        for spec in options["user"]:
            username, password = spec.split(":", 1)
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.save()
