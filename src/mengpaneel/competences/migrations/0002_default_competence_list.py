"""The default competence list, in our own words after the source and the public-bricoleur
idea (the civil servant who works from outside in), and a copy of it for every existing
edition (new editions get theirs from the post_save receiver in ``signals``)."""

from django.db import migrations

# (name nl, name en, description nl, description en, faders it matters for)
DEFAULTS = [
    (
        "Netwerk in de wijk",
        "A network in the area",
        "Je kent de mensen, organisaties en plekken in de wijk en houdt die contacten warm.",
        "You know the people, organisations and places of the area and keep in touch.",
        ["residents", "communication"],
    ),
    (
        "Procesregie over domeinen heen",
        "Process direction across domains",
        "Je brengt collega's van verschillende afdelingen samen en houdt de vaart erin.",
        "You bring colleagues from different departments together and keep things moving.",
        ["internal_process", "positioning"],
    ),
    (
        "Fysiek en sociaal verbinden",
        "Connecting the physical and the social",
        "Je ziet dat een vraag over de buitenruimte ook over mensen gaat, en andersom.",
        "You see that a question about public space is also about people, and the other way round.",
        ["internal_process"],
    ),
    (
        "Bestuurlijke sensitiviteit",
        "Political and administrative sensitivity",
        "Je voelt aan wat er bij college en raad speelt en weet wanneer je hen erbij haalt.",
        "You sense what matters to the executive and the council, and know when to involve them.",
        ["governance", "positioning"],
    ),
    (
        "Improviseren met wat er is",
        "Improvising with what is there",
        "Je maakt een oplossing met de mensen, middelen en regels die er al zijn.",
        "You make a solution with the people, means and rules that are already there.",
        ["residents", "internal_process"],
    ),
    (
        "Van buiten naar binnen werken",
        "Working from outside in",
        "Je laat de vragen van bewoners het werk van de gemeente sturen, niet andersom.",
        "You let residents' questions steer the municipality's work, not the other way round.",
        ["residents", "communication"],
    ),
]


def load_defaults(apps, schema_editor):
    Competence = apps.get_model("competences", "Competence")
    Edition = apps.get_model("workshops", "Edition")
    for order, (name_nl, name_en, description_nl, description_en, faders) in enumerate(
        DEFAULTS, start=1
    ):
        values = {
            "name_nl": name_nl,
            "name_en": name_en,
            "description_nl": description_nl,
            "description_en": description_en,
            "fader_keys": faders,
            "order": order,
        }
        Competence.objects.create(edition=None, **values)
        for edition in Edition.objects.all():
            Competence.objects.create(edition=edition, **values)


def remove_defaults(apps, schema_editor):
    apps.get_model("competences", "Competence").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("competences", "0001_competences"),
        ("workshops", "0001_initial"),
    ]

    operations = [migrations.RunPython(load_defaults, remove_defaults)]
