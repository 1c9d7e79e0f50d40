"""The kijkwijzers shipped with videoklub: written by us, grounded in research, in Dutch.

The content is plain data; `seed(apps)` writes it with the models of `apps` (the historical
models in a migration, the real ones elsewhere). Seeding again updates, never duplicates: a
kijkwijzer is matched on its `code`, and a new version is published only when its content
differs from the latest one, so observations made with an earlier version keep theirs.

Indicator keys are stable slugs, unique over all shipped kijkwijzers (the before/after
comparison matches indicators by key); never rename a key, add a new one instead.
"""

from __future__ import annotations

from typing import Any

SCALE_FOUR_POINTS: list[dict[str, Any]] = [
    {
        "value": 1,
        "label": "nog niet zichtbaar",
        "anchor": "Het gedrag komt in het fragment niet of nauwelijks voor, ook niet op momenten "
        "waarop de situatie erom vraagt.",
    },
    {
        "value": 2,
        "label": "in ontwikkeling",
        "anchor": "Het gedrag komt soms voor, eerder toevallig of bij een klein deel van de "
        "leerlingen; de uitvoering is nog onzeker of onvolledig.",
    },
    {
        "value": 3,
        "label": "zichtbaar",
        "anchor": "Het gedrag is duidelijk aanwezig, meestal op het juiste moment en voor de "
        "meeste leerlingen.",
    },
    {
        "value": 4,
        "label": "sterk en consequent",
        "anchor": "Het gedrag is consequent, doelgericht en afgestemd op de leerlingen; zij "
        "reageren er zichtbaar op of nemen het zelf over.",
    },
]

SCALE_LEUVEN: list[dict[str, Any]] = [
    {
        "value": 1,
        "label": "geen activiteit",
        "anchor": "Het kind is met de gedachten afwezig: het staart voor zich uit of herhaalt "
        "een handeling zonder aandacht; er is geen mentale activiteit merkbaar.",
    },
    {
        "value": 2,
        "label": "vaak onderbroken activiteit",
        "anchor": "Het kind is met iets bezig, maar wordt vaak afgeleid en kijkt rond; ongeveer "
        "de helft van de tijd is er geen echte betrokkenheid.",
    },
    {
        "value": 3,
        "label": "min of meer voortdurende activiteit",
        "anchor": "Het kind is de hele tijd bezig, maar routinematig en zonder intensiteit: "
        "aandacht is er, energie en concentratie blijven beperkt.",
    },
    {
        "value": 4,
        "label": "activiteit met intense momenten",
        "anchor": "Er zijn duidelijke momenten van intense betrokkenheid: het kind is "
        "geconcentreerd en laat zich niet snel afleiden, al zakt de intensiteit af en toe.",
    },
    {
        "value": 5,
        "label": "aanhoudend intense activiteit",
        "anchor": "Het kind is de hele observatie ononderbroken en intens bezig: geconcentreerd, "
        "energiek, creatief en volhardend; afleiding krijgt nauwelijks vat.",
    },
]


def _i(key: str, text: str, description: str) -> dict[str, str]:
    return {"key": key, "text": text, "description": description}


SHIPPED: list[dict[str, Any]] = [
    {
        "code": "groeigerichte-feedback",
        "core_practice": "growth-oriented-feedback",
        "name": "Groeigerichte feedback",
        "description": "Naar Hattie & Timperley (2007): goede feedback beantwoordt drie vragen "
        "(waar ga ik naartoe, hoe sta ik ervoor, wat is de volgende stap) en richt zich op de "
        "taak, het proces en de zelfregulatie, niet op de persoon.",
        "scale": SCALE_FOUR_POINTS,
        "domains": [
            {
                "name": "De drie feedbackvragen",
                "indicators": [
                    _i(
                        "fb-feed-up",
                        "Feed up: het doel is helder",
                        "De leraar maakt duidelijk waar de leerlingen naartoe werken (lesdoel en "
                        "succescriteria), zodat feedback ergens aan gekoppeld kan worden.",
                    ),
                    _i(
                        "fb-feed-back",
                        "Feed back: waar staat de leerling nu?",
                        "De leraar geeft concrete informatie over de vordering ten opzichte van "
                        "het doel, op basis van wat hij of zij ziet en hoort.",
                    ),
                    _i(
                        "fb-feed-forward",
                        "Feed forward: wat is de volgende stap?",
                        "De feedback bevat een concrete volgende stap of tip waarmee de leerling "
                        "meteen verder kan.",
                    ),
                    _i(
                        "fb-feedback-gebruiken",
                        "Ruimte om feedback te gebruiken",
                        "Leerlingen krijgen tijd om met de feedback aan de slag te gaan; de "
                        "leraar gaat na of dat gelukt is.",
                    ),
                ],
            },
            {
                "name": "Niveaus van feedback",
                "indicators": [
                    _i(
                        "fb-taakniveau",
                        "Feedback op taakniveau",
                        "De leraar benoemt specifiek wat juist of onjuist is in het antwoord of "
                        "product en wat er nog ontbreekt.",
                    ),
                    _i(
                        "fb-procesniveau",
                        "Feedback op procesniveau",
                        "De leraar gaat in op de aanpak: hoe de leerling tot het antwoord kwam en "
                        "welke strategie beter zou werken.",
                    ),
                    _i(
                        "fb-zelfregulatieniveau",
                        "Feedback op zelfregulatieniveau",
                        "De leraar zet leerlingen aan om zelf hun werk te controleren en bij te "
                        "sturen, bijvoorbeeld met ‘Hoe kun je nagaan of dit klopt?’.",
                    ),
                    _i(
                        "fb-geen-persoonsniveau",
                        "Geen feedback op persoonsniveau",
                        "De leraar vermijdt algemene lof of kritiek op de persoon (‘slimme "
                        "meid’, ‘goed zo’); waardering gaat over inzet en aanpak.",
                    ),
                ],
            },
            {
                "name": "Feedbackklimaat",
                "indicators": [
                    _i(
                        "fb-fouten-leerkansen",
                        "Fouten zijn leerkansen",
                        "Fouten worden rustig en zonder beschaming besproken als informatie om "
                        "van te leren; leerlingen durven te zeggen wat ze niet begrijpen.",
                    ),
                    _i(
                        "fb-peerfeedback",
                        "Leerlingen geven elkaar feedback",
                        "Leerlingen geven elkaar gerichte feedback aan de hand van de "
                        "succescriteria, met een eenvoudige structuur of vraag.",
                    ),
                    _i(
                        "fb-feedback-voor-leraar",
                        "Feedback voor de leraar",
                        "De leraar gebruikt wat leerlingen laten zien (wisbordjes, antwoorden, "
                        "exit tickets) als feedback op de eigen instructie en stuurt bij.",
                    ),
                ],
            },
        ],
    },
    {
        "code": "klasmanagement",
        "core_practice": "classroom-management",
        "name": "Klasmanagement",
        "description": "Een veilige, ordelijke en warme klas door routines en procedures, "
        "vlotte overgangen, duidelijke verwachtingen, overzicht in de klas (naar Kounin: "
        "‘withitness’ en ‘overlapping’) en een positieve relatie met elke leerling.",
        "scale": SCALE_FOUR_POINTS,
        "domains": [
            {
                "name": "Routines en procedures",
                "indicators": [
                    _i(
                        "km-routines",
                        "Vaste routines",
                        "Terugkerende momenten (binnenkomen, materiaal nemen, hulp vragen, "
                        "afronden) verlopen volgens gekende routines, zonder lange uitleg.",
                    ),
                    _i(
                        "km-overgangen",
                        "Vlotte overgangen",
                        "Overgangen tussen lesfasen zijn kort en duidelijk aangekondigd; er gaat "
                        "weinig leertijd verloren.",
                    ),
                    _i(
                        "km-voorbereiding",
                        "Ruimte en materiaal zijn voorbereid",
                        "Materiaal ligt klaar en de klas is zo ingericht dat leerlingen vlot "
                        "kunnen werken en de leraar iedereen kan zien.",
                    ),
                    _i(
                        "km-start",
                        "Een duidelijke start",
                        "De les begint meteen met een opdracht; leerlingen weten vanaf het begin "
                        "wat ze moeten doen.",
                    ),
                ],
            },
            {
                "name": "Duidelijke verwachtingen",
                "indicators": [
                    _i(
                        "km-verwachtingen-expliciet",
                        "Verwachtingen zijn expliciet",
                        "De leraar zegt en toont concreet welk gedrag verwacht wordt: "
                        "stemvolume, samenwerken, wat te doen als je klaar bent.",
                    ),
                    _i(
                        "km-gewenst-gedrag-benoemen",
                        "Gewenst gedrag wordt benoemd",
                        "De leraar merkt gewenst gedrag op en benoemt het specifiek, vaker dan "
                        "ongewenst gedrag gecorrigeerd wordt.",
                    ),
                    _i(
                        "km-rustig-corrigeren",
                        "Rustig en consequent corrigeren",
                        "Bij ongewenst gedrag reageert de leraar kort, rustig en voorspelbaar, "
                        "met zo weinig mogelijk verstoring van de les.",
                    ),
                ],
            },
            {
                "name": "Overzicht en alertheid (Kounin)",
                "indicators": [
                    _i(
                        "km-withitness",
                        "Alertheid (‘withitness’)",
                        "De leraar laat merken te weten wat er overal in de klas gebeurt en "
                        "grijpt vroeg en bij de juiste leerling in.",
                    ),
                    _i(
                        "km-overlapping",
                        "Meerdere dingen tegelijk (‘overlapping’)",
                        "De leraar helpt een leerling en houdt tegelijk de rest van de groep aan "
                        "het werk, zonder de les stil te leggen.",
                    ),
                    _i(
                        "km-tempo",
                        "Tempo en vaart",
                        "De les heeft een vlot tempo zonder onnodige onderbrekingen, herhalingen "
                        "of uitweidingen die de aandacht laten wegzakken.",
                    ),
                    _i(
                        "km-groepsalertheid",
                        "De hele groep blijft betrokken",
                        "De leraar houdt de hele groep alert, bijvoorbeeld door een vraag aan "
                        "iedereen te stellen voor een leerling het woord krijgt.",
                    ),
                ],
            },
            {
                "name": "Relatie",
                "indicators": [
                    _i(
                        "km-warm-contact",
                        "Warm en respectvol contact",
                        "De leraar spreekt leerlingen vriendelijk en bij naam aan, toont interesse "
                        "en blijft respectvol, ook bij een correctie.",
                    ),
                    _i(
                        "km-veilig-klimaat",
                        "Veilig klasklimaat",
                        "Leerlingen durven vragen te stellen en fouten te maken; uitlachen of "
                        "kleineren wordt niet toegelaten.",
                    ),
                    _i(
                        "km-nabijheid",
                        "Aandacht voor elke leerling",
                        "De leraar beweegt door de klas en maakt contact met alle leerlingen, ook "
                        "met de stille of moeilijk bereikbare.",
                    ),
                ],
            },
        ],
    },
    {
        "code": "hoge-verwachtingen",
        "core_practice": "high-expectations",
        "name": "Hoge verwachtingen",
        "description": "Geloven dat elke leerling kan groeien en dat tonen: denktijd (naar "
        "Rowe), vragen voor iedereen zonder ‘opt-out’, uitdagende taken en taal die groei "
        "benadrukt, met steun in plaats van een lagere lat.",
        "scale": SCALE_FOUR_POINTS,
        "domains": [
            {
                "name": "Denktijd en vragen voor iedereen",
                "indicators": [
                    _i(
                        "hv-wachttijd-na-vraag",
                        "Wachttijd na een vraag",
                        "Na een vraag wacht de leraar enkele seconden (naar Rowe minstens drie) "
                        "voor iemand het woord krijgt, zodat alle leerlingen kunnen nadenken.",
                    ),
                    _i(
                        "hv-wachttijd-na-antwoord",
                        "Wachttijd na een antwoord",
                        "Ook na een antwoord laat de leraar even stilte, zodat de leerling kan "
                        "aanvullen en anderen kunnen reageren.",
                    ),
                    _i(
                        "hv-iedereen-antwoordt",
                        "Iedereen antwoordt",
                        "De leraar gebruikt werkvormen waarbij alle leerlingen antwoorden "
                        "(wisbordjes, beurtstokjes, denken-delen-uitwisselen) in plaats van "
                        "enkel opgestoken vingers.",
                    ),
                    _i(
                        "hv-geen-opt-out",
                        "Geen ‘ik weet het niet’ als eindpunt",
                        "Een leerling die het antwoord niet weet, komt later terug aan bod met "
                        "een juist of verbeterd antwoord (‘no opt-out’).",
                    ),
                    _i(
                        "hv-doorvragen",
                        "Doorvragen naar het denken",
                        "De leraar vraagt door (‘Hoe weet je dat?’, ‘Kun je dat uitleggen?’) in "
                        "plaats van een antwoord enkel goed of fout te keuren.",
                    ),
                ],
            },
            {
                "name": "Uitdagende taken",
                "indicators": [
                    _i(
                        "hv-uitdagend-voor-iedereen",
                        "Uitdaging voor iedereen",
                        "Taken vragen denkwerk van alle leerlingen, ook van wie het moeilijk "
                        "heeft; de lat gaat niet omlaag, er komt steun om ze te halen.",
                    ),
                    _i(
                        "hv-hogere-denkvragen",
                        "Hogere denkvragen",
                        "Naast reproductievragen stelt de leraar vragen die leerlingen laten "
                        "vergelijken, verklaren, toepassen of beoordelen.",
                    ),
                    _i(
                        "hv-lat-voor-kwaliteit",
                        "Een lat voor kwaliteit",
                        "De leraar vraagt om een volledig en correct antwoord en laat half werk "
                        "niet zomaar passeren.",
                    ),
                ],
            },
            {
                "name": "Groeitaal en vertrouwen",
                "indicators": [
                    _i(
                        "hv-groeitaal",
                        "Groeitaal",
                        "De leraar spreekt over leren als iets dat groeit door inzet en "
                        "strategie (‘je kunt het nog niet’), niet over vaste aanleg.",
                    ),
                    _i(
                        "hv-gelijke-kansen",
                        "Gelijke kansen op beurten en aandacht",
                        "Alle leerlingen krijgen even vaak beurten, uitdagende vragen en "
                        "positieve aandacht, ongeacht hun vermeende niveau of achtergrond.",
                    ),
                    _i(
                        "hv-vertrouwen-uitspreken",
                        "Vertrouwen uitspreken",
                        "De leraar zegt uitdrukkelijk dat leerlingen het kunnen en biedt daarbij "
                        "concrete hulp aan.",
                    ),
                ],
            },
        ],
    },
    {
        "code": "groei-naar-zelfstandigheid",
        "core_practice": "growing-independence",
        "name": "Groei naar zelfstandigheid",
        "description": "Verantwoordelijkheid geleidelijk overdragen (naar Pearson & Gallagher: "
        "ik doe, wij doen, jullie doen, jij doet) en leerlingen leren hun werk te plannen, te "
        "monitoren en te evalueren.",
        "scale": SCALE_FOUR_POINTS,
        "domains": [
            {
                "name": "Geleidelijke overdracht van verantwoordelijkheid",
                "indicators": [
                    _i(
                        "zs-modelen",
                        "Voordoen en hardop denken (ik doe)",
                        "De leraar doet de taak voor en verwoordt hardop de denkstappen en "
                        "keuzes, zodat de aanpak zichtbaar wordt.",
                    ),
                    _i(
                        "zs-begeleide-inoefening",
                        "Begeleide inoefening (wij doen)",
                        "Leraar en leerlingen voeren de taak samen uit; de leraar geeft hints en "
                        "controleert het begrip voor de steun afneemt.",
                    ),
                    _i(
                        "zs-samen-oefenen",
                        "Samen oefenen (jullie doen)",
                        "Leerlingen werken in duo’s of groepjes aan de taak, met duidelijke "
                        "rollen en een bijdrage van elke leerling.",
                    ),
                    _i(
                        "zs-zelfstandig-toepassen",
                        "Zelfstandig toepassen (jij doet)",
                        "Leerlingen passen het geleerde alleen toe; de leraar observeert en helpt "
                        "gericht wie dat nodig heeft.",
                    ),
                    _i(
                        "zs-steun-afbouwen",
                        "Steun wordt bewust afgebouwd",
                        "De leraar laat los wanneer leerlingen er klaar voor zijn en neemt weer "
                        "over bij wie vastloopt.",
                    ),
                ],
            },
            {
                "name": "Zelfregulatie",
                "indicators": [
                    _i(
                        "zs-plannen",
                        "Plannen",
                        "Leerlingen denken vooraf na over doel, aanpak en tijd, eventueel met een "
                        "stappenplan of een planningsvraag.",
                    ),
                    _i(
                        "zs-monitoren",
                        "Monitoren",
                        "Tijdens het werk gaan leerlingen zelf na of hun aanpak werkt, "
                        "bijvoorbeeld met een checklist of een voorbeeld.",
                    ),
                    _i(
                        "zs-evalueren",
                        "Evalueren en reflecteren",
                        "Na de taak kijken leerlingen terug: wat lukte, wat doe ik een volgende "
                        "keer anders, wat heb ik geleerd?",
                    ),
                    _i(
                        "zs-zelf-hulp-zoeken",
                        "Zelf hulp zoeken",
                        "Leerlingen weten wat ze doen als ze vastlopen (eerst zelf, dan een "
                        "klasgenoot, dan de leraar) en gebruiken hulpmiddelen zelfstandig.",
                    ),
                ],
            },
            {
                "name": "Keuze en eigenaarschap",
                "indicators": [
                    _i(
                        "zs-keuzes",
                        "Keuzes binnen kaders",
                        "Leerlingen krijgen keuzes in aanpak, volgorde, materiaal of tempo, "
                        "binnen duidelijke kaders.",
                    ),
                    _i(
                        "zs-leerdoel-kennen",
                        "Leerlingen kennen hun leerdoel",
                        "Leerlingen kunnen zeggen waaraan ze werken en waarom, en hoe ze merken "
                        "dat ze het doel bereikt hebben.",
                    ),
                    _i(
                        "zs-verantwoordelijkheid",
                        "Verantwoordelijkheid in de klas",
                        "Leerlingen nemen taken op voor de klas (materiaal, planning, elkaar "
                        "helpen) en voeren die ook echt zelf uit.",
                    ),
                ],
            },
        ],
    },
    {
        "code": "taalgericht-vakonderwijs",
        "core_practice": "language-oriented-teaching",
        "name": "Taalgericht vakonderwijs",
        "description": "De vakinhoud leren via taal, naar de drie pijlers van Hajer & "
        "Meestringa: context, interactie en taalsteun, met steigers (scaffolding) die "
        "geleidelijk worden afgebouwd.",
        "scale": SCALE_FOUR_POINTS,
        "domains": [
            {
                "name": "Context",
                "indicators": [
                    _i(
                        "tv-voorkennis",
                        "Aansluiten bij voorkennis",
                        "De leraar activeert wat leerlingen al weten en meemaakten over het "
                        "onderwerp, ook vanuit hun thuistaal.",
                    ),
                    _i(
                        "tv-betekenisvolle-context",
                        "Betekenisvolle context",
                        "Het onderwerp wordt ingebed in een herkenbare situatie, een probleem of "
                        "beeldmateriaal, zodat de vaktaal betekenis krijgt.",
                    ),
                    _i(
                        "tv-aanschouwelijk",
                        "Aanschouwelijke ondersteuning",
                        "De leraar gebruikt voorwerpen, beelden, schema’s of gebaren om "
                        "begrippen concreet te maken.",
                    ),
                ],
            },
            {
                "name": "Interactie",
                "indicators": [
                    _i(
                        "tv-leerlingen-praten",
                        "Leerlingen praten over de leerstof",
                        "Opdrachten laten leerlingen met elkaar over de inhoud praten: uitleggen, "
                        "redeneren, overleggen, niet enkel luisteren.",
                    ),
                    _i(
                        "tv-open-vragen",
                        "Open vragen en lange beurten",
                        "De leraar stelt vragen die om meer dan één woord vragen en geeft ruimte "
                        "om een antwoord in eigen woorden op te bouwen.",
                    ),
                    _i(
                        "tv-gespreide-spreektijd",
                        "Gespreide spreektijd",
                        "Niet enkel de leraar of enkele leerlingen spreken; werkvormen zorgen "
                        "ervoor dat iedereen taal produceert.",
                    ),
                    _i(
                        "tv-voortbouwen",
                        "Voortbouwen op leerlingtaal",
                        "De leraar reageert inhoudelijk op wat leerlingen zeggen en bouwt er "
                        "samen met hen op verder.",
                    ),
                ],
            },
            {
                "name": "Taalsteun",
                "indicators": [
                    _i(
                        "tv-vaktaal-expliciet",
                        "Vaktaal expliciet aanbieden",
                        "Vakbegrippen en typische formuleringen worden uitgelegd en herhaald, ook "
                        "schooltaalwoorden zoals ‘verklaar’ of ‘vergelijk’.",
                    ),
                    _i(
                        "tv-scaffolding",
                        "Steigers bij spreken en schrijven",
                        "Leerlingen krijgen zinsbeginnen, woordenlijsten, schrijfkaders of een "
                        "voorbeeldtekst, die later weer worden afgebouwd.",
                    ),
                    _i(
                        "tv-taalfeedback",
                        "Feedback op taal én inhoud",
                        "De leraar herformuleert antwoorden in correcte vaktaal en laat "
                        "leerlingen die formulering zelf gebruiken, zonder het gesprek te "
                        "onderbreken.",
                    ),
                    _i(
                        "tv-vakteksten",
                        "Ondersteuning bij vakteksten",
                        "Bij het lezen van vakteksten helpt de leraar met een leesdoel, "
                        "voorspellen, moeilijke woorden en samenvatten in eigen woorden.",
                    ),
                ],
            },
        ],
    },
    {
        "code": "doelgerichte-differentiatie",
        "core_practice": "purposeful-differentiation",
        "name": "Doelgerichte differentiatie",
        "description": "Convergent differentiëren: één doel voor de hele groep, verschillende "
        "routes ernaartoe. Pre-teaching en verlengde instructie voor wie het nodig heeft, "
        "verdieping voor wie verder kan, en formatieve evaluatie die de groepering bepaalt.",
        "scale": SCALE_FOUR_POINTS,
        "domains": [
            {
                "name": "Eén doel, verschillende routes",
                "indicators": [
                    _i(
                        "dd-gemeenschappelijk-doel",
                        "Een gemeenschappelijk lesdoel",
                        "Alle leerlingen werken naar hetzelfde kerndoel en de leraar maakt dat "
                        "doel voor iedereen duidelijk.",
                    ),
                    _i(
                        "dd-verschillende-routes",
                        "Verschillende routes naar het doel",
                        "Leerlingen bereiken het doel via verschillende wegen: meer of minder "
                        "instructie, ander materiaal, een andere verwerking.",
                    ),
                    _i(
                        "dd-ondergrens",
                        "Een bewaakte ondergrens",
                        "De leraar zorgt dat ook zwakkere leerlingen het basisdoel halen, in "
                        "plaats van hun een lager doel te geven.",
                    ),
                ],
            },
            {
                "name": "Instructie op maat",
                "indicators": [
                    _i(
                        "dd-pre-teaching",
                        "Pre-teaching",
                        "Leerlingen die het nodig hebben, krijgen vooraf instructie op woorden of "
                        "voorkennis, zodat ze de klassikale les kunnen volgen.",
                    ),
                    _i(
                        "dd-verlengde-instructie",
                        "Verlengde instructie",
                        "Na een korte gezamenlijke instructie krijgt een groepje verlengde "
                        "instructie, terwijl de anderen zelfstandig verder werken.",
                    ),
                    _i(
                        "dd-verdieping",
                        "Verdieping voor wie verder kan",
                        "Leerlingen die het doel al bereikten, krijgen verdiepende taken bij "
                        "hetzelfde doel, geen extra van hetzelfde.",
                    ),
                    _i(
                        "dd-zelfstandig-werk",
                        "Zelfstandig werk maakt ruimte",
                        "De rest van de klas weet wat te doen tijdens de verlengde instructie, "
                        "zodat de leraar ononderbroken kan begeleiden.",
                    ),
                ],
            },
            {
                "name": "Formatief evalueren stuurt de groepering",
                "indicators": [
                    _i(
                        "dd-begrip-checken",
                        "Begrip checken bij iedereen",
                        "De leraar gaat tijdens de les bij alle leerlingen na of ze het begrijpen "
                        "(wisbordjes, korte opdracht), niet alleen bij vrijwilligers.",
                    ),
                    _i(
                        "dd-flexibele-groepen",
                        "Flexibele groepen",
                        "Groepen worden samengesteld op basis van wat leerlingen nu laten zien en "
                        "wisselen per doel, niet op basis van een vast niveaulabel.",
                    ),
                    _i(
                        "dd-bijsturen",
                        "Bijsturen tijdens de les",
                        "Op basis van wat de leraar ziet, past hij of zij de instructie, het "
                        "tempo of de groepering meteen aan.",
                    ),
                    _i(
                        "dd-afsluitende-check",
                        "Afsluitende check",
                        "Aan het eind van de les gaat de leraar na wie het doel bereikt heeft, "
                        "als vertrekpunt voor de volgende les.",
                    ),
                ],
            },
        ],
    },
    {
        "code": "betrokkenheid-leuvense-schaal",
        "core_practice": None,
        "name": "Betrokkenheid scannen (Leuvense Betrokkenheidsschaal)",
        "description": "Naar de Leuvense Betrokkenheidsschaal van Laevers, voor spel en leren "
        "van jonge kinderen. Observeer een kind ongeveer twee minuten en scoor de "
        "betrokkenheid van 1 tot 5 aan de hand van de signalen hieronder; hoge betrokkenheid "
        "wijst op diepgaand leren.",
        "scale": SCALE_LEUVEN,
        "domains": [
            {
                "name": "Aandacht en inzet",
                "indicators": [
                    _i(
                        "lb-concentratie",
                        "Concentratie",
                        "De aandacht is gericht op de activiteit; prikkels uit de omgeving leiden "
                        "het kind nauwelijks af.",
                    ),
                    _i(
                        "lb-energie",
                        "Energie",
                        "Het kind steekt veel energie in de activiteit: het werkt geestdriftig, "
                        "praat luid of is lichamelijk sterk betrokken.",
                    ),
                    _i(
                        "lb-doorzetting",
                        "Doorzetting",
                        "Het kind laat de activiteit niet snel los, zet door bij een moeilijkheid "
                        "en wil verder als de activiteit moet stoppen.",
                    ),
                ],
            },
            {
                "name": "Denken en handelen",
                "indicators": [
                    _i(
                        "lb-complexiteit-creativiteit",
                        "Complexiteit en creativiteit",
                        "Het kind zet al zijn mogelijkheden in: het gedrag gaat verder dan "
                        "routine en krijgt een eigen, creatieve wending.",
                    ),
                    _i(
                        "lb-precisie",
                        "Precisie",
                        "Het kind werkt nauwkeurig, heeft oog voor details en gaat zorgvuldig om "
                        "met het materiaal.",
                    ),
                    _i(
                        "lb-reactietijd",
                        "Reactietijd",
                        "Het kind reageert snel en alert op nieuwe prikkels die met de "
                        "activiteit te maken hebben.",
                    ),
                ],
            },
            {
                "name": "Uitdrukking en beleving",
                "indicators": [
                    _i(
                        "lb-gelaatsuitdrukking-houding",
                        "Gelaatsuitdrukking en houding",
                        "Gezicht en houding tonen aandacht: een geconcentreerde blik, ogen "
                        "gericht op de activiteit, een ingespannen houding.",
                    ),
                    _i(
                        "lb-taalgebruik",
                        "Taalgebruik",
                        "Het kind verwoordt wat het doet of ontdekt, vraagt om de activiteit te "
                        "herhalen of toont enthousiasme in woorden.",
                    ),
                    _i(
                        "lb-voldoening",
                        "Voldoening",
                        "Het kind toont voldoening over wat het bereikte: het bekijkt het "
                        "resultaat, wil het tonen of gaat er met zorg mee om.",
                    ),
                ],
            },
        ],
    },
]


def _version_content(apps: Any, version: Any) -> tuple:
    """The content of a version, comparable with `_entry_content`."""
    ScaleLevel = apps.get_model("observations", "ScaleLevel")
    Domain = apps.get_model("observations", "Domain")
    Indicator = apps.get_model("observations", "Indicator")
    scale = tuple(
        ScaleLevel.objects.filter(version=version)
        .order_by("value")
        .values_list("value", "label", "anchor")
    )
    indicators: dict[int, list[tuple]] = {}
    for domain_id, key, text, description in (
        Indicator.objects.filter(version=version)
        .order_by("order")
        .values_list("domain_id", "key", "text", "description")
    ):
        indicators.setdefault(domain_id, []).append((key, text, description))
    domains = tuple(
        (name, tuple(indicators.get(pk, [])))
        for pk, name in Domain.objects.filter(version=version)
        .order_by("order")
        .values_list("pk", "name")
    )
    return scale, domains


def _entry_content(entry: dict[str, Any]) -> tuple:
    scale = tuple((s["value"], s["label"], s["anchor"]) for s in entry["scale"])
    domains = tuple(
        (d["name"], tuple((i["key"], i["text"], i["description"]) for i in d["indicators"]))
        for d in entry["domains"]
    )
    return scale, domains


def write_version_content(
    apps: Any, version: Any, *, domains: list[dict[str, Any]], scale: list[dict[str, Any]]
) -> None:
    """Create the scale, domains and indicators of a new, empty version (keys given)."""
    ScaleLevel = apps.get_model("observations", "ScaleLevel")
    Domain = apps.get_model("observations", "Domain")
    Indicator = apps.get_model("observations", "Indicator")
    ScaleLevel.objects.bulk_create(
        ScaleLevel(
            version=version,
            value=level["value"],
            label=level["label"],
            anchor=level.get("anchor", ""),
        )
        for level in scale
    )
    indicators = []
    for order, domain_data in enumerate(domains):
        domain = Domain.objects.create(version=version, name=domain_data["name"], order=order)
        indicators += [
            Indicator(
                domain=domain,
                version=version,
                key=item["key"],
                text=item["text"],
                description=item.get("description", ""),
                order=position,
            )
            for position, item in enumerate(domain_data["indicators"])
        ]
    Indicator.objects.bulk_create(indicators)


def seed(apps: Any) -> list[Any]:
    """Create or update the shipped kijkwijzers; returns them. Safe to run any number of times:
    matched on `code`, and a version is added only when the shipped content changed."""
    Framework = apps.get_model("observations", "Framework")
    FrameworkVersion = apps.get_model("observations", "FrameworkVersion")
    CorePractice = apps.get_model("cycles", "CorePractice")
    practices = {practice.code: practice for practice in CorePractice.objects.all()}
    frameworks = []
    for entry in SHIPPED:
        practice = practices.get(entry["core_practice"]) if entry["core_practice"] else None
        framework, _created = Framework.objects.update_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "description": entry["description"],
                "core_practice": practice,
                "school": None,
                "klub": None,
                "programme": None,
            },
        )
        latest = FrameworkVersion.objects.filter(framework=framework).order_by("-number").first()
        if latest is None or _version_content(apps, latest) != _entry_content(entry):
            # Never rewrite a version in place: observations may have been made with it.
            version = FrameworkVersion.objects.create(
                framework=framework, number=(latest.number + 1) if latest else 1
            )
            write_version_content(apps, version, domains=entry["domains"], scale=entry["scale"])
        frameworks.append(framework)
    return frameworks
