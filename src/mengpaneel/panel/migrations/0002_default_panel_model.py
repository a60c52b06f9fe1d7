"""The default panel model: the five categories of the workshops (docs/design.md, "The panel").

The texts are frozen here on purpose: a later change to the default model is a
new version made by an organiser, not an edit of this migration.
"""

from django.db import migrations

MODEL = {
    "key": "wijkgericht-werken",
    "name_nl": "Mengpaneel wijkgericht werken",
    "name_en": "Mixing panel for area-based working",
}

CATEGORIES = [
    {
        "key": "positioning",
        "name_nl": "Positionering intern",
        "name_en": "Internal positioning",
        "question_nl": "Waar staat het gebiedsgericht werken in de organisatie, en wat mag de wijkambtenaar zelf beslissen?",
        "question_en": "Where does area-based working sit in the organisation, and what may the area officer decide alone?",
        "top_nl": "brede opdracht met eigen budget of mandaat",
        "top_en": "broad assignment with own budget or mandate",
        "bottom_nl": "in een sectorteam, sterk in procesregie",
        "bottom_en": "in a sector team, strong in process management",
        "explanation_nl": "Bovenaan: wijkambtenaren werken over alle domeinen heen, hebben een eigen budget of mandaat en staan dicht bij directie en college. Onderaan: wijkambtenaren horen bij een sectorteam, zonder eigen budget of mandaat; hun kracht is het regelen van het proces. Geen van beide is beter. Met een eigen budget kun je zelf handelen, zonder budget heb je meer ruimte voor procesregie.",
        "explanation_en": "Top: area officers work across all domains, have their own budget or mandate and sit close to senior management and the executive. Bottom: area officers belong to a sector team, without their own budget or mandate; their strength is managing the process. Neither is better. A budget of your own lets you act yourself; without one there is more room for process management.",
    },
    {
        "key": "residents",
        "name_nl": "Proces met bewoners",
        "name_en": "Process with residents",
        "question_nl": "Hoe gaat de gemeente om met initiatieven en signalen van bewoners?",
        "question_en": "How does the municipality deal with residents' initiatives and signals?",
        "top_nl": "vaste aanpak voor initiatieven en lokale democratie",
        "top_en": "a standing approach to initiatives and local democracy",
        "bottom_nl": "per situatie bekeken",
        "bottom_en": "judged case by case",
        "explanation_nl": "Bovenaan: er zijn vaste routes en instrumenten voor bewonersinitiatieven en lokale democratie, en de gemeente moedigt bewoners actief aan. Onderaan: per geval kijkt de gemeente wie het oppakt; signalen van bewoners komen overal in de organisatie binnen. Dan voelt iedereen zich betrokken, maar het kan ook versnipperen.",
        "explanation_en": "Top: there are standing routes and instruments for residents' initiatives and local democracy, and the municipality actively encourages residents. Bottom: each case is looked at on its own; signals from residents come in anywhere in the organisation. Everyone then feels involved, but the work can also fragment.",
    },
    {
        "key": "internal_process",
        "name_nl": "Proces binnen de gemeente",
        "name_en": "Process within the municipality",
        "question_nl": "Zijn er vaste werkprocessen die het gebied als uitgangspunt nemen?",
        "question_en": "Are there fixed work processes that start from the area?",
        "top_nl": "vaste gebiedscyclus, gebied in elk beleidsplan",
        "top_en": "a fixed area cycle, the area in every policy plan",
        "bottom_nl": "geen vast gebiedsproces, uitvoering per sector",
        "bottom_en": "no fixed area process, carried out per sector",
        "explanation_nl": "Bovenaan: de werkprocessen zijn helder en vast, met een gebiedscyclus en een gebiedsparagraaf in elk beleidsplan. Onderaan: er is geen vast proces voor het gebied; er zijn misschien wel gebiedsagenda's, maar elke sector voert zijn eigen deel uit.",
        "explanation_en": "Top: work processes are clear and fixed, with an area cycle and an area section in every policy plan. Bottom: there is no fixed process for the area; there may be area agendas, but each sector carries out its own part.",
    },
    {
        "key": "governance",
        "name_nl": "Bestuur en politiek",
        "name_en": "Executive and politics",
        "question_nl": "Hoe stevig staat het gebiedsgericht werken op de agenda van het college?",
        "question_en": "How firmly is area-based working on the executive's agenda?",
        "top_nl": "vast op de bestuurlijke agenda",
        "top_en": "firmly on the executive's agenda",
        "bottom_nl": "weinig vaste betrokkenheid van het bestuur",
        "bottom_en": "little structural involvement of the executive",
        "explanation_nl": "Bovenaan: het college is structureel betrokken, bijvoorbeeld met een wethouder per gebied, en gebiedsgericht werken hoort bij de manier waarop de gemeente stuurt. Onderaan: het bestuur is er af en toe bij, maar niet vanuit een vaste rol.",
        "explanation_en": "Top: the executive is involved structurally, for example with an alderman per area, and area-based working is part of how the municipality is steered. Bottom: the executive joins in now and then, but not from a fixed role.",
    },
    {
        "key": "communication",
        "name_nl": "Communicatie",
        "name_en": "Communication",
        "question_nl": "Communiceert de gemeente per gebied, of voor de hele gemeente tegelijk?",
        "question_en": "Does the municipality communicate per area, or for the whole municipality at once?",
        "top_nl": "per gebied georganiseerd, ook intern",
        "top_en": "organised per area, internally too",
        "bottom_nl": "gemeentebreed, per gebied alleen als het nodig is",
        "bottom_en": "municipality-wide, per area only when needed",
        "explanation_nl": "Bovenaan: de communicatie is per gebied georganiseerd en de interne communicatie besteedt aandacht aan de gebieden. Onderaan: de gemeente communiceert voor de hele gemeente; alleen als een situatie erom vraagt, gebeurt dat per gebied.",
        "explanation_en": "Top: communication is organised per area and internal communication pays attention to the areas. Bottom: the municipality communicates for the whole municipality; only when a situation asks for it does that happen per area.",
    },
]


def load(apps, schema_editor):
    PanelModel = apps.get_model("panel", "PanelModel")
    Category = apps.get_model("panel", "Category")
    if PanelModel.objects.filter(key=MODEL["key"]).exists():
        return
    panel_model = PanelModel.objects.create(**MODEL, version=1, is_current=True)
    Category.objects.bulk_create(
        Category(panel_model=panel_model, order=order, **category)
        for order, category in enumerate(CATEGORIES, start=1)
    )


def unload(apps, schema_editor):
    PanelModel = apps.get_model("panel", "PanelModel")
    PanelModel.objects.filter(key=MODEL["key"], version=1, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("panel", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
