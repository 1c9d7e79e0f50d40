"""Instrument files: the shipped ones load (again without doubling), a bad file is refused with
a Dutch message naming the line or the question, and nothing is created."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from videoklub.surveys import files, services
from videoklub.surveys.models import Instrument, InstrumentVersion

GOOD = """
key = "eigen-schaal"
title = "Onze schaal"
licence = "Gebruikt met toestemming van de auteurs"
sources = ["Auteur (2020)."]
[scale]
min = 1
max = 4
labels = ["nooit", "soms", "vaak", "altijd"]
[[subscales]]
key = "a"
label = "A"
[[items]]
key = "a1"
text = "Eerste vraag"
subscale = "a"
[[items]]
key = "a2"
text = "Tweede vraag"
subscale = "a"
reverse = true
"""


def test_the_shipped_instruments_load_once_and_say_the_items_are_ours(db):
    first = services.instruments_load_shipped()
    again = services.instruments_load_shipped()
    assert [v.pk for v in first] == [v.pk for v in again]
    assert {v.instrument.key for v in first} == {
        "collectieve-effectiviteit",
        "eindevaluatie",
        "klubsessie",
        "zelfeffectiviteit",
    }
    by_key = {v.instrument.key: v for v in first}
    efficacy = by_key["zelfeffectiviteit"]
    assert {s["key"] for s in efficacy.subscales} == {
        "betrokkenheid",
        "instructie",
        "klasmanagement",
    }
    for subscale in efficacy.subscales:
        items = [i for i in efficacy.items if i["subscale"] == subscale["key"]]
        assert len(items) == 4 and any(i["reverse"] for i in items)
    assert "Tschannen-Moran" in " ".join(efficacy.sources)
    assert "applies_practice" in {i["key"] for i in by_key["eindevaluatie"].items}
    assert all(v.is_published and "eigen formulering" in v.source_note for v in first)


def test_a_changed_shipped_file_becomes_a_new_version(db):
    version = services.instruments_load_shipped()[0]
    content = files.validate(
        {
            "key": version.instrument.key,
            "title": "Nieuw",
            "scale": version.scale,
            "subscales": version.subscales,
            "items": version.items,
        }
    )
    newer = services.instrument_load(content=content, programme=None)
    assert newer.number == version.number + 1
    version.refresh_from_db()
    assert version.title != "Nieuw"  # the published one did not change


@pytest.fixture
def dutch():
    with translation.override("nl-be"):
        yield


def test_a_toml_syntax_error_names_its_line(dutch):
    with pytest.raises(files.InstrumentFileError) as caught:
        files.load_text('key = "x"\ntitle = "y"\nitems = [\n  { text = }\n]\n', "schaal.toml")
    assert caught.value.messages[0].startswith("Regel 4: het bestand is geen geldige TOML")


def test_a_json_syntax_error_names_its_line(dutch):
    with pytest.raises(files.InstrumentFileError) as caught:
        files.load_text('{\n  "key": "x",\n  "title": \n}', "schaal.json")
    assert caught.value.messages[0].startswith("Regel 4: het bestand is geen geldige JSON")


def test_every_field_problem_is_named_at_once(dutch):
    data = {
        "key": "x",
        "scale": {"min": 1, "max": 5, "labels": ["a", "b"]},
        "subscales": [{"key": "s"}],
        "items": [{"text": "Goed", "subscale": "s"}, {"subscale": "t", "reverse": "ja"}],
    }
    with pytest.raises(files.InstrumentFileError) as caught:
        files.validate(data)
    assert caught.value.messages == [
        "Instrument: „title” ontbreekt.",
        "Schaal: 2 labels voor 5 punten; geef één label per punt.",
        "Vraag 2: „text” ontbreekt.",
        "Vraag 2: de subschaal „t” staat niet bij de subschalen.",
        "Vraag 2: „reverse” moet true of false zijn.",
    ]


def test_json_loads_as_toml_does():
    data = files.load_text(GOOD, "a.toml")
    again = files.load_text(json.dumps({**data, "licence": data["source_note"]}), "a.json")
    assert again == data


def test_staff_upload_a_programmes_own_instrument(client, world):
    client.force_login(world.project_staff)
    url = reverse("surveys:instrument_upload", args=[world.programme.pk])
    upload = StringIO(GOOD)
    upload.name = "schaal.toml"
    response = client.post(url, {"file": upload})
    instrument = Instrument.objects.get(key="eigen-schaal")
    assert response.status_code == 302
    assert instrument.programme == world.programme
    assert instrument.versions.get().is_published


def test_a_bad_upload_shows_dutch_errors_with_the_line_and_creates_nothing(client, world):
    client.force_login(world.project_staff)
    url = reverse("surveys:instrument_upload", args=[world.programme.pk])
    upload = StringIO(GOOD.replace('text = "Tweede vraag"', 'text = "Tweede vraag'))
    upload.name = "schaal.toml"
    response = client.post(url, {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Regel 19: het bestand is geen geldige TOML" in page
    assert not Instrument.objects.exists() and not InstrumentVersion.objects.exists()


def test_the_command_loads_shipped_and_own_files(db, world, tmp_path, dutch):
    out = StringIO()
    call_command("load_survey_instruments", stdout=out)
    assert "zelfeffectiviteit: v1" in out.getvalue()
    path = tmp_path / "eigen.toml"
    path.write_text(GOOD, "utf-8")
    call_command(
        "load_survey_instruments", file=str(path), programme=world.programme.pk, stdout=out
    )
    assert Instrument.objects.filter(programme=world.programme, key="eigen-schaal").exists()
    path.write_text(GOOD.replace("max = 4", "max = 3"), "utf-8")
    with pytest.raises(CommandError, match="4 labels voor 3 punten"):
        call_command("load_survey_instruments", file=str(path), programme=world.programme.pk)
