"""The coherence rules of the default panel model (docs/design.md, "Coherence"; docs/coherence-rules.md).

The first two come from the source; the others are tensions a practitioner of
area-based working recognises. Every rule points to a tension between two
choices, never to one pole being wrong. The texts are frozen here on purpose:
organisers change rules in the admin, not by editing this migration.
"""

from django.db import migrations

DEFAULT_MODEL_KEY = "wijkgericht-werken"

RULES = [
    {
        "key": "positioning_vs_residents",
        "conditions": [("positioning", ">=", 1), ("residents", "<=", -1)],
        "title_nl": "Goed gepositioneerd, maar geen vaste route voor initiatieven van bewoners",
        "title_en": "Well positioned, but no standing route for residents' initiatives",
        "explanation_nl": "De wijkambtenaar heeft een stevige plek in de organisatie. Toch is er geen vaste aanpak voor wat bewoners zelf willen doen. Initiatieven komen overal binnen en niemand is echt de eigenaar. Dan kost het de wijkambtenaar veel moeite om een initiatief van de grond te krijgen, ondanks de goede positie.",
        "explanation_en": "The area officer has a strong place in the organisation. Still, there is no standing approach for what residents want to do themselves. Initiatives come in anywhere and nobody really owns them. Despite the good position, getting an initiative off the ground then takes the area officer a lot of effort.",
        "questions_nl": "Waar komt een initiatief van bewoners nu binnen, en wie pakt het op?\nKan de wijkambtenaar het eigen budget of mandaat gebruiken om één vaste route voor initiatieven te maken?\nWelk initiatief liep de laatste tijd vast, en op welk moment?",
        "questions_en": "Where does a residents' initiative come in today, and who picks it up?\nCould the area officer use their own budget or mandate to set up one standing route for initiatives?\nWhich initiative got stuck recently, and at what point?",
    },
    {
        "key": "governance_vs_internal_process",
        "conditions": [("governance", ">=", 2), ("internal_process", "<=", -1)],
        "title_nl": "Veel aandacht van het bestuur, maar geen vast werkproces over de domeinen heen",
        "title_en": "Strong attention from the executive, but no fixed process across domains",
        "explanation_nl": "Het college wil gebiedsgericht werken en laat dat zien. Maar in de organisatie komen de domeinen niet vanzelf bij elkaar: elk team voert zijn eigen deel uit. Plannen voor een gebied blijven dan hangen tussen de wens van het bestuur en de uitvoering. Oplossingen voor het gebied komen niet van de grond.",
        "explanation_en": "The executive wants area-based working and shows it. But inside the organisation the domains do not come together by themselves: each team carries out its own part. Plans for an area then stay stuck between the executive's wish and the work itself. Solutions for the area do not get off the ground.",
        "questions_nl": "Wie maakt van een wens van de wethouder een gezamenlijke opdracht voor het fysieke en het sociale domein?\nPast een gebiedscyclus, of een vaste gebiedsparagraaf in elk plan, bij jullie gemeente?\nKan het college vragen om één gezamenlijk voorstel per gebied, in plaats van losse voorstellen per sector?",
        "questions_en": "Who turns a wish of the alderman into a joint assignment for the physical and the social domain?\nWould an area cycle, or a fixed area section in every plan, suit your municipality?\nCould the executive ask for one joint proposal per area instead of separate proposals per sector?",
    },
    {
        "key": "residents_vs_internal_process",
        "conditions": [("residents", ">=", 1), ("internal_process", "<=", -1)],
        "title_nl": "Bewoners krijgen ruimte, maar hun initiatief loopt vast tussen de afdelingen",
        "title_en": "Residents get room, but their initiative gets stuck between departments",
        "explanation_nl": "Er zijn goede routes en instrumenten voor bewoners, en de gemeente moedigt initiatief aan. Maar binnen de gemeente is er geen vast proces per gebied. Een initiatief dat meer afdelingen raakt, moet bij elke afdeling apart langs. Bewoners merken dat: het duurt lang en ze krijgen verschillende antwoorden.",
        "explanation_en": "There are good routes and instruments for residents, and the municipality encourages initiative. But inside the municipality there is no fixed process per area. An initiative that touches several departments has to pass each of them separately. Residents notice: it takes long and they get different answers.",
        "questions_nl": "Langs welke afdelingen moet een gewoon initiatief van bewoners, en wie houdt het overzicht?\nKan één vaste contactpersoon het initiatief door de hele organisatie begeleiden?\nWelke afspraak tussen het fysieke en het sociale domein zou initiatieven sneller helpen?",
        "questions_en": "Which departments does an ordinary residents' initiative have to pass, and who keeps the overview?\nCould one fixed contact person guide the initiative through the whole organisation?\nWhich agreement between the physical and the social domain would help initiatives along faster?",
    },
    {
        "key": "residents_vs_governance",
        "conditions": [("residents", ">=", 1), ("governance", "<=", -1)],
        "title_nl": "Veel ruimte voor bewoners, weinig vaste betrokkenheid van het bestuur",
        "title_en": "Plenty of room for residents, little structural involvement of the executive",
        "explanation_nl": "Bewoners worden uitgenodigd om mee te denken en zelf iets te doen. Het college is daar niet vast bij betrokken. Vraagt een initiatief om geld, een keuze of een uitzondering op beleid, dan voelt geen bestuurder zich eigenaar. Bewoners kunnen dan teleurgesteld raken: de gemeente vroeg om hun inzet, maar maakt niet waar wat zij opbouwden.",
        "explanation_en": "Residents are invited to think along and to act themselves. The executive is not involved in this in a fixed way. When an initiative needs money, a choice or an exception to policy, no member of the executive feels it is theirs. Residents may then be disappointed: the municipality asked for their effort but does not follow through on what they built.",
        "questions_nl": "Welke besluiten over initiatieven horen bij het college, en hoe komen ze daar nu terecht?\nIs er een wethouder die het gesprek met bewoners over een gebied wil voeren?\nHoe vertellen jullie bewoners wat er met hun inzet gebeurt als het antwoord nee is?",
        "questions_en": "Which decisions about initiatives belong to the executive, and how do they get there now?\nIs there an alderman who wants to hold the conversation with residents about an area?\nHow do you tell residents what happens to their effort when the answer is no?",
    },
    {
        "key": "governance_vs_positioning",
        "conditions": [("governance", ">=", 1), ("positioning", "<=", -1)],
        "title_nl": "Het bestuur verwacht veel in het gebied, de wijkambtenaar heeft weinig ruimte",
        "title_en": "The executive expects a lot in the area, the area officer has little room",
        "explanation_nl": "Wethouders zijn betrokken bij de gebieden, soms als wijkwethouder, en spreken de wijkambtenaar direct aan. Maar de wijkambtenaar zit in een sectorteam, zonder eigen budget of mandaat. Vragen van het bestuur komen dan bij iemand die ze niet zelf kan oppakken. Dat geeft druk, of het werk gaat buiten de lijn om. Zonder budget kan de kracht juist in procesregie liggen, als die rol ook zo is afgesproken.",
        "explanation_en": "Aldermen are involved in the areas, sometimes as area alderman, and speak to the area officer directly. But the area officer sits in a sector team, without their own budget or mandate. Questions from the executive then land with someone who cannot take them up alone. That creates pressure, or the work goes around the line. Without a budget the strength can lie in process management, if that role is agreed as such.",
        "questions_nl": "Wat vraagt de wethouder van de wijkambtenaar, en wat mag die daarin zelf beslissen?\nHoe krijgt de wijkambtenaar als procesregisseur de collega's met budget aan tafel?\nIs er een klein werkbudget of mandaat nodig, of juist een heldere afspraak met de leidinggevenden in de lijn?",
        "questions_en": "What does the alderman ask of the area officer, and what may the officer decide alone?\nHow does the area officer, as process manager, get the colleagues who hold the budgets to the table?\nIs a small working budget or mandate needed, or rather a clear agreement with the line managers?",
    },
    {
        "key": "positioning_vs_internal_process",
        "conditions": [("positioning", ">=", 2), ("internal_process", "<=", -1)],
        "title_nl": "Een sterke wijkambtenaar in een organisatie zonder vast gebiedsproces",
        "title_en": "A strong area officer in an organisation without a fixed area process",
        "explanation_nl": "De wijkambtenaar heeft een brede opdracht en een eigen budget of mandaat. De rest van de organisatie werkt niet vanuit het gebied. Dan hangt veel af van die ene persoon: wat die regelt, gebeurt, de rest blijft liggen. Vertrekt de persoon, dan verdwijnen ook kennis en netwerk. Oplossingen worden geen deel van het gewone werk.",
        "explanation_en": "The area officer has a broad assignment and their own budget or mandate. The rest of the organisation does not work from the area. Much then depends on that one person: what they arrange happens, the rest stays put. When the person leaves, knowledge and network leave too. Solutions do not become part of the ordinary work.",
        "questions_nl": "Wat gebeurt er met het werk in het gebied als de wijkambtenaar een half jaar weg is?\nWelke afspraken van de wijkambtenaar kunnen een vast deel worden van het werk van de sectoren?\nKan het budget collega's laten meedoen, in plaats van dat de wijkambtenaar het zelf doet?",
        "questions_en": "What happens to the work in the area if the area officer is away for six months?\nWhich of the area officer's arrangements could become a fixed part of the sectors' work?\nCould the budget get colleagues to join in, instead of the area officer doing it alone?",
    },
    {
        "key": "residents_vs_communication",
        "conditions": [("residents", ">=", 1), ("communication", "<=", -1)],
        "title_nl": "Veel instrumenten voor bewoners, maar geen communicatie per gebied",
        "title_en": "Many instruments for residents, but no communication per area",
        "explanation_nl": "De gemeente heeft routes en geld voor initiatieven. Maar de communicatie gaat vooral over de hele gemeente tegelijk. Bewoners in een wijk weten dan niet wat er voor hen is, en horen weinig terug over wat er met hun idee of signaal gebeurt. Zo bereiken de instrumenten vooral bewoners die de weg al kennen.",
        "explanation_en": "The municipality has routes and money for initiatives. But communication mostly addresses the whole municipality at once. Residents of a neighbourhood then do not know what is there for them, and hear little back about what happens to their idea or signal. So the instruments mainly reach residents who already know the way.",
        "questions_nl": "Hoe horen bewoners in dit gebied dat er geld en hulp is voor initiatieven?\nWie vertelt een bewoner wat er met zijn of haar signaal is gedaan?\nWelke bewoners bereiken jullie nu niet, en via wie zou dat wel lukken?",
        "questions_en": "How do residents in this area hear that there is money and help for initiatives?\nWho tells residents what has been done with their signal?\nWhich residents do you not reach now, and through whom could you?",
    },
    {
        "key": "internal_process_vs_positioning",
        "conditions": [("internal_process", ">=", 1), ("positioning", "<=", -1)],
        "title_nl": "Een vaste gebiedscyclus, maar niemand in het gebied die mag schakelen",
        "title_en": "A fixed area cycle, but nobody in the area who may act on it",
        "explanation_nl": "Er is een duidelijk proces: gebiedsplannen, een cyclus, een gebiedsparagraaf in het beleid. Maar de wijkambtenaar zit in een sectorteam, zonder mandaat of budget. Wat in de cyclus is afgesproken, gaat langs de lijnen terug de organisatie in. Voor wat tussendoor in het gebied opkomt, is weinig ruimte. Het gebiedsplan dreigt een plan op papier te worden.",
        "explanation_en": "There is a clear process: area plans, a cycle, an area section in policy. But the area officer sits in a sector team, without mandate or budget. What the cycle agrees goes back into the organisation along the lines. There is little room for what comes up in the area in between. The area plan risks becoming a plan on paper.",
        "questions_nl": "Wat doen jullie met een vraag uit het gebied die niet in het gebiedsplan staat?\nWie mag tussen twee rondes van de cyclus een kleine beslissing nemen?\nHelpt een klein gebiedsbudget, of een afspraak over snel beslissen, om de cyclus levend te houden?",
        "questions_en": "What do you do with a question from the area that is not in the area plan?\nWho may take a small decision between two rounds of the cycle?\nWould a small area budget, or an agreement on deciding quickly, keep the cycle alive?",
    },
    {
        "key": "governance_vs_residents",
        "conditions": [("governance", ">=", 2), ("residents", "<=", -2)],
        "title_nl": "Het bestuur staat dichtbij, en bewoners gaan rechtstreeks naar de wethouder",
        "title_en": "The executive is close, and residents go straight to the alderman",
        "explanation_nl": "Het college is sterk betrokken bij de gebieden. Maar er is geen vaste route voor wat bewoners zelf aandragen. Bewoners zoeken dan de wethouder op. Wie het hardst roept, krijgt het eerst aandacht; rustige wijken en stille bewoners komen minder aan bod. De ambtelijke organisatie hoort het pas als er al iets is beloofd.",
        "explanation_en": "The executive is closely involved in the areas. But there is no standing route for what residents bring in themselves. Residents then turn to the alderman. Whoever shouts loudest gets attention first; quiet neighbourhoods and quiet residents get less. The civil service hears of it only when something has already been promised.",
        "questions_nl": "Hoe komt een vraag die bij de wethouder binnenkomt bij de juiste collega terecht?\nWelke afspraak met het college helpt om signalen eerst samen te wegen?\nHoe zorgen jullie dat ook stille bewoners en rustige wijken gehoord worden?",
        "questions_en": "How does a question that reaches the alderman get to the right colleague?\nWhich agreement with the executive helps to weigh signals together first?\nHow do you make sure quiet residents and quiet neighbourhoods are heard too?",
    },
    {
        "key": "area_communication_vs_follow_up",
        "conditions": [
            ("communication", ">=", 1),
            ("residents", "<=", -1),
            ("internal_process", "<=", -1),
        ],
        "title_nl": "De gemeente is zichtbaar per gebied, maar wat bewoners aandragen krijgt geen vervolg",
        "title_en": "The municipality is visible per area, but what residents bring in has no follow-up",
        "explanation_nl": "De gemeente communiceert per gebied en is zichtbaar in de wijken. Dat nodigt bewoners uit om ideeën en zorgen te delen. Maar er is geen vaste aanpak voor initiatieven en geen vast proces per gebied in de organisatie. Zo wekt de gemeente verwachtingen die ze moeilijk kan waarmaken.",
        "explanation_en": "The municipality communicates per area and is visible in the neighbourhoods. That invites residents to share ideas and worries. But there is no standing approach to initiatives and no fixed process per area inside the organisation. So the municipality raises expectations it can hardly meet.",
        "questions_nl": "Wat belooft de communicatie in het gebied, en wie maakt dat waar?\nWelke weg volgt een idee dat een bewoner noemt op een avond in de wijk?\nMoet de communicatie per gebied wachten tot de route erachter klaar is, of kan die route klein beginnen?",
        "questions_en": "What does the communication in the area promise, and who makes it come true?\nWhich path does an idea take that a resident mentions at an evening in the neighbourhood?\nShould communication per area wait until the route behind it is ready, or can that route start small?",
    },
]


def load(apps, schema_editor):
    PanelModel = apps.get_model("panel", "PanelModel")
    CoherenceRule = apps.get_model("insights", "CoherenceRule")
    RuleCondition = apps.get_model("insights", "RuleCondition")
    # Every version of the default model: a database may already hold newer ones.
    for panel_model in PanelModel.objects.filter(key=DEFAULT_MODEL_KEY):
        keys = set(panel_model.categories.values_list("key", flat=True))
        for order, spec in enumerate(RULES, start=1):
            conditions = spec["conditions"]
            if not {key for key, _op, _threshold in conditions} <= keys:
                continue  # an organiser removed a fader this rule needs
            values = {k: v for k, v in spec.items() if k not in ("key", "conditions")}
            rule, created = CoherenceRule.objects.get_or_create(
                panel_model=panel_model, key=spec["key"], defaults={"order": order, **values}
            )
            if created:
                RuleCondition.objects.bulk_create(
                    RuleCondition(rule=rule, category_key=key, operator=op, threshold=threshold)
                    for key, op, threshold in conditions
                )


def unload(apps, schema_editor):
    CoherenceRule = apps.get_model("insights", "CoherenceRule")
    CoherenceRule.objects.filter(
        panel_model__key=DEFAULT_MODEL_KEY, key__in=[spec["key"] for spec in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("panel", "0002_default_panel_model"),
    ]

    operations = [migrations.RunPython(load, unload)]
