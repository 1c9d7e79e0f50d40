"""The library of work forms (werkvormen) a coach chooses from for a klub session.

Shipped content for Flemish schools, so written in Dutch. Matched on `code`: running the
migration again (or after a coach's edit in the admin) updates the texts, never duplicates them.
"""

from django.db import migrations

# (code, name, minutes, summary, how_to)
WORK_FORMS = [
    (
        "think-pair-share",
        "Denken-delen-uitwisselen",
        15,
        "Iedereen denkt eerst alleen na over het fragment, bespreekt het daarna met één "
        "collega en deelt het belangrijkste inzicht met de hele klub. Zo komt iedereen aan "
        "het woord, ook wie niet spontaan reageert.",
        "1. Bekijk het fragment samen en stel één duidelijke kijkvraag.\n"
        "2. Denken (2 min): iedereen noteert in stilte wat hij of zij ziet.\n"
        "3. Delen (4 min): bespreek je notities in duo's; zoek overeenkomsten en verschillen.\n"
        "4. Uitwisselen (8 min): elk duo brengt één inzicht of vraag in bij de groep.\n"
        "5. De leraar van het fragment krijgt het laatste woord: wat neemt hij of zij mee?",
    ),
    (
        "placemat",
        "Placemat",
        20,
        "Een groot vel met een vak per deelnemer en een gemeenschappelijk middenvak. Eerst "
        "schrijft iedereen individueel, daarna kiest de groep samen wat in het midden komt: "
        "de gedeelde conclusie over het fragment.",
        "1. Leg per groepje van 3 à 4 een groot vel met een vak per persoon en een middenvak.\n"
        "2. Bekijk het fragment met een kijkvraag of een indicator uit de kijkwijzer.\n"
        "3. Iedereen schrijft 3 minuten in zijn eigen vak wat hij observeert.\n"
        "4. Lees elkaars vakken (draai het vel rond) en bespreek de verschillen.\n"
        "5. Noteer in het middenvak wat de groep samen belangrijk vindt.\n"
        "6. Elk groepje deelt zijn middenvak met de leraar van het fragment.",
    ),
    (
        "silent-discussion",
        "Stil gesprek",
        20,
        "De klub voert het gesprek op papier: rond een vraag of citaat bij het fragment "
        "schrijven deelnemers in stilte reacties en reageren ze op elkaars reacties. Geeft "
        "rustige denkers ruimte en voorkomt dat enkele stemmen domineren.",
        "1. Schrijf een vraag of uitspraak over het fragment in het midden van een groot vel.\n"
        "2. Bekijk het fragment; daarna wordt er tot het einde niet meer gesproken.\n"
        "3. Iedereen schrijft reacties, vragen en aanvullingen en trekt lijnen naar "
        "elkaars tekst (10 min).\n"
        "4. Loop rond en lees alles; zet een sterretje bij wat je raakt.\n"
        "5. Bespreek luidop de items met de meeste sterretjes, met de leraar van het fragment.",
    ),
    (
        "speed-dating",
        "Speeddaten",
        15,
        "Korte gesprekken van telkens enkele minuten met steeds een andere collega over één "
        "vraag bij het fragment. Levert in korte tijd veel verschillende perspectieven op.",
        "1. Zet twee rijen stoelen tegenover elkaar.\n"
        "2. Bekijk het fragment en geef per ronde één vraag (bv. 'Wat doet de leraar dat "
        "werkt?', 'Wat zou jij anders proberen?').\n"
        "3. Praat 3 minuten per duo; op het signaal schuift één rij een plaats door.\n"
        "4. Speel 3 à 4 rondes met telkens een nieuwe vraag.\n"
        "5. Sluit af in de groep: welk idee hoorde je dat je zelf wilt uitproberen?",
    ),
    (
        "reflection-cards",
        "Reflectiekaarten",
        15,
        "Kaarten met reflectievragen of uitspraken helpen om gericht en veilig over het "
        "fragment te praten. Deelnemers trekken of kiezen een kaart en reageren vanuit die "
        "invalshoek.",
        "1. Leg een set reflectiekaarten open op tafel (bv. 'Wat verraste je?', 'Waar zie je "
        "groei?', 'Welke leerling viel je op?').\n"
        "2. Bekijk het fragment.\n"
        "3. Om beurten kiest iemand een kaart en reageert op het fragment vanuit die vraag.\n"
        "4. De anderen vullen aan of stellen een verdiepende vraag.\n"
        "5. De leraar van het fragment kiest tot slot de kaart die hem of haar het meest hielp.",
    ),
    (
        "role-division",
        "Rollenverdeling",
        20,
        "Elke deelnemer bekijkt het fragment vanuit een vaste rol (bv. leerling, leraar, "
        "observator van taal, tijdbewaker). Zo worden verschillende aspecten van de les "
        "bewust belicht.",
        "1. Verdeel rollen: bv. de bril van de leerling, van de leraar, van de kernpraktijk, "
        "een vragensteller en een tijdbewaker.\n"
        "2. Geef elke rol een korte kijkopdracht op een kaartje.\n"
        "3. Bekijk het fragment; iedereen noteert vanuit zijn rol.\n"
        "4. Elke rol brengt kort verslag uit (1 à 2 min per rol).\n"
        "5. Bespreek samen met de leraar wat de rollen samen laten zien en wat een volgende "
        "stap kan zijn.",
    ),
    (
        "statements-debate",
        "Stellingen en debat",
        20,
        "Een prikkelende stelling over het fragment of de kernpraktijk zet aan tot "
        "standpunten innemen en argumenteren. Maakt opvattingen over goed lesgeven zichtbaar.",
        "1. Formuleer 2 à 3 stellingen bij het fragment (bv. 'Deze leerlingen krijgen genoeg "
        "denktijd').\n"
        "2. Bekijk het fragment.\n"
        "3. Lees een stelling voor; iedereen kiest een kant van het lokaal (eens/oneens).\n"
        "4. Beide kanten geven om beurten argumenten, met voorbeelden uit het fragment.\n"
        "5. Wie overtuigd is, mag van kant wisselen. Sluit af met wat de leraar meeneemt.",
    ),
    (
        "practice-link",
        "Praktijkkoppeling",
        20,
        "De klub verbindt wat in het fragment gebeurt met de eigen klaspraktijk en met wat "
        "de kernpraktijk of de literatuur zegt. Eindigt met een concrete actie per deelnemer.",
        "1. Bekijk het fragment en benoem samen wat de leraar concreet doet.\n"
        "2. Leg de link met de kernpraktijk of een kort stuk theorie: waarom werkt dit?\n"
        "3. Iedereen beschrijft een situatie uit de eigen klas waar dit ook zou passen.\n"
        "4. Formuleer per deelnemer één actie om uit te proberen, met een succescriterium.\n"
        "5. Spreek af wanneer je erop terugkomt in de volgende bijeenkomst.",
    ),
    (
        "visual-thinking",
        "Visual thinking",
        20,
        "Deelnemers vatten hun observaties samen in eenvoudige tekeningen, pijlen en "
        "symbolen. Beelden maken patronen en verbanden in de les sneller zichtbaar dan "
        "woorden alleen.",
        "1. Geef iedereen papier en stiften; toon enkele basisbeelden (poppetje, pijl, "
        "tekstballon).\n"
        "2. Bekijk het fragment.\n"
        "3. Iedereen tekent in 5 minuten het verloop van de interactie of wat de leerlingen "
        "doen.\n"
        "4. Hang de tekeningen op en bespreek: wat valt op, wat komt vaak terug?\n"
        "5. Teken samen met de leraar van het fragment de gewenste situatie: wat is de "
        "eerste stap daarheen?",
    ),
    (
        "action-research",
        "Praktijkonderzoek",
        30,
        "De klub gebruikt het fragment als data bij een onderzoeksvraag uit de klas: wat zie "
        "je, wat betekent het, wat probeer je uit en hoe meet je het effect? Sluit aan bij de "
        "ontwikkelcyclus van de leraar.",
        "1. De leraar licht de leervraag van de cyclus toe.\n"
        "2. Spreek af waarop je let (bv. het aantal leerlingen dat antwoordt, de wachttijd).\n"
        "3. Bekijk het fragment en verzamel die gegevens zo feitelijk mogelijk.\n"
        "4. Interpreteer samen: wat zeggen de gegevens over de leervraag?\n"
        "5. Kies een interventie en hoe je het effect meet in het volgende fragment.\n"
        "6. Noteer de afgesproken actie bij de leraar.",
    ),
]


def add_work_forms(apps, schema_editor):
    WorkForm = apps.get_model("meetings", "WorkForm")
    for order, (code, name, minutes, summary, how_to) in enumerate(WORK_FORMS):
        WorkForm.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "minutes": minutes,
                "summary": summary,
                "how_to": how_to,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(add_work_forms, migrations.RunPython.noop)]
