"""Work forms for book clubs (boekenclubs), added to the library.

The library (0002) already holds these nine forms by name, but written around a video fragment.
A book club talks about a text and the members' own classes, so it gets its own versions,
coded "bookclub-…" next to the klub versions. Shipped content for Flemish schools, so in Dutch;
matched on `code`: running it again updates the texts, never duplicates them.
"""

from django.db import migrations

# (code, name, minutes, summary, how_to)
WORK_FORMS = [
    (
        "bookclub-practice-link",
        "Praktijkkoppeling (boekenclub)",
        20,
        "De club verbindt een idee uit de tekst met de eigen klas. Iedereen vertrekt met één "
        "klein experiment.",
        "1. Iedereen kiest één passage die hem of haar aansprak en leest ze voor.\n"
        "2. Beschrijf een concreet moment uit je klas waar die passage over gaat.\n"
        "3. De anderen vragen door: wat deed je precies, wat deden de leerlingen?\n"
        "4. Bedenk samen wat je anders zou kunnen proberen, met de tekst als houvast.\n"
        "5. Iedereen noteert één experiment voor de volgende bijeenkomst, met waaraan je merkt "
        "dat het werkt.",
    ),
    (
        "bookclub-role-division",
        "Rollenverdeling (boekenclub)",
        25,
        "Elk lid bereidt de tekst voor vanuit een rol: samenvatter, kritische denker, "
        "praktijkvertaler of gespreksleider. De rollen wisselen elke bijeenkomst.",
        "1. De samenvatter vat in 3 minuten samen wat jullie lazen.\n"
        "2. De gespreksleider stelt de eerste gespreksvraag en geeft iedereen een beurt.\n"
        "3. De kritische denker brengt in waar de tekst niet past bij onze leerlingen, en "
        "waarom.\n"
        "4. De praktijkvertaler vraagt telkens: wat betekent dit morgen in onze klassen?\n"
        "5. De facilitator bewaakt de tijd en sluit af met de experimenten.",
    ),
    (
        "bookclub-visual-thinking",
        "Visual thinking (boekenclub)",
        20,
        "De kern van een hoofdstuk in een eenvoudige tekening: beelden maken verbanden in de "
        "tekst zichtbaar en blijven beter hangen.",
        "1. Leg papier en stiften klaar; toon enkele basisbeelden (poppetje, pijl, "
        "tekstballon).\n"
        "2. Iedereen tekent in 5 minuten het belangrijkste idee van het hoofdstuk.\n"
        "3. Leg de tekeningen naast elkaar: wat komt terug, wat is anders?\n"
        "4. Teken samen één beeld van hoe het idee eruitziet in jullie klassen.\n"
        "5. Bewaar een foto van het beeld in de inzichtenmap.",
    ),
    (
        "bookclub-action-research",
        "Praktijkonderzoek (boekenclub)",
        30,
        "De club maakt van een idee uit de tekst een kleine onderzoeksvraag: wat probeer je, "
        "wat meet je, en wat zie je de volgende keer?",
        "1. Kies samen een idee uit de tekst dat iedereen wil uitproberen.\n"
        "2. Maak er een vraag van: wat gebeurt er bij mijn leerlingen als ik …?\n"
        "3. Spreek af wat je verzamelt (bv. een telling, leerlingwerk, een kort fragment).\n"
        "4. Iedereen noteert zijn experiment en houdt een logboek bij.\n"
        "5. Begin de volgende bijeenkomst met de gegevens: wat zie je, wat betekent het?",
    ),
    (
        "bookclub-silent-discussion",
        "Stil gesprek (boekenclub)",
        15,
        "Op grote vellen staan citaten uit de tekst. Iedereen reageert schriftelijk, in stilte, "
        "ook op elkaar. Wie minder snel spreekt, komt evengoed aan bod.",
        "1. Schrijf 3 à 4 citaten uit de tekst elk op een groot vel.\n"
        "2. Iedereen loopt rond en schrijft een reactie, vraag of voorbeeld uit de klas.\n"
        "3. Reageer ook op wat collega’s schreven, zonder te praten (10 min).\n"
        "4. Lees samen de vellen en zet een ster bij wat je wilt bespreken.\n"
        "5. Bespreek luidop de reacties met de meeste sterren.",
    ),
    (
        "bookclub-statements-debate",
        "Stellingen en debat (boekenclub)",
        20,
        "Een prikkelende stelling uit of over de tekst zet aan tot standpunten innemen en "
        "argumenteren met voorbeelden uit de eigen klas.",
        "1. De kritische denker bereidt 2 à 3 stellingen voor (bv. ‘Dit werkt niet bij "
        "kleuters’).\n"
        "2. Lees een stelling voor; iedereen kiest een kant (eens/oneens).\n"
        "3. Beide kanten geven om beurten argumenten, uit de tekst en uit de klas.\n"
        "4. Wie overtuigd is, mag van kant wisselen.\n"
        "5. Sluit af: wat zegt dit over wat wij willen uitproberen?",
    ),
    (
        "bookclub-speed-dating",
        "Speeddaten (boekenclub)",
        15,
        "Korte gesprekken van enkele minuten met telkens een andere collega over één vraag bij "
        "de tekst. Levert snel veel perspectieven op.",
        "1. Zet twee rijen stoelen tegenover elkaar.\n"
        "2. Geef per ronde één vraag (bv. ‘Welke zin onthoud je?’, ‘Wat probeer je uit?’).\n"
        "3. Praat 3 minuten per duo; op het signaal schuift één rij een plaats door.\n"
        "4. Speel 3 à 4 rondes met telkens een nieuwe vraag.\n"
        "5. Sluit af in de groep: welk idee hoorde je dat je zelf wilt proberen?",
    ),
    (
        "bookclub-think-pair-share",
        "Denken-delen-uitwisselen (boekenclub)",
        15,
        "Eerst alleen nadenken over een gespreksvraag bij de tekst, dan met één collega, dan "
        "met de hele club. Zo komt iedereen aan het woord.",
        "1. De gespreksleider stelt één gespreksvraag bij de tekst.\n"
        "2. Denken (2 min): iedereen noteert in stilte een antwoord, met een pagina erbij.\n"
        "3. Delen (4 min): bespreek je antwoord in duo’s.\n"
        "4. Uitwisselen (8 min): elk duo brengt één inzicht in bij de club.\n"
        "5. De samenvatter noteert de inzichten in de inzichtenmap.",
    ),
    (
        "bookclub-placemat",
        "Placemat (boekenclub)",
        20,
        "Een groot vel met een vak per lid en een middenvak. Eerst schrijft iedereen alleen, "
        "daarna kiest de club samen wat in het midden komt: het gedeelde inzicht.",
        "1. Leg een groot vel met een vak per persoon en een middenvak.\n"
        "2. Iedereen schrijft 3 minuten in zijn vak wat hem of haar het meest raakte in de "
        "tekst.\n"
        "3. Draai het vel rond en lees elkaars vakken.\n"
        "4. Kies samen wat in het middenvak komt: wat neemt de club mee?\n"
        "5. Zet het middenvak in de inzichtenmap; deel het eventueel met het schoolteam.",
    ),
]

# After the klub forms of 0002, so the library keeps its order.
FIRST_ORDER = 100


def add_book_club_work_forms(apps, schema_editor):
    WorkForm = apps.get_model("meetings", "WorkForm")
    for offset, (code, name, minutes, summary, how_to) in enumerate(WORK_FORMS):
        WorkForm.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "minutes": minutes,
                "summary": summary,
                "how_to": how_to,
                "order": FIRST_ORDER + offset,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_verbose_names")]

    operations = [migrations.RunPython(add_book_club_work_forms, migrations.RunPython.noop)]
