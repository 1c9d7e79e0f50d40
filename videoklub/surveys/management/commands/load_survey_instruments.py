from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from videoklub.organisations.models import Programme
from videoklub.surveys.files import InstrumentFileError, load_text
from videoklub.surveys.services import instrument_load, instruments_load_shipped


class Command(BaseCommand):
    help = (
        "Load the shipped survey instruments (safe to run again: an unchanged one is left as "
        "it is, a changed one becomes a new version), or with --file and --programme a "
        "programme's own instrument from a TOML or JSON file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", help="a .toml or .json instrument file")
        parser.add_argument(
            "--programme", type=int, help="the programme that owns the file's instrument"
        )

    def handle(self, *args, file: str | None, programme: int | None, **options) -> None:
        if file is None:
            versions = instruments_load_shipped()
            for version in versions:
                self.stdout.write(f"{version.instrument.key}: v{version.number}")
            return
        if programme is None:
            raise CommandError("--file needs --programme (whose instrument it is).")
        owner = Programme.objects.filter(pk=programme).first()
        if owner is None:
            raise CommandError(f"No programme {programme}.")
        path = Path(file)
        try:
            content = load_text(path.read_text("utf-8"), path.name)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        except InstrumentFileError as error:
            raise CommandError("\n".join(error.messages)) from error
        with transaction.atomic():
            version = instrument_load(content=content, programme=owner)
        self.stdout.write(f"{version.instrument.key}: v{version.number}")
